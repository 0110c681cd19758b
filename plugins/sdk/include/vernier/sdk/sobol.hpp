// Vernier plugin SDK: scrambled Sobol' sequences (low-discrepancy points in [0,1)^d).
//
// Sobol' (1967) points fill the unit cube more evenly than random ones: the first 2^m points of every
// coordinate put exactly one point in each interval of width 2^-m, and low-dimensional projections are
// (t,m,s)-nets. Samplers use them for initial designs and quasi-random search.
//
// Construction. Coordinate j uses the j-th primitive polynomial over GF(2) (enumerated programmatically,
// by degree then by value; coordinate 0 is the van der Corput sequence), and initial direction numbers
// m_k (odd, < 2^k): those of Joe & Kuo ("Constructing Sobol sequences with better two-dimensional
// projections", SIAM J. Sci. Comput. 30, 2008) for coordinates 1..19, and beyond them values derived
// deterministically from a fixed hash. Any odd m_k < 2^k keeps Sobol's t-value bound; Joe & Kuo's only
// improve the 2-D projections of the first coordinates, which matter most.
//
// Scrambling (Matousek, "On the L2-discrepancy for anchored boxes", J. Complexity 14, 1998): each
// coordinate's generator matrix C is multiplied on the left by a random lower-triangular binary matrix
// with a unit diagonal, and the result is XORed with a random digital shift. L*C keeps the span of every
// leading block of rows of C, so the (t,m,s)-net property is preserved, while the points become a
// randomised QMC design: unbiased, and different for every seed. The randomness comes from the seed only.
//
// Precision is 32 bits: point indices must be < 2^32 and coordinates are multiples of 2^-32.
// Points are computed directly from their index (no Gray-code state), so point i is the same however the
// caller walks the sequence. Direction numbers are derived lazily, up to kMaxDimensions coordinates.
//
// Threading: an object is used by one thread at a time (it grows its tables on demand); distinct objects
// share nothing (VN-ABI-7).
#ifndef VERNIER_SDK_SOBOL_HPP
#define VERNIER_SDK_SOBOL_HPP

#include <array>
#include <cstdint>
#include <vector>

namespace vernier::sdk {

class Sobol {
 public:
  static constexpr uint32_t kBits = 32;
  static constexpr uint32_t kMaxDimensions = 1u << 16;  // primitive polynomials up to degree 20 suffice
  static constexpr uint64_t kMaxPoints = uint64_t{1} << kBits;

  // A sequence scrambled from `seed`; with scramble == false, the plain Sobol' sequence (point 0 is 0).
  explicit Sobol(uint64_t seed, bool scramble = true);

  // The 32 binary digits of coordinate `dim` (0-based) of point `index`; the coordinate is bits * 2^-32.
  // Throws vernier::sdk::Error (VN_E_INVALID) when index >= kMaxPoints or dim >= kMaxDimensions.
  uint32_t bits(uint64_t index, uint32_t dim);

  // Coordinate `dim` of point `index`, in [0, 1).
  double coordinate(uint64_t index, uint32_t dim);

  // The first `dims` coordinates of point `index` into out[0..dims).
  void point(uint64_t index, uint32_t dims, double *out);

 private:
  void extend(uint32_t dims);  // derives (and scrambles) direction numbers for coordinates < dims

  uint64_t seed_;
  bool scramble_;
  uint64_t next_polynomial_candidate_ = 2;  // where the search for the next primitive polynomial resumes
  std::vector<std::array<uint32_t, kBits>> columns_;  // per coordinate: scrambled direction numbers
  std::vector<uint32_t> shifts_;                       // per coordinate: the digital shift
};

// Whether the GF(2) polynomial whose coefficients are the bits of `poly` (bit k: x^k) is primitive, i.e.
// x generates the multiplicative group of GF(2)[x]/(poly). Degrees 1..31.
bool is_primitive_polynomial(uint64_t poly);

// The first `count` primitive polynomials ordered by degree, then by value: 0b11 (x+1), 0b111, 0b1011, ...
// The polynomial of Sobol coordinate j >= 1 is element j-1.
std::vector<uint64_t> primitive_polynomials(uint32_t count);

}  // namespace vernier::sdk

#endif  // VERNIER_SDK_SOBOL_HPP
