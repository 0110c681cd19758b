#include "conformance/splitter_probe.hpp"

#include <cmath>
#include <cstring>

#include "conformance/guarded_buffer.hpp"

namespace vernier::conformance {

namespace {

constexpr uint8_t kSentinel = 0xA5;

template <class T>
void append_bytes(std::string &s, const std::vector<T> &v) {
  s.append(reinterpret_cast<const char *>(v.data()), v.size() * sizeof(T));
}

}  // namespace

SplitterData::SplitterData(uint64_t n_rows, uint32_t task, bool with_groups, bool with_folds) {
  // A fixed recipe (no RNG needed): classes 60% / 30% / 10% interleaved irregularly, groups of sizes
  // 1..9 in turn, fold ids 0..4 with every 11th row -1.
  for (uint64_t i = 0; i < n_rows; ++i) {
    features_.push_back(std::sin(static_cast<double>(i)));
    features_.push_back(static_cast<double>(i % 13));
    const uint64_t h = (i * 7919 + 13) % 10;
    target_.push_back(task == VN_TASK_CLASSIFICATION ? (h < 6 ? 0.0 : h < 9 ? 1.0 : 2.0) : std::cos(0.3 * static_cast<double>(i)));
  }
  if (with_groups) {
    int64_t group = 0;
    uint64_t size = 1, left = 1;
    for (uint64_t i = 0; i < n_rows; ++i) {
      groups_.push_back(group * 37 % 1000);  // ids need not be small or contiguous
      if (--left == 0) {
        ++group;
        size = size % 9 + 1;
        left = size;
      }
    }
  }
  if (with_folds)
    for (uint64_t i = 0; i < n_rows; ++i) folds_.push_back(i % 11 == 10 ? -1 : static_cast<int64_t>((i * 3) % 5));
  names_ = {"wave", "cycle"};
  for (const std::string &n : names_) name_ptrs_.push_back(n.c_str());
  view_.struct_size = sizeof(vn_dataset);
  view_.task = task;
  view_.n_rows = n_rows;
  view_.n_features = 2;
  view_.n_classes = task == VN_TASK_CLASSIFICATION ? 3 : 0;
  view_.features = features_.data();
  view_.feature_names = name_ptrs_.data();
  view_.target = target_.data();
  view_.groups = with_groups ? groups_.data() : nullptr;
  view_.folds = with_folds ? folds_.data() : nullptr;
}

std::string SplitterData::fingerprint() const {
  std::string s;
  append_bytes(s, features_);
  append_bytes(s, target_);
  append_bytes(s, groups_);
  append_bytes(s, folds_);
  return s;
}

SplitterProbe::Outcome SplitterProbe::n_splits(const SplitterData &data, const std::vector<uint64_t> &rows, uint64_t seed) {
  const std::string before = data.fingerprint();
  const std::vector<uint64_t> rows_copy = rows;
  const std::string where = "n_splits(" + std::to_string(rows.size()) + " rows, seed " + std::to_string(seed) + ")";
  uint32_t n = 0;
  Outcome o;
  bool threw = false;
  try {
    o.status = vtable_->n_splits(self_, &data.view(), rows_copy.data(), rows_copy.size(), seed, &n);
  } catch (...) {
    threw = true;
    escaped(o, where.c_str());
  }
  if (data.fingerprint() != before || rows_copy != rows) seen_.note(Observations::kModifiedView, where + " wrote into the host-owned dataset or rows");
  if (!threw) finish(o, where);
  o.n_splits = n;
  return o;
}

SplitterProbe::Outcome SplitterProbe::split(const SplitterData &data, const std::vector<uint64_t> &rows, uint64_t seed, uint32_t split) {
  const std::string before = data.fingerprint();
  const std::vector<uint64_t> rows_copy = rows;
  GuardedBuffer<uint8_t> buffer(rows.size(), kSentinel);
  const std::string where = "split(" + std::to_string(split) + ", " + std::to_string(rows.size()) + " rows, seed " + std::to_string(seed) + ")";
  Outcome o;
  bool threw = false;
  try {
    o.status = vtable_->split(self_, &data.view(), rows_copy.data(), rows_copy.size(), seed, split, buffer.data());
  } catch (...) {
    threw = true;
    escaped(o, where.c_str());
  }
  if (const std::string side = buffer.violation(); !side.empty())
    seen_.note(Observations::kOverrun, where + " wrote outside its n_rows-byte output (" + side + ")");
  if (data.fingerprint() != before || rows_copy != rows) seen_.note(Observations::kModifiedView, where + " wrote into the host-owned dataset or rows");
  if (!threw) finish(o, where);
  o.splits.push_back(buffer.values());
  return o;
}

SplitterProbe::Outcome SplitterProbe::split_all(const SplitterData &data, const std::vector<uint64_t> &rows, uint64_t seed) {
  Outcome all = n_splits(data, rows, seed);
  if (!all.ok()) return all;
  for (uint32_t s = 0; s < all.n_splits; ++s) {
    Outcome one = split(data, rows, seed, s);
    if (!one.ok()) {
      one.n_splits = all.n_splits;
      one.message = "split " + std::to_string(s) + ": " + one.message;
      return one;
    }
    all.splits.push_back(std::move(one.splits[0]));
  }
  return all;
}

}  // namespace vernier::conformance
