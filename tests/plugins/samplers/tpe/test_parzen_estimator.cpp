// The Parzen estimator: densities that integrate (or sum) to 1 for every kind of parameter, log-densities
// equal to hand-computed mixtures, the fading weights, and draws that follow the density.
#include <algorithm>
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "parzen_estimator.hpp"
#include "tpe_test_support.hpp"

using namespace vernier::tpe;
using tpe_test::Space;

namespace {

double Phi(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }
double phi(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI); }

// A normal(mu, sigma) density truncated to [lo, hi], at x.
double trunc_pdf(double x, double mu, double sigma, double lo, double hi) {
  return phi((x - mu) / sigma) / sigma / (Phi((hi - mu) / sigma) - Phi((lo - mu) / sigma));
}
// Its mass on [a, b].
double trunc_mass(double a, double b, double mu, double sigma, double lo, double hi) {
  return (Phi((b - mu) / sigma) - Phi((a - mu) / sigma)) / (Phi((hi - mu) / sigma) - Phi((lo - mu) / sigma));
}

// Rows for single-parameter observations (parameter index 0).
std::vector<std::vector<double>> rows_of(const std::vector<double> &values) {
  std::vector<std::vector<double>> rows;
  for (double v : values) rows.push_back({v});
  return rows;
}
std::vector<const double *> pointers(const std::vector<std::vector<double>> &rows) {
  std::vector<const double *> out;
  for (const auto &r : rows) out.push_back(r.data());
  return out;
}

double log_pdf_at(const ParzenEstimator &e, std::vector<double> point) {
  double out = 0;
  e.log_pdf(point.data(), 1, &out);
  return out;
}

// The integral over a continuous parameter's range (the density is per unit of the value), by Simpson's
// rule in model space: for a log parameter x = e^y, dx = e^y dy.
double total_mass_1d(const ParzenEstimator &e) {
  const ParamModel &m = e.params()[0];
  const int n = 20000;
  const double h = (m.upper - m.lower) / n;
  auto f = [&](double y) {
    const double x = std::clamp(m.log ? std::exp(y) : y, m.param->low, m.param->high);
    return std::exp(log_pdf_at(e, {x})) * (m.log ? x : 1.0);
  };
  double s = f(m.lower) + f(m.upper);
  for (int i = 1; i < n; ++i) s += f(m.lower + i * h) * (i % 2 ? 4 : 2);
  return s * h / 3;
}

// The sum over a discrete or categorical parameter's values.
double total_mass_grid(const ParzenEstimator &e) {
  const vn_param &p = *e.params()[0].param;
  double total = 0;
  for (uint64_t k = 0; k < vernier::sdk::grid_count(p); ++k) total += std::exp(log_pdf_at(e, {vernier::sdk::grid_value(p, k)}));
  return total;
}

EstimatorSettings settings_for(Bandwidth bandwidth, bool weight_by_bandwidth = false) {
  EstimatorSettings s;
  s.bandwidth = bandwidth;
  s.weight_by_bandwidth = weight_by_bandwidth;
  return s;
}

// The estimator of `rows` over every parameter of `s`, parameter i at index i of a row. Its models point
// into the space, so `s` must outlive it.
ParzenEstimator fitted(Space &s, const std::vector<std::vector<double>> &rows, const EstimatorSettings &settings) {
  const vn_space &space = s.view();
  std::vector<ParamModel> models;
  for (uint32_t i = 0; i < space.n_params; ++i) models.push_back(model_of(space.params[i], i));
  return ParzenEstimator(std::move(models), pointers(rows), settings);
}
constexpr Bandwidth kScott = Bandwidth::Scott;
constexpr Bandwidth kGaps = Bandwidth::NeighbourGaps;

}  // namespace

TEST_CASE("densities integrate to 1 over the range for every parameter kind", "[tpe][parzen]") {
  const Bandwidth bandwidth = GENERATE(kScott, kGaps);
  const bool weighted = GENERATE(false, true);  // the scoring densities integrate to 1 too
  const EstimatorSettings settings = settings_for(bandwidth, weighted);
  INFO("Scott's rule " << (bandwidth == kScott) << ", weight_by_bandwidth " << weighted);

  struct Case {
    const char *what;
    Space space;
    std::vector<double> observations;
  };
  std::vector<Case> cases;
  cases.push_back({"float", Space().real("x", -2, 3), {0.1, 2.9, -1.5, 0.1, -2.0}});
  cases.push_back({"log float", Space().real("x", 1e-3, 1e3, true), {0.01, 5, 500, 1e-3}});
  cases.push_back({"int", Space().integer("k", 1, 12), {1, 3, 3, 12}});
  cases.push_back({"stepped float", Space().real("x", 0, 1, false, 0.25), {0, 0.5, 1}});
  cases.push_back({"log int", Space().integer("k", 1, 100, true), {1, 10, 99}});
  cases.push_back({"categorical", Space().categorical("c", 5), {0, 4, 4}});
  std::vector<double> many;  // more than n_full_weight observations: the fading weights are in play
  for (int i = 0; i < 40; ++i) many.push_back(-2 + 5 * std::fmod(i * 0.618034, 1.0));
  cases.push_back({"float, 40 observations", Space().real("x", -2, 3), many});
  cases.push_back({"float, no observations", Space().real("x", -2, 3), {}});

  for (Case &c : cases) {
    INFO(c.what);
    const auto rows = rows_of(c.observations);
    const ParzenEstimator e = fitted(c.space, rows, settings);
    const double total = e.params()[0].kind == ParamKind::Continuous ? total_mass_1d(e) : total_mass_grid(e);
    CHECK(total == Approx(1.0).margin(1e-6));
  }
}

TEST_CASE("a joint density over a float and a categorical sums and integrates to 1", "[tpe][parzen]") {
  Space s;
  s.real("x", 0, 10).categorical("c", 3);
  const std::vector<std::vector<double>> rows = {{1, 0}, {9, 2}, {5, 2}, {5.5, 1}};
  const ParzenEstimator e = fitted(s, rows, settings_for(kGaps));
  double total = 0;
  const int n = 20000;
  const double h = 10.0 / n;
  for (int c = 0; c < 3; ++c) {
    auto f = [&](double x) { return std::exp(log_pdf_at(e, {x, double(c)})); };
    double sum = f(0) + f(10);
    for (int i = 1; i < n; ++i) sum += f(i * h) * (i % 2 ? 4 : 2);
    total += sum * h / 3;
  }
  CHECK(total == Approx(1.0).margin(1e-6));
}

TEST_CASE("log-densities equal hand-computed mixtures", "[tpe][parzen]") {
  SECTION("univariate float: neighbour-gap bandwidth, magic clip, prior") {
    // One observation at 0.3 on [0, 1]; the prior sits at 0.5. Without endpoints the observation's
    // bandwidth is the gap to the prior (0.2), clipped up to 1 / min(100, 1 + 2) = 1/3; the prior's is 1.
    // Weights: 1 and 1 (prior), so 1/2 each.
    Space s;
    s.real("x", 0, 1);
    const auto rows = rows_of({0.3});
    const ParzenEstimator e = fitted(s, rows, settings_for(kGaps));
    for (double x : {0.0, 0.1, 0.77, 1.0}) {
      const double want = 0.5 * trunc_pdf(x, 0.3, 1.0 / 3, 0, 1) + 0.5 * trunc_pdf(x, 0.5, 1.0, 0, 1);
      CHECK(log_pdf_at(e, {x}) == Approx(std::log(want)).epsilon(1e-12));
    }
    // Weighted by relative bandwidth, the weights become 1/2 * 1/3 and 1/2 * 1, renormalised: 1/4 and 3/4.
    const ParzenEstimator w = fitted(s, rows, settings_for(kGaps, true));
    for (double x : {0.0, 0.4}) {
      const double want = 0.25 * trunc_pdf(x, 0.3, 1.0 / 3, 0, 1) + 0.75 * trunc_pdf(x, 0.5, 1.0, 0, 1);
      CHECK(log_pdf_at(w, {x}) == Approx(std::log(want)).epsilon(1e-12));
    }
  }
  SECTION("joint kernels with neighbour-gap bandwidths per parameter") {
    // Observations (0.2, 0.9) and (0.6, 0.1) on [0, 1]^2; prior at (0.5, 0.5). Along a: centres 0.2, 0.5,
    // 0.6: the outer ones take their inner gap, 0.3 and 0.1 -> clipped to 1/4 -> 0.3, 0.25. Along b:
    // centres 0.1, 0.5, 0.9 -> 0.4 each. The prior is 1 wide in both.
    Space s;
    s.real("a", 0, 1).real("b", 0, 1);
    const std::vector<std::vector<double>> rows = {{0.2, 0.9}, {0.6, 0.1}};
    const ParzenEstimator e = fitted(s, rows, settings_for(kGaps));
    const double a = 0.35, b = 0.7;
    const double want = (trunc_pdf(a, 0.2, 0.3, 0, 1) * trunc_pdf(b, 0.9, 0.4, 0, 1) +
                         trunc_pdf(a, 0.6, 0.25, 0, 1) * trunc_pdf(b, 0.1, 0.4, 0, 1) +
                         trunc_pdf(a, 0.5, 1.0, 0, 1) * trunc_pdf(b, 0.5, 1.0, 0, 1)) / 3;
    CHECK(log_pdf_at(e, {a, b}) == Approx(std::log(want)).epsilon(1e-12));
  }
  SECTION("multivariate floats: Scott's rule bandwidth, product kernels") {
    // Two observations in 2-D on [0, 2] x [-1, 1] (widths 2 and 2): Scott's rule gives
    // 0.2 * 2^(-1/6) * 2 = 0.356, below the clip 2 / min(100, 2 + 2) = 0.5, so sigma = 0.5; the prior's is 2.
    Space s;
    s.real("a", 0, 2).real("b", -1, 1);
    const std::vector<std::vector<double>> rows = {{0.5, 0.0}, {1.5, -0.8}};
    const ParzenEstimator e = fitted(s, rows, settings_for(kScott));
    const double a = 1.2, b = -0.5;
    const double want = (trunc_pdf(a, 0.5, 0.5, 0, 2) * trunc_pdf(b, 0.0, 0.5, -1, 1) +
                         trunc_pdf(a, 1.5, 0.5, 0, 2) * trunc_pdf(b, -0.8, 0.5, -1, 1) +
                         trunc_pdf(a, 1.0, 2.0, 0, 2) * trunc_pdf(b, 0.0, 2.0, -1, 1)) / 3;
    CHECK(log_pdf_at(e, {a, b}) == Approx(std::log(want)).epsilon(1e-12));
  }
  SECTION("log float: the density per unit of x carries 1/x") {
    // One observation at 10 on [1, 100], multivariate rule in log space (width log 100): sigma =
    // max(0.2 * 1^(-1/5), 1/3) * log(100) = log(100) / 3.
    Space s;
    s.real("x", 1, 100, true);
    const auto rows = rows_of({10});
    const ParzenEstimator e = fitted(s, rows, settings_for(kScott));
    const double L = std::log(100.0), x = 3.0;
    const double want = (0.5 * trunc_pdf(std::log(x), std::log(10.0), L / 3, 0, L) + 0.5 * trunc_pdf(std::log(x), L / 2, L, 0, L)) / x;
    CHECK(log_pdf_at(e, {x}) == Approx(std::log(want)).epsilon(1e-12));
  }
  SECTION("int: a kernel's mass on the value's cell") {
    // Observation 2 on [1, 5] (support [0.5, 5.5], width 5); prior at 3. Gap 1, clipped to 5/3.
    Space s;
    s.integer("k", 1, 5);
    const auto rows = rows_of({2});
    const ParzenEstimator e = fitted(s, rows, settings_for(kGaps));
    for (int k = 1; k <= 5; ++k) {
      const double want = 0.5 * trunc_mass(k - 0.5, k + 0.5, 2, 5.0 / 3, 0.5, 5.5) + 0.5 * trunc_mass(k - 0.5, k + 0.5, 3, 5, 0.5, 5.5);
      CHECK(log_pdf_at(e, {double(k)}) == Approx(std::log(want)).epsilon(1e-12));
    }
  }
  SECTION("categorical: observed choices smoothed towards the uniform prior") {
    // Observations 0, 0, 2 of 3 choices, prior weight 1: each kernel has mass 1 + 1/4 on its choice and
    // 1/4 on the others (total 1.75); the prior is uniform; all four components weigh 1/4.
    Space s;
    s.categorical("c", 3);
    const auto rows = rows_of({0, 0, 2});
    const ParzenEstimator e = fitted(s, rows, settings_for(kScott));
    const double hit = 1.25 / 1.75, miss = 0.25 / 1.75;
    CHECK(log_pdf_at(e, {0}) == Approx(std::log((2 * hit + miss + 1.0 / 3) / 4)).epsilon(1e-12));
    CHECK(log_pdf_at(e, {1}) == Approx(std::log((3 * miss + 1.0 / 3) / 4)).epsilon(1e-12));
    CHECK(log_pdf_at(e, {2}) == Approx(std::log((2 * miss + hit + 1.0 / 3) / 4)).epsilon(1e-12));
  }
}

TEST_CASE("observation weights: the newest 25 flat, a linear ramp from 1/n before them", "[tpe][parzen]") {
  CHECK(observation_weights(0, 25).empty());
  CHECK(observation_weights(25, 25) == std::vector<double>(25, 1.0));
  const std::vector<double> w = observation_weights(30, 25);
  REQUIRE(w.size() == 30);
  for (int i = 0; i < 5; ++i) CHECK(w[i] == Approx(1.0 / 30 + (1 - 1.0 / 30) * i / 4.0));  // numpy.linspace(1/30, 1, 5)
  for (int i = 5; i < 30; ++i) CHECK(w[i] == 1.0);
  CHECK(observation_weights(26, 25).front() == Approx(1.0 / 26));
}

TEST_CASE("draws are valid values and follow the density", "[tpe][parzen]") {
  Space s;
  s.integer("k", 1, 6).categorical("c", 4).real("x", 1e-2, 1e2, true);
  const vn_space &space = s.view();
  const std::vector<std::vector<double>> rows = {{2, 1, 0.05}, {2, 1, 1}, {6, 3, 50}, {3, 1, 0.3}};
  const ParzenEstimator e = fitted(s, rows, settings_for(kGaps));
  vernier::sdk::Rng rng(3, 1);
  const uint32_t n = 40000;
  std::vector<double> draws(n * 3);
  e.sample(rng, n, draws.data());
  std::vector<double> freq_k(6, 0), freq_c(4, 0);
  for (uint32_t i = 0; i < n; ++i) {
    REQUIRE(tpe_test::problem_with(space, &draws[i * 3]) == "");
    freq_k[static_cast<int>(draws[i * 3]) - 1] += 1.0 / n;
    freq_c[static_cast<int>(draws[i * 3 + 1])] += 1.0 / n;
  }
  for (int k = 1; k <= 6; ++k) CHECK(freq_k[k - 1] > 0.0);  // the prior reaches every value
  CHECK(freq_k[1] > freq_k[4]);                               // 2 is observed twice, 5 never
  // The categorical marginal of a product mixture is the mixture of its categorical kernels, whatever the
  // bandwidths: 4 observations and the prior weigh 1/5 each; a kernel puts 1 + 1/5 on its choice and 1/5
  // on every choice (total 1.8); the prior 1/4 on each.
  const double hit = 1.2 / 1.8, miss = 0.2 / 1.8;
  CHECK(freq_c[1] == Approx((3 * hit + miss + 0.25) / 5).margin(0.01));
  CHECK(freq_c[0] == Approx((4 * miss + 0.25) / 5).margin(0.01));
}

TEST_CASE("a one-parameter estimator's draws match its density", "[tpe][parzen]") {
  Space s;
  s.integer("k", 1, 8);
  const auto rows = rows_of({2, 2, 7, 4});
  const ParzenEstimator e = fitted(s, rows, settings_for(kGaps));
  vernier::sdk::Rng rng(5, 2);
  const uint32_t n = 40000;
  std::vector<double> draws(n);
  e.sample(rng, n, draws.data());
  for (int k = 1; k <= 8; ++k) {
    const double freq = std::count(draws.begin(), draws.end(), double(k)) / double(n);
    CHECK(freq == Approx(std::exp(log_pdf_at(e, {double(k)}))).margin(0.01));
  }
}
