// Search spaces: parsing and validating the "space" of a study config, the vn_space view handed to
// plugins, and conversions between internal values (doubles) and user-facing values.
#ifndef VERNIER_CORE_SPACE_SEARCH_SPACE_HPP
#define VERNIER_CORE_SPACE_SEARCH_SPACE_HPP

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/json.hpp>

#include "vernier/plugin/space.h"

namespace vernier {

struct Param {
  std::string name;
  uint32_t type = VN_PARAM_FLOAT;   // VN_PARAM_FLOAT, VN_PARAM_INT, VN_PARAM_CATEGORICAL
  bool log = false;
  double low = 0, high = 0, step = 0;            // step 0: continuous (ints always have a step)
  std::vector<boost::json::value> choice_values; // categoricals: the choices as written in the config
  std::vector<std::string> choices;              // ...and as strings (for getters and messages)
  int32_t parent = -1;                           // index of the gating categorical, or -1
  std::vector<uint32_t> active_when;             // parent choice indices that activate this parameter
};

class Space {
 public:
  Space() { rebuild_view(); }
  Space(const Space &other) : params_(other.params_), index_(other.index_) { rebuild_view(); }
  Space &operator=(const Space &other);

  // Parses and validates a config's "space" array. Errors name the parameter and the problem.
  static Space from_json(const boost::json::value &space, const std::string &path = "space");
  // The canonical JSON form (what from_json reads back to an equal space).
  boost::json::array to_json() const;

  const std::vector<Param> &params() const { return params_; }
  std::size_t size() const { return params_.size(); }
  int index_of(const std::string &name) const;  // -1 when absent; constant time (a name index)
  const vn_space &view() const { return view_; }

  // Whether parameter j is active in the point x (its parent active and set to an activating choice).
  bool is_active(const double *x, std::size_t j) const;
  // Throws a message naming the parameter if x is not a valid internal point: outside bounds, off its
  // step grid, not a choice index, NaN when active or not NaN when inactive.
  void check_point(const double *x) const;
  // The active parameters of x as {"name": value}: doubles, int64s, choices as written.
  boost::json::object to_values(const double *x) const;
  // The internal value of parameter j from a user-facing JSON value; throws if it does not fit.
  double internal_value(std::size_t j, const boost::json::value &v) const;
  // Empty when equal; else a sentence naming the first difference (for refusing mixed resumes).
  std::string difference(const Space &other) const;

 private:
  void rebuild_view();

  std::vector<Param> params_;
  // Name -> position in params_: validating, resuming and the getters look names up, and a linear scan
  // each time made a space of 100,000 parameters take minutes to validate.
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<std::vector<const char *>> choice_ptrs_;
  std::vector<vn_param> vn_params_;
  vn_space view_{};
};

}  // namespace vernier

#endif  // VERNIER_CORE_SPACE_SEARCH_SPACE_HPP
