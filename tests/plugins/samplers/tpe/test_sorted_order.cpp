// The bucket sort behind the neighbour-gap bandwidths, against std::stable_sort on awkward inputs.
#include <algorithm>
#include <numeric>
#include <vector>

#include <catch2/catch.hpp>

#include "sorted_order.hpp"
#include "vernier/sdk/rng.hpp"

using vernier::tpe::sorted_order;

namespace {

std::vector<uint32_t> reference(const std::vector<double> &v) {
  std::vector<uint32_t> order(v.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return v[a] < v[b]; });
  return order;
}

}  // namespace

TEST_CASE("sorted_order is a stable sort, whatever the spread of the values", "[tpe][sort]") {
  vernier::sdk::Rng rng(4, 0);
  std::vector<std::vector<double>> inputs = {{}, {1.0}, {2.0, 1.0}, std::vector<double>(100, 3.5)};
  for (int n : {5, 31, 32, 33, 200, 1000}) {
    std::vector<double> uniform(n), duplicates(n), clustered(n), mixed(n);
    for (int i = 0; i < n; ++i) {
      uniform[i] = rng.uniform() * 20 - 10;
      duplicates[i] = static_cast<double>(rng.below(7));
      clustered[i] = 1.0 + rng.uniform() * 1e-12;                       // one bucket holds nearly all
      mixed[i] = i % 10 == 0 ? 1e6 * rng.uniform() : rng.uniform();       // outliers stretch the buckets
    }
    clustered[0] = 1e3;
    inputs.insert(inputs.end(), {uniform, duplicates, clustered, mixed});
  }
  inputs.push_back({-0.0, 0.0, -1e-300, 1e-300, -5.0, 5.0, 0.0, -0.0});
  for (const auto &v : inputs) {
    INFO("n = " << v.size());
    CHECK(sorted_order(v) == reference(v));
  }
}
