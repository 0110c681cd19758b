// Helpers shared by the bundled splitters (header-only: each splitter is its own library): the options of
// a k-fold, the seed a shuffle uses, the checks of a call, and writing a fold's partition.
#ifndef VERNIER_SPLITTERS_SPLIT_HELPERS_HPP
#define VERNIER_SPLITTERS_SPLIT_HELPERS_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "vernier/sdk/options.hpp"
#include "vernier/sdk/plugin.hpp"

namespace vernier::splitter_support {

// The seed a splitter shuffles with: its own "seed" option when set, else the one the host passes
// (the cv objective's seed), so a study's folds are reproducible either way (VN-ABI-8).
inline uint64_t effective_seed(const sdk::Options &options, uint64_t host_seed) {
  if (!options.has("seed")) return host_seed;
  return static_cast<uint64_t>(options.integer("seed"));
}

// The options of a k-fold: "n_splits" and "shuffle", and "repeats" where the schema declares it (else 1). A
// repeat draws a new shuffle, so repeats > 1 without shuffle is refused: the repeats would be identical.
struct FoldOptions {
  uint32_t n_splits = 5;
  bool shuffle = false;
  uint32_t repeats = 1;

  explicit FoldOptions(const sdk::Options &options)
      : n_splits(static_cast<uint32_t>(options.integer("n_splits"))), shuffle(options.boolean("shuffle")) {
    if (options.has("repeats")) repeats = static_cast<uint32_t>(options.integer("repeats"));
    if (repeats > 1 && !shuffle) throw sdk::invalid("repeats > 1 needs \"shuffle\": true (unshuffled repeats are identical)");
  }

  // Splits in all: n_splits per repeat.
  uint32_t total() const { return n_splits * repeats; }
};

// Refuses a split index at or beyond the splitter's count of them (`what`: "splits", or "folds").
inline void require_split_index(uint32_t split, uint64_t count, const char *what = "splits") {
  if (split >= count)
    throw sdk::invalid("split " + std::to_string(split) + " out of range (" + std::to_string(count) + " " + what + ")");
}

// The partition of a split that validates one fold: rows whose fold is `fold` validate, all others train.
inline void mark_fold(const std::vector<uint32_t> &fold_of_row, uint32_t fold, uint8_t *out) {
  for (std::size_t i = 0; i < fold_of_row.size(); ++i) out[i] = fold_of_row[i] == fold ? VN_SPLIT_VALIDATION : VN_SPLIT_TRAIN;
}

// Sizes of n_folds contiguous blocks over n items: the first n % n_folds blocks get one more, as
// scikit-learn's KFold does.
inline std::vector<uint64_t> fold_sizes(uint64_t n, uint32_t n_folds) {
  std::vector<uint64_t> sizes(n_folds, n / n_folds);
  for (uint64_t f = 0; f < n % n_folds; ++f) ++sizes[f];
  return sizes;
}

// Throws when there are fewer rows than needed. (Messages do not name the splitter: the host does.)
inline void require_rows(uint64_t n_rows, uint64_t needed, const std::string &why) {
  if (n_rows < needed)
    throw sdk::invalid(why + " but the training part has only " + std::to_string(n_rows) +
                                " row" + (n_rows == 1 ? "" : "s"));
}

// The class index of a row of a classification dataset, checked.
inline uint32_t class_of(const vn_dataset &data, uint64_t row) {
  const double y = data.target[row];
  if (!(y >= 0) || y >= data.n_classes || y != static_cast<double>(static_cast<uint32_t>(y)))
    throw sdk::invalid("row " + std::to_string(row) + " has target " + std::to_string(y) +
                                ", not a class index below n_classes = " + std::to_string(data.n_classes));
  return static_cast<uint32_t>(y);
}

}  // namespace vernier::splitter_support

#endif  // VERNIER_SPLITTERS_SPLIT_HELPERS_HPP
