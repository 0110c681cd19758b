// A study: ask/tell over a space with a sampler plugin, recorded in a storage. Everything the C API,
// the CLI and the language bindings do with a study goes through this class.
#ifndef VERNIER_CORE_STUDY_STUDY_HPP
#define VERNIER_CORE_STUDY_STUDY_HPP

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "objectives/cv/cv.hpp"
#include "objectives/objective.hpp"
#include "plugin_host/registry.hpp"
#include "plugin_host/sampler.hpp"
#include "storage/storage.hpp"
#include "config/study_config.hpp"

namespace vernier {

struct AskedTrial {
  int64_t number = -1;
  std::vector<double> params;  // internal values, NaN = inactive
};

class Study {
 public:
  // Creates the sampler (errors name it) and opens the study in the storage; refuses a stored study
  // whose direction or space differs.
  Study(const Registry &registry, StudyConfig config, std::unique_ptr<Storage> storage);
  // Not copied or moved: nested CV's inner-study runner refers to this study.
  Study(const Study &) = delete;
  Study &operator=(const Study &) = delete;

  // A new running trial: the retry of an interrupted trial if one is waiting for it (trial_retry.hpp),
  // else the sampler's suggestion. Throws Error(VN_E_EXHAUSTED) when the sampler has nothing left
  // (nothing is recorded then).
  AskedTrial ask();
  // Finishes a running trial. A complete trial with a non-finite value is recorded as failed and
  // Error(VN_E_INVALID) is thrown saying so.
  void tell(int64_t number, int32_t state, double value);
  void report(int64_t number, int64_t step, double value);

  uint64_t count(int32_t state) const;  // state -1: every trial
  std::optional<TrialRecord> best() const;
  boost::json::object summary() const;
  boost::json::array trials_json() const;

  // Evaluates the config's objective until `budget` trials are finished (0: the config's trials; an
  // interrupted trial is not counted, and is recorded as such when this run is interrupted), then
  // gives the objective its after-budget step (the cv objective's test score), whose results become
  // study attributes.
  void run(uint64_t budget, const std::function<void(const std::string &)> &progress);
  // Replaces the objective run() evaluates (nested CV runs inner studies over a prepared objective).
  void set_objective(std::unique_ptr<Objective> objective) { objective_ = std::move(objective); }
  // What the objective reported after the budget ({"test_score": {...}}); empty before.
  const boost::json::object &results() const { return results_; }

  // Attributes of the study and its trials, kept by the storage (journal: Optuna's user and system
  // attributes). System attributes are for programs: Vernier's own use "vernier:" keys.
  void set_attr(const std::string &key, const boost::json::value &value, AttrKind kind) { storage_->set_study_attr(key, value, kind); }
  boost::json::object attrs(AttrKind kind) const { return storage_->study_attrs(kind); }
  void set_trial_attr(int64_t number, const std::string &key, const boost::json::value &value, AttrKind kind) {
    storage_->set_trial_attr(number, key, value, kind);
  }
  std::string storage_description() const { return storage_->describe(); }

  const Space &space() const { return config_.space; }
  const StudyConfig &config() const { return config_; }
  uint64_t seed() const { return seed_; }

 private:
  boost::json::object trial_json(const TrialRecord &t) const;
  std::string progress_line(const TrialRecord &t, uint64_t finished, uint64_t budget) const;
  // Opens the study in the storage: creates it, or resumes the stored one after checking that its
  // direction, space, sampler and seed are this config's (adopting the stored seed when the config has
  // none); fails the trials of workers that are gone.
  void open_in_storage();
  // How nested CV runs its inner studies: like this one, in memory (objectives/cv/cv.hpp, InnerStudy).
  InnerStudy inner_study_runner(const Registry &registry) const;

  StudyConfig config_;
  std::unique_ptr<Storage> storage_;
  SamplerHandle sampler_;
  uint64_t seed_ = 0;
  std::unique_ptr<Objective> objective_;  // made on first run()
  boost::json::object results_;           // Objective::after_budget's, also in summary()
};

}  // namespace vernier

#endif  // VERNIER_CORE_STUDY_STUDY_HPP
