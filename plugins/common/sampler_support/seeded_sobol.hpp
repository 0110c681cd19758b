// The scrambled Sobol' sequence of a seed, kept between suggestions: deriving its direction numbers is the
// costly part, and a sampler is asked for point after point of the same seed's sequence (point <trial
// number>, so batches and parallel workers get distinct points). Remade when the seed changes. Used by the
// random sampler ("sobol": true) and by the GP sampler's initial design.
#ifndef VERNIER_SAMPLER_SUPPORT_SEEDED_SOBOL_HPP
#define VERNIER_SAMPLER_SUPPORT_SEEDED_SOBOL_HPP

#include <cstdint>
#include <optional>

#include "vernier/sdk/sobol.hpp"

namespace vernier::sampler_support {

class SeededSobol {
 public:
  // The first `dims` coordinates of point `index` of the sequence scrambled from `seed`, into out[0..dims).
  // Throws vernier::sdk::Error (VN_E_INVALID) when index >= Sobol::kMaxPoints (sdk/sobol.hpp).
  void point(uint64_t seed, uint64_t index, uint32_t dims, double *out) {
    if (!sequence_ || seed_ != seed) {
      sequence_.emplace(seed);
      seed_ = seed;
    }
    sequence_->point(index, dims, out);
  }

 private:
  std::optional<sdk::Sobol> sequence_;
  uint64_t seed_ = 0;
};

}  // namespace vernier::sampler_support

#endif  // VERNIER_SAMPLER_SUPPORT_SEEDED_SOBOL_HPP
