#include "plugin_host/splitter.hpp"

#include "base/error.hpp"

namespace vernier {

SplitterHandle::SplitterHandle(const Registry &registry, const std::string &name, const boost::json::object &options) {
  open_instance(instance_, registry, kSplitterVtable, name, options);
}

std::vector<Split> SplitterHandle::splits(const vn_dataset &data, const std::vector<uint64_t> &rows, uint64_t seed) {
  const std::string who = "splitter '" + name() + "'";
  auto call = [&](const char *what, auto &&f) {
    vn_status status = VN_E_INTERNAL;
    try {
      status = f();
    } catch (...) {
      throw Error(VN_E_INTERNAL, who + ": " + what + " threw an exception (VN-ABI-5)");
    }
    if (status != VN_OK) throw Error(status < 0 ? status : VN_E_INTERNAL, who + ": " + instance_.last_error());
  };
  uint32_t n = 0;
  call("n_splits", [&] { return instance_.vtable->n_splits(instance_.self, &data, rows.data(), rows.size(), seed, &n); });
  if (n == 0) throw Error(VN_E_INTERNAL, who + ": n_splits returned 0 splits (splitter.h)");
  std::vector<Split> out(n);
  std::vector<uint8_t> assignment(rows.size());
  for (uint32_t s = 0; s < n; ++s) {
    std::fill(assignment.begin(), assignment.end(), uint8_t{0xFF});
    call("split", [&] {
      return instance_.vtable->split(instance_.self, &data, rows.data(), rows.size(), seed, s, assignment.data());
    });
    for (std::size_t i = 0; i < rows.size(); ++i) {
      switch (assignment[i]) {
        case VN_SPLIT_TRAIN: out[s].train.push_back(rows[i]); break;
        case VN_SPLIT_VALIDATION: out[s].validation.push_back(rows[i]); break;
        case VN_SPLIT_UNUSED: break;
        default:
          throw Error(VN_E_INTERNAL, who + ": split " + std::to_string(s) + " assigned row " + std::to_string(rows[i]) +
                                         " the value " + std::to_string(assignment[i]) + " (splitter.h: train, validation or unused)");
      }
    }
    if (out[s].train.empty() || out[s].validation.empty())
      throw Error(VN_E_INVALID, who + ": split " + std::to_string(s) + " has no " +
                                    (out[s].train.empty() ? "training" : "validation") + " rows (too few rows for this splitter?)");
  }
  return out;
}

}  // namespace vernier
