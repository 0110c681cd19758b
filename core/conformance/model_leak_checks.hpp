// The model suite's checks of VN-ABI-10 (docs/abi.md): a model's predictions depend only on what it may read.
// fit reads the rows it is given and no other row of the dataset (in cross-validation the others are the
// validation fold's, or the test part's); predict reads the features of the rows it scores, never their
// targets (the host hands predict NaN targets). The cv objective enforces both by construction
// (core/plugin_host/model_views.hpp); these checks catch a plugin that relies on hosts being that careful.
#ifndef VERNIER_CORE_CONFORMANCE_MODEL_LEAK_CHECKS_HPP
#define VERNIER_CORE_CONFORMANCE_MODEL_LEAK_CHECKS_HPP

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "conformance/model_fixtures.hpp"
#include "conformance/model_probe.hpp"

namespace vernier::conformance {

using ModelProbeFactory = std::function<std::unique_ptr<ModelProbe>()>;

// Fits on task.train of the dataset, then on a copy in which every other row (features and target) is
// changed; predictions of task.test (from the unchanged dataset) must be bit-identical.
std::string check_fit_reads_only_its_rows(const ModelProbeFactory &probe, const std::vector<const TaskFixture *> &tasks);

// Predicts task.test from the dataset, then from copies whose targets are changed and all NaN; the
// predictions must be bit-identical (and a NaN target must not be refused).
std::string check_predict_ignores_targets(const ModelProbeFactory &probe, const std::vector<const TaskFixture *> &tasks);

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_MODEL_LEAK_CHECKS_HPP
