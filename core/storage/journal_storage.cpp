#include "storage/journal_storage.hpp"

#include <unistd.h>

#include <cmath>
#include <set>

#include "base/error.hpp"
#include "base/json.hpp"
#include "space/search_space.hpp"
#include "trials/trial_retry.hpp"
#include "storage/journal_reader.hpp"
#include "storage/record.hpp"
#include "storage/trial_fit.hpp"
#include "storage/worker_lease.hpp"

namespace vernier::storage {

namespace bj = boost::json;

namespace {

const char *const kSpaceKey = "vernier:space";
const char *const kSamplerKey = "vernier:sampler";
const char *const kSeedKey = "vernier:seed";
const char *const kObjectiveKey = "vernier:objective";
const char *const kWorkerKey = "vernier:worker";
const char *const kFailReasonKey = "fail_reason";

// An attribute value as Optuna writes it (Python's json: Infinity, -Infinity and NaN as bare words).
std::string attr_text(const bj::value &v) { return json::serialize(v, json::NonFinite::python); }

class JournalStorage final : public Storage {
 public:
  JournalStorage(const JournalOptions &options, std::string name, StorageLogger log)
      : name_(std::move(name)),
        worker_(random_id() + "-" + std::to_string(::getpid())),
        log_(std::move(log)),
        reader_(options.path, true, worker_, [n = name_](const std::string &s) { return s == n; }, log_),
        lock_(options.path, options.lock, log_) {
    reader_.sync();  // a file that is not a journal is refused here, before anything is written
  }

  StudyInfo open_study(const StudyInfo &wanted, const std::function<void(const StudyInfo &)> &check) override {
    if (wanted.name != name_) throw invalid_argument("journal storage: opened for study '" + name_ + "', not '" + wanted.name + "'");
    StudyInfo stored;
    {
      LockGuard guard(lock_);
      prepare_to_write();
      const JournalStudy *s = reader_.model().find_study(name_);
      std::string batch;
      int64_t study_id = -1;
      if (s == nullptr) {
        study_id = reader_.model().next_study_id();
        batch = create_study_record(worker_, name_, wanted.direction);
        batch += settings_records(study_id, wanted, bj::object{});
        stored = wanted;
      } else {
        study_id = s->study_id;
        stored = stored_info(*s, wanted);
        check(stored);
        batch = settings_records(study_id, wanted, s->system_attrs);
        if (stored.space.empty()) stored.space = wanted.space;
        if (stored.sampler.empty()) stored.sampler = wanted.sampler;
        if (!stored.seed) stored.seed = wanted.seed;
      }
      if (!batch.empty()) {
        reader_.file().append(batch);
        sync();
      }
      s = reader_.model().find_study(name_);
      if (s == nullptr || s->study_id != study_id)
        throw io_error("journal '" + path() + "': study '" + name_ + "' was not recorded as expected (another program " +
                       "wrote to the journal without its lock?)");
      study_id_ = study_id;
      space_ = Space::from_json(stored.space, "stored space of study '" + name_ + "'");
      for (const Param &p : space_.params()) distribution_texts_.push_back(distribution_json(p));
      rebuild_records(*s);
    }
    reader_.file().sync_to_disk();
    return stored;
  }

  NewTrial create_trial(int64_t expected, const std::vector<double> &params, const RetryPick &pick) override {
    if (!lease_) lease_ = std::make_unique<WorkerLease>(path(), worker_);  // before any trial names this worker
    NewTrial made;
    {
      LockGuard guard(lock_);
      prepare_to_write();
      const int64_t next = static_cast<int64_t>(study().trial_ids.size());
      made.params_recorded = next == expected;
      bj::object attrs{{kWorkerKey, worker_}};
      std::vector<ParamEntry> recorded = made.params_recorded ? entries(params) : std::vector<ParamEntry>{};
      // Picked with the lock held and the journal read to its end: no other worker can retry it too.
      if (const TrialRecord *retried = pick ? pick(*records_) : nullptr) {
        made.retry_of = retried->number;
        made.params = retried->params;
        made.params_recorded = true;
        recorded = entries(retried->params);
        for (const auto &entry : retry_attrs(*retried)) attrs[entry.key()] = entry.value();
      }
      reader_.file().append(create_trial_record(worker_, study_id_, recorded, attr_text(attrs)));
      sync();
    }
    const JournalTrial *t = reader_.model().trial(reader_.model().last_trial_created_by_own_worker());
    if (t == nullptr || t->study_id != study_id_) throw io_error("journal '" + path() + "': the new trial was not recorded");
    made.number = t->number;
    return made;
  }

  void set_params(int64_t number, const std::vector<double> &params) override {
    std::string batch;
    int64_t id = trial_id(number);
    for (const ParamEntry &e : entries(params)) batch += trial_param_record(worker_, id, e);
    write(batch, false);
  }

  void report(int64_t number, int64_t step, double value) override {
    write(intermediate_record(worker_, trial_id(number), step, value), false);
  }

  void finish(int64_t number, int32_t state, double value, const std::string &message) override {
    const int64_t id = trial_id(number);
    std::string batch;
    if (!message.empty()) batch += trial_attr_record(worker_, id, true, kFailReasonKey, string_text(message));
    std::optional<double> values;
    if (state == VN_TRIAL_COMPLETE) values = value;
    const TrialRecord &t = (*records_)[static_cast<std::size_t>(number)];
    if (state == VN_TRIAL_PRUNED && !t.intermediate.empty() && std::isfinite(t.intermediate.rbegin()->second))
      values = t.intermediate.rbegin()->second;  // as Optuna: a pruned trial's value is its last report
    batch += trial_state_record(worker_, id, state, values);
    write(batch, true);
  }

  void set_trial_attr(int64_t number, const std::string &key, const bj::value &value, AttrKind kind) override {
    write(trial_attr_record(worker_, trial_id(number), kind == AttrKind::system, key, attr_text(value)), false);
  }

  void set_study_attr(const std::string &key, const bj::value &value, AttrKind kind) override {
    write(study_attr_record(worker_, study_id_, kind == AttrKind::system, key, attr_text(value)), true);
  }

  bj::object study_attrs(AttrKind kind) override {
    sync();
    const JournalStudy &s = study();
    return kind == AttrKind::user ? s.user_attrs : s.system_attrs;
  }

  Snapshot trials() override {
    sync();
    return records_;
  }

  std::vector<int64_t> fail_stale_trials() override {
    sync();
    std::vector<int64_t> stale;
    uint64_t alive = 0;
    for (int64_t number : running_) {
      const std::string worker = worker_of((*records_)[static_cast<std::size_t>(number)]);
      if (worker.empty() || worker == worker_) continue;  // an Optuna worker's trial, or ours
      if (WorkerLease::alive(path(), worker)) ++alive;
      else stale.push_back(number);
    }
    others_running_ = alive;
    if (stale.empty()) return stale;
    std::vector<int64_t> failed;
    {
      LockGuard guard(lock_);
      prepare_to_write();
      std::string batch;
      for (int64_t number : stale) {
        const TrialRecord &t = (*records_)[static_cast<std::size_t>(number)];
        if (t.state != VN_TRIAL_RUNNING) continue;  // another worker failed it first
        const int64_t id = trial_id(number);
        std::string why = "its worker " + worker_of(t) + " stopped (killed or crashed) before finishing it";
        batch += trial_attr_record(worker_, id, true, kFailReasonKey, string_text(why));
        batch += trial_attr_record(worker_, id, true, kInterruptedKey, "true");  // retried, not counted
        batch += trial_state_record(worker_, id, VN_TRIAL_FAILED, std::nullopt);
        failed.push_back(number);
      }
      if (!batch.empty()) {
        reader_.file().append(batch);
        sync();
      }
    }
    if (failed.empty()) return failed;
    reader_.file().sync_to_disk();
    if (log_)
      for (int64_t number : failed)
        log_(VN_LOG_WARNING, "trial " + std::to_string(number) + " of study '" + name_ +
                                 "' was left running by a worker that is gone; recorded as failed");
    return failed;
  }

  uint64_t others_running() override { return others_running_; }

  std::string describe() const override { return "journal " + path(); }

 private:
  const std::string &path() const { return reader_.file().path(); }

  const JournalStudy &study() const {
    const JournalStudy *s = reader_.model().study(study_id_);
    if (s == nullptr) throw not_found("study '" + name_ + "' was deleted from journal '" + path() + "'");
    return *s;
  }

  int64_t trial_id(int64_t number) {
    const JournalStudy &s = study();
    if (number < 0 || static_cast<uint64_t>(number) >= s.trial_ids.size())
      throw not_found("no trial number " + std::to_string(number) + " in study '" + name_ + "'");
    return s.trial_ids[static_cast<std::size_t>(number)];
  }

  static std::string worker_of(const TrialRecord &t) {
    const bj::value *w = t.system_attrs.if_contains(kWorkerKey);
    return w != nullptr && w->is_string() ? std::string(w->get_string()) : std::string();
  }

  // With the lock held: a torn last line (a writer killed mid-write) is cut, and a whole last record
  // without its '\n' is ended, before anything is appended; then the latest records are read.
  void prepare_to_write() {
    JournalFile::TailRepair repair = reader_.file().repair_tail();
    if (repair.cut > 0 && log_)
      log_(VN_LOG_WARNING, "journal '" + path() + "' ended with a torn record (" + std::to_string(repair.cut) +
                               " bytes, a writer was killed mid-write); removed it");
    if (repair.newline_added && log_)
      log_(VN_LOG_INFO, "journal '" + path() + "' ended with a whole record without its end of line; ended it");
    sync();
  }

  void write(const std::string &batch, bool durable) {
    {
      LockGuard guard(lock_);
      prepare_to_write();
      reader_.file().append(batch);
      sync();
    }
    if (durable) reader_.file().sync_to_disk();  // outside the lock: other workers need not wait for the disk
  }

  std::vector<ParamEntry> entries(const std::vector<double> &params) const {
    std::vector<ParamEntry> out;
    for (std::size_t j = 0; j < params.size() && j < space_.size(); ++j)
      if (!std::isnan(params[j])) out.push_back({space_.params()[j].name, params[j], distribution_texts_[j]});
    return out;
  }

  // The system attribute records for what the stored study lacks of Vernier's settings.
  std::string settings_records(int64_t study_id, const StudyInfo &wanted, const bj::object &attrs) const {
    std::string out;
    if (!attrs.contains(kSpaceKey)) out += study_attr_record(worker_, study_id, true, kSpaceKey, attr_text(wanted.space));
    if (!attrs.contains(kSamplerKey)) out += study_attr_record(worker_, study_id, true, kSamplerKey, attr_text(wanted.sampler));
    if (!attrs.contains(kSeedKey) && wanted.seed)
      out += study_attr_record(worker_, study_id, true, kSeedKey, std::to_string(*wanted.seed));
    if (!attrs.contains(kObjectiveKey) && !wanted.objective.empty())
      out += study_attr_record(worker_, study_id, true, kObjectiveKey, attr_text(wanted.objective));
    return out;
  }

  StudyInfo stored_info(const JournalStudy &s, const StudyInfo &wanted) const {
    StudyInfo info;
    info.name = s.name;
    if (s.directions.size() != 1)
      throw invalid_argument("study '" + s.name + "' in journal '" + path() + "' has " + std::to_string(s.directions.size()) +
                             " objectives; Vernier studies have one");
    info.direction = s.directions[0] == kOptunaMaximize ? -1 : 1;
    if (const bj::value *v = s.system_attrs.if_contains(kSpaceKey); v != nullptr && v->is_array()) info.space = v->get_array();
    if (const bj::value *v = s.system_attrs.if_contains(kSamplerKey); v != nullptr && v->is_object()) info.sampler = v->get_object();
    if (const bj::value *v = s.system_attrs.if_contains(kSeedKey); v != nullptr && (v->is_int64() || v->is_uint64()))
      info.seed = v->is_uint64() ? v->get_uint64() : static_cast<uint64_t>(v->get_int64());
    if (const bj::value *v = s.system_attrs.if_contains(kObjectiveKey); v != nullptr && v->is_object())
      info.objective = v->get_object();
    info.foreign = info.space.empty();
    if (info.foreign) {
      Space space = Space::from_json(wanted.space, "space");
      for (int64_t id : s.trial_ids) {
        const JournalTrial *t = reader_.model().trial(id);
        if (t == nullptr || !t->finished()) continue;
        std::string why = trial_misfit(*t, space, t->state != kOptunaComplete);
        if (!why.empty()) {
          info.mismatch = "trial " + std::to_string(t->number) + " " + why;
          break;
        }
      }
    }
    return info;
  }

  void sync() {
    std::set<int64_t> touched;
    reader_.sync(&touched);
    if (study_id_ < 0) return;
    for (int64_t id : touched) {
      const JournalTrial *t = reader_.model().trial(id);
      if (t != nullptr && t->study_id == study_id_) update_record(*t);
    }
  }

  void rebuild_records(const JournalStudy &s) {
    records_ = std::make_shared<std::vector<TrialRecord>>();
    running_.clear();
    for (int64_t id : s.trial_ids)
      if (const JournalTrial *t = reader_.model().trial(id)) update_record(*t);
  }

  void update_record(const JournalTrial &t) {
    if (records_.use_count() > 1) records_ = std::make_shared<std::vector<TrialRecord>>(*records_);  // a snapshot is out
    std::vector<TrialRecord> &records = *records_;
    const std::size_t n = static_cast<std::size_t>(t.number);
    if (n > records.size()) throw io_error("journal '" + path() + "': trial " + std::to_string(t.number) + " out of order");
    if (n == records.size()) records.emplace_back();
    TrialRecord &r = records[n];
    r = to_record(t, space_);
    if (r.state == VN_TRIAL_RUNNING) running_.insert(t.number);
    else running_.erase(t.number);
  }

  std::string name_;
  std::string worker_;
  StorageLogger log_;
  JournalReader reader_;
  FileLock lock_;
  std::unique_ptr<WorkerLease> lease_;
  int64_t study_id_ = -1;
  Space space_;
  std::vector<std::string> distribution_texts_;  // per parameter of space_
  std::shared_ptr<std::vector<TrialRecord>> records_ = std::make_shared<std::vector<TrialRecord>>();
  std::set<int64_t> running_;
  uint64_t others_running_ = 0;
};

}  // namespace

std::unique_ptr<Storage> make_journal_storage(const JournalOptions &options, const std::string &study_name,
                                              StorageLogger log) {
  return std::make_unique<JournalStorage>(options, study_name, std::move(log));
}

}  // namespace vernier::storage
