// The SDK's standard normal (vernier/sdk/normal.hpp) against direct erfc formulas where they are exact enough.
#include <cmath>

#include <catch2/catch.hpp>

#include "vernier/sdk/normal.hpp"

namespace {

double Phi(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

}  // namespace

TEST_CASE("log_normal_cdf matches log Phi, and its tail series joins the direct formula", "[sdk][normal]") {
  for (double x : {-30.0, -10.0, -1.0, 0.0, 0.5, 3.0})
    CHECK(vernier::sdk::log_normal_cdf(x) == Approx(std::log(Phi(x))).epsilon(1e-13));
  // High up, log Phi(x) = log(1 - Q(x)) ~ -Q(x), which log(Phi) would round away.
  CHECK(vernier::sdk::log_normal_cdf(8.0) == Approx(-0.5 * std::erfc(8.0 / std::sqrt(2.0))).epsilon(1e-10));
  // Around the switch to the asymptotic series (-35) both must agree: erfc is still representable at -36.
  for (double x : {-34.9, -35.1, -36.0, -37.0})
    CHECK(vernier::sdk::log_normal_cdf(x) == Approx(std::log(Phi(x))).epsilon(1e-12));
  // Far below, where Phi underflows: log Phi(x) = log(phi(x)/|x|) + log(1 - 1/x^2 + ...) -> the leading terms.
  const double x = -1000.0;
  CHECK(vernier::sdk::log_normal_cdf(x) == Approx(-0.5 * x * x - std::log(-x) - 0.5 * std::log(2 * M_PI) + std::log1p(-1 / (x * x))).epsilon(1e-12));
  CHECK(vernier::sdk::log_normal_cdf(-INFINITY) == -INFINITY);
  CHECK(vernier::sdk::log_normal_cdf(INFINITY) == 0.0);
}

TEST_CASE("normal_quantile inverts Phi across the whole range", "[sdk][normal]") {
  for (double p : {1e-300, 1e-100, 1e-10, 0.001, 0.02425, 0.3, 0.5, 0.7, 0.97575, 0.999, 1 - 1e-12}) {
    const double x = vernier::sdk::normal_quantile(p);
    if (p < 0.5) CHECK(Phi(x) == Approx(p).epsilon(1e-12));
    else CHECK(Phi(-x) == Approx(1 - p).epsilon(1e-10));  // the upper tail, relative
  }
  CHECK(vernier::sdk::normal_quantile(0.5) == Approx(0.0).margin(1e-15));
  CHECK(vernier::sdk::normal_quantile(0.0) == -INFINITY);
  CHECK(vernier::sdk::normal_quantile(1.0) == INFINITY);
}
