// The sorted order of doubles: see sorted_order.hpp.
//
// A bucket sort: n values are spread over n buckets by their position between the smallest and the
// largest (one counting pass), then each bucket is sorted on its own. Observations of a parameter are
// spread over its range, so buckets hold one or two values and the whole costs a few passes over the
// data; values bunched into one bucket fall back to a comparison sort of that bucket, O(n log n) at worst.
#include "sorted_order.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

namespace vernier::tpe {

std::vector<uint32_t> sorted_order(const std::vector<double> &values) {
  const std::size_t n = values.size();
  std::vector<uint32_t> order(n);
  if (n < 32) {  // too few for buckets to pay
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return values[a] < values[b]; });
    return order;
  }
  const auto [min_it, max_it] = std::minmax_element(values.begin(), values.end());
  const double low = *min_it, span = *max_it - *min_it;
  const double scale = span > 0 ? static_cast<double>(n - 1) / span : 0.0;
  std::vector<uint32_t> bucket(n), start(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const double position = (values[i] - low) * scale;  // in [0, n - 1]
    bucket[i] = std::min(static_cast<uint32_t>(position), static_cast<uint32_t>(n - 1));
    ++start[bucket[i] + 1];
  }
  for (std::size_t b = 0; b < n; ++b) start[b + 1] += start[b];
  std::vector<uint32_t> next(start.begin(), start.end() - 1);
  for (std::size_t i = 0; i < n; ++i) order[next[bucket[i]]++] = static_cast<uint32_t>(i);  // index order kept
  // Sort inside each bucket by (value, index): insertion sort for the usual handful, else std::sort.
  auto less = [&](uint32_t a, uint32_t b) { return values[a] < values[b] || (values[a] == values[b] && a < b); };
  for (std::size_t b = 0; b < n; ++b) {
    const uint32_t first = start[b], last = start[b + 1];
    if (last - first < 2) continue;
    if (last - first > 16) {
      std::sort(order.begin() + first, order.begin() + last, less);
      continue;
    }
    for (uint32_t i = first + 1; i < last; ++i) {
      const uint32_t item = order[i];
      uint32_t j = i;
      for (; j > first && less(item, order[j - 1]); --j) order[j] = order[j - 1];
      order[j] = item;
    }
  }
  return order;
}

}  // namespace vernier::tpe
