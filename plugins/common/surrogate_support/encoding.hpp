// The features a surrogate learns from: each parameter of a space that can vary becomes one feature.
//  - floats and ints: the parameter's unit-cube coordinate (vernier/sdk/unit_cube.hpp's to_unit: log
//    parameters in log space, discrete ones at the centre of their cell, i.e. the range widened by half a
//    step at each end, so each grid value owns an equal share of [0, 1]);
//  - categoricals: the choice index, compared only for equality by the models;
//  - an inactive conditional parameter (NaN): a fixed imputed value, the same in training and in queries,
//    so two points where a parameter is inactive agree on it. For numbers the imputed value is the
//    caller's choice (a GP wants one inside the cube, a tree one outside it); for categoricals it is an
//    extra level, n_choices.
// Parameters that cannot vary (a one-point range, a single choice) carry no information and get no
// feature. Values outside a parameter's range are clamped, as to_unit does; categorical indices are
// rounded and clamped to the choices.
#ifndef VERNIER_SURROGATES_ENCODING_HPP
#define VERNIER_SURROGATES_ENCODING_HPP

#include <cstdint>
#include <vector>

#include "space_copy.hpp"

namespace vernier::surrogates {

struct Feature {
  uint32_t param = 0;        // the parameter's index in the space
  bool categorical = false;  // compared for equality (levels) rather than by distance
  uint32_t levels = 0;       // categoricals: n_choices + 1 (the last level means "inactive"); else 0
};

class Encoding {
 public:
  Encoding() = default;
  Encoding(const vn_space &space, double inactive_number);

  std::size_t size() const { return features_.size(); }
  const std::vector<Feature> &features() const { return features_; }
  const SpaceCopy &space() const { return space_; }
  // Whether feature f is categorical, as one flag per feature.
  const std::vector<bool> &categorical() const { return categorical_; }

  // One internal point (space().size() values, NaN = inactive) to its size() features.
  void encode(const double *point, double *features) const;
  // n points, row-major, into an n x size() row-major buffer.
  void encode_rows(uint64_t n, const double *points, double *features) const;

 private:
  SpaceCopy space_;
  double inactive_number_ = 0.5;
  std::vector<Feature> features_;
  std::vector<bool> categorical_;
};

}  // namespace vernier::surrogates

#endif  // VERNIER_SURROGATES_ENCODING_HPP
