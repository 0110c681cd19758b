// The model suite's checks of VN-ABI-10: see model_leak_checks.hpp.
#include "conformance/model_leak_checks.hpp"

#include <cmath>
#include <set>

#include "conformance/check_list.hpp"
#include "conformance/sampler_fixtures.hpp"

namespace vernier::conformance {

namespace {

// Another valid target: the next class, or a regression value far from the old one.
double other_target(const OwnedDataset &data, double y) {
  if (data.view().task == VN_TASK_CLASSIFICATION) return std::fmod(y + 1, static_cast<double>(data.view().n_classes));
  return -3.0 * y + 5.0;
}

// The predictions of task.test after a fit on task.train, both of which must succeed.
ModelProbe::Outcome fitted_predictions(ModelProbe &p, const TaskFixture &task) {
  require_ok(p.fit(task.data, task.train), task.data.name() + ": fit returned ");
  return require_ok(p.predict(task.data, task.test), task.data.name() + ": predict returned ");
}

}  // namespace

std::string check_fit_reads_only_its_rows(const ModelProbeFactory &probe, const std::vector<const TaskFixture *> &tasks) {
  for (const TaskFixture *task : tasks) {
    const std::string name = task->data.name();
    const ModelProbe::Outcome expected = fitted_predictions(*probe(), *task);

    // Every row fit is not given gets other (finite, valid) features and another target.
    OwnedDataset changed = task->data;
    const std::set<uint64_t> given(task->train.begin(), task->train.end());
    const uint32_t d = changed.view().n_features;
    for (uint64_t r = 0; r < changed.n_rows(); ++r) {
      if (given.count(r) > 0) continue;
      for (uint32_t j = 0; j < d; ++j) changed.features[r * d + j] = -2.0 * changed.features[r * d + j] + 3.0;
      changed.target[r] = other_target(changed, changed.target[r]);
    }
    auto p = probe();
    require_ok(p->fit(changed, task->train), name + ": fit on the same rows, with the dataset's other rows changed, returned ");
    const ModelProbe::Outcome got = require_ok(p->predict(task->data, task->test), name + ": predict returned ");
    if (!same_values(expected.out, got.out))
      fail(name + ": changing the features and targets of rows fit was not given changed the predictions: fit reads "
           "rows outside `rows` (VN-ABI-10: a model reads only the rows it is handed; in cross-validation the "
           "others are the validation fold's, whose targets it would leak)");
  }
  return "predictions do not change when the dataset's rows outside fit's rows change";
}

std::string check_predict_ignores_targets(const ModelProbeFactory &probe, const std::vector<const TaskFixture *> &tasks) {
  for (const TaskFixture *task : tasks) {
    const std::string name = task->data.name();
    auto p = probe();
    const ModelProbe::Outcome expected = fitted_predictions(*p, *task);

    OwnedDataset changed = task->data, masked = task->data;
    for (uint64_t r : task->test) changed.target[r] = other_target(changed, changed.target[r]);
    for (double &y : masked.target) y = NAN;
    const ModelProbe::Outcome from_masked = p->predict(masked, task->test);
    if (!from_masked.ok())
      fail(name + ": predict with every target NaN returned " + from_masked.describe() +
           "; the host hands predict NaN targets (VN-ABI-10: predict never reads targets)");
    const ModelProbe::Outcome from_changed = p->predict(changed, task->test);
    if (!from_changed.ok()) fail(name + ": predict with the predicted rows' targets changed returned " + from_changed.describe());
    if (!same_values(expected.out, from_masked.out) || !same_values(expected.out, from_changed.out))
      fail(name + ": predictions changed with the targets of the predicted rows: predict reads targets (VN-ABI-10: "
           "predict never reads targets; in cross-validation they are the validation fold's labels)");
  }
  return "predictions do not change when the predicted rows' targets change or are NaN";
}

}  // namespace vernier::conformance
