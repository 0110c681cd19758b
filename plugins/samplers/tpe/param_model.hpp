// How the Parzen estimator sees one parameter: the axis its kernels live on ("model space") and how
// values map to and from it.
//
//  - continuous floats: the value itself, or its log with VN_PARAM_LOG; the support is [low, high] in that
//    space and densities are per unit of the parameter's own value (a log parameter's density carries
//    the Jacobian 1/x, so densities always integrate to 1 over [low, high]);
//  - discrete parameters (ints, stepped floats): the same axis, widened to the outer edges of the end
//    cells; grid value k owns the cell between the midpoints to its neighbours (in log space for log
//    parameters: the cells the SDK's from_unit() and snap() use), and its probability is the kernel's
//    mass on that cell, so probabilities over the grid sum to 1;
//  - categoricals: the choice index, with a kernel over choices (parzen_estimator.hpp);
//  - a parameter with a single possible value (low == high, one grid value, one choice) is "fixed": it
//    is never modelled, only set.
#ifndef VERNIER_TPE_PARAM_MODEL_HPP
#define VERNIER_TPE_PARAM_MODEL_HPP

#include <cmath>
#include <cstdint>

#include "vernier/plugin/space.h"

namespace vernier::tpe {

enum class ParamKind { Continuous, Discrete, Categorical };

struct ParamModel {
  uint32_t index = 0;               // the parameter's position in the space
  const vn_param *param = nullptr;  // the host's view: valid only during suggest()
  ParamKind kind = ParamKind::Continuous;
  bool log = false;
  double lower = 0, upper = 0;      // support in model space (numeric kinds)
  uint64_t grid = 0;                // number of values (discrete and categorical), 0 for continuous

  // Value -> model space (numeric kinds): log or identity, after clamping into [low, high] (values from
  // an older space may lie outside). NaN stays NaN.
  double to_model(double value) const {
    if (value != value) return value;  // NaN
    value = value < param->low ? param->low : value > param->high ? param->high : value;
    return log ? std::log(value) : value;
  }

  // Model space -> a valid value: back through exp for log, clamped, snapped to the grid when discrete.
  double from_model(double y) const;

  // The cell [left, right] in model space that a discrete value rounds to (its grid value's cell).
  void cell(double value, double &left, double &right) const;

  // log |d model / d value| at a value: -log(value) for log continuous parameters, 0 otherwise. Added to a
  // density in model space it gives the density per unit of the value.
  double log_jacobian(double value) const;
};

// Whether a parameter can take only one value, and that value (the host guarantees low == high or a
// single grid value / choice for such parameters).
bool is_fixed(const vn_param &p);
double fixed_value(const vn_param &p);

// The model of a parameter that is not fixed.
ParamModel model_of(const vn_param &p, uint32_t index);

}  // namespace vernier::tpe

#endif  // VERNIER_TPE_PARAM_MODEL_HPP
