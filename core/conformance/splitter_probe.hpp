// One splitter instance driven by the conformance suite through its C vtable (probe_base.hpp): n_splits
// and split, with split's n_rows-byte output in a guarded buffer and the dataset and rows fingerprinted
// around each call. Also the dataset fixtures the suite splits.
#ifndef VERNIER_CORE_CONFORMANCE_SPLITTER_PROBE_HPP
#define VERNIER_CORE_CONFORMANCE_SPLITTER_PROBE_HPP

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "conformance/probe_base.hpp"
#include "vernier/plugin/splitter.h"

namespace vernier::conformance {

// A dataset the suite owns: n rows of 2 features, a target (3 imbalanced classes, or a regression
// value), uneven groups, and predefined fold ids (some -1), all made from a fixed recipe.
class SplitterData {
 public:
  SplitterData(uint64_t n_rows, uint32_t task, bool with_groups, bool with_folds);
  SplitterData(const SplitterData &) = delete;
  SplitterData &operator=(const SplitterData &) = delete;
  const vn_dataset &view() const { return view_; }
  // A fingerprint of every array the view points to, to see whether a plugin wrote into them.
  std::string fingerprint() const;

 private:
  std::vector<double> features_, target_;
  std::vector<int64_t> groups_, folds_;
  std::vector<std::string> names_;
  std::vector<const char *> name_ptrs_;
  vn_dataset view_{};
};

class SplitterProbe : public ProbeBase<vn_splitter_vtable, kSplitterVtable> {
 public:
  using ProbeBase::ProbeBase;

  struct Outcome : CallOutcome {
    uint32_t n_splits = 0;
    std::vector<std::vector<uint8_t>> splits;  // one assignment per split (split_all), or one (split)
  };
  Outcome n_splits(const SplitterData &data, const std::vector<uint64_t> &rows, uint64_t seed);
  Outcome split(const SplitterData &data, const std::vector<uint64_t> &rows, uint64_t seed, uint32_t split);
  // n_splits, then every split; the first failure ends it.
  Outcome split_all(const SplitterData &data, const std::vector<uint64_t> &rows, uint64_t seed);
};

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_SPLITTER_PROBE_HPP
