// One model instance driven by the conformance suite directly through its C vtable, observing what each
// call does at the ABI boundary (as SamplerProbe does for samplers): exceptions escaping the plugin
// (VN-ABI-5), a NULL last_error or a failure without a message (VN-ABI-5), writes outside predict's output
// buffer and writes into the host-owned dataset, rows or hyperparameters (VN-ABI-6).
#ifndef VERNIER_CORE_CONFORMANCE_MODEL_PROBE_HPP
#define VERNIER_CORE_CONFORMANCE_MODEL_PROBE_HPP

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "plugin_host/registry.hpp"
#include "conformance/model_fixtures.hpp"
#include "conformance/sampler_probe.hpp"
#include "vernier/model.h"

namespace vernier::conformance {

class ModelProbe {
 public:
  // Creates an instance from config_json; throws Failure saying what broke.
  ModelProbe(const Component &component, const vn_host *host, Observations &seen, const std::string &config_json = "{}");
  ~ModelProbe();
  ModelProbe(const ModelProbe &) = delete;
  ModelProbe &operator=(const ModelProbe &) = delete;

  struct Outcome {
    vn_status status = VN_E_INTERNAL;
    std::vector<double> out;  // predict: n_rows x width
    std::string message;      // last_error() after a failure
    bool ok() const { return status == VN_OK; }
    std::string describe() const;  // "VN_E_INVALID (-1): message"
  };

  // fit with the hyperparameters `hparams` of `space` (an empty space when NULL).
  Outcome fit(const OwnedDataset &data, const std::vector<uint64_t> &rows, const Space *space = nullptr,
              const std::vector<double> &hparams = {}, uint64_t seed = 20240917);
  // predict into a buffer of the right size (out_len = n_rows x width) unless out_len is given.
  Outcome predict(const OwnedDataset &data, const std::vector<uint64_t> &rows, int64_t out_len = -1);

 private:
  Outcome finish(vn_status status, const char *call, bool threw, const std::string &what);

  void *self_ = nullptr;
  const vn_model_vtable *vtable_ = nullptr;
  std::shared_ptr<LoadedLibrary> library_;
  Observations &seen_;
  std::string name_;
};

// A plugin-side fit and predict of one task: what most checks need.
struct FitPredict {
  ModelProbe::Outcome fit, predict;
  bool ok() const { return fit.ok() && predict.ok(); }
  std::string describe() const { return !fit.ok() ? "fit returned " + fit.describe() : "predict returned " + predict.describe(); }
};
FitPredict fit_predict(ModelProbe &probe, const TaskFixture &task, const Space *space = nullptr,
                       const std::vector<double> &hparams = {}, uint64_t seed = 20240917);

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_MODEL_PROBE_HPP
