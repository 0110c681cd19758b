// Scrambled Sobol': the polynomials and direction numbers are Sobol's, and scrambling keeps the
// stratification (net) properties while depending only on the seed.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/sobol.hpp"

using vernier::sdk::Sobol;

namespace {

// Joe & Kuo's degree s and coefficient code a of the polynomials of their dimensions 2..20.
struct Poly {
  int s, a;
};
const Poly kJoeKuoPolys[] = {{1, 0},  {2, 1},  {3, 1},  {3, 2},  {4, 1},  {4, 4},  {5, 2},
                             {5, 4},  {5, 7},  {5, 11}, {5, 13}, {5, 14}, {6, 1},  {6, 13},
                             {6, 16}, {6, 19}, {6, 22}, {6, 25}, {7, 1}};

// Degree of Sobol coordinate j's polynomial, with coordinate 0 (van der Corput) counted as degree 1.
int degree_of_coordinate(uint32_t j) {
  if (j == 0) return 1;
  const uint64_t poly = vernier::sdk::primitive_polynomials(j).back();
  int d = 0;
  while ((poly >> (d + 1)) != 0) ++d;
  return d;
}

// The k leading binary digits of a coordinate (none for k == 0).
uint64_t leading(uint32_t bits, int k) { return k == 0 ? 0 : bits >> (32 - k); }

// The first 2^m points of coordinates (x, y) form a (t, m, 2)-net: every elementary box of volume 2^(t-m)
// (2^a by 2^(m-t-a) intervals) holds exactly 2^t points.
bool is_net(Sobol &sobol, uint32_t x, uint32_t y, int m, int t) {
  const uint64_t n = uint64_t{1} << m;
  for (int a = 0; a <= m - t; ++a) {
    const int b = m - t - a;
    std::vector<uint32_t> boxes(uint64_t{1} << (m - t), 0);
    for (uint64_t i = 0; i < n; ++i) {
      ++boxes[(leading(sobol.bits(i, x), a) << b) | leading(sobol.bits(i, y), b)];
    }
    for (uint32_t count : boxes)
      if (count != (1u << t)) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("sobol: primitive polynomials are enumerated as Joe and Kuo order them", "[sobol]") {
  const std::vector<uint64_t> polys = vernier::sdk::primitive_polynomials(19);
  for (size_t i = 0; i < 19; ++i) {
    const uint64_t expected = (uint64_t{1} << kJoeKuoPolys[i].s) | (uint64_t(kJoeKuoPolys[i].a) << 1) | 1;
    CHECK(polys[i] == expected);
  }
  // There are phi(2^s - 1) / s primitive polynomials of degree s.
  const int per_degree[] = {0, 1, 1, 2, 2, 6, 6, 18, 16, 48, 60};
  int counts[11] = {};
  for (uint64_t p : vernier::sdk::primitive_polynomials(160)) {
    int d = 0;
    while ((p >> (d + 1)) != 0) ++d;
    REQUIRE(d <= 10);
    ++counts[d];
  }
  for (int s = 1; s <= 10; ++s) CHECK(counts[s] == per_degree[s]);
  CHECK(vernier::sdk::is_primitive_polynomial(0b1011));      // x^3 + x + 1
  CHECK_FALSE(vernier::sdk::is_primitive_polynomial(0b11111));  // x^4+x^3+x^2+x+1: irreducible, order 5
  CHECK_FALSE(vernier::sdk::is_primitive_polynomial(0b101));    // x^2 + 1 = (x + 1)^2
}

TEST_CASE("sobol: unscrambled points follow the direction numbers", "[sobol]") {
  Sobol plain(0, false);
  const double van_der_corput[] = {0, 0.5, 0.25, 0.75, 0.125, 0.625, 0.375, 0.875};
  for (uint64_t i = 0; i < 8; ++i) CHECK(plain.coordinate(i, 0) == van_der_corput[i]);
  // Point 2^(k-1) of coordinate j is its k-th direction number m_k / 2^k. Joe & Kuo's dimension 7
  // (our coordinate 6, x^4 + x^3 + 1) starts m = 1, 3, 5, 13; the recurrence then gives m_5 = 11
  // (2*a1*m4 ^ 4*a2*m3 ^ 8*a3*m2 ^ 16*m1 ^ m1 with a = (1, 0, 0)).
  CHECK(plain.coordinate(1, 6) == 1.0 / 2);
  CHECK(plain.coordinate(2, 6) == 3.0 / 4);
  CHECK(plain.coordinate(4, 6) == 5.0 / 8);
  CHECK(plain.coordinate(8, 6) == 13.0 / 16);
  CHECK(plain.coordinate(16, 6) == ((2 * 13) ^ (16 * 1) ^ 1) / 32.0);
}

TEST_CASE("sobol: every coordinate is stratified: one point per interval of width 2^-k", "[sobol]") {
  const int max_k = 12;
  std::vector<uint32_t> dims;
  for (uint32_t j = 0; j < 50; ++j) dims.push_back(j);
  for (uint32_t j : {500u, 998u, 999u}) dims.push_back(j);
  for (uint64_t seed : {0ull, 1ull, 0xdeadbeefull}) {
    Sobol sobol(seed);
    for (uint32_t j : dims) {
      std::vector<uint32_t> bits(uint64_t{1} << (max_k + 1));
      for (uint64_t i = 0; i < bits.size(); ++i) bits[i] = sobol.bits(i, j);
      for (int k = 1; k <= max_k; ++k) {
        // Both the first block of 2^k points and the next one.
        for (uint64_t start : {uint64_t{0}, uint64_t{1} << k}) {
          std::vector<char> hit(size_t{1} << k, 0);
          size_t distinct = 0;
          for (uint64_t i = start; i < start + (uint64_t{1} << k); ++i) distinct += !hit[bits[i] >> (32 - k)]++;
          INFO("seed " << seed << ", coordinate " << j << ", k " << k << ", start " << start);
          REQUIRE(distinct == (size_t{1} << k));
        }
      }
    }
  }
}

TEST_CASE("sobol: the first two coordinates form (0,m,2)-nets, scrambled or not", "[sobol]") {
  Sobol plain(0, false), scrambled(12345), other(777);
  for (int m = 1; m <= 12; ++m) {
    INFO("m " << m);
    CHECK(is_net(plain, 0, 1, m, 0));
    CHECK(is_net(scrambled, 0, 1, m, 0));
    CHECK(is_net(other, 0, 1, m, 0));
  }
}

TEST_CASE("sobol: low-dimensional pairs are (t,m,2)-nets with Sobol's t bound", "[sobol]") {
  // For coordinates with polynomial degrees e_x, e_y the projection is a (t,m,2)-net for t = e_x + e_y - 2.
  Sobol scrambled(2024);
  for (uint32_t x = 0; x < 8; ++x) {
    for (uint32_t y = x + 1; y < 8; ++y) {
      const int t = degree_of_coordinate(x) + degree_of_coordinate(y) - 2;
      for (int m = t; m <= 10; ++m) {
        INFO("coordinates " << x << ", " << y << ", t " << t << ", m " << m);
        CHECK(is_net(scrambled, x, y, m, t));
      }
    }
  }
}

TEST_CASE("sobol: scrambling depends on the seed only", "[sobol]") {
  Sobol a(1), b(1), c(2), plain(1, false);
  int differ_seed = 0, differ_plain = 0;
  for (uint64_t i = 0; i < 64; ++i) {
    for (uint32_t j = 0; j < 5; ++j) {
      const double x = a.coordinate(i, j);
      REQUIRE(x >= 0.0);
      REQUIRE(x < 1.0);
      REQUIRE(x == b.coordinate(i, j));
      differ_seed += x != c.coordinate(i, j);
      differ_plain += x != plain.coordinate(i, j);
    }
  }
  CHECK(differ_seed > 300);
  CHECK(differ_plain > 300);

  // Coordinates are derived lazily; the order in which they are first asked for changes nothing.
  Sobol early(9), late(9);
  const double far_first = early.coordinate(77, 999);
  (void)late.coordinate(3, 10);
  CHECK(late.coordinate(77, 999) == far_first);
  CHECK(early.coordinate(3, 10) == late.coordinate(3, 10));

  std::vector<double> point(4);
  a.point(5, 4, point.data());
  for (uint32_t j = 0; j < 4; ++j) CHECK(point[j] == b.coordinate(5, j));
}

TEST_CASE("sobol: indices and dimensions beyond the supported range are refused", "[sobol]") {
  Sobol sobol(3);
  CHECK_NOTHROW(sobol.coordinate(Sobol::kMaxPoints - 1, 0));
  try {
    sobol.coordinate(Sobol::kMaxPoints, 0);
    FAIL("no error");
  } catch (const vernier::sdk::Error &e) {
    CHECK(e.status() == VN_E_INVALID);
  }
  CHECK_THROWS_AS(sobol.coordinate(0, Sobol::kMaxDimensions), vernier::sdk::Error);
}
