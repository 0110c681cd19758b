// The in-memory storage: a vector of trials guarded by a mutex (several threads may share it).
#include <mutex>

#include "error.hpp"
#include "storage.hpp"

namespace vernier {

const char *state_name(int32_t state) {
  switch (state) {
    case VN_TRIAL_RUNNING: return "running";
    case VN_TRIAL_COMPLETE: return "complete";
    case VN_TRIAL_PRUNED: return "pruned";
    case VN_TRIAL_FAILED: return "failed";
  }
  return "unknown";
}

namespace {

class MemoryStorage final : public Storage {
 public:
  StudyInfo open_study(const StudyInfo &wanted) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!opened_) {
      info_ = wanted;
      opened_ = true;
    }
    return info_;
  }

  int64_t create_trial() override {
    std::lock_guard<std::mutex> lock(mutex_);
    TrialRecord t;
    t.number = static_cast<int64_t>(trials_.size());
    trials_.push_back(t);
    return t.number;
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

  std::vector<TrialRecord> trials() override {
    std::lock_guard<std::mutex> lock(mutex_);
    return trials_;
  }

  std::string describe() const override { return "memory"; }

 private:
  TrialRecord &at(int64_t number) {
    if (number < 0 || static_cast<std::size_t>(number) >= trials_.size())
      throw not_found("no trial number " + std::to_string(number) + " in this study");
    return trials_[static_cast<std::size_t>(number)];
  }

  std::mutex mutex_;
  bool opened_ = false;
  StudyInfo info_;
  std::vector<TrialRecord> trials_;
};

}  // namespace

std::unique_ptr<Storage> make_memory_storage() { return std::make_unique<MemoryStorage>(); }

}  // namespace vernier
