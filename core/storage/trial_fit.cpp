#include "storage/trial_fit.hpp"

#include <cmath>
#include <limits>

#include "base/error.hpp"
#include "storage/record.hpp"

namespace vernier::storage {

namespace bj = boost::json;

namespace {

// Fills x (the space's order, NaN = absent) from t; returns "" or what does not fit.
std::string internal_point(const JournalTrial &t, const Space &space, std::vector<double> &x) {
  x.assign(space.size(), std::numeric_limits<double>::quiet_NaN());
  for (const JournalParam &p : t.params) {
    int j = space.index_of(p.name);
    if (j < 0) return "has parameter '" + p.name + "', which this space does not have";
    const Param &param = space.params()[static_cast<std::size_t>(j)];
    if (!same_distribution(*p.distribution, param)) {
      return "has parameter '" + p.name + "' as " + describe(*p.distribution) + "; this space has it as " +
             bj::serialize(space.to_json()[static_cast<std::size_t>(j)]);
    }
    x[static_cast<std::size_t>(j)] = p.internal;
  }
  return "";
}

}  // namespace

std::string trial_misfit(const JournalTrial &t, const Space &space, bool allow_partial) {
  std::vector<double> x;
  std::string why = internal_point(t, space, x);
  if (!why.empty() || allow_partial) return why;
  try {
    space.check_point(x.data());
  } catch (const Error &e) {
    return std::string("does not fit this space: ") + e.what();
  }
  return "";
}

TrialRecord to_record(const JournalTrial &t, const Space &space) {
  TrialRecord r;
  r.number = t.number;
  r.state = t.state;
  if (t.state == kOptunaComplete && t.has_values && !t.values.empty()) r.value = t.values[0];
  if (!t.params.empty() || space.size() == 0) {
    std::vector<double> x;
    if (internal_point(t, space, x).empty()) {
      try {
        space.check_point(x.data());
        r.params = std::move(x);
      } catch (const Error &) {
        // a partial point (the trial failed half-way, or it is another program's): not for samplers
      }
    }
  }
  r.intermediate = t.intermediate;
  if (const bj::value *why = t.system_attrs.if_contains("fail_reason"); why != nullptr && why->is_string())
    r.message = std::string(why->get_string());
  r.user_attrs = t.user_attrs;
  r.system_attrs = t.system_attrs;
  return r;
}

}  // namespace vernier::storage
