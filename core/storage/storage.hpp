// The storage interface: where a study's trials live. The in-memory storage (memory_storage.cpp) and
// the journal file in Optuna's JournalStorage format (storage/journal_storage.cpp) implement it; a
// database later implements the same interface.
//
// Several processes may share one study, each through its own Storage object: trial numbers come from
// the storage, so they never collide.
#ifndef VERNIER_CORE_STORAGE_STORAGE_HPP
#define VERNIER_CORE_STORAGE_STORAGE_HPP

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "trials/trial.hpp"

namespace vernier {

// What identifies a study and must match when a study is reopened.
struct StudyInfo {
  std::string name;
  int32_t direction = 1;          // +1 minimise, -1 maximise
  boost::json::array space;       // Space::to_json(); empty for a foreign study (see below)
  boost::json::object sampler;    // {"plugin", "options"}; empty when none is stored
  std::optional<uint64_t> seed;   // none when none is stored
  boost::json::object objective;  // Objective::identity(); empty when none is stored (or none is known)
  // A study another program created (Optuna): it has no stored space, sampler or seed, only its
  // trials' distributions. `mismatch` then names the first finished trial whose parameters do not fit
  // the wanted space ("" when every one fits).
  bool foreign = false;
  std::string mismatch;
};

// A new trial's number, and whether the parameters given to create_trial were recorded with it.
struct NewTrial {
  int64_t number = -1;
  bool params_recorded = false;
  // When the new trial retries an interrupted one (trial_retry.hpp): that trial's number, and the
  // parameters recorded (its own) instead of the ones given.
  int64_t retry_of = -1;
  std::vector<double> params;
};

// Given the latest trials, under the storage's lock: the trial a new trial should retry, or nullptr.
using RetryPick = std::function<const TrialRecord *(const std::vector<TrialRecord> &)>;

enum class AttrKind { user, system };

// Warnings and notes a storage has for the user (a corrupt journal line, a stale lock taken over, a
// dead worker's trial failed): severity is VN_LOG_*.
using StorageLogger = std::function<void(int32_t severity, const std::string &message)>;

class Storage {
 public:
  using Snapshot = std::shared_ptr<const std::vector<TrialRecord>>;

  virtual ~Storage() = default;

  // Creates the study, or opens the stored one of the same name. For a stored study, `check` is called
  // with what is stored before anything is written, and throws to refuse (another direction, space,
  // sampler or seed). What the stored study lacks (a foreign study's space, sampler and seed) is then
  // recorded from `wanted`. Returns what is stored now.
  virtual StudyInfo open_study(const StudyInfo &wanted, const std::function<void(const StudyInfo &)> &check) = 0;

  // Records a new running trial. When it gets number `expected`, `params` (internal values, NaN =
  // inactive) are recorded with it in the same operation; otherwise another worker took that number
  // first, params_recorded is false, and the caller suggests again for the number it got and calls
  // set_params. `pick` (when set) is asked first, in the same operation as the creation (under the lock
  // other workers take too): when it names a trial, the new trial retries it instead, with its
  // parameters and retry_attrs (trial_retry.hpp), so that two workers never retry the same trial.
  virtual NewTrial create_trial(int64_t expected, const std::vector<double> &params, const RetryPick &pick = {}) = 0;
  virtual void set_params(int64_t number, const std::vector<double> &params) = 0;
  virtual void report(int64_t number, int64_t step, double value) = 0;
  // Records the final state, durably (a finished trial is never lost). value is the objective for
  // complete trials (ignored otherwise); message says why a trial failed ("" when unknown).
  virtual void finish(int64_t number, int32_t state, double value, const std::string &message) = 0;

  // Attributes: any JSON value under a key; a later value replaces an earlier one. System attributes
  // are for programs (Vernier keeps its own under "vernier:" keys; the cross-validated objective keeps
  // the held-out test score), user attributes for people.
  virtual void set_trial_attr(int64_t number, const std::string &key, const boost::json::value &value, AttrKind kind) = 0;
  virtual void set_study_attr(const std::string &key, const boost::json::value &value, AttrKind kind) = 0;
  virtual boost::json::object study_attrs(AttrKind kind) = 0;

  // Every trial of the study in creation order (record i has number i), including other workers'
  // trials. An immutable snapshot: later changes do not affect it.
  virtual Snapshot trials() = 0;

  // Fails the running trials of workers that are gone (killed, crashed), so that a study never keeps a
  // trial running forever; returns their numbers. Storages without several workers have none.
  virtual std::vector<int64_t> fail_stale_trials() { return {}; }
  // Trials other workers are running right now (for counting a shared budget).
  virtual uint64_t others_running() { return 0; }

  // A human description for messages ("memory", "journal /path/file").
  virtual std::string describe() const = 0;
};

std::unique_ptr<Storage> make_memory_storage();

}  // namespace vernier

#endif  // VERNIER_CORE_STORAGE_STORAGE_HPP
