// The GP's math (plugins/common/gp_math): analytic gradients against finite differences, the row-by-row
// Cholesky and its O(n^2) extension against a refit, jitter escalation and numerical failure, the
// standardisation of targets, the bounded L-BFGS, and the deterministic refit schedule.
#include <cmath>
#include <limits>
#include <vector>

#include <catch2/catch.hpp>

#include "gp_math/box_lbfgs.hpp"
#include "gp_math/gaussian_process.hpp"
#include "gp_math/gp_fitter.hpp"
#include "gp_math/kernel.hpp"
#include "gp_math/map_objective.hpp"
#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/rng.hpp"

namespace {

using namespace vernier::gp;

// n points of d features; feature `categorical_feature` (if < d) takes levels 0..2.
struct Points {
  std::size_t n, d;
  std::vector<double> X, y;
  std::vector<bool> categorical;
};

Points random_points(std::size_t n, std::size_t d, uint64_t seed, std::size_t categorical_feature = 99) {
  vernier::sdk::Rng rng(seed, 0);
  Points p{n, d, std::vector<double>(n * d), std::vector<double>(n), std::vector<bool>(d, false)};
  if (categorical_feature < d) p.categorical[categorical_feature] = true;
  for (std::size_t i = 0; i < n; ++i) {
    double f = 0;
    for (std::size_t j = 0; j < d; ++j) {
      const double v = p.categorical[j] ? static_cast<double>(rng.below(3)) : rng.uniform();
      p.X[i * d + j] = v;
      f += std::sin(4 * v + static_cast<double>(j));
    }
    p.y[i] = f + 0.01 * rng.normal();
  }
  return p;
}

Hyperparameters hyperparameters(std::vector<double> w, double signal, double noise) {
  Hyperparameters h;
  h.inverse_squared_lengthscales = Eigen::Map<Eigen::VectorXd>(w.data(), static_cast<Eigen::Index>(w.size()));
  h.signal_variance = signal;
  h.noise_variance = noise;
  return h;
}

std::vector<double> standardised(const std::vector<double> &y) {
  const Standardizer s = Standardizer::of(y.size(), y.data());
  std::vector<double> out;
  for (double v : y) out.push_back(s.apply(v));
  return out;
}

}  // namespace

TEST_CASE("the MAP objective's gradient matches central finite differences", "[gp]") {
  const bool fitted_mean = GENERATE(false, true);  // the profile likelihood's gradient has the same form
  INFO("fitted mean: " << fitted_mean);
  const Points p = random_points(18, 3, 1, 2);  // two numeric features and a categorical one
  const std::vector<double> y = standardised(p.y);
  const MapObjective objective(p.n, p.X.data(), y.data(), p.categorical, fitted_mean);
  for (const Eigen::VectorXd &theta : {pack(hyperparameters({1.0, 4.0, 0.5}, 1.0, 1e-3)),
                                       pack(hyperparameters({30.0, 0.2, 3.0}, 0.3, 0.05))}) {
    Eigen::VectorXd gradient(theta.size()), ignored(theta.size());
    const double value = objective(theta, gradient);
    REQUIRE(std::isfinite(value));
    for (Eigen::Index k = 0; k < theta.size(); ++k) {
      const double h = 1e-5;
      Eigen::VectorXd up = theta, down = theta;
      up[k] += h;
      down[k] -= h;
      const double numeric = (objective(up, ignored) - objective(down, ignored)) / (2 * h);
      INFO("theta[" << k << "]: analytic " << gradient[k] << ", numeric " << numeric);
      CHECK(std::abs(gradient[k] - numeric) <= 1e-5 * (1 + std::abs(numeric)));
    }
  }
}

TEST_CASE("the posterior mean and variance gradients match finite differences", "[gp]") {
  const Points p = random_points(25, 3, 2, 1);
  GaussianProcess gp(hyperparameters({3.0, 1.0, 8.0}, 1.3, 1e-4), p.categorical);
  const std::vector<double> y = standardised(p.y);
  REQUIRE(gp.condition(p.n, p.X.data(), y.data()));
  for (const std::vector<double> &x : {std::vector<double>{0.3, 1.0, 0.6}, std::vector<double>{0.91, 2.0, 0.05}}) {
    double mean = 0, var = 0;
    std::vector<double> dmean(3), dvar(3);
    gp.predict_with_gradient(x.data(), mean, var, dmean.data(), dvar.data());
    double batch_mean = 0, batch_var = 0;
    gp.predict(1, x.data(), &batch_mean, &batch_var);
    CHECK(mean == Approx(batch_mean).epsilon(1e-10));
    CHECK(var == Approx(batch_var).epsilon(1e-8));
    CHECK(dmean[1] == 0.0);  // the categorical feature has no gradient
    CHECK(dvar[1] == 0.0);
    for (std::size_t j : {std::size_t{0}, std::size_t{2}}) {
      const double h = 1e-6;
      std::vector<double> up = x, down = x;
      up[j] += h;
      down[j] -= h;
      double mu_up, mu_down, v_up, v_down;
      gp.predict(1, up.data(), &mu_up, &v_up);
      gp.predict(1, down.data(), &mu_down, &v_down);
      INFO("feature " << j);
      CHECK(dmean[j] == Approx((mu_up - mu_down) / (2 * h)).epsilon(1e-5).margin(1e-7));
      CHECK(dvar[j] == Approx((v_up - v_down) / (2 * h)).epsilon(1e-5).margin(1e-7));
    }
  }
}

TEST_CASE("adding observations one at a time gives bit for bit the factor of a refit", "[gp]") {
  const Points p = random_points(40, 4, 3);
  const std::vector<double> y = standardised(p.y);
  const Hyperparameters h = hyperparameters({2.0, 5.0, 0.5, 1.0}, 1.0, 1e-6);
  GaussianProcess grown(h, p.categorical);
  REQUIRE(grown.condition(25, p.X.data(), y.data()));
  for (std::size_t i = 25; i < 40; ++i) REQUIRE(grown.append(p.X.data() + i * 4, y[i]));
  GaussianProcess refit(h, p.categorical);
  REQUIRE(refit.condition(40, p.X.data(), y.data()));
  CHECK(grown.factor() == refit.factor());  // exact equality: the same arithmetic in the same order
  std::vector<double> q = random_points(7, 4, 4).X, m1(7), v1(7), m2(7), v2(7);
  grown.predict(7, q.data(), m1.data(), v1.data());
  refit.predict(7, q.data(), m2.data(), v2.data());
  CHECK(m1 == m2);
  CHECK(v1 == v2);
  // And the factor is a Cholesky factor of K + noise I.
  const Eigen::MatrixXd L = refit.factor();
  const Eigen::MatrixXd K = L * L.transpose();
  for (std::size_t a = 0; a < 40; ++a)
    for (std::size_t b = 0; b <= a; ++b) {
      const double s = scaled_distance(p.X.data() + a * 4, p.X.data() + b * 4, h.inverse_squared_lengthscales, p.categorical);
      const double expected = h.signal_variance * matern52_value(s) + (a == b ? h.noise_variance : 0.0);
      CHECK(K(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) == Approx(expected).margin(1e-12));
    }
}

TEST_CASE("the fitter's incremental path equals a fresh fit, through hyperparameter refits", "[gp]") {
  const Points p = random_points(45, 2, 5);
  FitSettings settings;
  settings.refit_every_until = 30;  // refits at every count to 30, then at 33, 37, 41, 46: both paths cross them
  GpFitter running(settings);
  for (std::size_t n = 5; n <= 45; ++n) running.fit(n, 2, p.X.data(), p.y.data(), p.categorical);
  const FittedGp warm = running.fit(45, 2, p.X.data(), p.y.data(), p.categorical);
  GpFitter fresh(settings);
  const FittedGp cold = fresh.fit(45, 2, p.X.data(), p.y.data(), p.categorical);
  CHECK(warm.gp().hyperparameters() == cold.gp().hyperparameters());
  CHECK(warm.gp().factor() == cold.gp().factor());
  const std::vector<double> q = random_points(9, 2, 6).X;
  std::vector<double> m1(9), v1(9), m2(9), v2(9);
  warm.predict(9, q.data(), m1.data(), v1.data());
  cold.predict(9, q.data(), m2.data(), v2.data());
  CHECK(m1 == m2);
  CHECK(v1 == v2);
}

TEST_CASE("far from the data the model reverts to its prior mean: the average, or the GLS constant", "[gp]") {
  // Ten observations crowded near x = 0.1 with value 0 and two spread ones with value 10, as a sampler that
  // has homed in on a good region leaves them: the average (5/3) is pulled towards the crowd; the fitted
  // constant 1'K^-1 y / 1'K^-1 1 weighs regions, not observations.
  std::vector<double> X, y;
  for (int i = 0; i < 10; ++i) X.push_back(0.1 + 0.03 * i), y.push_back(0);
  X.push_back(0.7), y.push_back(10);
  X.push_back(0.95), y.push_back(10);
  const std::vector<bool> categorical{false};
  const Hyperparameters h = hyperparameters({100.0}, 1.0, 1e-6);
  FitSettings settings;
  settings.fixed = h;
  const double far = 50.0;
  double mean = 0, var = 0;

  GpFitter(settings).fit(y.size(), 1, X.data(), y.data(), categorical).predict(1, &far, &mean, &var);
  CHECK(mean == Approx(10.0 * 2 / 12).epsilon(1e-9));

  Eigen::MatrixXd K(y.size(), y.size());
  for (std::size_t i = 0; i < y.size(); ++i)
    for (std::size_t j = 0; j < y.size(); ++j)
      K(i, j) = h.signal_variance * matern52_value(scaled_distance(&X[i], &X[j], h.inverse_squared_lengthscales, categorical)) +
                (i == j ? h.noise_variance : 0.0);
  const Eigen::LDLT<Eigen::MatrixXd> solver(K);
  const Eigen::VectorXd ones = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(y.size()));
  const Eigen::VectorXd target = Eigen::Map<const Eigen::VectorXd>(y.data(), static_cast<Eigen::Index>(y.size()));
  const double gls = ones.dot(solver.solve(target)) / ones.dot(solver.solve(ones));
  REQUIRE(gls > 3.0);  // the fixture does what it says: far from the average

  settings.fitted_mean = true;
  GpFitter(settings).fit(y.size(), 1, X.data(), y.data(), categorical).predict(1, &far, &mean, &var);
  CHECK(mean == Approx(gls).epsilon(1e-6));
}

TEST_CASE("the refit schedule: every count, then geometric; anchors at each octave", "[gp]") {
  FitSettings settings;
  settings.refit_every_until = 100;
  settings.refit_growth = 0.1;
  const GpFitter fitter(settings);
  for (uint64_t r = 1; r <= 100; ++r) CHECK(fitter.is_refit_point(r));
  CHECK(fitter.refit_point_at_or_below(109) == 100);
  CHECK(fitter.refit_point_at_or_below(110) == 110);
  CHECK(fitter.is_refit_point(121));
  CHECK_FALSE(fitter.is_refit_point(120));
  CHECK(fitter.previous_refit_point(110) == 100);
  for (uint64_t r : {1, 2, 15, 16, 32, 64}) CHECK(fitter.is_anchor(r));
  for (uint64_t r : {17, 31, 33, 100, 110}) CHECK_FALSE(fitter.is_anchor(r));
  // The first scheduled count of the octave [128, 256) is an anchor: 100, 110, 121, 134.
  CHECK(fitter.is_anchor(134));
}

TEST_CASE("duplicated points without noise escalate the jitter instead of failing", "[gp]") {
  Points p = random_points(12, 2, 7);
  for (std::size_t i = 0; i < 4; ++i) {  // rows 8..11 repeat rows 0..3
    p.X[(8 + i) * 2] = p.X[i * 2];
    p.X[(8 + i) * 2 + 1] = p.X[i * 2 + 1];
  }
  const std::vector<double> y = standardised(p.y);
  GaussianProcess noiseless(hyperparameters({4.0, 4.0}, 1.0, 0.0), p.categorical);
  REQUIRE(noiseless.condition(12, p.X.data(), y.data()));
  CHECK(noiseless.jitter() > 0);
  double mean = 0, var = 0;
  noiseless.predict(1, p.X.data(), &mean, &var);
  CHECK(std::isfinite(mean));
  CHECK(var >= 0);
  GaussianProcess distinct(hyperparameters({4.0, 4.0}, 1.0, 0.0), p.categorical);
  REQUIRE(distinct.condition(8, p.X.data(), y.data()));
  CHECK(distinct.jitter() == 0);
}

TEST_CASE("a covariance that cannot be factorised is reported, not a crash or NaN", "[gp]") {
  const Points p = random_points(6, 2, 8);
  const double inf = std::numeric_limits<double>::infinity();
  GaussianProcess broken(hyperparameters({inf, 1.0}, 1.0, 1e-6), p.categorical);  // NaN covariances
  CHECK_FALSE(broken.condition(6, p.X.data(), p.y.data()));
  CHECK(broken.size() == 0);
  FitSettings settings;
  settings.fixed = hyperparameters({inf, 1.0}, 1.0, 1e-6);
  GpFitter fitter(settings);
  try {
    fitter.fit(6, 2, p.X.data(), p.y.data(), p.categorical);
    FAIL("no error");
  } catch (const vernier::sdk::Error &e) {
    CHECK(e.status() == VN_E_NUMERIC);
    CHECK_THAT(e.what(), Catch::Matchers::Contains("could not be factorised"));
  }
}

TEST_CASE("targets are standardised without overflow, constant ones to scale 1", "[gp]") {
  const std::vector<double> huge{1e300, -1e300, 5e299, 0.0};
  const Standardizer s = Standardizer::of(huge.size(), huge.data());
  CHECK(std::isfinite(s.mean));
  CHECK(std::isfinite(s.scale));
  CHECK(s.scale > 1e299);
  for (double v : huge) CHECK(std::isfinite(s.apply(v)));
  const std::vector<double> flat{2.5, 2.5, 2.5};
  const Standardizer c = Standardizer::of(3, flat.data());
  CHECK(c.mean == 2.5);
  CHECK(c.scale == 1.0);
}

TEST_CASE("the fitted lengthscales find the feature that matters", "[gp]") {
  vernier::sdk::Rng rng(9, 0);
  Points p{40, 2, std::vector<double>(80), std::vector<double>(40), {false, false}};
  for (std::size_t i = 0; i < 40; ++i) {
    p.X[2 * i] = rng.uniform();
    p.X[2 * i + 1] = rng.uniform();
    p.y[i] = std::sin(6 * p.X[2 * i]);  // x1 is irrelevant
  }
  GpFitter fitter;
  const FittedGp model = fitter.fit(40, 2, p.X.data(), p.y.data(), p.categorical);
  const Eigen::VectorXd &w = model.gp().hyperparameters().inverse_squared_lengthscales;
  CHECK(w[0] > 10 * w[1]);
  std::vector<double> mean(40), var(40);
  model.predict(40, p.X.data(), mean.data(), var.data());
  for (std::size_t i = 0; i < 40; ++i) CHECK(mean[i] == Approx(p.y[i]).margin(0.02));
}

TEST_CASE("bounded L-BFGS reaches a constrained optimum and the Rosenbrock valley's minimum", "[gp]") {
  // (x - 2)^2 + (y + 1)^2 on [0, 1] x [-3, 3]: the optimum (1, -1) sits on x's bound.
  const BoxObjective quadratic = [](const Eigen::VectorXd &x, Eigen::VectorXd &g) {
    g[0] = 2 * (x[0] - 2);
    g[1] = 2 * (x[1] + 1);
    return (x[0] - 2) * (x[0] - 2) + (x[1] + 1) * (x[1] + 1);
  };
  const BoxLbfgsResult q = minimize_in_box(quadratic, Eigen::Vector2d(0.2, 2.5), Eigen::Vector2d(0, -3), Eigen::Vector2d(1, 3));
  CHECK(q.x[0] == Approx(1.0));
  CHECK(q.x[1] == Approx(-1.0).margin(1e-6));
  const BoxObjective rosenbrock = [](const Eigen::VectorXd &x, Eigen::VectorXd &g) {
    g[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]);
    g[1] = 200 * (x[1] - x[0] * x[0]);
    return (1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]);
  };
  BoxLbfgsOptions options;
  options.max_evaluations = 500;
  options.value_tolerance = 0;
  const BoxLbfgsResult r =
      minimize_in_box(rosenbrock, Eigen::Vector2d(-1.2, 1.0), Eigen::Vector2d(-2, -2), Eigen::Vector2d(2, 2), options);
  CHECK(r.x[0] == Approx(1.0).margin(1e-4));
  CHECK(r.x[1] == Approx(1.0).margin(1e-4));
  // A start where the objective is not finite is returned as is, with an infinite value.
  const BoxObjective broken = [](const Eigen::VectorXd &, Eigen::VectorXd &) { return std::nan(""); };
  CHECK(minimize_in_box(broken, Eigen::Vector2d(0.5, 0.5), Eigen::Vector2d(0, 0), Eigen::Vector2d(1, 1)).value == HUGE_VAL);
}
