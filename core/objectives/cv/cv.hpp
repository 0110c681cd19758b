// The objective `cv`: hyperparameters chosen by k-fold cross-validation on the training part only, the
// held-out test part scored once at the end (docs/config.md, "cv"; DESIGN.md section 5).
//
// At creation: the data is read (or taken from the embedder), the test part split off first (seeded,
// stratified for classification), the training part gathered into a dataset of its own with its own
// classes and one-hot vocabulary (data/fitted_split.hpp), so splitters and models are only ever handed
// views of training rows, and the splitter's folds and each fold's copy where needed (the vocabulary of
// the fold's training rows; with "standardize", a scaler fitted on them) prepared once for all trials.
// Leaky combinations of groups, splitters and test splits are refused (cv_leaky_config.hpp).
// Each trial fits the model plugin on every fold (one instance per fold, reused across trials, so a
// plugin may keep per-fold work) and scores the validation rows with the metric; the value is the mean,
// each fold's score an intermediate value (step = split number). A fold that fails fails the trial with
// "fold N: <message>"; the study goes on. After the budget, the best configuration is refitted on the
// whole training part and scored once on the test part; with "outer", nested CV repeats the whole tuning
// within each outer split of the training part and reports the outer scores.
#ifndef VERNIER_CORE_OBJECTIVES_CV_CV_HPP
#define VERNIER_CORE_OBJECTIVES_CV_CV_HPP

#include <functional>
#include <memory>
#include <string>

#include <boost/json.hpp>

#include "data/load.hpp"
#include "objectives/objective.hpp"
#include "plugin_host/registry.hpp"
#include "space/search_space.hpp"

namespace vernier {

// Nested CV tunes within each outer split by a fresh in-memory study like the one the objective serves
// (same space, sampler and budget), named `name`, seeded `seed`, evaluating `objective` for `budget`
// finished trials; it returns that study's summary. The study room, which sits above the objectives,
// provides it (study/study.cpp), so that an objective never reaches up to the study that runs it.
using InnerStudy = std::function<boost::json::object(const std::string &name, uint64_t seed,
                                                     std::unique_ptr<Objective> objective, uint64_t budget)>;

// What the cv objective needs of the study it serves.
struct CvStudy {
  std::string name;                          // the study's name (nested CV names its inner studies after it)
  std::string base_dir = ".";                // relative data paths are taken from here
  std::shared_ptr<const data::Arrays> data;  // the arrays an embedder handed over, or none
  InnerStudy run_inner;                      // for nested CV ("outer"); may be empty without it
};

class CvObjective;

// Builds the objective from the config's objective.cv. `space` is the study's; when it is empty, the
// objective tunes its model's default space (its descriptor's default_space_json), which space() then
// gives. Throws Error naming the problem: the data file (row, column), the model or splitter plugin, the
// metric, too few rows for the folds, a metric undefined on some fold. The registry must outlive it.
std::unique_ptr<CvObjective> make_cv_objective(const Registry &registry, const boost::json::value &cv, CvStudy study,
                                               const Space &space);

}  // namespace vernier

#endif  // VERNIER_CORE_OBJECTIVES_CV_CV_HPP
