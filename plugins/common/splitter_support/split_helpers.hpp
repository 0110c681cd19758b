// Helpers shared by the bundled splitters (header-only: each splitter is its own library).
#ifndef VERNIER_SPLITTERS_SPLIT_HELPERS_HPP
#define VERNIER_SPLITTERS_SPLIT_HELPERS_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "vernier/plugin_sdk.hpp"
#include "vernier/sdk/options.hpp"

namespace vernier_splitters {

// The seed a splitter shuffles with: its own "seed" option when set, else the one the host passes
// (the cv objective's seed), so a study's folds are reproducible either way (VN-ABI-8).
inline uint64_t effective_seed(const vernier::sdk::Options &options, uint64_t host_seed) {
  if (!options.has("seed")) return host_seed;
  return static_cast<uint64_t>(options.integer("seed"));
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
    throw vernier::sdk::invalid(why + " but the training part has only " + std::to_string(n_rows) +
                                " row" + (n_rows == 1 ? "" : "s"));
}

// The class index of a row of a classification dataset, checked.
inline uint32_t class_of(const vn_dataset &data, uint64_t row) {
  const double y = data.target[row];
  if (!(y >= 0) || y >= data.n_classes || y != static_cast<double>(static_cast<uint32_t>(y)))
    throw vernier::sdk::invalid("row " + std::to_string(row) + " has target " + std::to_string(y) +
                                ", not a class index below n_classes = " + std::to_string(data.n_classes));
  return static_cast<uint32_t>(y);
}

}  // namespace vernier_splitters

#endif  // VERNIER_SPLITTERS_SPLIT_HELPERS_HPP
