#include "objectives/cv/cv_test_split.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "base/error.hpp"
#include "vernier/sdk/rng.hpp"

namespace vernier {

namespace {

constexpr uint64_t kTestStream = 0x74657374ULL;  // "test": the Rng stream of the test split

uint64_t test_count(double test_size, uint64_t n) {
  if (test_size >= 1) return static_cast<uint64_t>(test_size);
  return static_cast<uint64_t>(std::ceil(test_size * static_cast<double>(n) - 1e-9));
}

// Per class, how many rows go to the test part: proportional, by largest remainders, at most all but one.
std::vector<uint64_t> class_quota(const std::vector<uint64_t> &count, uint64_t n_test, uint64_t n) {
  const std::size_t k = count.size();
  std::vector<uint64_t> quota(k);
  std::vector<double> remainder(k);
  uint64_t given = 0;
  for (std::size_t c = 0; c < k; ++c) {
    const double exact = static_cast<double>(n_test) * static_cast<double>(count[c]) / static_cast<double>(n);
    quota[c] = std::min<uint64_t>(static_cast<uint64_t>(std::floor(exact)), count[c] > 0 ? count[c] - 1 : 0);
    remainder[c] = exact - static_cast<double>(quota[c]);
    given += quota[c];
  }
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (bool progress = true; given < n_test && progress;) {
    progress = false;
    for (std::size_t c : order)
      if (given < n_test && quota[c] + 1 < count[c]) {
        ++quota[c];
        ++given;
        progress = true;
      }
  }
  return quota;
}

}  // namespace

TrainTest split_test_part(const data::Dataset &data, double test_size, TestSplit mode, uint64_t seed) {
  const uint64_t n = data.n_rows();
  const uint64_t n_test = test_count(test_size, n);
  TrainTest out;
  if (n_test == 0) {
    out.train.resize(n);
    std::iota(out.train.begin(), out.train.end(), uint64_t{0});
    return out;
  }
  if (n_test + 2 > n)
    throw invalid_argument("objective.cv.test_size: a test part of " + std::to_string(n_test) + " of the " + std::to_string(n) +
                           " rows leaves fewer than two for training");
  std::vector<bool> in_test(n, false);
  sdk::Rng rng(seed, 0, kTestStream);
  switch (mode) {
    case TestSplit::Last:
      for (uint64_t i = n - n_test; i < n; ++i) in_test[i] = true;
      break;
    case TestSplit::Random: {
      std::vector<uint64_t> order(n);
      std::iota(order.begin(), order.end(), uint64_t{0});
      rng.shuffle(order.begin(), order.end());
      for (uint64_t i = 0; i < n_test; ++i) in_test[order[i]] = true;
      break;
    }
    case TestSplit::Stratified: {
      std::vector<std::vector<uint64_t>> rows_of(data.n_classes());
      for (uint64_t i = 0; i < n; ++i) rows_of[static_cast<std::size_t>(data.target()[i])].push_back(i);
      std::vector<uint64_t> count;
      for (const auto &rows : rows_of) count.push_back(rows.size());
      const std::vector<uint64_t> quota = class_quota(count, n_test, n);
      for (std::size_t c = 0; c < rows_of.size(); ++c) {
        rng.shuffle(rows_of[c].begin(), rows_of[c].end());
        for (uint64_t i = 0; i < quota[c]; ++i) in_test[rows_of[c][i]] = true;
      }
      break;
    }
    case TestSplit::Group: {
      if (!data.has_groups()) throw invalid_argument("objective.cv.test_split: \"group\" needs a group column");
      std::map<int64_t, std::vector<uint64_t>> rows_of;
      for (uint64_t i = 0; i < n; ++i) rows_of[data.groups()[i]].push_back(i);
      if (rows_of.size() < 2) throw invalid_argument("objective.cv.test_split: \"group\" needs at least two groups; the data has one");
      std::vector<const std::vector<uint64_t> *> groups;
      for (const auto &entry : rows_of) groups.push_back(&entry.second);
      rng.shuffle(groups.begin(), groups.end());
      uint64_t taken = 0;
      for (std::size_t g = 0; g + 1 < groups.size() && taken < n_test; ++g) {  // the last group always trains
        for (uint64_t r : *groups[g]) in_test[r] = true;
        taken += groups[g]->size();
      }
      break;
    }
  }
  for (uint64_t i = 0; i < n; ++i) (in_test[i] ? out.test : out.train).push_back(i);
  if (out.train.size() < 2)
    throw invalid_argument("objective.cv.test_size: the test part leaves only " + std::to_string(out.train.size()) + " training row(s)");
  return out;
}

}  // namespace vernier
