// The grid sampler's axes: the list of values each parameter takes in the grid.
#ifndef VERNIER_GRID_AXES_HPP
#define VERNIER_GRID_AXES_HPP

#include <boost/json/object.hpp>
#include <cstdint>
#include <vector>

#include "vernier/plugin/space.h"

namespace vernier_grid {

// One list of distinct internal values per parameter of the space, in the order the grid visits them.
using Axes = std::vector<std::vector<double>>;

// Checks the shape of the "values" option when the sampler is created, before any space is known:
// an object whose every entry is a non-empty array of numbers, strings or booleans (categorical choices are
// listed as written in the space). Throws Error(VN_E_INVALID).
void check_values_option(const boost::json::object &values);

// The axes of `space`: the values listed in `values` for the parameters it names (validated against the
// parameter's bounds, step and choices, and snapped exactly onto its grid), and for the others
// points_per_axis evenly spaced values (geometric for log parameters; every grid value of a discrete
// parameter that has at most points_per_axis of them; every choice of a categorical).
// Throws Error(VN_E_INVALID) for a name that is not a parameter or a value the parameter cannot take.
Axes build_axes(const vn_space &space, uint32_t points_per_axis, const boost::json::object &values);

}  // namespace vernier_grid

#endif  // VERNIER_GRID_AXES_HPP
