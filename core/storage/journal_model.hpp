// The replay of a journal: the studies and trials its records describe, built record by record with
// the rules of Optuna's JournalStorageReplayResult, so that Vernier and Optuna see the same study:
//  - a study is created once per name (a second CREATE_STUDY of a live name is ignored); study ids
//    count every creation; a deleted study's records are ignored;
//  - trial ids count trials across all studies; a trial's number counts within its study;
//  - a finished trial (complete, pruned, failed) never changes again; a RUNNING state for a trial
//    already running is ignored (how Optuna workers claim an enqueued trial);
//  - a parameter whose distribution is incompatible with the one the study's first trial with that
//    name used is ignored.
#ifndef VERNIER_CORE_STORAGE_JOURNAL_MODEL_HPP
#define VERNIER_CORE_STORAGE_JOURNAL_MODEL_HPP

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/json.hpp>

#include "storage/distribution.hpp"

namespace vernier::storage {

struct JournalParam {
  std::string name;
  double internal = 0;
  std::shared_ptr<const Distribution> distribution;
  std::string distribution_text;  // as stored
};

struct JournalTrial {
  int64_t trial_id = -1, study_id = -1, number = -1;
  int32_t state = 0;                       // Optuna's TrialState (record.hpp)
  bool has_values = false;
  std::vector<double> values;
  std::vector<JournalParam> params;        // in the order they were set
  std::map<int64_t, double> intermediate;
  boost::json::object user_attrs, system_attrs;
  std::string datetime_start, datetime_complete;
  std::string creator;                     // worker_id of its CREATE_TRIAL record

  const JournalParam *param(const std::string &name) const;
  bool finished() const { return state == 1 || state == 2 || state == 3; }
};

struct JournalStudy {
  int64_t study_id = -1;
  std::string name;
  std::vector<int32_t> directions;         // Optuna's StudyDirection per objective
  boost::json::object user_attrs, system_attrs;
  std::vector<int64_t> trial_ids;          // by number
  std::map<std::string, std::shared_ptr<const Distribution>> first_distribution;  // per parameter name
};

class JournalModel {
 public:
  // keep(name): whether to keep the trials of that study in full (the others are only counted, which
  // is all their records need). Empty: keep every study.
  explicit JournalModel(std::string own_worker = "", std::function<bool(const std::string &)> keep = {});

  // Applies one record. Returns the id of the trial it created or changed (-1 for none). Throws
  // Error(VN_E_INVALID) describing what is wrong with a malformed record, having changed nothing.
  int64_t apply(const boost::json::object &record);
  // A corrupt line that was a CREATE_TRIAL: the trial is added, failed with `why`, so that the trial
  // ids and numbers of every later record stay right. Returns its trial id, or -1 if no such study.
  int64_t add_placeholder_trial(int64_t study_id, const std::string &why);

  const JournalStudy *find_study(const std::string &name) const;  // a live study, or nullptr
  std::vector<const JournalStudy *> studies() const;              // live studies, by id
  const JournalStudy *study(int64_t study_id) const;              // live study, or nullptr
  const JournalTrial *trial(int64_t trial_id) const;              // kept trials only
  int64_t last_trial_created_by_own_worker() const { return own_last_created_; }
  uint64_t trial_count() const { return trial_study_.size(); }
  int64_t next_study_id() const { return static_cast<int64_t>(studies_.size()); }  // what a new study gets

 private:
  JournalStudy *live_study(int64_t study_id);
  JournalTrial *updatable_trial(int64_t trial_id);
  std::shared_ptr<const Distribution> distribution(const std::string &text);
  int64_t create_trial(const boost::json::object &r, const std::string &worker);

  std::string own_worker_;
  std::function<bool(const std::string &)> keep_;
  std::vector<std::unique_ptr<JournalStudy>> studies_;  // by study id; null once deleted
  std::unordered_map<std::string, int64_t> live_names_;
  std::vector<int64_t> trial_study_;                     // by trial id
  std::vector<std::unique_ptr<JournalTrial>> trials_;    // by trial id; null when not kept
  std::unordered_map<std::string, std::shared_ptr<const Distribution>> distributions_;  // parse cache
  int64_t own_last_created_ = -1;
};

}  // namespace vernier::storage

#endif  // VERNIER_CORE_STORAGE_JOURNAL_MODEL_HPP
