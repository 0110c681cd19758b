// The grid sampler's axes: see grid_axes.hpp.
#include "grid_axes.hpp"

#include <algorithm>
#include <cmath>
#include <string>


#include "vernier/sdk/json.hpp"
#include "vernier/sdk/options.hpp"
#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/unit_cube.hpp"

namespace vernier_grid {
namespace bj = boost::json;
using vernier::sdk::Error;
using vernier::sdk::invalid;

namespace {

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string number_text(double v) { return vernier::sdk::describe_json(bj::value(v)); }

void append_unique(std::vector<double> &axis, double v) {
  if (std::find(axis.begin(), axis.end(), v) == axis.end()) axis.push_back(v);
}

// points_per_axis positions spread evenly over [0, 1], ends included (the midpoint when there is one).
double position(uint32_t i, uint32_t points) { return points == 1 ? 0.5 : static_cast<double>(i) / (points - 1); }

// The default axis of a parameter nobody listed values for.
std::vector<double> default_axis(const vn_param &p, uint32_t points) {
  std::vector<double> axis;
  const uint64_t grid = vernier::sdk::grid_count(p);
  if (p.type == VN_PARAM_CATEGORICAL || (grid > 0 && grid <= points)) {  // every value it can take
    for (uint64_t k = 0; k < grid; ++k) axis.push_back(vernier::sdk::grid_value(p, k));
    return axis;
  }
  const bool log = (p.flags & VN_PARAM_LOG) != 0;
  for (uint32_t i = 0; i < points; ++i) {
    const double t = position(i, points);
    double v = log ? std::exp(std::log(p.low) + t * (std::log(p.high) - std::log(p.low))) : p.low + t * (p.high - p.low);
    if (t == 0.0) v = p.low;  // exact ends, whatever exp/log rounding does
    if (t == 1.0) v = p.high;
    append_unique(axis, vernier::sdk::snap(p, v));  // rounding to a step grid may merge neighbours
  }
  return axis;
}

// One listed value of parameter p, checked against what p can take and returned as its exact internal value.
double listed_value(const vn_param &p, const bj::value &v) {
  const std::string where = "grid: value " + vernier::sdk::describe_json(v) + " for parameter " + quoted(p.name);
  if (p.type == VN_PARAM_CATEGORICAL) {
    // A choice's name (sdk::choice_text) is how the host names it in the space.
    const std::string text = vernier::sdk::choice_text(v);
    std::string choices;
    for (uint32_t k = 0; k < p.n_choices; ++k) {
      if (text == p.choices[k]) return k;
      choices += (k ? ", " : "") + std::string(p.choices[k]);
    }
    throw invalid(where + " is not one of its choices (" + choices + ")");
  }
  if (!v.is_number()) throw invalid(where + " is not a number");
  const double x = v.to_number<double>();
  const double tolerance = 1e-9 * std::max({1.0, std::fabs(p.low), std::fabs(p.high)});
  if (!(x >= p.low - tolerance && x <= p.high + tolerance))
    throw invalid(where + " is outside [" + number_text(p.low) + ", " + number_text(p.high) + "]");
  const double step = vernier::sdk::step_of(p);
  if (step > 0) {
    const double k = (x - p.low) / step;
    if (std::fabs(k - std::round(k)) > 1e-9 * std::max(1.0, std::fabs(k)))
      throw invalid(where + (p.type == VN_PARAM_INT && step == 1 ? " is not an integer"
                                                                 : " is not on its grid " + number_text(p.low) +
                                                                       " + k * " + number_text(step)));
  }
  return vernier::sdk::snap(p, x);
}

}  // namespace

void check_values_option(const bj::object &values) {
  for (const auto &entry : values) {
    const std::string name = "option 'values': parameter " + quoted(entry.key());
    if (!entry.value().is_array()) throw invalid(name + " must map to an array of values");
    const bj::array &list = entry.value().get_array();
    if (list.empty()) throw invalid(name + " must list at least one value");
    for (const bj::value &v : list)
      if (!v.is_number() && !v.is_string() && !v.is_bool())  // booleans: choices of a categorical
        throw invalid(name + ": " + vernier::sdk::describe_json(v) + " is neither a number nor a choice");
  }
}

Axes build_axes(const vn_space &space, uint32_t points_per_axis, const bj::object &values) {
  for (const auto &entry : values) {  // every listed name must be a parameter
    bool found = false;
    for (uint32_t j = 0; j < space.n_params && !found; ++j) found = entry.key() == space.params[j].name;
    if (found) continue;
    std::string names;
    for (uint32_t j = 0; j < space.n_params; ++j) names += (j ? ", " : "") + std::string(space.params[j].name);
    throw invalid("grid: option 'values' names unknown parameter " + quoted(entry.key()) + " (parameters: " +
                  (names.empty() ? "none" : names) + ")");
  }
  Axes axes(space.n_params);
  for (uint32_t j = 0; j < space.n_params; ++j) {
    const vn_param &p = space.params[j];
    if (const bj::value *listed = values.if_contains(p.name)) {
      for (const bj::value &v : listed->get_array()) append_unique(axes[j], listed_value(p, v));
    } else {
      axes[j] = default_axis(p, points_per_axis);
    }
  }
  return axes;
}

}  // namespace vernier_grid
