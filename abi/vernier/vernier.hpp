// The C++17 API of Vernier: the host API of vernier.h (ABI 1.2) with RAII handles and exceptions.
// Header-only and built on vernier.h alone (plus the standard library), so it works against any
// libvernier of the same ABI major. The `vernier` command is built on it (hosts/cli).
//
//   vernier::Context context;
//   vernier::Study study(context, R"({"name": "demo", "direction": "minimize",
//                                     "space": [{"name": "x", "type": "float", "low": -1, "high": 1}]})");
//   study.optimize(20, [](vernier::TrialView &trial) {
//     double x = trial.get_float("x");
//     return x * x;
//   });
//   std::optional<vernier::BestTrial> best = study.best();
//
// What it adds to the C API, and nothing else:
//  - every failing call throws vernier::Error: the vn_status and the message of vn_last_error();
//  - handles (Context, Study, Trial) free themselves, move, and never copy; a moved-from handle throws
//    Error(VN_E_STATE) when used;
//  - strings the C API allocates come back as std::string (JSON reports as JSON text), freed with vn_free;
//  - C++ callables for the objective of optimize and the progress of run, whose exceptions reach the
//    caller instead of unwinding through C.
// Threading and lifetimes are the C API's (vernier.h): a Context may be shared by threads and must
// outlive its studies; a Study and its trials are used by one thread at a time.
#ifndef VERNIER_VERNIER_HPP
#define VERNIER_VERNIER_HPP

#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "vernier.h"

namespace vernier {

// A failed call of the C API: what() is vn_last_error()'s message, status() the vn_status (status.h).
class Error : public std::runtime_error {
 public:
  Error(vn_status status, const std::string &message) : std::runtime_error(message), status_(status) {}
  // The message of the last failure on this thread.
  explicit Error(vn_status status) : Error(status, vn_last_error()) {}
  vn_status status() const noexcept { return status_; }

 private:
  vn_status status_;
};
using Exception = Error;  // the name of ABI 1.0's wrapper, kept for code written against it

// Thrown by an objective of Study::optimize to have its trial recorded as pruned (its last reported
// value kept), as Optuna's TrialPruned.
class TrialPruned : public std::exception {
 public:
  const char *what() const noexcept override { return "trial pruned"; }
};

// Trial states as vernier.h stores them (VN_TRIAL_*).
enum class TrialState : int32_t {
  running = VN_TRIAL_RUNNING,
  complete = VN_TRIAL_COMPLETE,
  pruned = VN_TRIAL_PRUNED,
  failed = VN_TRIAL_FAILED,
};

// The two kinds of study attribute (VN_ATTR_*): for people, and for programs.
enum class AttrKind : int32_t { user = VN_ATTR_USER, system = VN_ATTR_SYSTEM };

// The best complete trial of a study (vn_study_best): its number and value in the study's direction.
struct BestTrial {
  int64_t number = -1;
  double value = 0;
};

namespace detail {

inline void check(vn_status status) {
  if (status != VN_OK) throw Error(status);
}

// Calls f(&text) for a string the C API allocates, and returns it, freed with vn_free.
template <class F>
std::string owned_string(F &&f) {
  char *text = nullptr;
  vn_status status = f(&text);
  std::unique_ptr<char, void (*)(void *)> owned(text, &vn_free);
  check(status);
  return text != nullptr ? std::string(text) : std::string();
}

// The raw handle of a wrapper; a moved-from one (nullptr) is refused with a message naming the wrapper.
template <class T>
T *require(T *handle, const char *wrapper) {
  if (handle == nullptr)
    throw Error(VN_E_STATE, std::string("vernier::") + wrapper + ": the handle was moved from (or never held one)");
  return handle;
}

}  // namespace detail

// [thread-safe] The library's version, "1.2.3" (static).
inline const char *version() noexcept { return vn_version(); }

// [thread-safe] [async-signal-safe] Stops every Study::run and Study::optimize under way in this process
// (vn_interrupt); they throw Error(VN_E_INTERRUPTED).
inline void interrupt() noexcept { vn_interrupt(); }

// [thread-safe] The studies of a journal file, read without a lock (vn_journal_list_json).
inline std::string journal_list_json(const std::string &journal_path) {
  return detail::owned_string([&](char **out) { return vn_journal_list_json(journal_path.c_str(), out); });
}

// [thread-safe] One study of a journal with every trial (vn_journal_study_json); no name: the only one.
inline std::string journal_study_json(const std::string &journal_path,
                                      const std::optional<std::string> &study_name = std::nullopt) {
  return detail::owned_string([&](char **out) {
    return vn_journal_study_json(journal_path.c_str(), study_name ? study_name->c_str() : nullptr, out);
  });
}

// Plugin discovery and the registry (vn_context). Discovery happens in the constructor.
class Context {
 public:
  // options_json: NULL or vn_context_new's options object ({"plugin_path": [...], "log_level": ...}).
  explicit Context(const char *options_json = nullptr) {
    vn_context *created = nullptr;
    detail::check(vn_context_new(options_json, &created));
    handle_.reset(created);
  }
  explicit Context(const std::string &options_json) : Context(options_json.c_str()) {}

  // [context] Loads one plugin library now; its components join the registry.
  void load_plugin(const std::string &path) { detail::check(vn_context_load_plugin(raw(), path.c_str())); }
  // [context] The discovery report: plugins found, libraries skipped and why, the search path.
  std::string plugins_json() const {
    return detail::owned_string([&](char **out) { return vn_context_plugins_json(raw(), out); });
  }
  // [context] The conformance suite's report on one plugin library; it returns whatever the verdict.
  std::string check_plugin(const std::string &path) const {
    return detail::owned_string([&](char **out) { return vn_check_plugin(raw(), path.c_str(), out); });
  }

  vn_context *get() const noexcept { return handle_.get(); }
  explicit operator bool() const noexcept { return handle_ != nullptr; }

 private:
  vn_context *raw() const { return detail::require(handle_.get(), "Context"); }
  struct Free {
    void operator()(vn_context *c) const noexcept { vn_context_free(c); }
  };
  std::unique_ptr<vn_context, Free> handle_;
};

// A trial's parameters and reports, without owning it: what an objective of Study::optimize is given
// (valid during that call only), and the base of Trial.
class TrialView {
 public:
  explicit TrialView(vn_trial *raw) noexcept : raw_(raw) {}

  int64_t number() const { return vn_trial_number(raw()); }
  // Typed getters by name: Error VN_E_NOT_FOUND (unknown name), VN_E_INVALID (wrong type), VN_E_STATE
  // (a conditional parameter inactive in this trial).
  double get_float(const std::string &name) const {
    double v = 0;
    detail::check(vn_trial_get_float(raw(), name.c_str(), &v));
    return v;
  }
  int64_t get_int(const std::string &name) const {
    int64_t v = 0;
    detail::check(vn_trial_get_int(raw(), name.c_str(), &v));
    return v;
  }
  std::string get_categorical(const std::string &name) const {
    const char *v = nullptr;
    detail::check(vn_trial_get_categorical(raw(), name.c_str(), &v));
    return v != nullptr ? std::string(v) : std::string();
  }
  bool is_active(const std::string &name) const {
    int32_t v = 0;
    detail::check(vn_trial_is_active(raw(), name.c_str(), &v));
    return v != 0;
  }
  // The active parameters as a JSON object {"name": value}.
  std::string params_json() const {
    return detail::owned_string([&](char **out) { return vn_trial_params_json(raw(), out); });
  }
  // An intermediate value at a step (for pruning and learning curves); NaN is refused.
  void report(int64_t step, double value) { detail::check(vn_trial_report(raw(), step, value)); }
  // Whether the study's pruner says to stop this trial now (no pruner: never).
  bool should_prune() const { return vn_trial_should_prune(raw()) != 0; }

  vn_trial *get() const noexcept { return raw_; }
  explicit operator bool() const noexcept { return raw_ != nullptr; }

 protected:
  vn_trial *raw() const { return detail::require(raw_, "Trial"); }
  vn_trial *raw_;
};

// A trial asked of a study (vn_study_ask), owned: freed (not told) by the destructor.
class Trial : public TrialView {
 public:
  explicit Trial(vn_trial *raw) noexcept : TrialView(raw) {}
  Trial(Trial &&other) noexcept : TrialView(std::exchange(other.raw_, nullptr)) {}
  Trial &operator=(Trial &&other) noexcept {
    if (this != &other) {
      vn_trial_free(raw_);
      raw_ = std::exchange(other.raw_, nullptr);
    }
    return *this;
  }
  Trial(const Trial &) = delete;
  Trial &operator=(const Trial &) = delete;
  ~Trial() { vn_trial_free(raw_); }
};

// The arrays of an in-memory dataset for the cv objective (vn_data_arrays), as views: nothing is copied
// here, and the arrays need to live only until the Study constructor that reads them returns.
class DataArrays {
 public:
  // features: n_rows x n_features, row-major; target: n_rows (class labels or regression values).
  DataArrays(const double *features, uint64_t n_rows, uint32_t n_features, const double *target) noexcept
      : features_(features), target_(target), n_rows_(n_rows), n_features_(n_features) {}
  // The same from vectors; Error(VN_E_INVALID) unless features has target.size() * n_features values.
  DataArrays(const std::vector<double> &features, uint32_t n_features, const std::vector<double> &target)
      : DataArrays(features.data(), target.size(), n_features, target.data()) {
    if (features.size() != target.size() * n_features)
      throw Error(VN_E_INVALID, "vernier::DataArrays: " + std::to_string(features.size()) + " feature values for " +
                                    std::to_string(target.size()) + " rows of " + std::to_string(n_features) +
                                    " features");
  }
  // Temporaries would be gone before the Study reads them.
  DataArrays(std::vector<double> &&, uint32_t, const std::vector<double> &) = delete;
  DataArrays(const std::vector<double> &, uint32_t, std::vector<double> &&) = delete;
  DataArrays(std::vector<double> &&, uint32_t, std::vector<double> &&) = delete;

  // n_features names (by default "x0", "x1", ...), copied.
  DataArrays &feature_names(std::vector<std::string> names) {
    if (names.size() != n_features_) throw size_error("feature names", names.size(), n_features_, "features");
    names_ = std::move(names);
    return *this;
  }
  // n_rows group ids for the group splitter.
  DataArrays &groups(const int64_t *groups) noexcept {
    groups_ = groups;
    return *this;
  }
  DataArrays &groups(const std::vector<int64_t> &groups) { return this->groups(rows_of(groups, "group ids")); }
  DataArrays &groups(std::vector<int64_t> &&) = delete;
  // n_rows fold ids 0..k-1 (-1: always train) for the predefined splitter.
  DataArrays &folds(const int64_t *folds) noexcept {
    folds_ = folds;
    return *this;
  }
  DataArrays &folds(const std::vector<int64_t> &folds) { return this->folds(rows_of(folds, "fold ids")); }
  DataArrays &folds(std::vector<int64_t> &&) = delete;

  // The C view, whose feature_names point into *name_pointers (valid while both live).
  vn_data_arrays view(std::vector<const char *> &name_pointers) const {
    name_pointers.clear();
    for (const std::string &name : names_) name_pointers.push_back(name.c_str());
    vn_data_arrays data{};
    data.struct_size = sizeof(vn_data_arrays);
    data.n_features = n_features_;
    data.n_rows = n_rows_;
    data.features = features_;
    data.feature_names = names_.empty() ? nullptr : name_pointers.data();
    data.target = target_;
    data.groups = groups_;
    data.folds = folds_;
    return data;
  }

 private:
  static Error size_error(const char *what, std::size_t got, uint64_t expected, const char *per) {
    return Error(VN_E_INVALID, std::string("vernier::DataArrays: ") + std::to_string(got) + " " + what + " for " +
                                   std::to_string(expected) + " " + per);
  }
  const int64_t *rows_of(const std::vector<int64_t> &ids, const char *what) const {
    if (ids.size() != n_rows_) throw size_error(what, ids.size(), n_rows_, "rows");
    return ids.data();
  }

  const double *features_;
  const double *target_;
  uint64_t n_rows_;
  uint32_t n_features_;
  std::vector<std::string> names_;
  const int64_t *groups_ = nullptr;
  const int64_t *folds_ = nullptr;
};

namespace detail {

template <class Objective>
struct ObjectiveCall {
  Objective *objective;
  std::exception_ptr error;
};

// vn_objective_fn for a C++ callable double(TrialView &): its value completes the trial, TrialPruned
// prunes it, and any other exception stops the loop (the trial is recorded as failed) to be rethrown
// by Study::optimize, never unwinding through the C library.
template <class Objective>
int32_t call_objective(vn_trial *trial, void *user, double *value) noexcept {
  auto *call = static_cast<ObjectiveCall<Objective> *>(user);
  try {
    TrialView view(trial);
    *value = static_cast<double>((*call->objective)(view));
    return VN_TRIAL_COMPLETE;
  } catch (const TrialPruned &) {
    return VN_TRIAL_PRUNED;
  } catch (...) {
    call->error = std::current_exception();
    return VN_E_INTERNAL;
  }
}

template <class Progress>
struct ProgressCall {
  Progress *progress;
  std::exception_ptr error;
};

// vn_progress_fn for a C++ callable void(const std::string &). The C API cannot stop a run from its
// progress callback, so the first exception is kept (later lines are not shown) for Study::run to
// rethrow once the run has ended.
template <class Progress>
void call_progress(const char *line, void *user) noexcept {
  auto *call = static_cast<ProgressCall<Progress> *>(user);
  if (call->error) return;
  try {
    (*call->progress)(std::string(line != nullptr ? line : ""));
  } catch (...) {
    call->error = std::current_exception();
  }
}

}  // namespace detail

// A study: a space, a direction, a sampler and a storage (vn_study). The Context it was made from must
// outlive it.
class Study {
 public:
  // A study from a JSON config (docs/config.md); a journal "storage" resumes the stored study.
  Study(const Context &context, const std::string &config_json) {
    vn_study *created = nullptr;
    detail::check(vn_study_create(detail::require(context.get(), "Context"), config_json.c_str(), &created));
    handle_.reset(created);
  }
  // A study whose cv objective is evaluated on in-memory arrays (vn_study_create_with_data).
  Study(const Context &context, const std::string &config_json, const DataArrays &data) {
    std::vector<const char *> names;
    vn_data_arrays arrays = data.view(names);
    vn_study *created = nullptr;
    detail::check(vn_study_create_with_data(detail::require(context.get(), "Context"), config_json.c_str(), &arrays,
                                            &created));
    handle_.reset(created);
  }
  // A study stored in a journal, opened without a config (vn_study_open); no name: the journal's only one.
  static Study open(const Context &context, const std::string &journal_path,
                    const std::optional<std::string> &study_name = std::nullopt) {
    vn_study *opened = nullptr;
    detail::check(vn_study_open(detail::require(context.get(), "Context"), journal_path.c_str(),
                                study_name ? study_name->c_str() : nullptr, &opened));
    return Study(opened);
  }

  // A new trial, recorded as running; std::nullopt when the sampler has nothing left (a finished grid).
  std::optional<Trial> try_ask() {
    vn_trial *asked = nullptr;
    vn_status status = vn_study_ask(raw(), &asked);
    if (status == VN_E_EXHAUSTED) return std::nullopt;
    detail::check(status);
    return Trial(asked);
  }
  // The same, with Error(VN_E_EXHAUSTED) when the sampler has nothing left.
  Trial ask() {
    vn_trial *asked = nullptr;
    detail::check(vn_study_ask(raw(), &asked));
    return Trial(asked);
  }
  // Finishes a trial. A complete one with a NaN or infinite value is recorded as failed, and throws
  // Error(VN_E_INVALID); telling a finished trial again throws Error(VN_E_STATE).
  void tell(const Trial &trial, TrialState state, double value = std::numeric_limits<double>::quiet_NaN()) {
    detail::check(vn_study_tell(raw(), detail::require(trial.get(), "Trial"), static_cast<int32_t>(state), value));
  }
  void tell(const Trial &trial, double value) { tell(trial, TrialState::complete, value); }
  void tell_pruned(const Trial &trial) { tell(trial, TrialState::pruned); }
  void tell_failed(const Trial &trial) { tell(trial, TrialState::failed); }

  // Runs ask -> objective -> tell n_trials times (fewer if the sampler is exhausted), on this thread.
  // objective: double(TrialView &trial), the trial's value (NaN or infinite: recorded as failed, the
  // loop goes on); it throws TrialPruned to prune the trial. Any other exception ends the loop with
  // its trial recorded as failed, and is rethrown here.
  template <class Objective>
  void optimize(uint64_t n_trials, Objective &&objective) {
    using F = std::remove_reference_t<Objective>;
    static_assert(std::is_convertible_v<std::invoke_result_t<F &, TrialView &>, double>,
                  "the objective is called as double(vernier::TrialView &)");
    detail::ObjectiveCall<F> call{&objective, nullptr};
    vn_status status = vn_study_optimize(raw(), n_trials, &detail::call_objective<F>, &call);
    if (call.error) std::rethrow_exception(call.error);
    detail::check(status);
  }

  // Runs the config's own objective until the study holds n_trials finished trials (0: the config's
  // "trials"). Error(VN_E_INTERRUPTED) after interrupt().
  void run(uint64_t n_trials = 0) { detail::check(vn_study_run(raw(), n_trials, nullptr, nullptr)); }
  // The same, calling progress(line) with a one-line summary after each trial, on this thread. An
  // exception from progress is rethrown once the run has ended (the C API cannot stop it sooner).
  template <class Progress>
  void run(uint64_t n_trials, Progress &&progress) {
    using F = std::remove_reference_t<Progress>;
    static_assert(std::is_invocable_v<F &, const std::string &>, "progress is called as void(const std::string &)");
    detail::ProgressCall<F> call{&progress, nullptr};
    vn_status status = vn_study_run(raw(), n_trials, &detail::call_progress<F>, &call);
    if (call.error) std::rethrow_exception(call.error);
    detail::check(status);
  }

  // Trials in a VN_TRIAL_* state, or all with -1 (0 when the storage cannot be read: vn_study_count).
  uint64_t count(int32_t state = -1) const { return vn_study_count(raw(), state); }
  uint64_t count(TrialState state) const { return count(static_cast<int32_t>(state)); }
  // The best complete trial; std::nullopt while none is complete.
  std::optional<BestTrial> best() const {
    BestTrial best;
    vn_status status = vn_study_best(raw(), &best.number, &best.value);
    if (status == VN_E_NOT_FOUND) return std::nullopt;
    detail::check(status);
    return best;
  }
  // JSON reports: the summary (counts, best trial) and every trial.
  std::string summary_json() const {
    return detail::owned_string([&](char **out) { return vn_study_summary_json(raw(), out); });
  }
  std::string trials_json() const {
    return detail::owned_string([&](char **out) { return vn_study_trials_json(raw(), out); });
  }

  // Sets a study attribute to a JSON value (vn_study_set_attr); system keys "vernier:..." are refused.
  void set_attr(const std::string &key, const std::string &value_json, AttrKind kind = AttrKind::user) {
    detail::check(vn_study_set_attr(raw(), key.c_str(), value_json.c_str(), static_cast<int32_t>(kind)));
  }
  // {"user": {...}, "system": {...}}, including what other workers set since.
  std::string attrs_json() const {
    return detail::owned_string([&](char **out) { return vn_study_attrs_json(raw(), out); });
  }

  vn_study *get() const noexcept { return handle_.get(); }
  explicit operator bool() const noexcept { return handle_ != nullptr; }

 private:
  explicit Study(vn_study *adopted) noexcept : handle_(adopted) {}
  vn_study *raw() const { return detail::require(handle_.get(), "Study"); }
  struct Free {
    void operator()(vn_study *s) const noexcept { vn_study_free(s); }
  };
  std::unique_ptr<vn_study, Free> handle_;
};

}  // namespace vernier

#endif  // VERNIER_VERNIER_HPP
