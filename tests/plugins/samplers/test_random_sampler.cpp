// The random sampler plugin through its C vtable: "sobol": true changes the draws, stays a function of
// (seed, trial number), and stratifies every parameter the way a scrambled Sobol' sequence must (2^k
// trials put exactly one point in each of 2^k equal bins) while honouring log, step, int and categorical
// parameters; plain draws have the mean and variance of the uniform law (6-sigma bounds), log parameters
// are uniform in log space, and both ends of an int are reached.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sampler_test_support.hpp"

using namespace sampler_test;
using vernier::conformance::same_values;

namespace {

std::vector<int64_t> trials(int64_t first, int64_t count) {
  std::vector<int64_t> numbers;
  for (int64_t t = first; t < first + count; ++t) numbers.push_back(t);
  return numbers;
}

// Column j of n_params-wide rows.
std::vector<double> column(const std::vector<double> &rows, std::size_t d, std::size_t j) {
  std::vector<double> values;
  for (std::size_t i = j; i < rows.size(); i += d) values.push_back(rows[i]);
  return values;
}

// How many of `values` fall in each of `bins` equal bins of [0, 1), after mapping by `to_unit`.
template <class F>
std::vector<int> histogram(const std::vector<double> &values, int bins, F to_unit) {
  std::vector<int> counts(bins, 0);
  for (double v : values) {
    const int bin = static_cast<int>(std::floor(to_unit(v) * bins));
    REQUIRE(bin >= 0);
    REQUIRE(bin < bins);
    ++counts[bin];
  }
  return counts;
}

// Counts of each integer value in [low, high].
std::vector<int> tally(const std::vector<double> &values, int low, int high) {
  std::vector<int> counts(high - low + 1, 0);
  for (double v : values) {
    REQUIRE(v == std::floor(v));
    REQUIRE(v >= low);
    REQUIRE(v <= high);
    ++counts[static_cast<int>(v) - low];
  }
  return counts;
}

bool all_equal_to(const std::vector<int> &counts, int n) {
  return std::all_of(counts.begin(), counts.end(), [n](int c) { return c == n; });
}

// Checks that the sample mean and variance of `values` match a uniform law on [low, high] to within 6
// standard errors (the standard error of the variance from the uniform law's fourth central moment).
void check_uniform_moments(const std::vector<double> &values, double low, double high) {
  const double n = static_cast<double>(values.size());
  double sum = 0;
  for (double v : values) sum += v;
  const double mean = sum / n;
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  const double variance = squares / (n - 1);
  const double width = high - low;
  const double true_variance = width * width / 12, fourth_moment = std::pow(width, 4) / 80;
  INFO("mean " << mean << ", variance " << variance << " over " << n << " draws on [" << low << ", " << high << "]");
  CHECK(std::fabs(mean - (low + high) / 2) < 6 * std::sqrt(true_variance / n));
  CHECK(std::fabs(variance - true_variance) < 6 * std::sqrt((fourth_moment - true_variance * true_variance) / n));
}

const char *kMixed = R"([
  {"name": "x", "type": "float", "low": -3, "high": 5},
  {"name": "lr", "type": "float", "low": 0.0001, "high": 1, "log": true},
  {"name": "k", "type": "int", "low": 0, "high": 15},
  {"name": "s", "type": "float", "low": 0, "high": 7.5, "step": 0.5},
  {"name": "c", "type": "categorical", "choices": ["a", "b", "c", "d", "e", "f", "g", "h"]},
  {"name": "m", "type": "int", "low": 1, "high": 100, "log": true},
  {"name": "if_abcd", "type": "float", "low": 0, "high": 1,
   "condition": {"parent": "c", "values": ["a", "b", "c", "d"]}}])";

}  // namespace

TEST_CASE("sobol changes the draws and stays a function of (seed, trial number)", "[random][sobol]") {
  const Space space = parse_space(kMixed);
  const std::size_t d = space.size();
  const HistoryData empty(static_cast<uint32_t>(d));
  Sampler plain("random"), sobol("random", R"({"sobol": true})");
  const std::vector<double> plain_rows = plain.suggest_trials(space, empty, 3, trials(0, 16));
  const std::vector<double> sobol_rows = sobol.suggest_trials(space, empty, 3, trials(0, 16));
  // Every trial differs in its continuous parameter, not just one of them.
  const std::vector<double> plain_x = column(plain_rows, d, 0), sobol_x = column(sobol_rows, d, 0);
  for (std::size_t t = 0; t < 16; ++t) CHECK(plain_x[t] != sobol_x[t]);

  // The same rows from a fresh instance, one trial at a time in reverse order, with an unrelated history.
  Sampler fresh("random", R"({"sobol": true})");
  HistoryData history(static_cast<uint32_t>(d));
  history.append(0, VN_TRIAL_COMPLETE, vernier::conformance::valid_point(space, 1), 0.5);
  history.append(1, VN_TRIAL_RUNNING, vernier::conformance::valid_point(space, 2), 0);
  for (int64_t t = 15; t >= 0; --t) {
    const std::vector<double> row = fresh.suggest_trials(space, history, 3, {t});
    CHECK(same_values(row, std::vector<double>(sobol_rows.begin() + t * d, sobol_rows.begin() + (t + 1) * d)));
  }
  // Switching seeds back and forth on one instance gives each seed's own sequence.
  const std::vector<double> seed4 = sobol.suggest_trials(space, empty, 4, trials(0, 16));
  CHECK_FALSE(same_values(seed4, sobol_rows));
  CHECK(same_values(sobol.suggest_trials(space, empty, 3, trials(0, 16)), sobol_rows));
  CHECK(same_values(Sampler("random", R"({"sobol": true})").suggest_trials(space, empty, 4, trials(0, 16)), seed4));
}

TEST_CASE("sobol: 2^k trials fill each of 2^k equal bins of every parameter exactly once", "[random][sobol]") {
  const Space space = parse_space(kMixed);
  const std::size_t d = space.size();
  const HistoryData empty(static_cast<uint32_t>(d));
  const uint64_t seed = GENERATE(1u, 2u, 12345u);
  const int64_t first = GENERATE(0, 64, 192);  // any block of 64 that starts at a multiple of 64
  INFO("seed " << seed << ", trials " << first << ".." << first + 63);
  const std::vector<double> rows = Sampler("random", R"({"sobol": true})").suggest_trials(space, empty, seed, trials(first, 64));

  // A float: 64 bins of [-3, 5]; a log float: 64 bins of its log range.
  CHECK(all_equal_to(histogram(column(rows, d, 0), 64, [](double x) { return (x + 3) / 8; }), 1));
  CHECK(all_equal_to(histogram(column(rows, d, 1), 64, [](double lr) { return (std::log10(lr) + 4) / 4; }), 1));
  // 16 int values and 16 step values: each exactly 4 times; 8 choices: each exactly 8 times.
  CHECK(all_equal_to(tally(column(rows, d, 2), 0, 15), 4));
  std::vector<double> steps = column(rows, d, 3);
  for (double &v : steps) v *= 2;  // 0, 0.5, ..., 7.5 -> 0..15
  CHECK(all_equal_to(tally(steps, 0, 15), 4));
  CHECK(all_equal_to(tally(column(rows, d, 4), 0, 7), 8));
  // A log int: integers in range (suggest_trials checked every point against the space); the conditional
  // float is active exactly where its parent takes a, b, c or d: half of the trials.
  const std::vector<double> gated = column(rows, d, 6);
  CHECK(std::count_if(gated.begin(), gated.end(), [](double v) { return !std::isnan(v); }) == 32);

  // One dimension and 256 bins, and 1024 bins.
  const Space line = parse_space(R"([{"name": "u", "type": "float", "low": 0, "high": 1}])");
  for (int64_t n : {256, 1024}) {
    const std::vector<double> u = Sampler("random", R"({"sobol": true})").suggest_trials(line, HistoryData(1), seed, trials(n, n));
    CHECK(all_equal_to(histogram(u, static_cast<int>(n), [](double v) { return v; }), 1));
  }
}

TEST_CASE("plain random draws do not stratify: the Sobol check above has power", "[random][sobol]") {
  const Space line = parse_space(R"([{"name": "u", "type": "float", "low": 0, "high": 1}])");
  const std::vector<double> u = Sampler("random").suggest_trials(line, HistoryData(1), 1, trials(0, 64));
  CHECK_FALSE(all_equal_to(histogram(u, 64, [](double v) { return v; }), 1));
}

TEST_CASE("draws are uniform: float moments, log space, every int value with both ends", "[random]") {
  const bool sobol = GENERATE(false, true);
  INFO((sobol ? "sobol" : "plain"));
  const Space space = parse_space(R"([{"name": "x", "type": "float", "low": -2, "high": 6},
                                      {"name": "lr", "type": "float", "low": 0.0001, "high": 1, "log": true},
                                      {"name": "k", "type": "int", "low": 3, "high": 7}])");
  const int n = 1 << 14;
  const std::vector<double> rows =
      Sampler("random", sobol ? R"({"sobol": true})" : "{}").suggest_trials(space, HistoryData(3), 5, trials(0, n));
  check_uniform_moments(column(rows, 3, 0), -2, 6);
  std::vector<double> log_lr = column(rows, 3, 1);
  for (double &v : log_lr) v = std::log10(v);
  check_uniform_moments(log_lr, -4, 0);
  // Each of the 5 values with probability 1/5, within 6 standard errors; the ends 3 and 7 among them.
  const std::vector<int> counts = tally(column(rows, 3, 2), 3, 7);
  const double p = 0.2, sd = std::sqrt(p * (1 - p) / n);
  for (std::size_t v = 0; v < counts.size(); ++v) {
    INFO("k = " << v + 3 << ": " << counts[v] << " of " << n);
    CHECK(std::fabs(counts[v] / static_cast<double>(n) - p) < 6 * sd);
  }
  CHECK(counts.front() > 0);
  CHECK(counts.back() > 0);
}

TEST_CASE("random: bad options and trial numbers outside the Sobol sequence are clear errors", "[random][errors]") {
  for (const char *options : {R"({"sobol": 1})", R"({"sobol": "true"})", R"({"sobl": true})"}) {
    const Failure f = create_failure("random", options);
    INFO(options << " -> " << f.message);
    CHECK(f.status == VN_E_INVALID);
    CHECK((f.message.find("sobol") != std::string::npos || f.message.find("sobl") != std::string::npos));
  }
  const Space line = parse_space(R"([{"name": "u", "type": "float", "low": 0, "high": 1}])");
  Sampler sobol("random", R"({"sobol": true})");
  for (int64_t trial : {int64_t{-1}, int64_t{1} << 32}) {
    std::vector<double> out;
    std::string message;
    CHECK(sobol.try_suggest(line, HistoryData(1), 1, {trial}, out, &message) == VN_E_INVALID);
    INFO(message);
    CHECK(message.find("trial number " + std::to_string(trial)) != std::string::npos);
  }
  // The last trial the sequence has is fine; plain draws take any trial number.
  sobol.suggest_trials(line, HistoryData(1), 1, {(int64_t{1} << 32) - 1});
  Sampler("random").suggest_trials(line, HistoryData(1), 1, {int64_t{1} << 40, -7});
}
