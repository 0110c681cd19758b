#include "data/dataset.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <numeric>

#include "base/error.hpp"

namespace vernier::data {

Dataset::Dataset(Columns columns, std::vector<double> features) : columns_(std::move(columns)), owned_(std::move(features)) {
  if (owned_.size() != columns_.target.size() * columns_.feature_names.size())
    throw Error(VN_E_INTERNAL, "dataset: feature matrix of " + std::to_string(owned_.size()) + " values for " +
                                   std::to_string(columns_.target.size()) + " rows x " +
                                   std::to_string(columns_.feature_names.size()) + " features");
  build_view();
  view_.features = owned_.data();
}

void Dataset::build_view() {
  const std::size_t n = columns_.target.size();
  if ((!columns_.groups.empty() && columns_.groups.size() != n) || (!columns_.folds.empty() && columns_.folds.size() != n))
    throw Error(VN_E_INTERNAL, "dataset: group or fold column of the wrong length");
  if (columns_.source_rows.empty()) {
    columns_.source_rows.resize(n);
    std::iota(columns_.source_rows.begin(), columns_.source_rows.end(), uint64_t{0});
  }
  name_ptrs_.clear();
  for (const std::string &name : columns_.feature_names) name_ptrs_.push_back(name.c_str());
  view_ = vn_dataset{};
  view_.struct_size = sizeof(vn_dataset);
  view_.task = columns_.task;
  view_.n_rows = n;
  view_.n_features = static_cast<uint32_t>(columns_.feature_names.size());
  view_.n_classes = columns_.task == VN_TASK_CLASSIFICATION ? static_cast<uint32_t>(columns_.class_labels.size()) : 0;
  view_.feature_names = name_ptrs_.data();
  view_.target = columns_.target.data();
  view_.groups = columns_.groups.empty() ? nullptr : columns_.groups.data();
  view_.folds = columns_.folds.empty() ? nullptr : columns_.folds.data();
}

std::shared_ptr<const Dataset> Dataset::subset(const std::vector<uint64_t> &rows) const {
  std::vector<uint32_t> all(n_features());
  std::iota(all.begin(), all.end(), uint32_t{0});
  return gather(rows, all);
}

std::shared_ptr<const Dataset> Dataset::gather(const std::vector<uint64_t> &rows, const std::vector<uint32_t> &keep) const {
  const std::size_t d = n_features(), kept = keep.size();
  Columns c;
  c.task = columns_.task;
  c.class_labels = columns_.class_labels;
  std::vector<uint32_t> new_index(d, UINT32_MAX);
  for (std::size_t k = 0; k < kept; ++k) {
    if (keep[k] >= d || (k > 0 && keep[k] <= keep[k - 1]))
      throw Error(VN_E_INTERNAL, "dataset: feature list not ascending or out of range");
    new_index[keep[k]] = static_cast<uint32_t>(k);
    c.feature_names.push_back(columns_.feature_names[keep[k]]);
  }
  for (const Columns::OneHot &group : columns_.one_hot) {
    Columns::OneHot out{group.column, 0, 0};
    for (uint32_t j = group.first; j < group.first + group.count; ++j)
      if (new_index[j] != UINT32_MAX) {
        if (out.count == 0) out.first = new_index[j];
        ++out.count;
      }
    c.one_hot.push_back(std::move(out));  // kept when empty too: every level unseen is still a column's value
  }
  const bool all_features = kept == d;
  std::vector<double> x(rows.size() * kept);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const uint64_t r = rows[i];
    if (r >= n_rows()) throw Error(VN_E_INTERNAL, "dataset: row " + std::to_string(r) + " out of range");
    const double *from = features() + r * d;
    if (all_features) {
      if (d > 0) std::memcpy(&x[i * kept], from, d * sizeof(double));
    } else {
      for (std::size_t k = 0; k < kept; ++k) x[i * kept + k] = from[keep[k]];
    }
    c.target.push_back(columns_.target[r]);
    if (has_groups()) c.groups.push_back(columns_.groups[r]);
    if (has_folds()) c.folds.push_back(columns_.folds[r]);
    c.source_rows.push_back(columns_.source_rows[r]);
  }
  return std::make_shared<Dataset>(std::move(c), std::move(x));
}

std::shared_ptr<const Dataset> Dataset::with_features(std::vector<double> features) const {
  return std::make_shared<Dataset>(columns_, std::move(features));
}

namespace {

// FNV-1a, 64 bits: simple, fast enough for a once-per-study pass, and stable across builds and machines
// (the bytes hashed are little-endian doubles and integers on every platform Vernier builds for).
class Fnv1a {
 public:
  void add(const void *data, std::size_t size) {
    const auto *bytes = static_cast<const unsigned char *>(data);
    for (std::size_t i = 0; i < size; ++i) hash_ = (hash_ ^ bytes[i]) * 0x100000001b3ULL;
  }
  void add(uint64_t value) { add(&value, sizeof value); }
  void add(const std::string &text) {
    add(text.size());
    add(text.data(), text.size());
  }
  template <class T>
  void add(const std::vector<T> &values) {
    add(values.size());
    add(values.data(), values.size() * sizeof(T));
  }
  std::string hex() const {
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash_));
    return out;
  }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace

std::string Dataset::fingerprint() const {
  Fnv1a h;
  h.add(task());
  h.add(feature_names().size());
  for (const std::string &name : feature_names()) h.add(name);
  h.add(class_labels().size());
  for (const std::string &label : class_labels()) h.add(label);
  h.add(n_rows());
  h.add(features(), n_rows() * n_features() * sizeof(double));
  h.add(target());
  h.add(groups());
  h.add(folds());
  return h.hex();
}

}  // namespace vernier::data
