// Helpers for the TPE tests: spaces built in a line, histories, and a validity check of points.
#ifndef VERNIER_TESTS_TPE_SUPPORT_HPP
#define VERNIER_TESTS_TPE_SUPPORT_HPP

#include <cmath>
#include <deque>
#include <limits>
#include <string>
#include <vector>

#include "tpe_suggest.hpp"
#include "vernier/sdk/unit_cube.hpp"
#include "vernier/status.h"

namespace tpe_test {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A vn_space that owns its parameters' strings and arrays.
class Space {
 public:
  Space &real(const std::string &name, double low, double high, bool log = false, double step = 0) {
    vn_param p = base(name, VN_PARAM_FLOAT, low, high);
    if (log) p.flags |= VN_PARAM_LOG;
    if (step > 0) {
      p.flags |= VN_PARAM_STEP;
      p.step = step;
    }
    return add(p);
  }
  Space &integer(const std::string &name, double low, double high, bool log = false, double step = 1) {
    vn_param p = base(name, VN_PARAM_INT, low, high);
    p.flags = VN_PARAM_STEP | (log ? VN_PARAM_LOG : 0u);
    p.step = step;
    return add(p);
  }
  Space &categorical(const std::string &name, uint32_t n_choices) {
    vn_param p = base(name, VN_PARAM_CATEGORICAL, 0, n_choices - 1.0);
    p.n_choices = n_choices;
    p.choices = kChoiceNames;
    return add(p);
  }
  // Makes the last parameter conditional on `parent` taking one of `values`.
  Space &when(uint32_t parent, std::vector<uint32_t> values) {
    conditions_.push_back(std::move(values));
    vn_param &p = params_.back();
    p.parent = static_cast<int32_t>(parent);
    p.n_active_when = static_cast<uint32_t>(conditions_.back().size());
    p.active_when = conditions_.back().data();
    return *this;
  }
  const vn_space &view() {
    view_ = vn_space{sizeof(vn_space), static_cast<uint32_t>(params_.size()), params_.data()};
    return view_;
  }
  uint32_t size() const { return static_cast<uint32_t>(params_.size()); }

 private:
  static constexpr const char *kChoiceNames[] = {"a", "b", "c", "d", "e", "f", "g", "h"};
  vn_param base(const std::string &name, uint32_t type, double low, double high) {
    names_.push_back(name);
    vn_param p{};
    p.name = names_.back().c_str();
    p.type = type;
    p.low = low;
    p.high = high;
    p.parent = -1;
    return p;
  }
  Space &add(const vn_param &p) {
    params_.push_back(p);
    return *this;
  }
  std::deque<std::string> names_;                 // stable addresses
  std::deque<std::vector<uint32_t>> conditions_;  // stable addresses
  std::vector<vn_param> params_;
  vn_space view_{};
};

// Trials as suggest_point() reads them, owning their points. Copies point into their own rows.
struct History {
  std::deque<std::vector<double>> rows;
  vernier::tpe::Trials trials;

  History() = default;
  History(const History &other) : rows(other.rows), trials(other.trials) { repoint(); }
  History &operator=(const History &other) {
    rows = other.rows;
    trials = other.trials;
    repoint();
    return *this;
  }
  void repoint() {
    for (std::size_t i = 0; i < rows.size(); ++i) trials.points[i] = rows[i].data();
  }

  void add(std::vector<double> point, int32_t state, double value, int64_t last_step = -1,
           double last_intermediate = kNaN) {
    rows.push_back(std::move(point));
    trials.points.push_back(rows.back().data());
    trials.outcomes.push_back({state, value, last_step, last_intermediate});
  }
  void complete(std::vector<double> point, double value) { add(std::move(point), VN_TRIAL_COMPLETE, value); }
};

// "" when the point is a valid internal point of the space (sampler.h), else what is wrong.
inline std::string problem_with(const vn_space &space, const double *point) {
  for (uint32_t j = 0; j < space.n_params; ++j) {
    const vn_param &p = space.params[j];
    const double v = point[j];
    const bool active = vernier::sdk::is_active(space, j, point);
    const std::string name = p.name;
    if (!active) {
      if (!std::isnan(v)) return name + " should be inactive (NaN), got " + std::to_string(v);
      continue;
    }
    if (std::isnan(v)) return name + " is active but NaN";
    if (v < p.low || v > p.high) return name + " = " + std::to_string(v) + " is outside its range";
    if (vernier::sdk::grid_count(p) > 0 && vernier::sdk::snap(p, v) != v) return name + " = " + std::to_string(v) + " is off its grid";
  }
  return "";
}

}  // namespace tpe_test

#endif  // VERNIER_TESTS_TPE_SUPPORT_HPP
