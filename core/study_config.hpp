// The study config (docs/config.md): one JSON document naming the study, its direction, space,
// sampler, objective, budget and storage. Parsed and validated whole before anything runs.
#ifndef VERNIER_CORE_STUDY_CONFIG_HPP
#define VERNIER_CORE_STUDY_CONFIG_HPP

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json.hpp>

#include "space.hpp"

namespace vernier {

struct StudyConfig {
  std::string name = "study";
  int32_t direction = 1;               // +1 minimise, -1 maximise
  Space space;
  std::string sampler = "random";
  boost::json::object sampler_options;
  std::optional<uint64_t> seed;        // none: drawn once per study and reported
  boost::json::object objective;       // empty when the embedder evaluates trials itself
  uint64_t trials = 0;                 // budget of finished trials for vn_study_run; 0 = not set
  std::string base_dir = ".";          // relative paths in the objective are resolved from here

  static StudyConfig parse(const boost::json::object &config);
};

}  // namespace vernier

#endif  // VERNIER_CORE_STUDY_CONFIG_HPP
