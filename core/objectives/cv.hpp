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
#ifndef VERNIER_CORE_OBJECTIVES_CV_HPP
#define VERNIER_CORE_OBJECTIVES_CV_HPP

#include <memory>

#include "../objective.hpp"
#include "../registry.hpp"
#include "../study_config.hpp"

namespace vernier {

// Builds the objective from config.objective.cv (and config.data when an embedder handed arrays over).
// When config.space is empty it becomes the model's default space (its descriptor's default_space_json).
// Throws Error naming the problem: the data file (row, column), the model or splitter plugin, the
// metric, too few rows for the folds, a metric undefined on some fold. The registry must outlive it.
std::unique_ptr<Objective> make_cv_objective(const Registry &registry, StudyConfig &config);

}  // namespace vernier

#endif  // VERNIER_CORE_OBJECTIVES_CV_HPP
