#include "encoding.hpp"

#include <cmath>

#include "vernier/sdk/unit_cube.hpp"

namespace vernier::surrogates {

namespace {

// Whether a parameter can take more than one value.
bool varies(const vn_param &p) {
  if (p.type == VN_PARAM_CATEGORICAL) return p.n_choices > 1;
  const uint64_t grid = sdk::grid_count(p);
  return grid == 0 ? p.low < p.high : grid > 1;
}

}  // namespace

Encoding::Encoding(const vn_space &space, double inactive_number) : space_(space), inactive_number_(inactive_number) {
  for (uint32_t j = 0; j < space_.size(); ++j) {
    const vn_param &p = space_.param(j);
    if (!varies(p)) continue;
    const bool categorical = p.type == VN_PARAM_CATEGORICAL;
    features_.push_back(Feature{j, categorical, categorical ? p.n_choices + 1 : 0});
    categorical_.push_back(categorical);
  }
}

void Encoding::encode(const double *point, double *out) const {
  for (std::size_t f = 0; f < features_.size(); ++f) {
    const Feature &feature = features_[f];
    const vn_param &p = space_.param(feature.param);
    const double v = point[feature.param];
    if (std::isnan(v)) {
      out[f] = feature.categorical ? static_cast<double>(p.n_choices) : inactive_number_;
    } else if (feature.categorical) {
      const double index = std::floor(v + 0.5);
      out[f] = index < 0 ? 0.0 : (index > p.n_choices - 1.0 ? p.n_choices - 1.0 : index);
    } else {
      out[f] = sdk::to_unit(p, v);
    }
  }
}

void Encoding::encode_rows(uint64_t n, const double *points, double *out) const {
  const std::size_t d = space_.size(), k = features_.size();
  for (uint64_t i = 0; i < n; ++i) encode(points + i * d, out + i * k);
}

}  // namespace vernier::surrogates
