// The journal storage: one study kept in a journal file in Optuna's JournalStorage format, shared with
// any number of Vernier and Optuna workers. Every change is appended under Optuna's lock; every read
// first replays what other workers appended since.
//
// Vernier's own study settings live in the study's system attributes, which Optuna keeps and ignores:
//   "vernier:space"   the space of the config (conditions included; Optuna's distributions cannot say it)
//   "vernier:sampler" {"plugin", "options"}
//   "vernier:seed"    the sampler's seed
//   "vernier:objective" what the trials were scored by (Objective::identity), when the config said
// and each trial a worker creates carries "vernier:worker" (its worker id, see worker_lease.hpp); a
// failed trial's reason is its "fail_reason" system attribute.
#ifndef VERNIER_CORE_STORAGE_JOURNAL_STORAGE_HPP
#define VERNIER_CORE_STORAGE_JOURNAL_STORAGE_HPP

#include <memory>
#include <string>

#include "storage/storage.hpp"
#include "storage/file_lock.hpp"

namespace vernier::storage {

struct JournalOptions {
  std::string path;
  LockOptions lock;
};

// The storage of study `study_name` in the journal options.path (created when missing).
std::unique_ptr<Storage> make_journal_storage(const JournalOptions &options, const std::string &study_name,
                                              StorageLogger log);

}  // namespace vernier::storage

#endif  // VERNIER_CORE_STORAGE_JOURNAL_STORAGE_HPP
