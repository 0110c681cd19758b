// Vernier plugin SDK: helpers over a search space (vn_space) for samplers and surrogates.
//
// Most samplers think in the unit cube: one u in [0,1) per parameter. These functions map such a u to a
// valid internal value of a parameter (and back), so every sampler honours bounds, log scales, step grids,
// categoricals and conditions in exactly the same way:
//  - floats: linear, or linear in log space with VN_PARAM_LOG;
//  - discrete parameters (ints, stepped floats): the interval is widened by half a step at each end and the
//    value rounded to the grid, so every grid value receives the same mass (with VN_PARAM_LOG, the same
//    widening done in log space, so each value gets mass proportional to its log-width);
//  - categoricals: choice index floor(u * n_choices);
//  - inactive conditional parameters: NaN.
// Inputs are assumed to satisfy the invariants the host checks (space.h); only what would otherwise be
// undefined behaviour is checked here (vernier::sdk::Error, VN_E_INVALID).
#ifndef VERNIER_SDK_UNIT_CUBE_HPP
#define VERNIER_SDK_UNIT_CUBE_HPP

#include <cstdint>

#include "vernier/plugin/space.h"

namespace vernier::sdk {

// Checks what a plugin must refuse rather than misread (space.h, VN-ABI-2): a vn_space older than ABI 1.0
// (VN_E_INCOMPATIBLE), a parameter type or flag bit this SDK does not know (VN_E_UNSUPPORTED), and
// structural damage the helpers below would otherwise turn into undefined behaviour: NULL arrays, a
// parent that is not an earlier parameter (VN_E_INVALID). Samplers call it first in suggest().
void check_space(const vn_space &space);

// Checks that a history is a complete ABI 1.0 struct (VN_E_INCOMPATIBLE) matching the space, with its
// arrays present when it has trials (VN_E_INVALID).
void check_history(const vn_space &space, const vn_history &history);

// The spacing of a parameter's grid: its step with VN_PARAM_STEP, 1 for ints and categoricals, 0 (none)
// for continuous floats.
double step_of(const vn_param &p);

// How many values a discrete parameter can take (choices, or grid points low + k*step up to high);
// 0 for a continuous float.
uint64_t grid_count(const vn_param &p);

// The k-th value of a discrete parameter, k < grid_count(p): low + k*step, the last one exactly `high`
// (so rounding never steps outside the bounds); a categorical's k-th value is k.
double grid_value(const vn_param &p, uint64_t k);

// The index of the grid value nearest to `value` (clamped to the grid). Discrete parameters only.
uint64_t grid_index(const vn_param &p, double value);

// Clamps `value` to [low, high] and, for discrete parameters, rounds it to the nearest grid value.
// NaN stays NaN.
double snap(const vn_param &p, double value);

// Maps u in [0,1] (clamped; NaN is taken as 0) to a valid internal value of p, as described above.
double from_unit(const vn_param &p, double u);

// The inverse of from_unit: a valid value of p to u in [0,1]. A discrete value maps to the centre of the
// cell of u's that from_unit rounds to it, so from_unit(to_unit(v)) == v exactly for every grid value.
// A degenerate continuous parameter (low == high) maps to 0.5. NaN maps to NaN.
double to_unit(const vn_param &p, double value);

// Whether parameter j is active in `point`, given point[0..j) already filled in order (inactive ones NaN):
// true without a parent; otherwise true when the parent is active and its choice is in active_when.
bool is_active(const vn_space &space, uint32_t j, const double *point);

// Sets every inactive parameter of point (n_params values) to NaN, in order, so children of an inactive
// parent become inactive too. Active values are left as they are.
void fill_inactive(const vn_space &space, double *point);

// Turns one unit value per parameter (n_params values, used or not, so a parameter's randomness never
// depends on which others are active) into a valid internal point: out[j] = from_unit(param j, u[j]) when
// active, NaN otherwise. out has n_params entries and may not alias unit_values.
void sample_point(const vn_space &space, const double *unit_values, double *out);

// The inverse of sample_point: each internal value to its unit value (NaN stays NaN).
void point_to_unit(const vn_space &space, const double *point, double *unit_out);

}  // namespace vernier::sdk

#endif  // VERNIER_SDK_UNIT_CUBE_HPP
