#include "study.hpp"

#include <cmath>
#include <cstdio>
#include <random>

#include "error.hpp"
#include "json.hpp"
#include "objectives/benchmarks.hpp"
#include "objectives/command.hpp"

namespace vernier {

namespace bj = boost::json;

namespace {

// The history a sampler sees (space.h): columns over all trials that have parameters, values made
// "lower is better". Running trials without parameters yet (another worker is still asking) are left out.
struct HistoryBuffers {
  std::vector<int64_t> numbers;
  std::vector<int32_t> states;
  std::vector<double> params, values, last_intermediate;
  std::vector<int64_t> last_step;
  vn_history view{};

  HistoryBuffers(const std::vector<TrialRecord> &trials, std::size_t d, int32_t direction) {
    for (const TrialRecord &t : trials) {
      if (t.params.size() != d) continue;
      numbers.push_back(t.number);
      states.push_back(t.state);
      params.insert(params.end(), t.params.begin(), t.params.end());
      values.push_back(t.state == VN_TRIAL_COMPLETE ? t.value * direction : std::nan(""));
      last_step.push_back(t.intermediate.empty() ? -1 : t.intermediate.rbegin()->first);
      last_intermediate.push_back(t.intermediate.empty() ? std::nan("") : t.intermediate.rbegin()->second * direction);
    }
    view = vn_history{sizeof(vn_history), static_cast<uint32_t>(d), numbers.size(), numbers.data(), states.data(),
                      params.data(), values.data(), last_step.data(), last_intermediate.data()};
  }
};

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
  StudyInfo wanted{config_.name, config_.direction, config_.space.to_json()};
  StudyInfo stored = storage_->open_study(wanted);
  if (stored.direction != wanted.direction)
    throw invalid_argument("study '" + config_.name + "' in " + storage_->describe() + " is stored with direction " +
                           (stored.direction > 0 ? "minimize" : "maximize") + "; this config says " +
                           (wanted.direction > 0 ? "minimize" : "maximize"));
  // The objective is made now, so a missing program or an unknown function is a creation error.
  if (config_.objective.contains("function")) objective_ = make_function_objective(config_.objective);
  else if (config_.objective.contains("command")) objective_ = make_command_objective(config_.objective, config_.base_dir);
  std::string diff = config_.space.difference(Space::from_json(stored.space, "stored space"));
  if (!diff.empty())
    throw invalid_argument("study '" + config_.name + "' in " + storage_->describe() +
                           " has a different search space: " + diff);
}

AskedTrial Study::ask() {
  const std::size_t d = config_.space.size();
  std::vector<TrialRecord> trials = storage_->trials();
  AskedTrial asked;
  // Suggest for the number the trial will most likely get, before reserving it, so that an exhausted
  // or failing sampler records nothing. If another worker took that number meanwhile, suggest again.
  int64_t provisional = trials.empty() ? 0 : trials.back().number + 1;
  {
    HistoryBuffers history(trials, d, config_.direction);
    sampler_.suggest(config_.space, history.view, seed_, {provisional}, asked.params);
  }
  asked.number = storage_->create_trial();
  if (asked.number != provisional) {
    try {
      HistoryBuffers history(storage_->trials(), d, config_.direction);
      sampler_.suggest(config_.space, history.view, seed_, {asked.number}, asked.params);
    } catch (const Error &e) {
      storage_->finish(asked.number, VN_TRIAL_FAILED, std::nan(""), e.what());
      throw;
    }
  }
  storage_->set_params(asked.number, asked.params);
  return asked;
}

void Study::tell(int64_t number, int32_t state, double value) {
  if (state != VN_TRIAL_COMPLETE && state != VN_TRIAL_PRUNED && state != VN_TRIAL_FAILED)
    throw invalid_argument("tell: state must be complete, pruned or failed, got " + std::to_string(state));
  std::vector<TrialRecord> trials = storage_->trials();
  const TrialRecord *trial = nullptr;
  for (const TrialRecord &t : trials)
    if (t.number == number) trial = &t;
  if (trial == nullptr) throw not_found("tell: no trial number " + std::to_string(number));
  if (trial->state != VN_TRIAL_RUNNING)
    throw Error(VN_E_STATE, "tell: trial " + std::to_string(number) + " is already " + state_name(trial->state));
  if (state == VN_TRIAL_COMPLETE && !std::isfinite(value)) {
    std::string message = "objective value " + json::format_double(value) + " is not a finite number";
    storage_->finish(number, VN_TRIAL_FAILED, std::nan(""), message);
    throw invalid_argument("tell: trial " + std::to_string(number) + ": " + message + "; recorded as failed");
  }
  storage_->finish(number, state, value, "");
}

void Study::report(int64_t number, int64_t step, double value) {
  if (!std::isfinite(value))
    throw invalid_argument("report: trial " + std::to_string(number) + " step " + std::to_string(step) +
                           ": intermediate value " + json::format_double(value) + " is not a finite number");
  storage_->report(number, step, value);
}

uint64_t Study::count(int32_t state) const {
  uint64_t n = 0;
  for (const TrialRecord &t : storage_->trials()) n += state < 0 || t.state == state;
  return n;
}

std::optional<TrialRecord> Study::best() const {
  std::optional<TrialRecord> best;
  for (const TrialRecord &t : storage_->trials())
    if (t.state == VN_TRIAL_COMPLETE && (!best || t.value * config_.direction < best->value * config_.direction))
      best = t;
  return best;
}

bj::object Study::trial_json(const TrialRecord &t) const {
  bj::object o{{"number", t.number}, {"state", state_name(t.state)}};
  o["value"] = t.state == VN_TRIAL_COMPLETE ? bj::value(t.value) : bj::value(nullptr);
  o["params"] = t.params.size() == config_.space.size() ? config_.space.to_values(t.params.data()) : bj::object{};
  bj::object intermediate;
  for (const auto &[step, v] : t.intermediate) intermediate[std::to_string(step)] = v;
  o["intermediate"] = std::move(intermediate);
  if (!t.message.empty()) o["message"] = t.message;
  return o;
}

bj::object Study::summary() const {
  std::vector<TrialRecord> trials = storage_->trials();
  bj::object counts{{"complete", 0}, {"pruned", 0}, {"failed", 0}, {"running", 0}};
  for (const TrialRecord &t : trials) counts[state_name(t.state)] = counts[state_name(t.state)].as_int64() + 1;
  std::optional<TrialRecord> b = best();
  return bj::object{{"study", config_.name},
                    {"direction", config_.direction > 0 ? "minimize" : "maximize"},
                    {"sampler", sampler_.name()},
                    {"seed", seed_},
                    {"trials", std::move(counts)},
                    {"best", b ? bj::value(trial_json(*b)) : bj::value(nullptr)}};
}

bj::array Study::trials_json() const {
  bj::array out;
  for (const TrialRecord &t : storage_->trials()) out.push_back(trial_json(t));
  return out;
}

std::string Study::progress_line(const TrialRecord &t, uint64_t finished, uint64_t budget) const {
  // The count first and short numbers, so a narrow terminal still shows what matters.
  auto brief = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return std::string(buf);
  };
  std::string line = "[" + std::to_string(finished) + "/" + std::to_string(budget) + "] trial " +
                     std::to_string(t.number) + " " + state_name(t.state);
  if (t.state == VN_TRIAL_COMPLETE) line += " " + brief(t.value);
  if (auto b = best()) line += " | best " + brief(b->value) + " (trial " + std::to_string(b->number) + ")";
  if (!t.message.empty()) line += " | " + t.message;
  return line;
}

void Study::run(uint64_t budget, const std::function<void(const std::string &)> &progress) {
  if (budget == 0) budget = config_.trials;
  if (budget == 0) throw invalid_argument("run: no trial budget (set \"trials\" in the config or pass one)");
  if (!objective_) throw invalid_argument("objective: needs \"function\" or \"command\" to run the study");
  auto finished = [this] { return count(VN_TRIAL_COMPLETE) + count(VN_TRIAL_PRUNED) + count(VN_TRIAL_FAILED); };
  for (uint64_t done = finished(); done < budget; done = finished()) {
    AskedTrial trial;
    try {
      trial = ask();
    } catch (const Error &e) {
      if (e.status() == VN_E_EXHAUSTED) {
        if (progress) progress(std::string("search space exhausted: ") + e.what());
        return;
      }
      throw;
    }
    Outcome outcome = objective_->evaluate(config_.space.to_values(trial.params.data()), trial.number);
    if (outcome.state == VN_TRIAL_COMPLETE && !std::isfinite(outcome.value)) {
      outcome.state = VN_TRIAL_FAILED;
      outcome.message = "objective value " + json::format_double(outcome.value) + " is not a finite number";
    }
    if (outcome.state == VN_TRIAL_COMPLETE) storage_->finish(trial.number, VN_TRIAL_COMPLETE, outcome.value, "");
    else storage_->finish(trial.number, outcome.state, std::nan(""), outcome.message);
    if (progress) {
      for (const TrialRecord &t : storage_->trials())
        if (t.number == trial.number) progress(progress_line(t, done + 1, budget));
    }
  }
}

}  // namespace vernier
