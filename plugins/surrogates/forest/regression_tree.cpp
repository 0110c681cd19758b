#include "regression_tree.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace vernier::forest {

namespace {

struct Stats {
  double count = 0, sum = 0, squares = 0;
  void add(double y) {
    count += 1;
    sum += y;
    squares += y * y;
  }
  // Sum of squared deviations from the mean; never negative.
  double sse() const { return count > 0 ? std::max(0.0, squares - sum * sum / count) : 0.0; }
};

struct Split {
  double sse = HUGE_VAL;
  int32_t feature = -1;
  double threshold = 0;
  std::vector<bool> goes_left;
};

void best_numeric_split(const TreeData &data, const std::vector<uint32_t> &rows, std::size_t begin, std::size_t end,
                        uint32_t feature, const TreeSettings &settings, sdk::Rng &rng, Split &best) {
  const std::size_t m = end - begin;
  std::vector<std::pair<double, uint32_t>> values(m);  // (feature value, row), sorted for the sweep
  for (std::size_t i = 0; i < m; ++i) values[i] = {data.X[rows[begin + i] * data.dims + feature], rows[begin + i]};
  std::sort(values.begin(), values.end());
  Stats total;
  for (const auto &v : values) total.add(data.y[v.second]);
  Stats left;
  double best_sse = HUGE_VAL;
  std::size_t best_cut = 0;
  for (std::size_t i = 1; i < m; ++i) {
    left.add(data.y[values[i - 1].second]);
    if (!(values[i - 1].first < values[i].first)) continue;  // no threshold separates equal values
    if (i < settings.min_samples_leaf || m - i < settings.min_samples_leaf) continue;
    const Stats right{total.count - left.count, total.sum - left.sum, total.squares - left.squares};
    const double sse = left.sse() + right.sse();
    if (sse < best_sse) {
      best_sse = sse;
      best_cut = i;
    }
  }
  if (best_cut == 0 || !(best_sse < best.sse)) return;
  const double lo = values[best_cut - 1].first, hi = values[best_cut].first;
  double threshold = lo + rng.uniform() * (hi - lo);
  if (!(threshold < hi)) threshold = lo;  // keep lo on the left and hi on the right despite rounding
  best = Split{best_sse, static_cast<int32_t>(feature), threshold, {}};
}

void best_categorical_split(const TreeData &data, const std::vector<uint32_t> &rows, std::size_t begin,
                            std::size_t end, uint32_t feature, const TreeSettings &settings, Split &best) {
  const uint32_t levels = (*data.levels)[feature];
  std::vector<Stats> per_level(levels);
  for (std::size_t i = begin; i < end; ++i) {
    const auto level = static_cast<uint32_t>(data.X[rows[i] * data.dims + feature]);
    per_level[std::min(level, levels - 1)].add(data.y[rows[i]]);
  }
  std::vector<uint32_t> present;
  for (uint32_t l = 0; l < levels; ++l)
    if (per_level[l].count > 0) present.push_back(l);
  if (present.size() < 2) return;
  std::stable_sort(present.begin(), present.end(), [&](uint32_t a, uint32_t b) {
    return per_level[a].sum / per_level[a].count < per_level[b].sum / per_level[b].count;
  });
  Stats total, left;
  for (uint32_t l : present) {
    total.count += per_level[l].count;
    total.sum += per_level[l].sum;
    total.squares += per_level[l].squares;
  }
  double best_sse = HUGE_VAL;
  std::size_t best_cut = 0;
  for (std::size_t i = 1; i < present.size(); ++i) {
    const Stats &s = per_level[present[i - 1]];
    left.count += s.count;
    left.sum += s.sum;
    left.squares += s.squares;
    const Stats right{total.count - left.count, total.sum - left.sum, total.squares - left.squares};
    if (left.count < settings.min_samples_leaf || right.count < settings.min_samples_leaf) continue;
    const double sse = left.sse() + right.sse();
    if (sse < best_sse) {
      best_sse = sse;
      best_cut = i;
    }
  }
  if (best_cut == 0 || !(best_sse < best.sse)) return;
  double left_count = 0;
  std::vector<bool> goes_left(levels, false);
  for (std::size_t i = 0; i < best_cut; ++i) {
    goes_left[present[i]] = true;
    left_count += per_level[present[i]].count;
  }
  // Levels this node never saw follow the larger side, the likelier guess for an unseen value.
  const bool absent_left = left_count >= total.count - left_count;
  for (uint32_t l = 0; l < levels; ++l)
    if (per_level[l].count == 0) goes_left[l] = absent_left;
  best = Split{best_sse, static_cast<int32_t>(feature), 0.0, std::move(goes_left)};
}

}  // namespace

void RegressionTree::grow(const TreeData &data, std::vector<uint32_t> rows, const TreeSettings &settings, sdk::Rng &rng) {
  nodes_.clear();
  build(data, rows, 0, rows.size(), 0, settings, rng);
}

uint32_t RegressionTree::build(const TreeData &data, std::vector<uint32_t> &rows, std::size_t begin, std::size_t end,
                               uint32_t depth, const TreeSettings &settings, sdk::Rng &rng) {
  const auto index = static_cast<uint32_t>(nodes_.size());
  nodes_.emplace_back();
  Stats stats;
  for (std::size_t i = begin; i < end; ++i) stats.add(data.y[rows[i]]);
  const double count = std::max(1.0, stats.count);
  nodes_[index].leaf = Leaf{stats.sum / count, stats.sse() / count};
  const double parent_sse = stats.sse();
  if (end - begin < settings.min_samples_split || depth >= settings.max_depth || !(parent_sse > 0) || data.dims == 0)
    return index;

  // A random subset of the features, by a partial Fisher-Yates shuffle.
  std::vector<uint32_t> features(data.dims);
  std::iota(features.begin(), features.end(), 0u);
  const std::size_t tried = std::clamp<std::size_t>(
      static_cast<std::size_t>(std::ceil(settings.feature_fraction * static_cast<double>(data.dims))), 1, data.dims);
  for (std::size_t i = 0; i < tried; ++i) std::swap(features[i], features[i + rng.below(data.dims - i)]);

  Split best;
  for (std::size_t i = 0; i < tried; ++i) {
    const uint32_t f = features[i];
    if ((*data.categorical)[f]) {
      best_categorical_split(data, rows, begin, end, f, settings, best);
    } else {
      best_numeric_split(data, rows, begin, end, f, settings, rng, best);
    }
  }
  if (best.feature < 0 || !(best.sse < parent_sse * (1 - 1e-12))) return index;

  const auto goes_left = [&](uint32_t row) {
    const double v = data.X[row * data.dims + static_cast<std::size_t>(best.feature)];
    if (!best.goes_left.empty()) return static_cast<bool>(best.goes_left[std::min<std::size_t>(static_cast<std::size_t>(v), best.goes_left.size() - 1)]);
    return v <= best.threshold;
  };
  const auto middle = std::stable_partition(rows.begin() + static_cast<std::ptrdiff_t>(begin),
                                            rows.begin() + static_cast<std::ptrdiff_t>(end), goes_left);
  const auto split_at = static_cast<std::size_t>(middle - rows.begin());
  if (split_at == begin || split_at == end) return index;  // cannot happen with a valid split; stay safe
  const uint32_t left = build(data, rows, begin, split_at, depth + 1, settings, rng);
  const uint32_t right = build(data, rows, split_at, end, depth + 1, settings, rng);
  Node &node = nodes_[index];  // after the recursion: nodes_ may have reallocated
  node.feature = best.feature;
  node.threshold = best.threshold;
  node.goes_left = std::move(best.goes_left);
  node.left = left;
  node.right = right;
  return index;
}

const RegressionTree::Leaf &RegressionTree::leaf_for(const double *x) const {
  uint32_t i = 0;
  while (nodes_[i].feature >= 0) {
    const Node &node = nodes_[i];
    const double v = x[node.feature];
    bool left;
    if (!node.goes_left.empty()) {
      const double level = std::clamp(v, 0.0, static_cast<double>(node.goes_left.size() - 1));
      left = node.goes_left[static_cast<std::size_t>(level)];
    } else {
      left = v <= node.threshold;
    }
    i = left ? node.left : node.right;
  }
  return nodes_[i].leaf;
}

}  // namespace vernier::forest
