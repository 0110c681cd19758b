// vn_study_*: create, ask/tell, optimize with a callback, run the config's objective, results.
#include <cmath>

#include "base/error.hpp"
#include "base/interrupt.hpp"
#include "base/json.hpp"
#include "c_api/handles.hpp"
#include "study/open_study.hpp"

using namespace vernier;

namespace {

vernier::Study &study_of(const vn_study *s) {
  capi::require(s != nullptr && s->study != nullptr, "study handle is NULL");
  return *s->study;
}

}  // namespace

extern "C" {

VN_API vn_status vn_study_create(vn_context *ctx, const char *config_json, vn_study **out) {
  return capi::call([&] {
    if (out != nullptr) *out = nullptr;  // on every failure, the NULL check's included
    capi::require(ctx != nullptr && config_json != nullptr && out != nullptr, "vn_study_create: NULL argument");
    StudyConfig config = StudyConfig::parse(json::parse_object(config_json, "study config"));
    auto handle = std::make_unique<vn_study>();
    handle->study = open_study(*ctx->registry, std::move(config));
    *out = handle.release();
  });
}

VN_API void vn_study_free(vn_study *study) { delete study; }

VN_API vn_status vn_study_ask(vn_study *study, vn_trial **out) {
  return capi::call([&] {
    capi::require(out != nullptr, "vn_study_ask: out is NULL");
    *out = nullptr;
    AskedTrial asked = study_of(study).ask();
    *out = new vn_trial{study, asked.number, std::move(asked.params)};
  });
}

VN_API vn_status vn_study_tell(vn_study *study, vn_trial *trial, int32_t state, double value) {
  return capi::call([&] {
    capi::require(trial != nullptr, "vn_study_tell: trial is NULL");
    capi::require(trial->study == study, "vn_study_tell: the trial belongs to another study");
    study_of(study).tell(trial->number, state, value);
  });
}

VN_API void vn_trial_free(vn_trial *trial) { delete trial; }

VN_API vn_status vn_study_optimize(vn_study *study, uint64_t n_trials, vn_objective_fn objective, void *user) {
  return capi::call([&] {
    capi::require(objective != nullptr, "vn_study_optimize: objective is NULL");
    vernier::Study &s = study_of(study);
    InterruptScope run;
    for (uint64_t i = 0; i < n_trials; ++i) {
      throw_if_interrupted("vn_study_optimize");
      AskedTrial asked;
      try {
        asked = s.ask();
      } catch (const Error &e) {
        if (e.status() == VN_E_EXHAUSTED) return;  // the sampler is done: a normal end
        throw;
      }
      vn_trial trial{study, asked.number, std::move(asked.params)};
      double value = std::nan("");
      int32_t state = objective(&trial, user, &value);
      if (state < 0) {  // the callback asks to stop: record the trial as failed, return its status
        s.tell(trial.number, VN_TRIAL_FAILED, value);
        throw Error(state, "vn_study_optimize: the objective stopped the loop at trial " + std::to_string(trial.number) +
                               " with status " + std::to_string(state));
      }
      if (state != VN_TRIAL_COMPLETE && state != VN_TRIAL_PRUNED) state = VN_TRIAL_FAILED;
      try {
        s.tell(trial.number, state, value);
      } catch (const Error &e) {
        // A NaN value is recorded as a failed trial, with the reason as its message; the loop goes on.
        if (e.status() != VN_E_INVALID) throw;
      }
    }
    throw_if_interrupted("vn_study_optimize");  // a request during the last trial is reported too
  });
}

VN_API vn_status vn_study_run(vn_study *study, uint64_t n_trials, vn_progress_fn progress, void *user) {
  return capi::call([&] {
    InterruptScope run;
    study_of(study).run(n_trials, [&](const std::string &line) {
      if (progress != nullptr) progress(line.c_str(), user);
    });
  });
}

VN_API uint64_t vn_study_count(const vn_study *study, int32_t state) {
  uint64_t n = 0;
  vn_status status = capi::call([&] { n = study_of(study).count(state); });
  return status == VN_OK ? n : 0;
}

VN_API vn_status vn_study_best(const vn_study *study, int64_t *number, double *value) {
  return capi::call([&] {
    auto best = study_of(study).best();
    if (!best) throw not_found("no complete trial yet");
    if (number != nullptr) *number = best->number;
    if (value != nullptr) *value = best->value;
  });
}

VN_API vn_status vn_study_summary_json(const vn_study *study, char **out_json) {
  return capi::call([&] {
    if (out_json != nullptr) *out_json = nullptr;  // as vernier.h promises for every failure
    capi::require(out_json != nullptr, "vn_study_summary_json: out_json is NULL");
    *out_json = capi::duplicate_json(study_of(study).summary());
  });
}

VN_API vn_status vn_study_trials_json(const vn_study *study, char **out_json) {
  return capi::call([&] {
    if (out_json != nullptr) *out_json = nullptr;  // as vernier.h promises for every failure
    capi::require(out_json != nullptr, "vn_study_trials_json: out_json is NULL");
    *out_json = capi::duplicate_json(study_of(study).trials_json());
  });
}

}
