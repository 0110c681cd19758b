// The core's one number formatter (core/base/number_text.hpp): exact text reads back to the same double
// and is the shortest that does; brief text has six significant digits.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>

#include "base/number_text.hpp"

using vernier::brief_number;
using vernier::exact_number;

TEST_CASE("exact_number reads back to the same double, in its shortest text") {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<uint64_t> bits;
  for (int i = 0; i < 20000; ++i) {
    uint64_t b = bits(rng);
    double v;
    std::memcpy(&v, &b, sizeof v);
    if (!std::isfinite(v)) continue;
    INFO(exact_number(v));
    CHECK(std::strtod(exact_number(v).c_str(), nullptr) == v);
  }
  CHECK(exact_number(0.1) == "0.1");  // not 0.10000000000000001
  CHECK(exact_number(0.30000000000000004) == "0.30000000000000004");
  CHECK(exact_number(3) == "3");
  CHECK(exact_number(-2.5e-300) == "-2.5e-300");
}

TEST_CASE("exact_number spells non-finite values as Python does") {
  CHECK(exact_number(std::nan("")) == "NaN");
  CHECK(exact_number(HUGE_VAL) == "Infinity");
  CHECK(exact_number(-HUGE_VAL) == "-Infinity");
}

TEST_CASE("brief_number keeps six significant digits") {
  CHECK(brief_number(0.123456789) == "0.123457");
  CHECK(brief_number(1234567.0) == "1.23457e+06");
  CHECK(brief_number(2) == "2");
}
