// The normal-distribution helpers of the TPE kernels, against independent computations: direct erfc
// formulas where they are exact enough, numerical integration in the tails.
#include <cmath>

#include <catch2/catch.hpp>

#include "truncated_normal.hpp"
#include "vernier/sdk/rng.hpp"

using namespace vernier::tpe;

namespace {

double phi(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI); }
double Phi(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// Simpson's rule with n (even) panels.
template <class F>
double simpson(F f, double a, double b, int n) {
  const double h = (b - a) / n;
  double s = f(a) + f(b);
  for (int i = 1; i < n; ++i) s += f(a + i * h) * (i % 2 ? 4 : 2);
  return s * h / 3;
}

}  // namespace

TEST_CASE("log_gauss_mass is the log of the mass of the interval, centre, tails and narrow cells", "[tpe][normal]") {
  CHECK(log_gauss_mass(-1.0, 2.0) == Approx(std::log(Phi(2.0) - Phi(-1.0))).epsilon(1e-13));
  CHECK(log_gauss_mass(0.5, 3.0) == Approx(std::log(Phi(3.0) - Phi(0.5))).epsilon(1e-13));
  CHECK(log_gauss_mass(-3.0, -0.5) == Approx(std::log(Phi(-0.5) - Phi(-3.0))).epsilon(1e-13));
  CHECK(log_gauss_mass(1.0, 1.0) == -INFINITY);

  // A far tail: log of the integral of phi over [-50, -49], by Simpson's rule on phi scaled by its value at -49.
  const double scaled = simpson([](double t) { return std::exp(-0.5 * t * t + 0.5 * 49.0 * 49.0); }, -50.0, -49.0, 20000);
  CHECK(log_gauss_mass(-50.0, -49.0) == Approx(std::log(scaled) - 0.5 * 49.0 * 49.0 - 0.5 * std::log(2 * M_PI)).epsilon(1e-10));
  CHECK(log_gauss_mass(49.0, 50.0) == Approx(log_gauss_mass(-50.0, -49.0)).epsilon(1e-14));

  // Narrow cells, where a difference of CDFs would cancel: the midpoint value times the width.
  for (double m : {-20.0, -2.0, 0.0, 1.5}) {
    const double w = 1e-7;
    const double exact = simpson(phi, m - w / 2, m + w / 2, 2);
    CHECK(log_gauss_mass(m - w / 2, m + w / 2) == Approx(std::log(exact)).epsilon(1e-9));
  }
  // Just above the narrow-cell switch the general path must agree with integration.
  CHECK(log_gauss_mass(0.3, 0.302) == Approx(std::log(simpson(phi, 0.3, 0.302, 100))).epsilon(1e-11));
}

TEST_CASE("truncated draws stay in their interval and have the truncated normal's mean", "[tpe][normal]") {
  vernier::sdk::Rng rng(7, 0);
  struct Case { double a, b; };
  for (Case c : {Case{-1.0, 2.0}, Case{0.5, 4.0}, Case{-6.0, -5.0}, Case{-0.01, 0.01}, Case{3.0, 100.0}}) {
    const int n = 20000;
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; ++i) {
      const double z = sample_truncated_standard_normal(c.a, c.b, rng.uniform());
      REQUIRE(z >= c.a);
      REQUIRE(z <= c.b);
      sum += z;
      sum2 += z * z;
    }
    const double mass = std::exp(log_gauss_mass(c.a, c.b));
    const double mean = (phi(c.a) - phi(c.b)) / mass;
    const double sd = std::sqrt(sum2 / n - (sum / n) * (sum / n));
    CHECK(std::fabs(sum / n - mean) < 4 * sd / std::sqrt(double(n)) + 1e-12);
  }
  // Beyond the CDF's range: still inside, and packed against the end nearest the centre.
  for (int i = 0; i < 100; ++i) {
    const double z = sample_truncated_standard_normal(-60.0, -59.0, rng.uniform());
    REQUIRE(z >= -60.0);
    REQUIRE(z <= -59.0);
    CHECK(z > -59.5);  // the density falls by e^-29 over half the interval
  }
}
