// The storage interface: where a study's trials live. The in-memory storage implements it here; the
// journal file (Optuna's JournalStorage format) and later a database implement the same interface.
//
// Every method may be called by several processes sharing one study through their own Storage
// objects; trial numbers come from the storage so they never collide.
#ifndef VERNIER_CORE_STORAGE_HPP
#define VERNIER_CORE_STORAGE_HPP

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "trial.hpp"

namespace vernier {

// What identifies a study and must match when a study is reopened.
struct StudyInfo {
  std::string name;
  int32_t direction = 1;         // +1 minimise, -1 maximise
  boost::json::array space;      // Space::to_json()
};

class Storage {
 public:
  virtual ~Storage() = default;
  // Creates the study, or opens the stored one of the same name and returns what was stored (the
  // caller refuses a different direction or space).
  virtual StudyInfo open_study(const StudyInfo &wanted) = 0;
  // Reserves the next trial number and records the trial as running, without parameters yet.
  virtual int64_t create_trial() = 0;
  virtual void set_params(int64_t number, const std::vector<double> &params) = 0;
  virtual void report(int64_t number, int64_t step, double value) = 0;
  // Records the final state. value is the objective for complete trials (ignored otherwise).
  virtual void finish(int64_t number, int32_t state, double value, const std::string &message) = 0;
  // A snapshot of every trial of the study, in creation order, including other workers' trials.
  virtual std::vector<TrialRecord> trials() = 0;
  // A human description for messages ("memory", "journal /path/file").
  virtual std::string describe() const = 0;
};

std::unique_ptr<Storage> make_memory_storage();

}  // namespace vernier

#endif  // VERNIER_CORE_STORAGE_HPP
