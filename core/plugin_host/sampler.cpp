#include "plugin_host/sampler.hpp"

#include <cmath>

#include "base/error.hpp"

namespace vernier {

SamplerHandle::SamplerHandle(const Registry &registry, const std::string &name, const boost::json::object &options) {
  open_instance(instance_, registry, kSamplerVtable, name, options);
}

void SamplerHandle::suggest(const Space &space, const vn_history &history, uint64_t seed,
                            const std::vector<int64_t> &numbers, std::vector<double> &out) {
  const std::size_t d = space.size();
  out.assign(numbers.size() * d, std::nan(""));
  vn_status status = VN_E_INTERNAL;
  try {
    status = instance_.vtable->suggest(instance_.self, &space.view(), &history, seed, numbers.data(),
                                       static_cast<uint32_t>(numbers.size()), out.data());
  } catch (...) {
    throw Error(VN_E_INTERNAL, "sampler '" + name() + "': suggest threw an exception (VN-ABI-5)");
  }
  if (status == VN_E_EXHAUSTED) throw Error(VN_E_EXHAUSTED, "sampler '" + name() + "': " + instance_.last_error());
  if (status != VN_OK)
    throw Error(status < 0 ? status : VN_E_INTERNAL, "sampler '" + name() + "': " + instance_.last_error());
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    try {
      space.check_point(out.data() + i * d);
    } catch (const Error &e) {
      throw Error(VN_E_INTERNAL, "sampler '" + name() + "' returned an invalid point for trial " +
                                     std::to_string(numbers[i]) + ": " + e.what() + " (sampler.h: suggest)");
    }
  }
}

}  // namespace vernier
