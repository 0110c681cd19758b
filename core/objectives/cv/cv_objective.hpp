// The cv objective's class, shared by its files (cv.cpp: creation, trials, the final test score;
// cv_nested.cpp: nested CV). See cv.hpp for what it does.
#ifndef VERNIER_CORE_OBJECTIVES_CV_CV_OBJECTIVE_HPP
#define VERNIER_CORE_OBJECTIVES_CV_CV_OBJECTIVE_HPP

#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "data/dataset.hpp"
#include "data/fitted_split.hpp"
#include "metrics/metrics.hpp"
#include "plugin_host/model.hpp"
#include "objectives/objective.hpp"
#include "plugin_host/registry.hpp"
#include "objectives/cv/cv.hpp"
#include "objectives/cv/cv_config.hpp"
#include "objectives/cv/cv_folds.hpp"

namespace vernier {

class CvObjective final : public Objective {
 public:
  // training: the rows CV may use, with their own classes and vocabulary; test: the held-out rows,
  // encoded as the training part knows them (data/fitted_split.hpp), or none. space: the model's
  // hyperparameters that trials set.
  CvObjective(const Registry &registry, CvStudy study, Space space, CvConfig config,
              std::shared_ptr<const data::Dataset> training, std::optional<data::ScoredPart> test);

  // The space the trials tune: the study's, or the model's default one when the study gave none.
  const Space &space() const { return space_; }

  Outcome evaluate(const boost::json::object &params, int64_t trial_number) override;
  std::optional<boost::json::object> after_budget(const BudgetEnd &end) override;
  boost::json::object identity() const override { return identity_; }
  // make_cv_objective sets it: it alone sees the whole dataset before the test part is split off.
  void set_identity(boost::json::object identity) { identity_ = std::move(identity); }

 private:
  // One model instance per fold, used by one evaluation at a time (evaluations may run in parallel).
  struct Worker {
    std::vector<std::unique_ptr<ModelHandle>> models;
  };
  std::unique_ptr<Worker> take_worker();
  void give_back(std::unique_ptr<Worker> worker);

  std::vector<double> internal_params(const boost::json::object &params) const;
  std::vector<double> target_of(const data::Dataset &data, const std::vector<uint64_t> &rows) const;
  // Refit on the whole training part and score the test part once.
  boost::json::object score_test(const boost::json::object &best_params) const;
  // Nested CV over config_.outer (cv_nested.cpp).
  boost::json::object nested_cv(const BudgetEnd &end) const;

  const Registry &registry_;
  CvStudy study_;
  Space space_;
  CvConfig config_;
  const metrics::Metric *metric_ = nullptr;
  std::shared_ptr<const data::Dataset> training_;
  std::optional<data::ScoredPart> test_;
  std::unique_ptr<FoldSet> folds_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Worker>> pool_;
  boost::json::object identity_;
};

// Every row number of a dataset, 0..n-1.
std::vector<uint64_t> all_rows(const data::Dataset &data);

}  // namespace vernier

#endif  // VERNIER_CORE_OBJECTIVES_CV_CV_OBJECTIVE_HPP
