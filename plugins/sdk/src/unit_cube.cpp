// Unit-cube transforms and condition checks over a vn_space: see vernier/sdk/unit_cube.hpp.
#include "vernier/sdk/unit_cube.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "vernier/sdk/plugin.hpp"

namespace vernier::sdk {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool is_categorical(const vn_param &p) { return p.type == VN_PARAM_CATEGORICAL; }
bool is_log(const vn_param &p) { return (p.flags & VN_PARAM_LOG) != 0 && !is_categorical(p); }
std::string name_of(const vn_param &p) { return p.name != nullptr ? p.name : "?"; }

double clamp_unit(double u) {
  if (!(u >= 0.0)) return 0.0;  // also catches NaN
  return u > 1.0 ? 1.0 : u;
}

// The ends of the log-space interval a stepped log parameter is sampled from: each end grid value gets a
// cell as wide (in log space) on its outer side as on its inner side, which reaches to the half-step.
// Working in ratios keeps both ends positive even when low < step / 2.
struct LogCells {
  double lower, upper;  // log of the outer edges
};
LogCells log_cells(const vn_param &p) {
  const double half = step_of(p) / 2;
  return {std::log(p.low) - std::log1p(half / p.low), std::log(p.high) + std::log(p.high / (p.high - half))};
}

}  // namespace

void check_space(const vn_space &space) {
  if (space.struct_size < VN_SIZE_THROUGH(vn_space, params))
    throw Error(VN_E_INCOMPATIBLE, "space: struct_size " + std::to_string(space.struct_size) + " is too small");
  if (space.n_params > 0 && space.params == nullptr) throw Error(VN_E_INVALID, "space: NULL params");
  for (uint32_t j = 0; j < space.n_params; ++j) {
    const vn_param &p = space.params[j];
    if (p.name == nullptr) throw Error(VN_E_INVALID, "space: parameter " + std::to_string(j) + " has no name");
    if (p.type > VN_PARAM_CATEGORICAL)
      throw Error(VN_E_UNSUPPORTED, "parameter '" + name_of(p) + "' has type " + std::to_string(p.type) +
                                        ", unknown to this plugin");
    if ((p.flags & ~(VN_PARAM_LOG | VN_PARAM_STEP)) != 0)
      throw Error(VN_E_UNSUPPORTED, "parameter '" + name_of(p) + "' has flags " + std::to_string(p.flags) +
                                        " with bits unknown to this plugin");
    if (is_categorical(p) && (p.n_choices == 0 || p.choices == nullptr))
      throw Error(VN_E_INVALID, "parameter '" + name_of(p) + "' has no choices");
    if (p.parent >= static_cast<int64_t>(j))
      throw Error(VN_E_INVALID, "parameter '" + name_of(p) + "': its parent must be an earlier parameter");
    if (p.parent >= 0 && p.n_active_when > 0 && p.active_when == nullptr)
      throw Error(VN_E_INVALID, "parameter '" + name_of(p) + "' has NULL active_when");
  }
}

void check_history(const vn_space &space, const vn_history &history) {
  if (history.struct_size < VN_SIZE_THROUGH(vn_history, last_intermediate))
    throw Error(VN_E_INCOMPATIBLE, "history: struct_size " + std::to_string(history.struct_size) + " is too small");
  if (history.n_params != space.n_params)
    throw Error(VN_E_INVALID, "history: " + std::to_string(history.n_params) + " parameters, the space has " +
                                  std::to_string(space.n_params));
  if (history.n_trials > 0 && (history.numbers == nullptr || history.states == nullptr ||
                               (history.n_params > 0 && history.params == nullptr) || history.values == nullptr))
    throw Error(VN_E_INVALID, "history: NULL array");
}

double step_of(const vn_param &p) {
  if (is_categorical(p) || p.type == VN_PARAM_INT) return (p.flags & VN_PARAM_STEP) && p.step > 0 ? p.step : 1.0;
  return (p.flags & VN_PARAM_STEP) ? p.step : 0.0;
}

uint64_t grid_count(const vn_param &p) {
  if (is_categorical(p)) return p.n_choices;
  const double step = step_of(p);
  if (!(step > 0)) return 0;
  const double intervals = std::floor((p.high - p.low) / step + 0.5);
  if (!(intervals >= 0 && intervals < 9e18))
    throw Error(VN_E_INVALID, "parameter '" + name_of(p) + "': its step grid is empty or too large");
  return static_cast<uint64_t>(intervals) + 1;
}

double grid_value(const vn_param &p, uint64_t k) {
  if (is_categorical(p)) return static_cast<double>(k);
  const uint64_t n = grid_count(p);
  if (k + 1 >= n) return p.high;
  return std::min(p.low + static_cast<double>(k) * step_of(p), p.high);
}

uint64_t grid_index(const vn_param &p, double value) {
  const uint64_t n = grid_count(p);
  const double position = is_categorical(p) ? value : (value - p.low) / step_of(p);
  if (n == 0 || !(position > 0)) return 0;  // NaN or below the grid
  if (position >= static_cast<double>(n - 1)) return n - 1;
  return static_cast<uint64_t>(std::floor(position + 0.5));
}

double snap(const vn_param &p, double value) {
  if (std::isnan(value)) return value;
  if (grid_count(p) > 0) return grid_value(p, grid_index(p, value));
  return std::clamp(value, p.low, p.high);
}

double from_unit(const vn_param &p, double u) {
  u = clamp_unit(u);
  const uint64_t n = grid_count(p);
  if (n == 1) return grid_value(p, 0);
  if (n == 0 && p.low == p.high) return p.low;
  if (n > 1) {
    if (is_log(p)) {
      const LogCells cells = log_cells(p);
      return snap(p, std::exp(cells.lower + u * (cells.upper - cells.lower)));
    }
    const auto k = static_cast<uint64_t>(u * static_cast<double>(n));  // equal mass per value
    return grid_value(p, std::min(k, n - 1));
  }
  if (u == 0.0 || u == 1.0) return u == 0.0 ? p.low : p.high;  // exact ends, whatever exp(log(x)) gives
  const double v = is_log(p) ? std::exp(std::log(p.low) + u * (std::log(p.high) - std::log(p.low)))
                             : p.low + u * (p.high - p.low);
  return std::clamp(v, p.low, p.high);
}

double to_unit(const vn_param &p, double value) {
  if (std::isnan(value)) return value;
  const uint64_t n = grid_count(p);
  if (n == 1 || (n == 0 && p.low == p.high)) return 0.5;
  if (n > 1) {
    const uint64_t k = grid_index(p, value);
    if (!is_log(p)) return (static_cast<double>(k) + 0.5) / static_cast<double>(n);
    // Centre, in log space, of the cell [left, right] that snap() rounds to grid value k.
    const LogCells cells = log_cells(p);
    const double g = grid_value(p, k);
    const double left = k == 0 ? cells.lower : std::log((grid_value(p, k - 1) + g) / 2);
    const double right = k + 1 == n ? cells.upper : std::log((g + grid_value(p, k + 1)) / 2);
    return ((left + right) / 2 - cells.lower) / (cells.upper - cells.lower);
  }
  const double u = is_log(p) ? (std::log(value) - std::log(p.low)) / (std::log(p.high) - std::log(p.low))
                             : (value - p.low) / (p.high - p.low);
  return clamp_unit(u);
}

bool is_active(const vn_space &space, uint32_t j, const double *point) {
  const vn_param &p = space.params[j];
  if (p.parent < 0) return true;
  if (static_cast<uint32_t>(p.parent) >= j)
    throw Error(VN_E_INVALID, "parameter '" + name_of(p) + "': its parent must be an earlier parameter");
  const double parent_value = point[p.parent];
  if (std::isnan(parent_value)) return false;  // the parent itself is inactive
  const double choice = std::floor(parent_value + 0.5);
  for (uint32_t i = 0; i < p.n_active_when; ++i)
    if (static_cast<double>(p.active_when[i]) == choice) return true;
  return false;
}

void fill_inactive(const vn_space &space, double *point) {
  for (uint32_t j = 0; j < space.n_params; ++j)
    if (!is_active(space, j, point)) point[j] = kNaN;
}

void sample_point(const vn_space &space, const double *unit_values, double *out) {
  for (uint32_t j = 0; j < space.n_params; ++j)
    out[j] = is_active(space, j, out) ? from_unit(space.params[j], unit_values[j]) : kNaN;
}

void point_to_unit(const vn_space &space, const double *point, double *unit_out) {
  for (uint32_t j = 0; j < space.n_params; ++j) unit_out[j] = to_unit(space.params[j], point[j]);
}

}  // namespace vernier::sdk
