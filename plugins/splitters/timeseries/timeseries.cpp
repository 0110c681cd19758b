// Time-series splits with an expanding window: the rows, in the order given (the host passes them in
// time order), are validated in n_splits consecutive blocks at the end; split s trains on every row before
// its block, minus the `gap` rows just before it (so features that look back do not straddle the cut),
// and at most the last max_train_size of them. Rows after the block are unused: the future never trains
// a model that predicts the past. The blocks and windows are scikit-learn's TimeSeriesSplit.
#include <string>

#include "splitter_support/split_helpers.hpp"

namespace {

using namespace vernier::sdk;
using namespace vernier::splitter_support;

constexpr const char *kOptions = R"json({"options": {
  "n_splits": {"type": "int", "default": 5, "min": 1, "max": 100000, "help": "number of validation blocks"},
  "gap": {"type": "int", "default": 0, "min": 0, "help": "rows left out between the training window and its validation block"},
  "max_train_size": {"type": "int", "default": null, "min": 1, "help": "at most this many (most recent) training rows; default: all"},
  "test_size": {"type": "int", "default": null, "min": 1, "help": "rows per validation block; default: n / (n_splits + 1)"}
}, "properties": ["ordered"]})json";

class TimeSeries : public Instance {
 public:
  TimeSeries(const vn_host *, const char *config_json) : options_(kOptions, config_json) {
    n_splits_ = static_cast<uint32_t>(options_.integer("n_splits"));
    gap_ = static_cast<uint64_t>(options_.integer("gap"));
  }

  uint32_t n_splits(const vn_dataset &, const uint64_t *, uint64_t n_rows, uint64_t) const {
    block(n_rows);  // validates the sizes
    return n_splits_;
  }

  void split(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows, uint64_t seed, uint32_t split, uint8_t *out) const {
    require_split_index(split, n_splits(data, rows, n_rows, seed));
    const uint64_t size = block(n_rows);
    const uint64_t start = n_rows - (n_splits_ - split) * size;  // this split's validation block
    const uint64_t train_end = start - gap_;
    uint64_t train_start = 0;
    if (options_.has("max_train_size")) {
      const uint64_t most = static_cast<uint64_t>(options_.integer("max_train_size"));
      if (train_end > most) train_start = train_end - most;
    }
    for (uint64_t i = 0; i < n_rows; ++i)
      out[i] = i >= start && i < start + size ? VN_SPLIT_VALIDATION
               : i >= train_start && i < train_end ? VN_SPLIT_TRAIN
                                                   : VN_SPLIT_UNUSED;
  }

 private:
  // Rows per validation block, after checking that every split has training rows.
  uint64_t block(uint64_t n_rows) const {
    require_rows(n_rows, uint64_t{n_splits_} + 1,
                 "n_splits = " + std::to_string(n_splits_) + " needs at least n_splits + 1 rows");
    const uint64_t size = options_.has("test_size") ? static_cast<uint64_t>(options_.integer("test_size")) : n_rows / (n_splits_ + 1);
    if (size * n_splits_ + gap_ >= n_rows)
      throw invalid(std::to_string(n_splits_) + " validation blocks of " + std::to_string(size) + " rows plus a gap of " +
                    std::to_string(gap_) + " leave no training rows for the first split (the training part has " +
                    std::to_string(n_rows) + " rows)");
    return size;
  }

  Options options_;
  uint32_t n_splits_ = 5;
  uint64_t gap_ = 0;
};

const vn_component kTimeSeries = component<TimeSeries, VN_KIND_SPLITTER>(
    "timeseries", "1.0.0", "expanding-window time-series splits with an optional gap and window limit", kOptions);

}  // namespace

VERNIER_SDK_ENTRY(&kTimeSeries)
