// One model instance driven by the conformance suite through its C vtable (probe_base.hpp): fit and
// predict, with predict's output in a guarded buffer and the dataset, rows and hyperparameters
// compared bit by bit around each call.
#ifndef VERNIER_CORE_CONFORMANCE_MODEL_PROBE_HPP
#define VERNIER_CORE_CONFORMANCE_MODEL_PROBE_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "conformance/model_fixtures.hpp"
#include "conformance/probe_base.hpp"
#include "vernier/plugin/model.h"

namespace vernier::conformance {

class ModelProbe : public ProbeBase<vn_model_vtable, kModelVtable> {
 public:
  using ProbeBase::ProbeBase;

  struct Outcome : CallOutcome {
    std::vector<double> out;  // predict: n_rows x width
  };

  // fit with the hyperparameters `hparams` of `space` (an empty space when NULL).
  Outcome fit(const OwnedDataset &data, const std::vector<uint64_t> &rows, const Space *space = nullptr,
              const std::vector<double> &hparams = {}, uint64_t seed = 20240917);
  // predict into a buffer of the right size (out_len = n_rows x width) unless out_len is given.
  Outcome predict(const OwnedDataset &data, const std::vector<uint64_t> &rows, int64_t out_len = -1);
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
