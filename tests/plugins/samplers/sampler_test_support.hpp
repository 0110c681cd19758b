// Helpers for the grid and random sampler tests: the bundled plugins loaded from the build tree as a host
// loads them, one instance driven through its C vtable, and the status and message of a failed create()
// or suggest(), which the error tests assert on.
#ifndef VERNIER_TESTS_SAMPLERS_SUPPORT_HPP
#define VERNIER_TESTS_SAMPLERS_SUPPORT_HPP

#include <cstdint>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "conformance/sampler_fixtures.hpp"
#include "plugin_host/registry.hpp"
#include "space/search_space.hpp"
#include "vernier/plugin/sampler.h"
#include "../../build_plugins.hpp"

namespace sampler_test {

using vernier::Space;
using vernier::conformance::HistoryData;

inline vernier::Registry &registry() { return vernier::testing::build_plugins(); }

inline Space parse_space(const char *json) { return Space::from_json(boost::json::parse(json), "test space"); }

// What a failed call returned: its status and the plugin's message.
struct Failure {
  vn_status status = VN_OK;
  std::string message;
};

// The status and message of create() called on the plugin's descriptor directly (VN_OK and "" when it
// succeeds; the instance is then destroyed at once).
inline Failure create_failure(const std::string &plugin, const std::string &options) {
  const vn_component &d = *registry().require(VN_KIND_SAMPLER, plugin).descriptor;
  char err[1024] = {0};
  void *self = nullptr;
  const void *vtable = nullptr;
  Failure f;
  f.status = d.create(&d, registry().host(), options.c_str(), &self, &vtable, err, sizeof err);
  f.message = err;
  if (f.status == VN_OK) static_cast<const vn_sampler_vtable *>(vtable)->destroy(self);
  return f;
}

// One sampler instance, destroyed with this object.
class Sampler {
 public:
  explicit Sampler(const std::string &plugin, const std::string &options = "{}") {
    const vernier::Component &c = registry().require(VN_KIND_SAMPLER, plugin);
    const vernier::RawInstance raw =
        vernier::create_instance(registry(), c, options, VN_SIZE_THROUGH(vn_sampler_vtable, destroy));
    instance_.self = raw.self;
    instance_.vtable = static_cast<const vn_sampler_vtable *>(raw.vtable);
    instance_.library = c.library;
  }

  // Calls suggest() for trials numbers[0..n); out gets n rows. Returns the status, the message in `failure`.
  vn_status try_suggest(const Space &space, const HistoryData &history, uint64_t seed,
                        const std::vector<int64_t> &numbers, std::vector<double> &out, std::string *message = nullptr) {
    out.assign(numbers.size() * space.size(), -12345.0);
    const vn_history view = history.view();
    const vn_status status = instance_.vtable->suggest(instance_.self, &space.view(), &view, seed, numbers.data(),
                                                       static_cast<uint32_t>(numbers.size()), out.data());
    if (message != nullptr) *message = status == VN_OK ? "" : instance_.last_error();
    return status;
  }

  // `count` rows for the trials after the history's last one; REQUIREs success and valid points.
  std::vector<double> suggest(const Space &space, const HistoryData &history, uint64_t seed, uint32_t count = 1) {
    std::vector<int64_t> numbers;
    for (uint32_t i = 0; i < count; ++i) numbers.push_back(history.next_number() + i);
    return suggest_trials(space, history, seed, numbers);
  }

  // Rows for the given trial numbers; REQUIREs success and valid points.
  std::vector<double> suggest_trials(const Space &space, const HistoryData &history, uint64_t seed,
                                     const std::vector<int64_t> &numbers) {
    std::vector<double> out;
    std::string message;
    const vn_status status = try_suggest(space, history, seed, numbers, out, &message);
    INFO(message);
    REQUIRE(status == VN_OK);
    for (std::size_t i = 0; i < numbers.size(); ++i) space.check_point(out.data() + i * space.size());
    return out;
  }

  // The failure of one suggest() that is expected to fail (status VN_OK if it did not).
  Failure failure(const Space &space, const HistoryData &history, uint64_t seed, uint32_t count = 1) {
    std::vector<int64_t> numbers;
    for (uint32_t i = 0; i < count; ++i) numbers.push_back(history.next_number() + i);
    std::vector<double> out;
    Failure f;
    f.status = try_suggest(space, history, seed, numbers, out, &f.message);
    return f;
  }

 private:
  vernier::PluginInstance<vn_sampler_vtable> instance_;
};

// Splits n_params-wide rows into points.
inline std::vector<std::vector<double>> rows_of(const std::vector<double> &flat, std::size_t d) {
  std::vector<std::vector<double>> rows;
  for (std::size_t i = 0; i + d <= flat.size(); i += d) rows.emplace_back(flat.begin() + i, flat.begin() + i + d);
  return rows;
}

}  // namespace sampler_test

#endif  // VERNIER_TESTS_SAMPLERS_SUPPORT_HPP
