// A test-only model plugin for the cv objective's tests (never installed, never in the real plugin
// directory): nearest-centroid classification (probabilities from a softmax of negative distances),
// mean regression, one hyperparameter "shrink" in [0, 1] pulling predictions toward the overall mean.
//
// Its point is to report what the host hands it. With "record": a file, every fit and predict appends one
// JSON line {"call", "view_ids", "row_ids", "fit_mean", "fit_sd", "view_targets"}: the values of the feature named by
// "id_feature" for every row of the dataset view it was given and for the rows it was asked to use, and
// the mean and standard deviation of each feature over the fit rows (to check where a scaler was fitted), and
// "view_targets", the target of every row of the view (null where it is not a finite number).
// With "poison_id" and "fail_above": fit fails, naming the fold, when shrink > fail_above and the row with
// that id is not among the training rows (so exactly one fold per repeat fails). A splitter,
// "recording-kfold", records in the same way.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/options.hpp"

namespace {

using namespace vernier::sdk;

constexpr const char *kOptions = R"json({"options": {
  "record": {"type": "string", "default": null, "help": "append one JSON line per call to this file"},
  "id_feature": {"type": "string", "default": "id", "help": "the feature whose values identify rows in the record"},
  "poison_id": {"type": "number", "default": null, "help": "with fail_above: the row whose absence from training fails a fit"},
  "fail_above": {"type": "number", "default": null, "help": "fail fits with shrink above this (see poison_id)"}
}})json";

constexpr const char *kSpace = R"json([{"name": "shrink", "type": "float", "low": 0, "high": 1}])json";

class CentroidModel : public Instance {
 public:
  CentroidModel(const vn_host *, const char *config_json) : options_(kOptions, config_json) {}

  void fit(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows, const vn_space &space, const double *hparams, uint64_t) {
    shrink_ = 0.0;
    for (uint32_t j = 0; j < space.n_params; ++j) {
      if (std::string(space.params[j].name) != "shrink") throw invalid("unknown hyperparameter '" + std::string(space.params[j].name) + "'");
      if (!std::isnan(hparams[j])) shrink_ = hparams[j];
    }
    if (n_rows == 0) throw invalid("no rows to fit");
    record("fit", data, rows, n_rows);
    if (options_.has("poison_id") && options_.has("fail_above") && shrink_ > options_.number("fail_above")) {
      bool present = false;
      const int id = id_column(data);
      for (uint64_t i = 0; i < n_rows && id >= 0; ++i) present = present || data.features[rows[i] * data.n_features + id] == options_.number("poison_id");
      if (!present) throw Error(VN_E_NUMERIC, "poisoned: shrink " + std::to_string(shrink_) + " without row " + std::to_string(options_.number("poison_id")));
    }
    const uint32_t d = data.n_features, k = data.task == VN_TASK_CLASSIFICATION ? data.n_classes : 1;
    overall_.assign(d, 0.0);
    centroids_.assign(static_cast<std::size_t>(k) * d, 0.0);
    std::vector<double> count(k, 0.0);
    mean_target_ = 0;
    for (uint64_t i = 0; i < n_rows; ++i) {
      const double *x = data.features + rows[i] * d;
      const uint32_t c = data.task == VN_TASK_CLASSIFICATION ? static_cast<uint32_t>(data.target[rows[i]]) : 0;
      for (uint32_t j = 0; j < d; ++j) {
        centroids_[c * d + j] += x[j];
        overall_[j] += x[j];
      }
      count[c] += 1;
      mean_target_ += data.target[rows[i]];
    }
    mean_target_ /= static_cast<double>(n_rows);
    for (double &v : overall_) v /= static_cast<double>(n_rows);
    for (uint32_t c = 0; c < k; ++c)
      for (uint32_t j = 0; j < d; ++j) {
        const double centroid = count[c] > 0 ? centroids_[c * d + j] / count[c] : overall_[j];
        centroids_[c * d + j] = (1 - shrink_) * centroid + shrink_ * overall_[j];
      }
    fitted_ = true;
  }

  void predict(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows, double *out) {
    if (!fitted_) throw Error(VN_E_STATE, "predict before fit");
    record("predict", data, rows, n_rows);
    const uint32_t d = data.n_features;
    if (data.task != VN_TASK_CLASSIFICATION) {
      for (uint64_t i = 0; i < n_rows; ++i) out[i] = (1 - shrink_) * mean_target_;
      return;
    }
    const uint32_t k = data.n_classes;
    for (uint64_t i = 0; i < n_rows; ++i) {
      const double *x = data.features + rows[i] * d;
      std::vector<double> score(k);
      double best = -INFINITY, total = 0;
      for (uint32_t c = 0; c < k; ++c) {
        double dist = 0;
        for (uint32_t j = 0; j < d; ++j) dist += (x[j] - centroids_[c * d + j]) * (x[j] - centroids_[c * d + j]);
        score[c] = -std::sqrt(dist);
        best = std::max(best, score[c]);
      }
      for (uint32_t c = 0; c < k; ++c) total += (score[c] = std::exp(score[c] - best));
      for (uint32_t c = 0; c < k; ++c) out[i * k + c] = score[c] / total;
    }
  }

 private:
  int id_column(const vn_dataset &data) const {
    const std::string name = options_.string("id_feature");
    for (uint32_t j = 0; j < data.n_features; ++j)
      if (name == data.feature_names[j]) return static_cast<int>(j);
    return -1;
  }

  void record(const char *call, const vn_dataset &data, const uint64_t *rows, uint64_t n_rows) const {
    if (!options_.has("record")) return;
    const int id = id_column(data);
    const uint32_t d = data.n_features;
    auto ids = [&](uint64_t n, auto row_of) {
      std::string s = "[";
      for (uint64_t i = 0; i < n; ++i) s += (i > 0 ? "," : "") + (id < 0 ? std::string("null") : number(data.features[row_of(i) * d + static_cast<uint32_t>(id)]));
      return s + "]";
    };
    std::string line = std::string("{\"call\": \"") + call + "\", \"view_ids\": " + ids(data.n_rows, [](uint64_t i) { return i; }) +
                       ", \"row_ids\": " + ids(n_rows, [&](uint64_t i) { return rows[i]; });
    std::string means = "[", sds = "[";
    for (uint32_t j = 0; j < d; ++j) {
      double sum = 0, sum_sq = 0;
      for (uint64_t i = 0; i < n_rows; ++i) sum += data.features[rows[i] * d + j];
      const double mean = sum / static_cast<double>(n_rows);
      for (uint64_t i = 0; i < n_rows; ++i) sum_sq += (data.features[rows[i] * d + j] - mean) * (data.features[rows[i] * d + j] - mean);
      means += (j > 0 ? "," : "") + number(mean);
      sds += (j > 0 ? "," : "") + number(std::sqrt(sum_sq / static_cast<double>(n_rows)));
    }
    // The view's targets as the model could read them (null: not a finite number, as predict's are).
    std::string targets = "[";
    for (uint64_t i = 0; i < data.n_rows; ++i) targets += (i > 0 ? "," : "") + (std::isfinite(data.target[i]) ? number(data.target[i]) : "null");
    line += ", \"fit_mean\": " + means + "], \"fit_sd\": " + sds + "], \"view_targets\": " + targets + "]}\n";
    FILE *f = std::fopen(options_.string("record").c_str(), "a");
    if (f == nullptr) throw Error(VN_E_IO, "cannot open the record file");
    std::fputs(line.c_str(), f);
    std::fclose(f);
  }

  static std::string number(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
  }

  Options options_;
  double shrink_ = 0, mean_target_ = 0;
  std::vector<double> overall_, centroids_;
  bool fitted_ = false;
};

// A contiguous k-fold that records, like the model, the ids of every row of the view it is handed and of
// the rows it is asked to split ({"call": "split", ...}).
constexpr const char *kSplitterOptions = R"json({"options": {
  "n_splits": {"type": "int", "default": 3, "min": 2},
  "record": {"type": "string", "default": null},
  "id_feature": {"type": "string", "default": "id"}
}, "properties": ["partition"]})json";

class RecordingSplitter : public Instance {
 public:
  RecordingSplitter(const vn_host *, const char *config_json) : options_(kSplitterOptions, config_json) {}
  uint32_t n_splits(const vn_dataset &, const uint64_t *, uint64_t n_rows, uint64_t) const {
    const uint32_t k = static_cast<uint32_t>(options_.integer("n_splits"));
    if (n_rows < k) throw invalid("fewer rows than folds");
    return k;
  }
  void split(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows, uint64_t seed, uint32_t split, uint8_t *out) const {
    const uint32_t k = n_splits(data, rows, n_rows, seed);
    if (split >= k) throw invalid("split out of range");
    if (options_.has("record")) {
      int id = -1;
      for (uint32_t j = 0; j < data.n_features; ++j)
        if (options_.string("id_feature") == data.feature_names[j]) id = static_cast<int>(j);
      auto ids = [&](uint64_t n, auto row_of) {
        std::string s = "[";
        for (uint64_t i = 0; i < n; ++i)
          s += (i > 0 ? "," : "") + (id < 0 ? std::string("null") : std::to_string(data.features[row_of(i) * data.n_features + static_cast<uint32_t>(id)]));
        return s + "]";
      };
      const std::string line = "{\"call\": \"split\", \"view_ids\": " + ids(data.n_rows, [](uint64_t i) { return i; }) +
                               ", \"row_ids\": " + ids(n_rows, [&](uint64_t i) { return rows[i]; }) + ", \"fit_mean\": [], \"fit_sd\": []}\n";
      FILE *f = std::fopen(options_.string("record").c_str(), "a");
      if (f == nullptr) throw Error(VN_E_IO, "cannot open the record file");
      std::fputs(line.c_str(), f);
      std::fclose(f);
    }
    for (uint64_t i = 0; i < n_rows; ++i) out[i] = i * k / n_rows == split ? VN_SPLIT_VALIDATION : VN_SPLIT_TRAIN;
  }

 private:
  Options options_;
};

const vn_component kCentroid = component<CentroidModel, VN_KIND_MODEL>(
    "centroid", "1.0.0", "test only: nearest centroid / mean, recording what the host hands it", kOptions, kSpace);
const vn_component kRecordingSplitter = component<RecordingSplitter, VN_KIND_SPLITTER>(
    "recording-kfold", "1.0.0", "test only: contiguous k-fold recording what the host hands it", kSplitterOptions);

}  // namespace

VERNIER_SDK_ENTRY(&kCentroid, &kRecordingSplitter)
