// Nested cross-validation ("outer"): an estimate of the whole tuning procedure, not of one configuration.
// The outer splitter cuts the training part; within each outer split a fresh in-memory study (same space,
// sampler, seed and budget) tunes by inner CV on the outer training rows only, refits its best
// configuration on them and scores the outer validation rows once. The mean of those outer scores is
// nearly unbiased for what tuning-then-refitting achieves on new data, where the best trial's CV value is
// optimistic (it was selected as the maximum of many noisy estimates).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/error.hpp"
#include "base/number_text.hpp"
#include "plugin_host/splitter.hpp"
#include "objectives/cv/cv_objective.hpp"

namespace vernier {

namespace bj = boost::json;

bj::object CvObjective::nested_cv(const BudgetEnd &end) const {
  std::vector<Split> outer;
  try {
    SplitterHandle splitter(registry_, config_.outer->plugin, config_.outer->options);
    outer = splitter.splits(training_->view(), all_rows(*training_), config_.seed);
  } catch (const Error &e) {
    return bj::object{{"error", std::string("objective.cv.outer: ") + e.what()}};
  }
  bj::array scores, best_params;
  double sum = 0, sum_sq = 0;
  uint64_t unseen_class_rows = 0, unseen_level_cells = 0;  // over the outer validation rows
  for (std::size_t s = 0; s < outer.size(); ++s) {
    const std::string name = study_.name + "/outer-" + std::to_string(s);
    try {
      if (!study_.run_inner) throw Error(VN_E_INTERNAL, "nested CV: no inner study runner");
      CvConfig inner = config_;
      inner.outer.reset();
      CvStudy inner_study{name, study_.base_dir, nullptr, nullptr};
      // The inner study knows the classes and levels of the outer training rows only, as the outer study
      // knows its training part's: the outer validation rows are its test part.
      data::FittedSplit part = data::fitted_split(*training_, outer[s].train, outer[s].validation);
      const bj::object summary = study_.run_inner(
          name, end.seed,
          std::make_unique<CvObjective>(registry_, std::move(inner_study), space_, std::move(inner), std::move(part.fitting),
                                        std::move(part.scored)),
          end.budget);
      const bj::value *test = summary.if_contains("test_score");
      if (test == nullptr || !test->is_object() || !test->as_object().at("value").is_number())
        throw Error(VN_E_NUMERIC, test != nullptr && test->is_object() && test->as_object().contains("error")
                                      ? std::string(test->as_object().at("error").as_string())
                                      : "no trial completed");
      const double value = test->as_object().at("value").to_number<double>();
      if (const bj::value *n = test->as_object().if_contains("unseen_class_rows")) unseen_class_rows += n->to_number<uint64_t>();
      unseen_level_cells += test->as_object().at("unseen_level_cells").to_number<uint64_t>();
      scores.push_back(value);
      best_params.push_back(test->as_object().at("params"));
      sum += value;
      sum_sq += value * value;
      if (end.progress)
        end.progress("nested CV: outer split " + std::to_string(s + 1) + "/" + std::to_string(outer.size()) + ": " +
                     metric_->name + " " + brief_number(value));
    } catch (const Error &e) {
      if (e.status() == VN_E_INTERRUPTED) throw;  // the whole run stops, not just this estimate
      return bj::object{{"error", "outer split " + std::to_string(s) + ": " + e.what()}, {"scores", std::move(scores)}};
    } catch (const std::exception &e) {
      return bj::object{{"error", "outer split " + std::to_string(s) + ": " + e.what()}, {"scores", std::move(scores)}};
    }
  }
  const double n = static_cast<double>(outer.size());
  const double mean = sum / n;
  const double sd = n > 1 ? std::sqrt(std::max(0.0, (sum_sq - n * mean * mean) / (n - 1))) : 0.0;
  bj::object result{{"metric", metric_->name},  {"outer", config_.outer->plugin}, {"scores", std::move(scores)},
                    {"mean", mean},             {"std", sd},                     {"best_params", std::move(best_params)}};
  if (training_->task() == VN_TASK_CLASSIFICATION) result["unseen_class_rows"] = unseen_class_rows;
  result["unseen_level_cells"] = unseen_level_cells;
  return result;
}

}  // namespace vernier
