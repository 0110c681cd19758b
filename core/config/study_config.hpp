// The study config (docs/config.md): one JSON document naming the study, its direction, space,
// sampler, objective, budget and storage. Parsed and validated whole before anything runs.
#ifndef VERNIER_CORE_CONFIG_STUDY_CONFIG_HPP
#define VERNIER_CORE_CONFIG_STUDY_CONFIG_HPP

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <boost/json.hpp>

#include "space/search_space.hpp"
#include "storage/storage_config.hpp"

namespace vernier {

namespace data {
struct Arrays;  // data/load.hpp: arrays an embedder hands to the cv objective
}

struct StudyConfig {
  std::string name = "study";
  int32_t direction = 1;               // +1 minimise, -1 maximise
  Space space;
  std::string sampler = "random";
  boost::json::object sampler_options;
  std::optional<uint64_t> seed;        // none: drawn once per study and reported
  boost::json::object objective;       // empty when the embedder evaluates trials itself
  uint64_t trials = 0;                 // budget of finished trials for vn_study_run; 0 = not set
  std::string base_dir = ".";          // relative paths in the objective (and storage) are resolved from here
  StorageConfig storage;
  std::shared_ptr<const data::Arrays> data;  // the cv objective's data from vn_study_create_with_data (borrowed)

  static StudyConfig parse(const boost::json::object &config);
};

}  // namespace vernier

#endif  // VERNIER_CORE_CONFIG_STUDY_CONFIG_HPP
