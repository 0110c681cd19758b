#include "plugin_host/model.hpp"

#include <cmath>

#include "base/error.hpp"

namespace vernier {

ModelHandle::ModelHandle(const Registry &registry, const std::string &name, const boost::json::object &options) {
  open_instance(instance_, registry, kModelVtable, name, options);
}

void ModelHandle::fit(const FitView &data, const vn_space &space, const std::vector<double> &hparams, uint64_t seed) {
  const std::vector<uint64_t> &rows = data.rows();
  vn_status status = VN_E_INTERNAL;
  try {
    status = instance_.vtable->fit(instance_.self, &data.view(), rows.data(), rows.size(), &space, hparams.data(), seed);
  } catch (...) {
    throw Error(VN_E_INTERNAL, "model '" + name() + "': fit threw an exception (VN-ABI-5)");
  }
  if (status != VN_OK) throw Error(status < 0 ? status : VN_E_INTERNAL, "model '" + name() + "': " + instance_.last_error());
}

void ModelHandle::predict(const PredictView &view, std::vector<double> &out) {
  const vn_dataset &data = view.view();
  const std::vector<uint64_t> &rows = view.rows();
  const uint64_t width = data.task == VN_TASK_CLASSIFICATION ? data.n_classes : 1;
  out.assign(rows.size() * width, std::nan(""));
  vn_status status = VN_E_INTERNAL;
  try {
    status = instance_.vtable->predict(instance_.self, &data, rows.data(), rows.size(), out.data(), out.size());
  } catch (...) {
    throw Error(VN_E_INTERNAL, "model '" + name() + "': predict threw an exception (VN-ABI-5)");
  }
  if (status != VN_OK) throw Error(status < 0 ? status : VN_E_INTERNAL, "model '" + name() + "': " + instance_.last_error());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    double sum = 0;
    for (uint64_t j = 0; j < width; ++j) {
      const double v = out[i * width + j];
      if (!std::isfinite(v))
        throw Error(VN_E_NUMERIC, "model '" + name() + "' predicted a non-finite value for data row " + std::to_string(view.source_row(i)));
      if (width > 1 && (v < 0 || v > 1 + 1e-9))
        throw Error(VN_E_INTERNAL, "model '" + name() + "' returned a probability outside [0, 1] for data row " +
                                       std::to_string(view.source_row(i)) + " (model.h: predict)");
      sum += v;
    }
    if (data.task == VN_TASK_CLASSIFICATION && std::abs(sum - 1.0) > 1e-6)
      throw Error(VN_E_INTERNAL, "model '" + name() + "' returned probabilities summing to " + std::to_string(sum) +
                                     " for data row " + std::to_string(view.source_row(i)) + " (model.h: predict)");
  }
}

}  // namespace vernier
