// The GP sampler's acquisition functions (plugins/samplers/gp/acquisition.cpp): log EI accurate far into
// the tail where plain EI underflows, and every function's derivatives against finite differences.
#include <cmath>

#include <catch2/catch.hpp>

#include "acquisition.hpp"

namespace {

using namespace vernier::gp_sampler;

// References in extended precision (64-bit mantissa): h(z) = phi(z) + z Phi(z) loses ~log10(z^2) digits to
// cancellation, which extended precision still covers for |z| up to ~35.
long double reference_log_h(long double z) {
  const long double phi = std::exp(-z * z / 2) / std::sqrt(2 * 3.14159265358979323846264338327950288L);
  const long double Phi = 0.5L * std::erfc(-z / std::sqrt(2.0L));
  return std::log(phi + z * Phi);
}

long double reference_log_cdf(long double z) { return std::log(0.5L * std::erfc(-z / std::sqrt(2.0L))); }

}  // namespace

TEST_CASE("log h(z) = log(phi(z) + z Phi(z)) is accurate from the tail to the bulk", "[acquisition]") {
  for (double z = -34.0; z <= 6.0; z += 0.37) {
    INFO("z = " << z);
    const double expected = static_cast<double>(reference_log_h(z));
    CHECK(log_h(z) == Approx(expected).epsilon(1e-10));
  }
}

TEST_CASE("log h stays finite, continuous and increasing far into the tail", "[acquisition]") {
  // Plain EI is exactly 0 here, which is why log EI exists.
  CHECK(std::exp(log_h(-35.0)) > 0);
  CHECK(std::exp(log_h(-50.0)) == 0.0);
  CHECK(std::isfinite(log_h(-50.0)));
  CHECK(std::isfinite(log_h(-1e6)));
  // Across the switch between formulas, no jump: the two sides agree to their slope times the gap.
  for (double edge : {-1.0, -40.0}) {
    const double below = log_h(std::nextafter(edge, -100.0)), at = log_h(edge);
    CHECK(std::abs(at - below) < 1e-9 * std::max(1.0, std::abs(at)));
  }
  // Asymptotically log h(z) ~ -z^2/2 - log(2 pi)/2 - 2 log|z|.
  const double z = -1e4;
  CHECK(log_h(z) == Approx(-z * z / 2 - 0.5 * std::log(2 * M_PI) - 2 * std::log(-z)).epsilon(1e-12));
  double previous = log_h(-200.0);
  for (double t = -199.0; t <= 10.0; t += 1.0) {
    const double now = log_h(t);
    CHECK(now > previous);
    previous = now;
  }
}

TEST_CASE("log Phi(z) and erfcx are accurate where the naive formulas underflow", "[acquisition]") {
  for (double z = -37.0; z <= 8.0; z += 0.41) {
    INFO("z = " << z);
    CHECK(log_normal_cdf(z) == Approx(static_cast<double>(reference_log_cdf(z))).epsilon(1e-10).margin(1e-15));
  }
  for (double x : {0.0, 0.5, 3.0, 10.0, 24.9, 25.0, 26.0, 100.0}) {
    INFO("x = " << x);
    const long double expected = std::exp(static_cast<long double>(x) * x) * std::erfc(static_cast<long double>(x));
    CHECK(erfcx(x) == Approx(static_cast<double>(expected)).epsilon(1e-11));
  }
}

TEST_CASE("every acquisition's derivatives match finite differences", "[acquisition]") {
  struct Point {
    double mean, var;
  };
  // best = 1: improvement likely, marginal, and far in the tail (z = -20, -60).
  const Point points[] = {{0.5, 0.04}, {1.0, 0.3}, {1.8, 0.09}, {5.0, 0.04}, {13.0, 0.04}};
  for (AcquisitionKind kind : {AcquisitionKind::LogEi, AcquisitionKind::Ei, AcquisitionKind::Ucb, AcquisitionKind::Pi}) {
    const Acquisition a(kind, 1.0, 2.0, 1e-12);
    for (const Point &p : points) {
      const AcquisitionValue v = a.evaluate(p.mean, p.var);
      REQUIRE(std::isfinite(v.value));
      const double hm = 1e-6 * std::max(1.0, std::abs(p.mean)), hv = 1e-6 * p.var;
      const double d_mean = (a.value(p.mean + hm, p.var) - a.value(p.mean - hm, p.var)) / (2 * hm);
      const double d_var = (a.value(p.mean, p.var + hv) - a.value(p.mean, p.var - hv)) / (2 * hv);
      INFO("kind " << static_cast<int>(kind) << ", mean " << p.mean << ", var " << p.var);
      CHECK(v.d_mean == Approx(d_mean).epsilon(1e-5).margin(1e-9));
      CHECK(v.d_var == Approx(d_var).epsilon(1e-5).margin(1e-9));
    }
  }
}

TEST_CASE("the acquisition prefers lower means and, at equal means, larger variances", "[acquisition]") {
  const Acquisition log_ei(AcquisitionKind::LogEi, 0.0, 2.0, 1e-12);
  CHECK(log_ei.value(-1.0, 0.1) > log_ei.value(0.5, 0.1));
  CHECK(log_ei.value(0.5, 0.5) > log_ei.value(0.5, 0.1));
  // Below the variance floor the value no longer depends on the variance, and the derivative says so.
  CHECK(log_ei.value(2.0, 0.0) == log_ei.value(2.0, 1e-13));
  CHECK(log_ei.evaluate(2.0, 0.0).d_var == 0.0);
  CHECK_THROWS_AS(acquisition_from_name("gp-hedge"), std::invalid_argument);
}
