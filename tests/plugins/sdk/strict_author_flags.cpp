// Compiled, never run: the C++ plugin SDK as a plugin author might build it, with warnings stricter than
// the project's own (-Wold-style-cast, -Wzero-as-null-pointer-constant, -Wshadow, -Wconversion) as errors.
// Every header an author includes, and the trampolines of all four kinds, must compile cleanly there.
#include "vernier/sdk/json.hpp"
#include "vernier/sdk/normal.hpp"
#include "vernier/sdk/options.hpp"
#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/rng.hpp"
#include "vernier/sdk/sobol.hpp"
#include "vernier/sdk/unit_cube.hpp"

namespace {

struct Sampler : vernier::sdk::Instance {
  Sampler(const vn_host *, const char *) {}
  void suggest(const vn_space &, const vn_history &, uint64_t, const int64_t *, uint32_t, double *) {}
};
struct Surrogate : vernier::sdk::Instance {
  Surrogate(const vn_host *, const char *) {}
  void fit(const vn_space &, uint64_t, const double *, const double *, uint64_t) {}
  void predict(uint64_t, const double *, double *, double *) {}
};
struct Model : vernier::sdk::Instance {
  Model(const vn_host *, const char *) {}
  void fit(const vn_dataset &, const uint64_t *, uint64_t, const vn_space &, const double *, uint64_t) {}
  void predict(const vn_dataset &, const uint64_t *, uint64_t, double *) {}
};
struct Splitter : vernier::sdk::Instance {
  Splitter(const vn_host *, const char *) {}
  uint32_t n_splits(const vn_dataset &, const uint64_t *, uint64_t, uint64_t) { return 2; }
  void split(const vn_dataset &, const uint64_t *, uint64_t, uint64_t, uint32_t, uint8_t *) {}
};

constexpr const char *kOptions = R"({"options": {}})";
const vn_component kSampler = vernier::sdk::component<Sampler, VN_KIND_SAMPLER>("s", "1", "s", kOptions);
const vn_component kSurrogate = vernier::sdk::component<Surrogate, VN_KIND_SURROGATE>("u", "1", "u", kOptions);
const vn_component kModel = vernier::sdk::component<Model, VN_KIND_MODEL>("m", "1", "m", kOptions);
const vn_component kSplitter = vernier::sdk::component<Splitter, VN_KIND_SPLITTER>("p", "1", "p", kOptions);

}  // namespace

const vn_component *strict_author_components[] = {&kSampler, &kSurrogate, &kModel, &kSplitter};
