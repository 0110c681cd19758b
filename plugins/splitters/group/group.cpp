// Group k-fold: the rows of a group (the dataset's group column, e.g. a patient or a site) always fall in
// the same fold, so a group is never on both sides of a split. As scikit-learn's GroupKFold, groups are
// taken from the largest to the smallest and each goes to the fold holding the fewest rows so far (the
// first such fold on ties), which balances the folds' sizes. Groups of equal size are taken in order of
// first appearance, or in a shuffled order when "shuffle" is on (from the seed alone, VN-ABI-8).
#include <algorithm>
#include <map>
#include <numeric>
#include <vector>

#include "splitter_support/split_helpers.hpp"
#include "vernier/sdk/rng.hpp"

namespace {

using namespace vernier::sdk;
using namespace vernier::splitter_support;

constexpr const char *kOptions = R"json({"options": {
  "n_splits": {"type": "int", "default": 5, "min": 2, "max": 100000, "help": "number of folds"},
  "shuffle": {"type": "bool", "default": false, "help": "break ties between groups of equal size at random"},
  "seed": {"type": "int", "default": null, "min": 0, "help": "shuffle seed; default: the study's cv seed"}
}, "properties": ["partition", "groups"]})json";

constexpr uint64_t kShuffleStream = 0x67726f7570ULL;  // "group"

class GroupKFold : public Instance {
 public:
  GroupKFold(const vn_host *, const char *config_json) : options_(kOptions, config_json), folds_(options_) {}

  uint32_t n_splits(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows, uint64_t) const {
    if (data.groups == nullptr)
      throw invalid("the dataset has no group column (name it with \"groups\" in the cv objective)");
    std::map<int64_t, bool> distinct;
    for (uint64_t i = 0; i < n_rows; ++i) distinct[data.groups[rows[i]]] = true;
    if (distinct.size() < folds_.n_splits)
      throw invalid("n_splits = " + std::to_string(folds_.n_splits) + " but the training part has only " +
                    std::to_string(distinct.size()) + " group" + (distinct.size() == 1 ? "" : "s"));
    return folds_.n_splits;
  }

  void split(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows, uint64_t seed, uint32_t split, uint8_t *out) const {
    require_split_index(split, n_splits(data, rows, n_rows, seed));
    // Groups by first appearance, with their sizes.
    std::map<int64_t, std::size_t> index_of;
    std::vector<uint64_t> size;
    std::vector<std::size_t> group_of_row(n_rows);
    for (uint64_t i = 0; i < n_rows; ++i) {
      auto [it, added] = index_of.emplace(data.groups[rows[i]], size.size());
      if (added) size.push_back(0);
      ++size[it->second];
      group_of_row[i] = it->second;
    }
    std::vector<std::size_t> order(size.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (folds_.shuffle) Rng(effective_seed(options_, seed), 0, kShuffleStream).shuffle(order.begin(), order.end());
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return size[a] > size[b]; });
    std::vector<uint64_t> load(folds_.n_splits, 0);
    std::vector<uint32_t> fold_of_group(size.size());
    for (std::size_t g : order) {
      const uint32_t lightest = static_cast<uint32_t>(std::min_element(load.begin(), load.end()) - load.begin());
      fold_of_group[g] = lightest;
      load[lightest] += size[g];
    }
    std::vector<uint32_t> fold_of_row(n_rows);
    for (uint64_t i = 0; i < n_rows; ++i) fold_of_row[i] = fold_of_group[group_of_row[i]];
    mark_fold(fold_of_row, split, out);
  }

 private:
  Options options_;
  FoldOptions folds_;  // no "repeats" here: always 1
};

const vn_component kGroup = component<GroupKFold, VN_KIND_SPLITTER>(
    "group", "1.0.0", "group k-fold: a group (the dataset's group column) never on both sides of a split", kOptions);

}  // namespace

VERNIER_SDK_ENTRY(&kGroup)
