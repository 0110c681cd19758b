// An out-of-tree sampler plugin in C++17 on the plugin SDK, built only against an installed Vernier
// (find_package(vernier): vernier::plugin_sdk). Random search like my_sampler.c, but the SDK does the work
// a C author does by hand: the exception firewall and vtable (sdk/plugin.hpp), options refused by name
// (sdk/options.hpp), the (seed, trial number) stream (sdk/rng.hpp), and bounds, logs, grids and
// conditions (sdk/unit_cube.hpp).
//
// MY_SAMPLER_OLD_INCLUDES builds it through the SDK's deprecated paths, kept until ABI 2 (docs/abi.md,
// "Which header is whose"); MY_SAMPLER_NAME names the component, so that both builds share a plugin folder.
#include <cstdint>
#include <vector>

#ifdef MY_SAMPLER_OLD_INCLUDES
#include <vernier/plugin_sdk.hpp>
#include <vernier/sdk/space.hpp>
#else
#include <vernier/sdk/plugin.hpp>
#include <vernier/sdk/unit_cube.hpp>
#endif
#include <vernier/sdk/options.hpp>
#include <vernier/sdk/rng.hpp>

#ifndef MY_SAMPLER_NAME
#define MY_SAMPLER_NAME "my_cpp_sampler"
#endif

namespace {

using namespace vernier::sdk;

constexpr const char *kOptions = R"({"options": {}})";

class MyCppSampler : public Instance {
 public:
  // No options: Options refuses any given, by name (VN-ABI-3).
  MyCppSampler(const vn_host *, const char *config_json) { static_cast<void>(Options(kOptions, config_json)); }

  void suggest(const vn_space &space, const vn_history &, uint64_t seed, const int64_t *trial_numbers,
               uint32_t count, double *out) {
    check_space(space);
    std::vector<double> unit(space.n_params);
    for (uint32_t row = 0; row < count; ++row) {
      Rng rng(seed, trial_numbers[row]);
      for (double &u : unit) u = rng.uniform();
      sample_point(space, unit.data(), out + static_cast<size_t>(row) * space.n_params);
    }
  }
};

const vn_component kMine = component<MyCppSampler, VN_KIND_SAMPLER>(
    MY_SAMPLER_NAME, "0.1.0", "Uniform random search on the C++ plugin SDK, written outside the Vernier tree",
    kOptions);

}  // namespace

VERNIER_SDK_ENTRY(&kMine)
