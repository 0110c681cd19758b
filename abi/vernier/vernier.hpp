// A thin C++17 RAII wrapper over the C host API (vernier.h) for embedders: handles freed by
// destructors, statuses turned into exceptions carrying vn_last_error(). Header-only; it uses the C
// API and nothing else, so it works against any libvernier of the same ABI major.
//
//   vernier::Context ctx;
//   vernier::Study study(ctx, R"({"name": "demo", "space": [{"name": "x", "type": "float", "low": -1, "high": 1}]})");
//   for (int i = 0; i < 20; ++i) {
//     vernier::Trial t = study.ask();
//     double x = t.get_float("x");
//     study.tell(t, x * x);
//   }
#ifndef VERNIER_VERNIER_HPP
#define VERNIER_VERNIER_HPP

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "vernier.h"

namespace vernier {

class Exception : public std::runtime_error {
 public:
  explicit Exception(vn_status status) : std::runtime_error(vn_last_error()), status_(status) {}
  vn_status status() const noexcept { return status_; }

 private:
  vn_status status_;
};

namespace detail {
inline void check(vn_status status) {
  if (status != VN_OK) throw Exception(status);
}
// Takes ownership of a string returned by the C API.
inline std::string take(char *s) {
  std::unique_ptr<char, void (*)(void *)> owned(s, &vn_free);
  return s != nullptr ? std::string(s) : std::string();
}
}  // namespace detail

class Context {
 public:
  explicit Context(const char *options_json = nullptr) {
    vn_context *raw = nullptr;
    detail::check(vn_context_new(options_json, &raw));
    handle_.reset(raw);
  }
  void load_plugin(const std::string &path) { detail::check(vn_context_load_plugin(get(), path.c_str())); }
  std::string plugins_json() const {
    char *out = nullptr;
    detail::check(vn_context_plugins_json(get(), &out));
    return detail::take(out);
  }
  std::string check_plugin(const std::string &path) const {
    char *out = nullptr;
    detail::check(vn_check_plugin(get(), path.c_str(), &out));
    return detail::take(out);
  }
  vn_context *get() const noexcept { return handle_.get(); }

 private:
  struct Free {
    void operator()(vn_context *c) const noexcept { vn_context_free(c); }
  };
  std::unique_ptr<vn_context, Free> handle_;
};

class Trial {
 public:
  explicit Trial(vn_trial *raw) : handle_(raw) {}
  int64_t number() const noexcept { return vn_trial_number(get()); }
  double get_float(const std::string &name) const {
    double v = 0;
    detail::check(vn_trial_get_float(get(), name.c_str(), &v));
    return v;
  }
  int64_t get_int(const std::string &name) const {
    int64_t v = 0;
    detail::check(vn_trial_get_int(get(), name.c_str(), &v));
    return v;
  }
  std::string get_categorical(const std::string &name) const {
    const char *v = nullptr;
    detail::check(vn_trial_get_categorical(get(), name.c_str(), &v));
    return v;
  }
  bool is_active(const std::string &name) const {
    int32_t v = 0;
    detail::check(vn_trial_is_active(get(), name.c_str(), &v));
    return v != 0;
  }
  std::string params_json() const {
    char *out = nullptr;
    detail::check(vn_trial_params_json(get(), &out));
    return detail::take(out);
  }
  void report(int64_t step, double value) { detail::check(vn_trial_report(get(), step, value)); }
  bool should_prune() const noexcept { return vn_trial_should_prune(get()) != 0; }
  vn_trial *get() const noexcept { return handle_.get(); }

 private:
  struct Free {
    void operator()(vn_trial *t) const noexcept { vn_trial_free(t); }
  };
  std::unique_ptr<vn_trial, Free> handle_;
};

class Study {
 public:
  // The context must outlive the study.
  Study(const Context &context, const std::string &config_json) {
    vn_study *raw = nullptr;
    detail::check(vn_study_create(context.get(), config_json.c_str(), &raw));
    handle_.reset(raw);
  }
  // std::nullopt when the sampler has nothing left to propose (a finished grid).
  std::optional<Trial> try_ask() {
    vn_trial *raw = nullptr;
    vn_status status = vn_study_ask(get(), &raw);
    if (status == VN_E_EXHAUSTED) return std::nullopt;
    detail::check(status);
    return Trial(raw);
  }
  Trial ask() {
    vn_trial *raw = nullptr;
    detail::check(vn_study_ask(get(), &raw));
    return Trial(raw);
  }
  void tell(const Trial &trial, double value) { detail::check(vn_study_tell(get(), trial.get(), VN_TRIAL_COMPLETE, value)); }
  void tell_pruned(const Trial &trial) { detail::check(vn_study_tell(get(), trial.get(), VN_TRIAL_PRUNED, 0.0)); }
  void tell_failed(const Trial &trial) { detail::check(vn_study_tell(get(), trial.get(), VN_TRIAL_FAILED, 0.0)); }
  void run(uint64_t n_trials = 0) { detail::check(vn_study_run(get(), n_trials, nullptr, nullptr)); }
  uint64_t count(int32_t state = -1) const noexcept { return vn_study_count(get(), state); }
  std::string summary_json() const {
    char *out = nullptr;
    detail::check(vn_study_summary_json(get(), &out));
    return detail::take(out);
  }
  std::string trials_json() const {
    char *out = nullptr;
    detail::check(vn_study_trials_json(get(), &out));
    return detail::take(out);
  }
  vn_study *get() const noexcept { return handle_.get(); }

 private:
  struct Free {
    void operator()(vn_study *s) const noexcept { vn_study_free(s); }
  };
  std::unique_ptr<vn_study, Free> handle_;
};

}  // namespace vernier

#endif  // VERNIER_VERNIER_HPP
