// Predefined folds: the dataset's fold-id column (named by "folds" in the cv objective, never a feature)
// says which rows validate together, like scikit-learn's PredefinedSplit, so a study can reuse folds
// fixed elsewhere. Split s validates on the rows of the s-th smallest fold id and trains on all the others;
// rows with fold id -1 always train.
#include <set>
#include <string>
#include <vector>

#include "splitter_support/split_helpers.hpp"

namespace {

using namespace vernier::sdk;
using namespace vernier::splitter_support;

constexpr const char *kOptions = R"json({"options": {}, "properties": ["fold_ids"]})json";

class Predefined : public Instance {
 public:
  Predefined(const vn_host *, const char *config_json) { Options(kOptions, config_json); }

  uint32_t n_splits(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows, uint64_t) const {
    return static_cast<uint32_t>(fold_ids(data, rows, n_rows).size());
  }

  void split(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows, uint64_t, uint32_t split, uint8_t *out) const {
    const std::vector<int64_t> ids = fold_ids(data, rows, n_rows);
    require_split_index(split, ids.size(), "folds");
    for (uint64_t i = 0; i < n_rows; ++i) out[i] = data.folds[rows[i]] == ids[split] ? VN_SPLIT_VALIDATION : VN_SPLIT_TRAIN;
  }

 private:
  // The distinct fold ids (>= 0) among the rows, ascending; checks that every split has training rows.
  static std::vector<int64_t> fold_ids(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows) {
    if (data.folds == nullptr)
      throw invalid("the dataset has no fold-id column (name it with \"folds\" in the cv objective)");
    std::set<int64_t> ids;
    bool always_train = false;
    for (uint64_t i = 0; i < n_rows; ++i) {
      const int64_t f = data.folds[rows[i]];
      if (f < -1) throw invalid("row " + std::to_string(rows[i]) + " has fold id " + std::to_string(f) + " (expected >= 0, or -1)");
      if (f >= 0) ids.insert(f);
      else always_train = true;
    }
    if (ids.empty()) throw invalid("no row of the training part has a fold id >= 0");
    if (ids.size() == 1 && !always_train)
      throw invalid("every row of the training part is in fold " + std::to_string(*ids.begin()) + ": nothing to train on");
    return {ids.begin(), ids.end()};
  }
};

const vn_component kPredefined = component<Predefined, VN_KIND_SPLITTER>(
    "predefined", "1.0.0", "folds given by the dataset's fold-id column (like PredefinedSplit)", kOptions);

}  // namespace

VERNIER_SDK_ENTRY(&kPredefined)
