// The configuration of the `cv` objective (docs/config.md, "cv"): the dataset, the model, the splitter,
// the metric, the held-out test part, standardisation, the seed and optional nested CV.
#ifndef VERNIER_CORE_OBJECTIVES_CV_CV_CONFIG_HPP
#define VERNIER_CORE_OBJECTIVES_CV_CV_CONFIG_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "data/load.hpp"

namespace vernier {

// A splitter plugin and its options.
struct SplitterChoice {
  std::string plugin;
  boost::json::object options;
};

// How the test part is drawn from the data.
enum class TestSplit {
  Stratified,  // per class, in proportion (classification default)
  Random,      // uniformly (regression default)
  Group,       // whole groups (default when there is a group column)
  Last,        // the last rows of the file (time order; default with the timeseries splitter)
};

struct CvConfig {
  bool has_file = false;          // "data" names a CSV file; otherwise the embedder hands arrays over
  data::LoadOptions load;         // path (resolved), target, categorical, drop, groups, folds
  uint32_t task = VN_TASK_CLASSIFICATION;
  std::string model;
  boost::json::object model_options;
  SplitterChoice splitter;
  std::string metric;
  double test_size = 0.2;         // a fraction in [0, 1), or a row count >= 1
  TestSplit test_split = TestSplit::Stratified;
  bool standardize = false;
  uint64_t seed = 0;
  std::optional<SplitterChoice> outer;  // nested CV
  bool splitter_given = false;    // "splitter" was set (else a default that follows the data)
  bool test_split_given = false;  // "test_split" was set (else a default that follows the data and splitter)
  // Opt-ins to configurations that leak, refused otherwise (cv_leaky_config.hpp, docs/config.md).
  bool allow_groups_across_test_split = false;
  bool allow_groups_across_folds = false;
  bool allow_training_after_test = false;
};

// Parses and validates objective.cv (everything that needs no file or plugin). Relative paths are
// resolved against base_dir. Throws Error(VN_E_INVALID) naming the key ("objective.cv.metric: ...").
CvConfig parse_cv_config(const boost::json::object &cv, const std::string &base_dir);

// The config's name of a test split ("stratified", "random", "group", "last").
const char *test_split_name(TestSplit split);

// The study direction the cv objective implies: +1 (minimise) or -1 (maximise), from its metric.
int32_t cv_direction(const boost::json::object &cv);

}  // namespace vernier

#endif  // VERNIER_CORE_OBJECTIVES_CV_CV_CONFIG_HPP
