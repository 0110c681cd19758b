#include "study/study.hpp"

#include <cmath>
#include <cstdio>
#include <random>

#include "base/error.hpp"
#include "base/number_text.hpp"
#include "base/interrupt.hpp"
#include "base/json.hpp"
#include "objectives/benchmarks.hpp"
#include "objectives/command.hpp"
#include "objectives/cv/cv_objective.hpp"
#include "trials/study_history.hpp"
#include "trials/trial_retry.hpp"

namespace vernier {

namespace bj = boost::json;

namespace {

uint64_t fresh_seed() {
  std::random_device device;
  return (static_cast<uint64_t>(device()) << 32 | device()) & 0x7fffffffffffffffULL;
}

}  // namespace

Study::Study(const Registry &registry, StudyConfig config, std::unique_ptr<Storage> storage)
    : config_(std::move(config)),
      storage_(std::move(storage)),
      sampler_(registry, config_.sampler, config_.sampler_options),
      seed_(config_.seed ? *config_.seed : fresh_seed()) {
  // The cv objective comes first: without a "space" it brings its model's default one.
  if (const boost::json::value *cv = config_.objective.if_contains("cv")) {
    std::unique_ptr<CvObjective> objective =
        make_cv_objective(registry, *cv, CvStudy{config_.name, config_.base_dir, config_.data, inner_study_runner(registry)},
                          config_.space);
    config_.space = objective->space();
    objective_ = std::move(objective);
  }
  // The objective is made now, so a missing program or an unknown function is a creation error.
  if (config_.objective.contains("function")) objective_ = make_function_objective(config_.objective);
  else if (config_.objective.contains("command")) objective_ = make_command_objective(config_.objective, config_.base_dir);
  open_in_storage();  // study_storage.cpp: create, or resume after checking the stored study matches
}

InnerStudy Study::inner_study_runner(const Registry &registry) const {
  // Read when nested CV runs, after the constructor settled the space.
  return [this, &registry](const std::string &name, uint64_t seed, std::unique_ptr<Objective> objective, uint64_t budget) {
    StudyConfig config = config_;
    config.name = name;
    config.objective = boost::json::object{};
    config.seed = seed;
    config.data.reset();
    config.storage = StorageConfig{};
    Study inner(registry, std::move(config), make_memory_storage());
    inner.set_objective(std::move(objective));
    inner.run(budget, nullptr);
    return inner.summary();
  };
}

AskedTrial Study::ask() {
  const std::size_t d = config_.space.size();
  storage_->fail_stale_trials();  // a dead worker's trial is failed, not left running forever
  AskedTrial asked;
  // An interrupted trial is re-run first (trial_retry.hpp): the storage picks it under its lock, so
  // that exactly one worker retries it. Otherwise, suggest for the number the trial will most likely
  // get, before reserving it, so that an exhausted or failing sampler records nothing; the trial is
  // then created with its parameters in one record. If another worker took that number meanwhile (or
  // the retry expected), suggest again for the number this trial got.
  const RetryPick pick = [d](const std::vector<TrialRecord> &trials) { return RetryLedger(trials).pending(d); };
  int64_t provisional = -1;
  {
    Storage::Snapshot trials = storage_->trials();
    const RetryLedger ledger(*trials);
    if (ledger.pending(d) == nullptr) {
      provisional = static_cast<int64_t>(trials->size());
      SamplerHistory history(*trials, ledger, d, config_.direction);
      sampler_.suggest(config_.space, history.view(), seed_, {ledger.sampler_index(provisional)}, asked.params);
    }
  }
  NewTrial made = storage_->create_trial(provisional, asked.params, pick);
  asked.number = made.number;
  if (made.retry_of >= 0) {
    asked.params = made.params;
  } else if (!made.params_recorded) {
    try {
      Storage::Snapshot trials = storage_->trials();
      const RetryLedger ledger(*trials);
      SamplerHistory history(*trials, ledger, d, config_.direction);
      sampler_.suggest(config_.space, history.view(), seed_, {ledger.sampler_index(asked.number)}, asked.params);
    } catch (const Error &e) {
      storage_->finish(asked.number, VN_TRIAL_FAILED, std::nan(""), e.what());
      throw;
    }
    storage_->set_params(asked.number, asked.params);
  }
  return asked;
}

void Study::tell(int64_t number, int32_t state, double value) {
  if (state != VN_TRIAL_COMPLETE && state != VN_TRIAL_PRUNED && state != VN_TRIAL_FAILED)
    throw invalid_argument("tell: state must be complete, pruned or failed, got " + std::to_string(state));
  int32_t current = VN_TRIAL_RUNNING;
  {
    // Let go of the snapshot before writing: a storage that still shares it would have to copy it.
    Storage::Snapshot trials = storage_->trials();
    if (number < 0 || static_cast<uint64_t>(number) >= trials->size())
      throw not_found("tell: no trial number " + std::to_string(number));
    current = (*trials)[static_cast<std::size_t>(number)].state;
  }
  if (current != VN_TRIAL_RUNNING)
    throw Error(VN_E_STATE, "tell: trial " + std::to_string(number) + " is already " + state_name(current));
  if (state == VN_TRIAL_COMPLETE && !std::isfinite(value)) {
    std::string message = "objective value " + exact_number(value) + " is not a finite number";
    storage_->finish(number, VN_TRIAL_FAILED, std::nan(""), message);
    throw invalid_argument("tell: trial " + std::to_string(number) + ": " + message + "; recorded as failed");
  }
  storage_->finish(number, state, value, "");
}

void Study::report(int64_t number, int64_t step, double value) {
  if (!std::isfinite(value))
    throw invalid_argument("report: trial " + std::to_string(number) + " step " + std::to_string(step) +
                           ": intermediate value " + exact_number(value) + " is not a finite number");
  storage_->report(number, step, value);
}

uint64_t Study::count(int32_t state) const {
  uint64_t n = 0;
  Storage::Snapshot trials = storage_->trials();
  for (const TrialRecord &t : *trials) n += state < 0 || t.state == state;
  return n;
}

std::optional<TrialRecord> Study::best() const {
  // A partial trial (docs/storage.md) is never the best: its configuration cannot be reported whole,
  // refitted or run again. The search keeps the best's position, and copies that one trial.
  const TrialRecord *best = nullptr;
  Storage::Snapshot trials = storage_->trials();
  for (const TrialRecord &t : *trials)
    if (t.state == VN_TRIAL_COMPLETE && is_point_of_space(t, config_.space.size()) &&
        (best == nullptr || t.value * config_.direction < best->value * config_.direction))
      best = &t;
  if (best == nullptr) return std::nullopt;
  return *best;
}

bj::object Study::trial_json(const TrialRecord &t) const {
  bj::object o{{"number", t.number}, {"state", state_name(t.state)}};
  o["value"] = t.state == VN_TRIAL_COMPLETE ? bj::value(t.value) : bj::value(nullptr);
  o["params"] = is_point_of_space(t, config_.space.size()) ? config_.space.to_values(t.params.data()) : bj::object{};
  bj::object intermediate;
  for (const auto &[step, v] : t.intermediate) intermediate[std::to_string(step)] = v;
  o["intermediate"] = std::move(intermediate);
  if (!t.message.empty()) o["message"] = t.message;
  return o;
}

bj::object Study::summary() const {
  Storage::Snapshot trials = storage_->trials();
  bj::object counts{{"complete", 0}, {"pruned", 0}, {"failed", 0}, {"running", 0}};
  int64_t partial = 0;  // complete, but not a point of the space: never the best (docs/storage.md)
  for (const TrialRecord &t : *trials) {
    bj::value &count = counts[state_name(t.state)];  // "waiting" (Optuna's enqueued trials) only when there are some
    count = count.is_null() ? 1 : count.as_int64() + 1;
    partial += t.state == VN_TRIAL_COMPLETE && !is_point_of_space(t, config_.space.size());
  }
  std::optional<TrialRecord> b = best();
  bj::object out{{"study", config_.name},
                 {"direction", config_.direction > 0 ? "minimize" : "maximize"},
                 {"sampler", sampler_.name()},
                 {"seed", seed_},
                 {"trials", std::move(counts)},
                 {"best", b ? bj::value(trial_json(*b)) : bj::value(nullptr)}};
  if (partial > 0) out["partial"] = partial;
  for (const auto &entry : results_) out[entry.key()] = entry.value();  // e.g. "test_score"
  out["storage"] = storage_->describe();
  return out;
}

bj::array Study::trials_json() const {
  bj::array out;
  Storage::Snapshot trials = storage_->trials();
  for (const TrialRecord &t : *trials) out.push_back(trial_json(t));
  return out;
}

std::string Study::progress_line(const TrialRecord &t, uint64_t finished, uint64_t budget) const {
  // The count first and short numbers, so a narrow terminal still shows what matters.
  std::string line = "[" + std::to_string(finished) + "/" + std::to_string(budget) + "] trial " +
                     std::to_string(t.number) + " " + state_name(t.state);
  if (t.state == VN_TRIAL_COMPLETE) line += " " + brief_number(t.value);
  if (auto b = best()) line += " | best " + brief_number(b->value) + " (trial " + std::to_string(b->number) + ")";
  if (!t.message.empty()) line += " | " + t.message;
  return line;
}

void Study::run(uint64_t budget, const std::function<void(const std::string &)> &progress) {
  if (budget == 0) budget = config_.trials;
  if (budget == 0) throw invalid_argument("run: no trial budget (set \"trials\" in the config or pass one)");
  if (!objective_) throw invalid_argument("objective: needs \"function\", \"command\" or \"cv\" to run the study");
  // The budget is the study's, shared by every worker: finished trials, plus those other live workers
  // are running now. An interrupted trial (a dead worker's, failed first) does not count: it is retried
  // (trial_retry.hpp).
  auto finished = [this] {
    storage_->fail_stale_trials();
    uint64_t n = 0;
    Storage::Snapshot trials = storage_->trials();
    const RetryLedger ledger(*trials);
    for (const TrialRecord &t : *trials)
      n += (t.state == VN_TRIAL_COMPLETE || t.state == VN_TRIAL_PRUNED || t.state == VN_TRIAL_FAILED) && !ledger.left_out(t.number);
    return n;
  };
  for (uint64_t done = finished(); done + storage_->others_running() < budget; done = finished()) {
    throw_if_interrupted("study '" + config_.name + "'");
    AskedTrial trial;
    try {
      trial = ask();
    } catch (const Error &e) {
      if (e.status() == VN_E_EXHAUSTED) {
        if (progress) progress(std::string("search space exhausted: ") + e.what());
        results_["exhausted"] = true;  // the summary says why the run ended before its budget
        break;
      }
      throw;
    }
    Outcome outcome;
    try {
      outcome = objective_->evaluate(config_.space.to_values(trial.params.data()), trial.number);
    } catch (const std::exception &e) {
      // The run ends (an interruption, or the objective itself broke), but the trial is recorded as
      // failed rather than left running until its lease expires.
      const auto *error = dynamic_cast<const Error *>(&e);
      const bool stopped = error != nullptr && error->status() == VN_E_INTERRUPTED;
      if (stopped) storage_->set_trial_attr(trial.number, kInterruptedKey, true, AttrKind::system);  // retried on resume
      storage_->finish(trial.number, VN_TRIAL_FAILED, std::nan(""), stopped ? "interrupted" : e.what());
      throw;
    }
    for (std::size_t step = 0; step < outcome.intermediate.size(); ++step)
      if (std::isfinite(outcome.intermediate[step]))
        storage_->report(trial.number, static_cast<int64_t>(step), outcome.intermediate[step]);
    if (outcome.state == VN_TRIAL_COMPLETE && !std::isfinite(outcome.value)) {
      outcome.state = VN_TRIAL_FAILED;
      outcome.message = "objective value " + exact_number(outcome.value) + " is not a finite number";
    }
    if (outcome.state == VN_TRIAL_COMPLETE) storage_->finish(trial.number, VN_TRIAL_COMPLETE, outcome.value, "");
    else storage_->finish(trial.number, outcome.state, std::nan(""), outcome.message);
    if (progress) {
      Storage::Snapshot trials = storage_->trials();
      progress(progress_line((*trials)[static_cast<std::size_t>(trial.number)], done + 1, budget));
    }
  }
  throw_if_interrupted("study '" + config_.name + "'");  // not into the refit: a resumed run does that
  if (std::optional<TrialRecord> b = best()) {
    // best() is a point of the space: the test refit and its label are the same trial (docs/storage.md).
    BudgetEnd end{b->number, config_.space.to_values(b->params.data()), budget, seed_, progress};
    if (std::optional<bj::object> results = objective_->after_budget(end))
      for (const auto &entry : *results) {
        results_[entry.key()] = entry.value();
        storage_->set_study_attr("vernier:" + std::string(entry.key()), entry.value(), AttrKind::system);
      }
  }
}

}  // namespace vernier
