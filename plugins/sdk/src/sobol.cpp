// Scrambled Sobol' sequences: see vernier/sdk/sobol.hpp for the construction and its references.
#include "vernier/sdk/sobol.hpp"

#include <string>

#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/rng.hpp"

namespace vernier::sdk {
namespace {

// Initial direction numbers m_1..m_s of Joe & Kuo (2008, file new-joe-kuo-6.21201) for Sobol coordinates
// 1..19 (their dimensions 2..20), whose polynomials are the first 19 primitive ones in our order. These are
// published data; the unit tests check that the polynomials we enumerate are the ones they belong to.
constexpr uint32_t kJoeKuoCount = 19;
constexpr uint32_t kJoeKuo[kJoeKuoCount][7] = {
    {1},                        {1, 3},
    {1, 3, 1},                  {1, 1, 1},
    {1, 1, 3, 3},               {1, 3, 5, 13},
    {1, 1, 5, 5, 17},           {1, 1, 5, 5, 5},
    {1, 1, 7, 11, 19},          {1, 1, 5, 1, 1},
    {1, 1, 1, 3, 11},           {1, 3, 5, 5, 31},
    {1, 3, 3, 9, 7, 49},        {1, 1, 1, 15, 21, 21},
    {1, 3, 1, 13, 27, 49},      {1, 1, 1, 15, 7, 5},
    {1, 3, 1, 15, 13, 25},      {1, 1, 5, 5, 19, 61},
    {1, 3, 7, 11, 23, 15, 103},
};

// Separates the scrambling sequences from any other use of Rng with the same seed.
constexpr uint64_t kScrambleStream = 0x736f626f6c5f736bULL;  // "sobol_sk"
// Fixed key for the initial direction numbers beyond Joe & Kuo's table (never seed-dependent).
constexpr uint64_t kDirectionKey = 0x736f626f6c5f6d6bULL;

int degree_of(uint64_t poly) {
  int d = -1;
  while (poly != 0) {
    poly >>= 1;
    ++d;
  }
  return d;
}

// a*b mod `poly` in GF(2)[x], for a, b of degree < deg(poly) <= 31.
uint64_t mulmod(uint64_t a, uint64_t b, uint64_t poly, int degree) {
  uint64_t result = 0;
  const uint64_t top = uint64_t{1} << degree;
  while (b != 0) {
    if (b & 1) result ^= a;
    b >>= 1;
    a <<= 1;
    if (a & top) a ^= poly;
  }
  return result;
}

// x^e mod poly by square-and-multiply.
uint64_t x_power_mod(uint64_t e, uint64_t poly, int degree) {
  uint64_t result = 1, base = degree == 1 ? (2 ^ poly) : 2;  // x mod poly (x+1 reduces x to 1)
  while (e != 0) {
    if (e & 1) result = mulmod(result, base, poly, degree);
    base = mulmod(base, base, poly, degree);
    e >>= 1;
  }
  return result;
}

// The distinct prime factors of n, by trial division (n < 2^32 here, so at most ~33k divisions).
std::vector<uint64_t> prime_factors(uint64_t n) {
  std::vector<uint64_t> factors;
  for (uint64_t q = 2; q * q <= n; ++q) {
    if (n % q != 0) continue;
    factors.push_back(q);
    while (n % q == 0) n /= q;
  }
  if (n > 1) factors.push_back(n);
  return factors;
}

// Primitive iff the order of x modulo poly is exactly 2^s - 1. A reducible poly has fewer than 2^s - 1
// units, so no element reaches that order: this one test also establishes irreducibility.
bool is_primitive_with(uint64_t poly, int degree, const std::vector<uint64_t> &factors_of_order) {
  if ((poly & 1) == 0) return false;  // divisible by x
  const uint64_t order = (uint64_t{1} << degree) - 1;
  if (x_power_mod(order, poly, degree) != 1) return false;
  for (uint64_t q : factors_of_order)
    if (q != order && x_power_mod(order / q, poly, degree) == 1) return false;
  return true;
}

// Finds the next primitive polynomial at or after `candidate` (in increasing value, hence by degree first),
// caching the factorisation of 2^s - 1 per degree because it is the expensive part.
class PrimitiveSearch {
 public:
  explicit PrimitiveSearch(uint64_t start) : candidate_(start) {}

  uint64_t next() {
    for (;; ++candidate_) {
      const int degree = degree_of(candidate_);
      if (degree > 31) throw Error(VN_E_INTERNAL, "sobol: primitive polynomial degree above 31");
      if (degree != factors_degree_) {
        factors_ = prime_factors((uint64_t{1} << degree) - 1);
        factors_degree_ = degree;
      }
      if (is_primitive_with(candidate_, degree, factors_)) return candidate_++;
    }
  }
  uint64_t resume_point() const { return candidate_; }

 private:
  uint64_t candidate_;
  int factors_degree_ = -1;
  std::vector<uint64_t> factors_;
};

uint32_t parity(uint32_t v) {
  v ^= v >> 16;
  v ^= v >> 8;
  v ^= v >> 4;
  v ^= v >> 2;
  v ^= v >> 1;
  return v & 1u;
}

using Columns = std::array<uint32_t, Sobol::kBits>;

// Unscrambled direction numbers V_k = m_k * 2^(32-k), k = 1..32, stored at [k-1], for coordinate `dim`
// with primitive polynomial `poly` (unused for coordinate 0). Recurrence of Bratley & Fox (1988):
// V_k = V_{k-s} ^ (V_{k-s} >> s) ^ sum_{i=1}^{s-1} a_i V_{k-i}, a_i the coefficient of x^{s-i}.
Columns direction_numbers(uint32_t dim, uint64_t poly) {
  Columns v{};
  if (dim == 0) {  // van der Corput: the identity generator matrix
    for (uint32_t k = 0; k < Sobol::kBits; ++k) v[k] = 1u << (Sobol::kBits - 1 - k);
    return v;
  }
  const int s = degree_of(poly);
  for (int k = 1; k <= s && k <= static_cast<int>(Sobol::kBits); ++k) {
    uint64_t m;
    if (dim <= kJoeKuoCount) {
      m = kJoeKuo[dim - 1][k - 1];
    } else {  // any odd m_k < 2^k is valid: derive one from a fixed hash of (dim, k)
      m = (mix64(kDirectionKey ^ (uint64_t{dim} << 8) ^ static_cast<uint64_t>(k)) & ((uint64_t{1} << k) - 1)) | 1;
    }
    v[k - 1] = static_cast<uint32_t>(m << (Sobol::kBits - k));
  }
  for (int k = s + 1; k <= static_cast<int>(Sobol::kBits); ++k) {
    uint32_t value = v[k - s - 1] ^ (v[k - s - 1] >> s);
    for (int i = 1; i < s; ++i)
      if ((poly >> (s - i)) & 1) value ^= v[k - i - 1];
    v[k - 1] = value;
  }
  return v;
}

}  // namespace

bool is_primitive_polynomial(uint64_t poly) {
  const int degree = degree_of(poly);
  if (degree < 1 || degree > 31) return false;
  return is_primitive_with(poly, degree, prime_factors((uint64_t{1} << degree) - 1));
}

std::vector<uint64_t> primitive_polynomials(uint32_t count) {
  std::vector<uint64_t> result;
  result.reserve(count);
  PrimitiveSearch search(2);
  while (result.size() < count) result.push_back(search.next());
  return result;
}

Sobol::Sobol(uint64_t seed, bool scramble) : seed_(seed), scramble_(scramble) {}

void Sobol::extend(uint32_t dims) {
  PrimitiveSearch search(next_polynomial_candidate_);
  while (columns_.size() < dims) {
    const auto dim = static_cast<uint32_t>(columns_.size());
    const Columns v = direction_numbers(dim, dim == 0 ? 0 : search.next());
    if (!scramble_) {
      columns_.push_back(v);
      shifts_.push_back(0);
      continue;
    }
    // Row r of the lower-triangular scramble matrix acts on output digit r (bit 31-r): its own digit plus a
    // random combination of the more significant ones.
    Rng rng(seed_, dim, kScrambleStream);
    std::array<uint32_t, kBits> rows{};
    for (uint32_t r = 0; r < kBits; ++r) {
      const uint32_t above = r == 0 ? 0u : ~0u << (kBits - r);
      rows[r] = (1u << (kBits - 1 - r)) | (static_cast<uint32_t>(rng.next()) & above);
    }
    Columns scrambled{};
    for (uint32_t k = 0; k < kBits; ++k)
      for (uint32_t r = 0; r < kBits; ++r) scrambled[k] |= parity(rows[r] & v[k]) << (kBits - 1 - r);
    columns_.push_back(scrambled);
    shifts_.push_back(static_cast<uint32_t>(rng.next() >> 32));
  }
  next_polynomial_candidate_ = search.resume_point();
}

uint32_t Sobol::bits(uint64_t index, uint32_t dim) {
  if (index >= kMaxPoints)
    throw Error(VN_E_INVALID, "sobol: point index " + std::to_string(index) + " is beyond 2^32");
  if (dim >= kMaxDimensions)
    throw Error(VN_E_INVALID, "sobol: dimension " + std::to_string(dim) + " is beyond " +
                                  std::to_string(kMaxDimensions));
  if (dim >= columns_.size()) extend(dim + 1);
  const Columns &v = columns_[dim];
  uint32_t x = shifts_[dim];
  for (uint32_t k = 0; index != 0; ++k, index >>= 1)
    if (index & 1) x ^= v[k];
  return x;
}

double Sobol::coordinate(uint64_t index, uint32_t dim) { return bits(index, dim) * 0x1.0p-32; }

void Sobol::point(uint64_t index, uint32_t dims, double *out) {
  for (uint32_t j = 0; j < dims; ++j) out[j] = coordinate(index, j);
}

}  // namespace vernier::sdk
