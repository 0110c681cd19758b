// A study: ask/tell over a space with a sampler plugin, recorded in a storage. Everything the C API,
// the CLI and the language bindings do with a study goes through this class.
#ifndef VERNIER_CORE_STUDY_HPP
#define VERNIER_CORE_STUDY_HPP

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "objective.hpp"
#include "registry.hpp"
#include "sampler.hpp"
#include "storage.hpp"
#include "study_config.hpp"

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

  // A new running trial with the sampler's suggestion. Throws Error(VN_E_EXHAUSTED) when the sampler
  // has nothing left (nothing is recorded then).
  AskedTrial ask();
  // Finishes a running trial. A complete trial with a non-finite value is recorded as failed and
  // Error(VN_E_INVALID) is thrown saying so.
  void tell(int64_t number, int32_t state, double value);
  void report(int64_t number, int64_t step, double value);

  uint64_t count(int32_t state) const;  // state -1: every trial
  std::optional<TrialRecord> best() const;
  boost::json::object summary() const;
  boost::json::array trials_json() const;

  // Evaluates the config's objective until `budget` trials are finished (0: the config's trials).
  void run(uint64_t budget, const std::function<void(const std::string &)> &progress);

  const Space &space() const { return config_.space; }
  const StudyConfig &config() const { return config_; }
  uint64_t seed() const { return seed_; }

 private:
  boost::json::object trial_json(const TrialRecord &t) const;
  std::string progress_line(const TrialRecord &t, uint64_t finished, uint64_t budget) const;

  StudyConfig config_;
  std::unique_ptr<Storage> storage_;
  SamplerHandle sampler_;
  uint64_t seed_ = 0;
  std::unique_ptr<Objective> objective_;  // made on first run()
};

}  // namespace vernier

#endif  // VERNIER_CORE_STUDY_HPP
