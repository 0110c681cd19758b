// Stratified k-fold for classification: each class is spread over the folds as evenly as possible, so
// every fold's class proportions are those of the whole to within one row per class.
//
// The allocation is scikit-learn's StratifiedKFold: with the rows sorted by class, fold f takes the
// classes of sorted positions f, f + k, f + 2k, ...; the rows of each class then receive their folds in
// blocks (fold 0's share first), in row order, or in a shuffled order when "shuffle" is on. Without
// shuffling the folds are exactly scikit-learn's StratifiedKFold(n_splits). "repeats" repeats the whole
// with a new shuffle (RepeatedStratifiedKFold); shuffles come from (seed, repeat, class) alone (VN-ABI-8).
#include <algorithm>
#include <vector>

#include "splitter_support/split_helpers.hpp"
#include "vernier/sdk/rng.hpp"

namespace {

using namespace vernier::sdk;
using namespace vernier::splitter_support;

constexpr const char *kOptions = R"json({"options": {
  "n_splits": {"type": "int", "default": 5, "min": 2, "max": 100000, "help": "number of folds"},
  "shuffle": {"type": "bool", "default": false, "help": "shuffle each class's rows before assigning folds"},
  "repeats": {"type": "int", "default": 1, "min": 1, "max": 10000, "help": "repeat with a new shuffle each time (needs shuffle)"},
  "seed": {"type": "int", "default": null, "min": 0, "help": "shuffle seed; default: the study's cv seed"}
}, "properties": ["partition", "stratified"]})json";

constexpr uint64_t kShuffleStream = 0x7374726174ULL;  // "strat"

class Stratified : public Instance {
 public:
  Stratified(const vn_host *host, const char *config_json)
      : host_(host), options_(kOptions, config_json), folds_(options_) {}

  uint32_t n_splits(const vn_dataset &data, const uint64_t *, uint64_t n_rows, uint64_t) const {
    if (data.task != VN_TASK_CLASSIFICATION)
      throw invalid("stratified k-fold needs a classification target (use kfold for regression)");
    require_rows(n_rows, folds_.n_splits, "n_splits = " + std::to_string(folds_.n_splits));
    return folds_.total();
  }

  void split(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows, uint64_t seed, uint32_t split, uint8_t *out) {
    require_split_index(split, n_splits(data, rows, n_rows, seed));
    const uint32_t repeat = split / folds_.n_splits, fold = split % folds_.n_splits;
    mark_fold(test_folds(data, rows, n_rows, effective_seed(options_, seed), repeat), fold, out);
  }

 private:
  // The fold of every row for one repeat.
  std::vector<uint32_t> test_folds(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows, uint64_t seed, uint32_t repeat) {
    // Classes numbered by first appearance among the rows, as scikit-learn encodes them.
    std::vector<int64_t> code_of_class(data.n_classes, -1);
    std::vector<uint32_t> code(n_rows);
    uint32_t n_codes = 0;
    for (uint64_t i = 0; i < n_rows; ++i) {
      const uint32_t c = class_of(data, rows[i]);
      if (code_of_class[c] < 0) code_of_class[c] = n_codes++;
      code[i] = static_cast<uint32_t>(code_of_class[c]);
    }
    std::vector<uint64_t> count(n_codes, 0);
    for (uint32_t c : code) ++count[c];
    if (!warned_) {
      const uint64_t smallest = *std::min_element(count.begin(), count.end());
      if (smallest < folds_.n_splits) {
        const std::string text = "the smallest class has " + std::to_string(smallest) + " rows, fewer than n_splits = " +
                                 std::to_string(folds_.n_splits) + "; some validation folds will miss it";
        host_->log(host_, VN_LOG_WARNING, text.c_str());
      }
      warned_ = true;
    }
    // allocation[f][c]: rows of class c in fold f = classes at sorted positions f, f + k, ...
    std::vector<std::vector<uint64_t>> allocation(folds_.n_splits, std::vector<uint64_t>(n_codes, 0));
    uint64_t position = 0;
    for (uint32_t c = 0; c < n_codes; ++c)
      for (uint64_t j = 0; j < count[c]; ++j, ++position) ++allocation[position % folds_.n_splits][c];
    std::vector<uint32_t> folds(n_rows);
    std::vector<uint32_t> class_folds;
    for (uint32_t c = 0; c < n_codes; ++c) {
      class_folds.clear();
      for (uint32_t f = 0; f < folds_.n_splits; ++f) class_folds.insert(class_folds.end(), allocation[f][c], f);
      if (folds_.shuffle) Rng(seed, repeat, kShuffleStream + c).shuffle(class_folds.begin(), class_folds.end());
      uint64_t next = 0;
      for (uint64_t i = 0; i < n_rows; ++i)
        if (code[i] == c) folds[i] = class_folds[next++];
    }
    return folds;
  }

  const vn_host *host_;
  Options options_;
  FoldOptions folds_;
  bool warned_ = false;
};

const vn_component kStratified = component<Stratified, VN_KIND_SPLITTER>(
    "stratified", "1.0.0", "stratified k-fold for classification, optionally shuffled and repeated", kOptions);

}  // namespace

VERNIER_SDK_ENTRY(&kStratified)
