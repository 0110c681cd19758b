// The inputs of the sampler conformance suite: test spaces that exercise every parameter feature of
// space.h, histories in every trial state, and deep copies of the host-owned views that can be poisoned
// after a call to catch a plugin that keeps pointers into them (VN-ABI-6).
#ifndef VERNIER_CORE_CONFORMANCE_SAMPLER_FIXTURES_HPP
#define VERNIER_CORE_CONFORMANCE_SAMPLER_FIXTURES_HPP

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "space/search_space.hpp"
#include "vernier/plugin/space.h"

namespace vernier::conformance {

// Floats (linear, log, stepped, a one-point range), ints (plain, stepped, log, a one-point range),
// categoricals (mixed choice types, a single choice), conditional floats and ints gated by a categorical,
// and a conditional categorical gating a grand-child (conditions nest).
Space rich_space();
// A space with 6 points in all (a 3-choice categorical and an int in [0, 1]): small enough for a grid
// sampler to run out, so VN_E_EXHAUSTED can be observed.
Space small_finite_space();
// Spaces of one parameter each: a float, a log float, a one-point int, a single-choice categorical.
std::vector<Space> one_param_spaces();

// A valid internal point of `space`, drawn deterministically from `key` (inactive parameters NaN).
std::vector<double> valid_point(const Space &space, uint64_t key);

// The columns of a vn_history, owned.
struct HistoryData {
  uint32_t n_params = 0;
  std::vector<int64_t> numbers;
  std::vector<int32_t> states;
  std::vector<double> params, values, last_intermediate;
  std::vector<int64_t> last_step;

  explicit HistoryData(uint32_t d = 0) : n_params(d) {}
  void append(int64_t number, int32_t state, const std::vector<double> &point, double value, int64_t step = -1,
              double intermediate = std::numeric_limits<double>::quiet_NaN());
  // The view of these columns; valid while this object lives and is not appended to.
  vn_history view() const;
  std::size_t size() const { return numbers.size(); }
  // The trial number a study would give its next trial.
  int64_t next_number() const { return numbers.empty() ? 0 : numbers.back() + 1; }
};

struct NamedHistory {
  std::string name;  // for messages: "mixed states", "40 trials", ...
  HistoryData data;
};
// Histories over `space` a sampler must handle: every trial state at once (complete, failed, pruned with
// intermediate values, running, a gap in the numbering), a long one with duplicate points and tied
// values (past any start-up phase), only failed trials, only running ones, and a flat objective.
std::vector<NamedHistory> test_histories(const Space &space);

// A deep copy of a space view: its own strings and arrays, so the copy can be overwritten with garbage
// (poison) after a call while staying readable, which makes a plugin that kept pointers into a view see
// different values next time instead of reading freed memory.
class OwnedSpaceView {
 public:
  explicit OwnedSpaceView(const vn_space &space);
  OwnedSpaceView(const OwnedSpaceView &) = delete;
  OwnedSpaceView &operator=(const OwnedSpaceView &) = delete;
  const vn_space &view() const { return view_; }
  void poison();

 private:
  std::vector<std::string> names_;
  std::vector<std::vector<std::string>> choices_;
  std::vector<std::vector<const char *>> choice_ptrs_;
  std::vector<std::vector<uint32_t>> active_when_;
  std::vector<vn_param> params_;
  vn_space view_{};
};

// Overwrites every value of a history with garbage that is still a valid-looking view (same sizes).
void poison(HistoryData &history);

// The bytes a sampler may read through the views, concatenated, to detect one that writes into them.
std::string fingerprint(const vn_space &space, const vn_history &history);

// Equal as sampler outputs: bit-identical doubles, except that any NaN equals any NaN (a NaN's payload
// carries no meaning). Used for the determinism checks (VN-ABI-8).
bool same_values(const std::vector<double> &a, const std::vector<double> &b);

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_SAMPLER_FIXTURES_HPP
