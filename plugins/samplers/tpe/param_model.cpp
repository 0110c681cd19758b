// Parameters on the Parzen estimator's axis: see param_model.hpp.
#include "param_model.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/unit_cube.hpp"

namespace vernier::tpe {

using vernier::sdk::grid_count;
using vernier::sdk::grid_index;
using vernier::sdk::grid_value;
using vernier::sdk::snap;

bool is_fixed(const vn_param &p) {
  const uint64_t n = grid_count(p);
  return n == 1 || (n == 0 && p.low == p.high);
}

double fixed_value(const vn_param &p) { return grid_count(p) == 1 ? grid_value(p, 0) : p.low; }

ParamModel model_of(const vn_param &p, uint32_t index) {
  ParamModel m;
  m.index = index;
  m.param = &p;
  m.grid = grid_count(p);
  if (p.type == VN_PARAM_CATEGORICAL) {
    m.kind = ParamKind::Categorical;
    return m;
  }
  m.log = (p.flags & VN_PARAM_LOG) != 0;
  m.kind = m.grid > 0 ? ParamKind::Discrete : ParamKind::Continuous;
  if (m.kind == ParamKind::Continuous) {
    m.lower = m.to_model(p.low);
    m.upper = m.to_model(p.high);
  } else {
    // The outer edges of the end cells. For log parameters the cells are geometric about the end values
    // (low^2 / (low + h) and high^2 / (high - h)), as in the SDK's from_unit(), so both stay positive.
    const double half = vernier::sdk::step_of(p) / 2;
    if (m.log) {
      m.lower = std::log(p.low) - std::log1p(half / p.low);
      m.upper = std::log(p.high) + std::log(p.high / (p.high - half));
    } else {
      m.lower = p.low - half;
      m.upper = p.high + half;
    }
  }
  // A range wider than the largest double (say [-1e308, 1e308]) has no finite kernel width.
  if (!std::isfinite(m.upper - m.lower))
    throw vernier::sdk::invalid(std::string("parameter '") + (p.name != nullptr ? p.name : "?") +
                                "': its range is too wide for TPE's kernels (high - low overflows a double)");
  return m;
}

double ParamModel::from_model(double y) const {
  const double value = log ? std::exp(y) : y;
  return snap(*param, value);  // clamps, and rounds discrete values to their grid
}

void ParamModel::cell(double value, double &left, double &right) const {
  const vn_param &p = *param;
  const uint64_t k = grid_index(p, value);
  const double g = grid_value(p, k);
  auto edge = [this](double x) { return log ? std::log(x) : x; };
  left = k == 0 ? lower : edge((grid_value(p, k - 1) + g) / 2);
  right = k + 1 >= grid ? upper : edge((g + grid_value(p, k + 1)) / 2);
}

double ParamModel::log_jacobian(double value) const {
  return kind == ParamKind::Continuous && log ? -std::log(value) : 0.0;
}

}  // namespace vernier::tpe
