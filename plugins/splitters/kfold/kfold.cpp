// K-fold cross-validation: the rows (in the order given, or shuffled) are cut into n_splits contiguous
// blocks, the first n % n_splits one row larger; split f validates on block f and trains on the rest.
// Without shuffling the folds are exactly scikit-learn's KFold(n_splits); with "repeats" > 1 the whole
// k-fold is repeated with a fresh shuffle each time (RepeatedKFold), split r * n_splits + f being fold f
// of repeat r. Shuffles come from (seed, repeat) alone (VN-ABI-8).
#include <numeric>
#include <vector>

#include "splitter_support/split_helpers.hpp"
#include "vernier/sdk/rng.hpp"

namespace {

using namespace vernier::sdk;
using namespace vernier::splitter_support;

constexpr const char *kOptions = R"json({"options": {
  "n_splits": {"type": "int", "default": 5, "min": 2, "max": 100000, "help": "number of folds"},
  "shuffle": {"type": "bool", "default": false, "help": "shuffle the rows before cutting them into folds"},
  "repeats": {"type": "int", "default": 1, "min": 1, "max": 10000, "help": "repeat the k-fold with a new shuffle each time (needs shuffle)"},
  "seed": {"type": "int", "default": null, "min": 0, "help": "shuffle seed; default: the study's cv seed"}
}, "properties": ["partition"]})json";

constexpr uint64_t kShuffleStream = 0x6b666f6c64ULL;  // "kfold"

class KFold : public Instance {
 public:
  KFold(const vn_host *, const char *config_json) : options_(kOptions, config_json), folds_(options_) {}

  uint32_t n_splits(const vn_dataset &, const uint64_t *, uint64_t n_rows, uint64_t) const {
    require_rows(n_rows, folds_.n_splits, "n_splits = " + std::to_string(folds_.n_splits));
    return folds_.total();
  }

  void split(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows, uint64_t seed, uint32_t split, uint8_t *out) const {
    require_split_index(split, n_splits(data, rows, n_rows, seed));
    const uint32_t repeat = split / folds_.n_splits, fold = split % folds_.n_splits;
    std::vector<uint64_t> order(n_rows);
    std::iota(order.begin(), order.end(), uint64_t{0});
    if (folds_.shuffle) Rng(effective_seed(options_, seed), repeat, kShuffleStream).shuffle(order.begin(), order.end());
    const std::vector<uint64_t> sizes = fold_sizes(n_rows, folds_.n_splits);
    const uint64_t start = std::accumulate(sizes.begin(), sizes.begin() + fold, uint64_t{0});
    for (uint64_t i = 0; i < n_rows; ++i) out[i] = VN_SPLIT_TRAIN;
    for (uint64_t i = start; i < start + sizes[fold]; ++i) out[order[i]] = VN_SPLIT_VALIDATION;
  }

 private:
  Options options_;
  FoldOptions folds_;
};

const vn_component kKFold = component<KFold, VN_KIND_SPLITTER>(
    "kfold", "1.0.0", "k-fold cross-validation, optionally shuffled and repeated", kOptions);

}  // namespace

VERNIER_SDK_ENTRY(&kKFold)
