#include "objectives/cv/cv.hpp"

#include <cmath>

#include "data/fitted_split.hpp"
#include "data/load.hpp"
#include "base/error.hpp"
#include "base/interrupt.hpp"
#include "plugin_host/splitter.hpp"
#include "objectives/cv/cv_leaky_config.hpp"
#include "objectives/cv/cv_objective.hpp"
#include "objectives/cv/cv_test_split.hpp"
#include "vernier/sdk/rng.hpp"

namespace vernier {

namespace bj = boost::json;

namespace {

constexpr uint64_t kModelStream = 0x6d6f64656cULL;  // "model": the Rng stream of the models' seeds
constexpr int64_t kFinalFit = -1;                   // the "fold" number of the final refit's seed

uint64_t model_seed(uint64_t seed, int64_t fold) { return sdk::Rng(seed, fold, kModelStream).next(); }

// Runs f(), prefixing the message of an Error it throws with `where`.
template <class F>
auto prefixed(const std::string &where, F &&f) -> decltype(f()) {
  try {
    return f();
  } catch (const Error &e) {
    throw Error(e.status(), where + e.what());
  }
}

}  // namespace

std::vector<uint64_t> all_rows(const data::Dataset &data) {
  std::vector<uint64_t> rows(data.n_rows());
  for (uint64_t i = 0; i < rows.size(); ++i) rows[i] = i;
  return rows;
}

namespace {

// What a cv study's trials are scored by (Objective::identity): the model, splitter, metric, test part and
// seed, and the data by fingerprint rather than by path, since a file may move and arrays have no path.
bj::object cv_identity(const CvConfig &c, const std::string &data_fingerprint) {
  return {{"cv", bj::object{{"data", data_fingerprint},
                            {"model", c.model},
                            {"model_options", c.model_options},
                            {"splitter", bj::object{{"plugin", c.splitter.plugin}, {"options", c.splitter.options}}},
                            {"metric", c.metric},
                            {"test_size", c.test_size},
                            {"test_split", test_split_name(c.test_split)},
                            {"standardize", c.standardize},
                            {"seed", c.seed}}}};
}

}  // namespace

std::unique_ptr<CvObjective> make_cv_objective(const Registry &registry, const bj::value &cv, CvStudy study,
                                               const Space &space) {
  if (!cv.is_object()) throw invalid_argument("objective.cv: expected an object");
  CvConfig c = parse_cv_config(cv.as_object(), study.base_dir);

  std::shared_ptr<const data::Dataset> full;
  if (c.has_file && study.data)
    throw invalid_argument("objective.cv.data: names a file, but arrays were handed over too (vn_study_create_with_data); remove one");
  if (c.has_file) full = data::load_csv(c.load);
  else if (study.data) full = data::from_arrays(*study.data, c.task);
  else
    throw invalid_argument("objective.cv.data: missing (a CSV file with a header row; "
                           "an embedding program may hand its arrays to vn_study_create_with_data instead)");
  if (c.test_split == TestSplit::Group && !full->has_groups())
    throw invalid_argument("objective.cv.test_split: \"group\" needs a group column");
  settle_defaults(c, registry, full->has_groups());
  refuse_leaky_config(c, registry, full->has_groups());

  const Component &model = prefixed("objective.cv.model: ", [&]() -> const Component & { return registry.require(VN_KIND_MODEL, c.model); });
  Space tuned = space;
  if (tuned.size() == 0) {
    if (model.default_space.is_null())
      throw invalid_argument("space: missing, and model '" + c.model + "' declares no default space");
    tuned = Space::from_json(model.default_space, "the default space of model '" + c.model + "'");
  }

  // The test part goes first, and into a dataset of its own: from here on no splitter or model is
  // given a pointer that reaches a test row. The training part's classes and categorical levels are its
  // own rows' (a class or level only test rows have changes no trial).
  TrainTest parts = split_test_part(*full, c.test_size, c.test_split, c.seed);
  std::shared_ptr<const data::Dataset> training = full;
  std::optional<data::ScoredPart> test;
  if (!parts.test.empty()) {
    data::FittedSplit split = data::fitted_split(*full, parts.train, parts.test);
    training = std::move(split.fitting);
    test = std::move(split.scored);
    if (training->task() == VN_TASK_CLASSIFICATION && training->n_classes() < 2)
      throw invalid_argument("objective.cv.test_split: the training part has a single class ('" + training->class_labels()[0] +
                             "'): classification needs at least two; choose another test_split or a smaller test_size");
  }
  bj::object identity = cv_identity(c, full->fingerprint());
  full.reset();
  auto objective = std::make_unique<CvObjective>(registry, std::move(study), std::move(tuned), std::move(c),
                                                 std::move(training), std::move(test));
  objective->set_identity(std::move(identity));
  return objective;
}

CvObjective::CvObjective(const Registry &registry, CvStudy study, Space space, CvConfig config,
                         std::shared_ptr<const data::Dataset> training, std::optional<data::ScoredPart> test)
    : registry_(registry), study_(std::move(study)), space_(std::move(space)), config_(std::move(config)), training_(std::move(training)), test_(std::move(test)) {
  metric_ = &prefixed("objective.cv.", [&]() -> const metrics::Metric & {
    return metrics::require(config_.metric, training_->task(), training_->n_classes());
  });
  std::vector<Split> splits = prefixed("objective.cv.splitter: ", [&] {
    SplitterHandle splitter(registry_, config_.splitter.plugin, config_.splitter.options);
    return splitter.splits(training_->view(), all_rows(*training_), config_.seed);
  });
  folds_ = std::make_unique<FoldSet>(training_, std::move(splits), config_.standardize);

  // A metric that cannot be computed on some fold would fail every trial: say so now.
  const uint32_t k = training_->n_classes();
  for (std::size_t f = 0; f < folds_->folds().size(); ++f) {
    const std::vector<double> y = target_of(*training_, folds_->folds()[f].validation);
    std::vector<double> dummy = k > 0 ? std::vector<double>(y.size() * k, 1.0 / k) : y;
    try {
      metric_->score(y.data(), dummy.data(), y.size(), k);
    } catch (const Error &e) {
      throw invalid_argument("objective.cv.metric: " + std::string(e.what()) + " (fold " + std::to_string(f) +
                             "'s validation rows); use a stratified splitter, fewer folds or another metric");
    }
  }
  give_back(take_worker());  // creates the first set of models now, so a bad model option is a creation error
}

std::unique_ptr<CvObjective::Worker> CvObjective::take_worker() {
  {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    if (!pool_.empty()) {
      std::unique_ptr<Worker> w = std::move(pool_.back());
      pool_.pop_back();
      return w;
    }
  }
  auto w = std::make_unique<Worker>();
  for (std::size_t f = 0; f < folds_->folds().size(); ++f)
    w->models.push_back(prefixed("objective.cv: ", [&] { return std::make_unique<ModelHandle>(registry_, config_.model, config_.model_options); }));
  return w;
}

void CvObjective::give_back(std::unique_ptr<Worker> worker) {
  std::lock_guard<std::mutex> lock(pool_mutex_);
  pool_.push_back(std::move(worker));
}

std::vector<double> CvObjective::internal_params(const bj::object &params) const {
  const Space &space = space_;
  std::vector<double> x(space.size(), std::nan(""));
  for (std::size_t j = 0; j < space.size(); ++j)
    if (const bj::value *v = params.if_contains(space.params()[j].name)) x[j] = space.internal_value(j, *v);
  return x;
}

std::vector<double> CvObjective::target_of(const data::Dataset &data, const std::vector<uint64_t> &rows) const {
  std::vector<double> y(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) y[i] = data.target()[rows[i]];
  return y;
}

Outcome CvObjective::evaluate(const bj::object &params, int64_t) {
  Outcome out;
  std::unique_ptr<Worker> worker;
  std::vector<double> hparams;
  try {
    hparams = internal_params(params);
    worker = take_worker();
  } catch (const std::exception &e) {
    out.message = e.what();
    return out;
  }
  std::vector<double> predictions;
  double sum = 0;
  const std::vector<Fold> &folds = folds_->folds();
  for (std::size_t f = 0; f < folds.size(); ++f) {
    if (interrupt_requested()) {  // vn_interrupt(): stop between folds rather than after the whole trial
      give_back(std::move(worker));
      throw interrupted("fold " + std::to_string(f));
    }
    try {
      // The model sees the fold's training rows to fit and its validation rows, targets masked, to predict.
      const std::shared_ptr<const FoldViews> views = folds_->views(f);
      ModelHandle &model = *worker->models[f];
      model.fit(views->fit, space_.view(), hparams, model_seed(config_.seed, static_cast<int64_t>(f)));
      model.predict(views->predict, predictions);
      const std::vector<double> y = target_of(*training_, folds[f].validation);
      const double score = metric_->score(y.data(), predictions.data(), y.size(), training_->n_classes());
      if (!std::isfinite(score)) throw Error(VN_E_NUMERIC, std::string(metric_->name) + " is not a finite number");
      out.intermediate.push_back(score);
      sum += score;
    } catch (const std::exception &e) {
      give_back(std::move(worker));
      out.message = "fold " + std::to_string(f) + ": " + e.what();
      return out;
    }
  }
  give_back(std::move(worker));
  out.state = VN_TRIAL_COMPLETE;
  out.value = sum / static_cast<double>(folds.size());
  return out;
}

bj::object CvObjective::score_test(const bj::object &best_params) const {
  bj::object r{{"metric", metric_->name}, {"value", nullptr}, {"n_train", training_->n_rows()}, {"n_test", test_->n_rows()}};
  // What the model could not know, scored as in production (data/fitted_split.hpp).
  if (training_->task() == VN_TASK_CLASSIFICATION) r["unseen_class_rows"] = test_->unseen_class_rows;
  r["unseen_level_cells"] = test_->unseen_level_cells;
  try {
    const std::vector<double> hparams = internal_params(best_params);
    // The refit reads the whole training part; the test rows are predicted from a view with masked targets
    // (test_->data carries no truth either, and knows only the training part's classes and levels).
    FitView train_view = FitView::of(*training_, all_rows(*training_));
    PredictView test_view = PredictView::of(*test_->data, all_rows(*test_->data));
    if (config_.standardize) {
      const Scaler scaler(*training_, all_rows(*training_));  // fitted on the training part only
      train_view = train_view.with_features(scaler.transform(train_view.data()));
      test_view = test_view.with_features(scaler.transform(test_view.data()));
    }
    ModelHandle model(registry_, config_.model, config_.model_options);
    model.fit(train_view, space_.view(), hparams, model_seed(config_.seed, kFinalFit));
    std::vector<double> predictions;
    model.predict(test_view, predictions);
    const std::vector<double> scored = test_->widen(predictions);
    r["value"] = metric_->score(test_->target.data(), scored.data(), test_->n_rows(), test_->n_classes);
  } catch (const std::exception &e) {
    r["error"] = e.what();
  }
  bj::array rows;
  for (uint64_t source : test_->data->source_rows()) rows.push_back(source);
  r["test_rows"] = std::move(rows);  // 0-based data rows of the file (or arrays): an audit of what CV never saw
  return r;
}

std::optional<bj::object> CvObjective::after_budget(const BudgetEnd &end) {
  const bool has_test = test_ && test_->n_rows() > 0;
  if (!has_test && !config_.outer) return std::nullopt;
  bj::object result;
  if (has_test) {
    bj::object test = score_test(end.best_params);
    test["trial"] = end.best_number;
    test["params"] = end.best_params;
    result["test_score"] = std::move(test);
  }
  if (config_.outer) result["nested_cv"] = nested_cv(end);
  return result;
}

}  // namespace vernier
