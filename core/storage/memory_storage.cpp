// The in-memory storage: a vector of trials guarded by a mutex (several threads may share it). What
// embedders get without a "storage" (or with ":memory:"); nothing survives the process.
#include <mutex>

#include "base/error.hpp"
#include "storage/storage.hpp"
#include "trials/trial_retry.hpp"

namespace vernier {

const char *state_name(int32_t state) {
  switch (state) {
    case VN_TRIAL_RUNNING: return "running";
    case VN_TRIAL_COMPLETE: return "complete";
    case VN_TRIAL_PRUNED: return "pruned";
    case VN_TRIAL_FAILED: return "failed";
    case kTrialWaiting: return "waiting";
  }
  return "unknown";
}

namespace {

class MemoryStorage final : public Storage {
 public:
  StudyInfo open_study(const StudyInfo &wanted, const std::function<void(const StudyInfo &)> &check) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (opened_) {
      check(info_);
      return info_;
    }
    info_ = wanted;
    opened_ = true;
    return info_;
  }

  NewTrial create_trial(int64_t expected, const std::vector<double> &params, const RetryPick &pick) override {
    std::lock_guard<std::mutex> lock(mutex_);
    TrialRecord t;
    t.number = static_cast<int64_t>(trials_->size());
    NewTrial made{t.number, t.number == expected, -1, {}};
    if (const TrialRecord *retried = pick ? pick(*trials_) : nullptr) {
      made.retry_of = retried->number;
      made.params = retried->params;
      made.params_recorded = true;
      t.params = retried->params;
      t.system_attrs = retry_attrs(*retried);
    } else if (made.params_recorded) {
      t.params = params;
    }
    writable().push_back(std::move(t));
    return made;
  }

  void set_params(int64_t number, const std::vector<double> &params) override {
    std::lock_guard<std::mutex> lock(mutex_);
    at(number).params = params;
  }

  void report(int64_t number, int64_t step, double value) override {
    std::lock_guard<std::mutex> lock(mutex_);
    at(number).intermediate[step] = value;
  }

  void finish(int64_t number, int32_t state, double value, const std::string &message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    TrialRecord &t = at(number);
    t.state = state;
    t.value = state == VN_TRIAL_COMPLETE ? value : std::numeric_limits<double>::quiet_NaN();
    t.message = message;
  }

  void set_trial_attr(int64_t number, const std::string &key, const boost::json::value &value, AttrKind kind) override {
    std::lock_guard<std::mutex> lock(mutex_);
    TrialRecord &t = at(number);
    (kind == AttrKind::user ? t.user_attrs : t.system_attrs)[key] = value;
  }

  void set_study_attr(const std::string &key, const boost::json::value &value, AttrKind kind) override {
    std::lock_guard<std::mutex> lock(mutex_);
    (kind == AttrKind::user ? user_attrs_ : system_attrs_)[key] = value;
  }

  boost::json::object study_attrs(AttrKind kind) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return kind == AttrKind::user ? user_attrs_ : system_attrs_;
  }

  Snapshot trials() override {
    std::lock_guard<std::mutex> lock(mutex_);
    return trials_;
  }

  std::string describe() const override { return "memory"; }

 private:
  // The vector to change: copied first if a snapshot handed out earlier still shares it.
  std::vector<TrialRecord> &writable() {
    if (trials_.use_count() > 1) trials_ = std::make_shared<std::vector<TrialRecord>>(*trials_);
    return *trials_;
  }

  TrialRecord &at(int64_t number) {
    if (number < 0 || static_cast<std::size_t>(number) >= trials_->size())
      throw not_found("no trial number " + std::to_string(number) + " in this study");
    return writable()[static_cast<std::size_t>(number)];
  }

  std::mutex mutex_;
  bool opened_ = false;
  StudyInfo info_;
  boost::json::object user_attrs_, system_attrs_;
  std::shared_ptr<std::vector<TrialRecord>> trials_ = std::make_shared<std::vector<TrialRecord>>();
};

}  // namespace

std::unique_ptr<Storage> make_memory_storage() { return std::make_unique<MemoryStorage>(); }

}  // namespace vernier
