// Vernier plugin SDK: the per-trial deterministic random number generator.
//
// VN-ABI-8 asks that a sampler's randomness come only from (seed, trial number), so a resumed or replicated
// study reproduces every suggestion bit for bit. An Rng is therefore never seeded from a clock or shared
// between trials: each (seed, trial number, stream) triple names its own sequence, and the `stream` lets one
// trial draw several independent sequences (one per purpose) without their values depending on each other.
//
// The generator is SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
// OOPSLA 2014): a Weyl sequence passed through a 64-bit avalanche mix. It passes BigCrush, needs 8 bytes of
// state and its mix function doubles as the hash that derives the starting state from the triple.
#ifndef VERNIER_SDK_RNG_HPP
#define VERNIER_SDK_RNG_HPP

#include <cmath>
#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

namespace vernier::sdk {

// SplitMix64's finaliser: a bijection on 64 bits in which every input bit affects every output bit.
constexpr uint64_t mix64(uint64_t x) noexcept {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The Weyl increment of SplitMix64 (2^64 / golden ratio, odd, so the state visits all 2^64 values).
constexpr uint64_t kGoldenGamma = 0x9e3779b97f4a7c15ULL;

class Rng {
 public:
  // The sequence named by (seed, trial_number, stream). Each component is folded in through mix64, so
  // neighbouring trial numbers or streams start at unrelated points of the 2^64 cycle.
  constexpr Rng(uint64_t seed, int64_t trial_number, uint64_t stream = 0) noexcept
      : state_(mix64(mix64(mix64(seed ^ 0x5bd1e9955bd1e995ULL) ^ static_cast<uint64_t>(trial_number)) ^
                     (stream + kGoldenGamma))) {}

  // 64 uniformly distributed bits.
  constexpr uint64_t next() noexcept {
    state_ += kGoldenGamma;
    return mix64(state_);
  }

  // Uniform in [0, 1): the top 53 bits, so every double of the form k * 2^-53 is equally likely.
  double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Standard normal by Box-Muller. Each call uses two fresh uniforms and keeps no spare value, so the
  // draws a caller gets never depend on how many normals an earlier caller took.
  double normal() noexcept {
    const double u1 = 1.0 - uniform();  // in (0, 1]: log(u1) is finite
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586476925 * u2);
  }

  // Uniform in [0, n), unbiased (rejects the few values that would make `% n` favour small results).
  // n == 0 returns 0.
  uint64_t below(uint64_t n) noexcept {
    if (n == 0) return 0;
    const uint64_t threshold = (0 - n) % n;  // 2^64 mod n: the first `threshold` values are rejected
    for (;;) {
      const uint64_t r = next();
      if (r >= threshold) return r % n;
    }
  }

  // Uniform integer in [low, high], both inclusive; low <= high.
  int64_t integer(int64_t low, int64_t high) noexcept {
    const uint64_t span = static_cast<uint64_t>(high) - static_cast<uint64_t>(low) + 1;  // 0: the full range
    const uint64_t offset = span == 0 ? next() : below(span);
    return static_cast<int64_t>(static_cast<uint64_t>(low) + offset);
  }

  // Shuffles [first, last) in place by Fisher-Yates (every order equally likely).
  template <class RandomIt>
  void shuffle(RandomIt first, RandomIt last) noexcept {
    const auto n = static_cast<uint64_t>(last - first);
    for (uint64_t i = n; i > 1; --i) {
      const uint64_t j = below(i);
      using std::swap;
      swap(first[i - 1], first[j]);
    }
  }

  // A uniformly random permutation of 0..n-1.
  std::vector<uint32_t> permutation(uint32_t n) {
    std::vector<uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    shuffle(order.begin(), order.end());
    return order;
  }

 private:
  uint64_t state_;
};

}  // namespace vernier::sdk

#endif  // VERNIER_SDK_RNG_HPP
