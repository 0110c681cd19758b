// The model conformance suite: what every model plugin must do, checked against one component.
// Check ids, the rule each enforces and what it verifies are listed in docs/abi.md ("Model suite").
#include <algorithm>
#include <cmath>

#include "conformance/kind_suites.hpp"
#include "conformance/model_fixtures.hpp"
#include "conformance/model_leak_checks.hpp"
#include "conformance/model_probe.hpp"
#include "conformance/sampler_fixtures.hpp"
#include "conformance/suite_frame.hpp"

namespace vernier::conformance {

namespace {

namespace bj = boost::json;
using Outcome = ModelProbe::Outcome;

constexpr uint64_t kSeed = 20240917;
constexpr const char *kUnknownHyperparameter = "vernier_conformance_no_such_hparam";
constexpr std::size_t kMaxSpacePoints = 12;
constexpr std::size_t kMaxOptionVariants = 8;

struct Suite : SuiteFixture<ModelProbe> {
  using SuiteFixture::SuiteFixture;
  std::vector<TaskFixture> tasks = task_fixtures();
  std::vector<const TaskFixture *> supported;  // filled by model.tasks
  std::vector<const TaskFixture *> classification() const {
    std::vector<const TaskFixture *> out;
    for (const TaskFixture *t : supported)
      if (t->data.view().task == VN_TASK_CLASSIFICATION) out.push_back(t);
    return out;
  }
};

// Fails unless a prediction of `rows` of `data` is well-formed: the right size, finite, and for
// classification each row a probability vector (entries in [0, 1], summing to 1 within 1e-9).
void require_valid(const OwnedDataset &data, std::size_t n_rows, const Outcome &o, const std::string &context) {
  if (!o.ok()) fail(context + ": predict returned " + o.describe());
  const uint32_t width = data.width();
  for (std::size_t i = 0; i < n_rows; ++i) {
    double sum = 0;
    for (uint32_t c = 0; c < width; ++c) {
      const double v = o.out[i * width + c];
      if (!std::isfinite(v)) fail(context + ": prediction " + std::to_string(i) + " is not finite");
      if (data.view().task == VN_TASK_CLASSIFICATION && (v < 0 || v > 1))
        fail(context + ": probability of class " + std::to_string(c) + " in row " + std::to_string(i) + " is " +
             std::to_string(v) + ", outside [0, 1]");
      sum += v;
    }
    if (data.view().task == VN_TASK_CLASSIFICATION && std::abs(sum - 1.0) > 1e-9)
      fail(context + ": the probabilities of row " + std::to_string(i) + " sum to " + std::to_string(sum) + ", not 1");
  }
}

void require_fit_predict(const FitPredict &r, const TaskFixture &task, const std::string &context) {
  if (!r.ok()) fail(context + ": " + r.describe());
  require_valid(task.data, task.test.size(), r.predict, context);
}

// Accuracy (classification, argmax with ties to the first) or R^2 (regression) of a prediction of task.test.
double score(const TaskFixture &task, const std::vector<double> &out) {
  const uint32_t width = task.data.width();
  const std::size_t n = task.test.size();
  if (task.data.view().task == VN_TASK_CLASSIFICATION) {
    std::size_t right = 0;
    for (std::size_t i = 0; i < n; ++i) {
      uint32_t best = 0;
      for (uint32_t c = 1; c < width; ++c)
        if (out[i * width + c] > out[i * width + best]) best = c;
      right += best == static_cast<uint32_t>(task.data.target[task.test[i]]);
    }
    return static_cast<double>(right) / static_cast<double>(n);
  }
  double mean = 0, residual = 0, total = 0;
  for (uint64_t r : task.test) mean += task.data.target[r];
  mean /= static_cast<double>(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double y = task.data.target[task.test[i]];
    residual += (y - out[i]) * (y - out[i]);
    total += (y - mean) * (y - mean);
  }
  return 1.0 - residual / total;
}

// A failure that counts as a clear refusal: an error status other than VN_E_INTERNAL (a bug, or an
// exception the plugin did not expect), with a message.
bool clear_refusal(const Outcome &o) { return !o.ok() && o.status != VN_E_INTERNAL && !o.message.empty(); }

// ---- the checks, in the order they run ------------------------------------------------------------

std::string check_tasks(Suite &s) {
  std::vector<std::string> yes, no;
  for (const TaskFixture &task : s.tasks) {
    auto p = s.probe();
    const FitPredict r = fit_predict(*p, task);
    if (r.fit.status == VN_E_UNSUPPORTED) {
      if (r.fit.message.empty()) fail(task.data.name() + ": VN_E_UNSUPPORTED without a message");
      no.push_back(task.data.name() + " (" + r.fit.message + ")");
      continue;
    }
    require_fit_predict(r, task, task.data.name());
    s.supported.push_back(&task);
    yes.push_back(task.data.name());
  }
  if (yes.empty()) fail("the model refused every task: " + joined(no));
  return "does " + joined(yes, ", ") + (no.empty() ? "" : "; refuses " + joined(no));
}

std::string check_before_fit(Suite &s) {
  auto p = s.probe();
  const TaskFixture &task = *s.supported.front();
  const Outcome o = p->predict(task.data, task.test);
  if (o.status != VN_E_STATE) fail("predict before any fit returned " + o.describe() + "; model.h asks for VN_E_STATE");
  return "refused: " + o.message;
}

std::string check_out_len(Suite &s) {
  auto p = s.probe();
  const TaskFixture &task = *s.supported.front();
  const Outcome fitted = p->fit(task.data, task.train);
  if (!fitted.ok()) fail("fit returned " + fitted.describe());
  const int64_t right = static_cast<int64_t>(task.test.size() * task.data.width());
  for (int64_t len : {right + 1, right - 1}) {
    const Outcome o = p->predict(task.data, task.test, len);
    if (o.status != VN_E_INVALID)
      fail("predict with out_len " + std::to_string(len) + " instead of " + std::to_string(right) + " returned " +
           o.describe() + " instead of VN_E_INVALID");
  }
  return "a wrong out_len is VN_E_INVALID";
}

std::string check_learns(Suite &s) {
  std::vector<std::string> seen;
  for (const TaskFixture *task : s.supported) {
    auto p = s.probe();
    const FitPredict r = fit_predict(*p, *task);
    require_fit_predict(r, *task, task->data.name());
    const bool classify = task->data.view().task == VN_TASK_CLASSIFICATION;
    const double value = score(*task, r.predict.out), bar = classify ? 0.7 : 0.5;
    const std::string text = task->data.name() + (classify ? " accuracy " : " R^2 ") + std::to_string(value);
    if (value < bar)
      fail(text + " on held-out rows of an easy problem (expected at least " + std::to_string(bar) +
           "): are classes or outputs mixed up?");
    seen.push_back(text);
  }
  return joined(seen, ", ");
}

std::string check_absent_class(Suite &s) {
  for (const TaskFixture *task : s.classification()) {
    if (task->data.view().n_classes < 3) continue;
    std::vector<uint64_t> train;
    for (uint64_t r : task->train)
      if (task->data.target[r] != task->data.view().n_classes - 1) train.push_back(r);
    auto p = s.probe();
    const Outcome fitted = p->fit(task->data, train);
    if (!fitted.ok()) fail("training rows without the last class: fit returned " + fitted.describe());
    const Outcome predicted = p->predict(task->data, task->test);
    require_valid(task->data, task->test.size(), predicted, "training rows without the last class");
    return "training rows without class " + std::to_string(task->data.view().n_classes - 1) +
           " still give a column for it and valid probabilities";
  }
  return "no multi-class task to check";
}

std::string check_determinism(Suite &s) {
  // At the centre of the default space, where randomised options (subsampling) are typically on.
  const Space space = Space::from_json(s.component.default_space, "default_space_json");
  const std::vector<double> centre = space_point(space, 0.5);
  for (const TaskFixture *task : s.supported) {
    auto a = s.probe();
    auto b = s.probe();
    const FitPredict first = fit_predict(*a, *task, &space, centre, kSeed);
    require_fit_predict(first, *task, task->data.name());
    // An unrelated fit in between: a model whose results depend on its call history fails below.
    a->fit(task->data, task->test, &space, centre, kSeed + 1);
    const FitPredict again = fit_predict(*a, *task, &space, centre, kSeed);
    const FitPredict other = fit_predict(*b, *task, &space, centre, kSeed);
    if (!again.ok() || !same_values(first.predict.out, again.predict.out))
      fail(task->data.name() + ": the same fit and predict on one instance, before and after another fit, differ");
    if (!other.ok() || !same_values(first.predict.out, other.predict.out))
      fail(task->data.name() + ": the same fit and predict on two instances differ");
  }
  return "bit-identical for the same data, rows, hyperparameters (the default space's centre) and seed, across calls "
         "and instances";
}

std::string check_constant_feature(Suite &s) {
  for (const TaskFixture *task : s.supported) {
    TaskFixture wider = *task;
    wider.data.add_constant_feature(3.0);
    auto p = s.probe();
    require_fit_predict(fit_predict(*p, wider), wider, task->data.name() + " with a constant feature");
  }
  return "a constant feature is handled";
}

std::string check_single_class(Suite &s) {
  std::vector<std::string> notes;
  for (const TaskFixture *task : s.classification()) {
    std::vector<uint64_t> train;
    for (uint64_t r : task->train)
      if (task->data.target[r] == 0) train.push_back(r);
    auto p = s.probe();
    const Outcome fitted = p->fit(task->data, train);
    if (fitted.ok()) {
      require_valid(task->data, task->test.size(), p->predict(task->data, task->test),
                    task->data.name() + ", training rows of class 0 only");
      notes.push_back(task->data.name() + ": fits and predicts valid probabilities");
    } else if (clear_refusal(fitted)) {
      notes.push_back(task->data.name() + ": refused (" + fitted.message + ")");
    } else {
      fail(task->data.name() + ", training rows of class 0 only: fit returned " + fitted.describe() +
           "; expected valid output or a clear error");
    }
  }
  return notes.empty() ? "no classification task" : joined(notes);
}

std::string check_non_finite(Suite &s) {
  const TaskFixture &task = *s.supported.front();
  const uint32_t d = task.data.view().n_features;
  const uint64_t bad_row = task.train[task.train.size() / 2];
  struct Case {
    const char *what;
    bool target;
    double value;
  };
  std::vector<std::string> notes;
  for (const Case &c : {Case{"a NaN feature", false, NAN}, Case{"an infinite feature", false, INFINITY},
                        Case{"a NaN target", true, NAN}}) {
    TaskFixture broken = task;
    (c.target ? broken.data.target[bad_row] : broken.data.features[bad_row * d + 1]) = c.value;
    auto p = s.probe();
    const Outcome o = p->fit(broken.data, broken.train);
    const std::string where = std::string(c.what) + " in training row " + std::to_string(bad_row);
    if (!clear_refusal(o)) fail(where + ": fit returned " + o.describe() + "; expected a clear error");
    if (o.message.find(std::to_string(bad_row)) == std::string::npos)
      fail(where + ": the message does not name the row: \"" + o.message + "\"");
    notes.push_back(o.message);
  }
  auto p = s.probe();
  const Outcome fitted = p->fit(task.data, task.train);
  if (!fitted.ok()) fail("fit returned " + fitted.describe());
  TaskFixture broken = task;
  const uint64_t bad_query = task.test[task.test.size() / 2];
  broken.data.features[bad_query * d] = NAN;
  const Outcome o = p->predict(broken.data, broken.test);
  if (!clear_refusal(o)) fail("a NaN feature in predicted row " + std::to_string(bad_query) + ": predict returned " + o.describe());
  notes.push_back(o.message);
  return joined(notes);
}

// model.h: a failed fit leaves no usable fit, even after a good one (the host must never score a trial
// with the previous trial's model).
std::string check_failed_fit(Suite &s) {
  const TaskFixture &task = *s.supported.front();
  const uint32_t d = task.data.view().n_features;
  auto p = s.probe();
  const Outcome fitted = p->fit(task.data, task.train);
  if (!fitted.ok()) fail("fit returned " + fitted.describe());
  TaskFixture broken = task;
  broken.data.features[task.train[0] * d] = NAN;
  const Outcome refused = p->fit(broken.data, broken.train);
  if (!clear_refusal(refused)) fail("a second fit with a NaN feature returned " + refused.describe() + "; expected a clear error");
  const Outcome o = p->predict(task.data, task.test);
  if (o.status != VN_E_STATE)
    fail("predict after a failed fit returned " + o.describe() + "; model.h asks for VN_E_STATE (a failed fit leaves no usable fit)");
  return o.message;
}

std::string check_unknown_hyperparameter(Suite &s) {
  const Space space = Space::from_json(bj::parse(std::string("[{\"name\": \"") + kUnknownHyperparameter +
                                                 "\", \"type\": \"float\", \"low\": 0, \"high\": 1}]"));
  const TaskFixture &task = *s.supported.front();
  auto p = s.probe();
  const Outcome o = p->fit(task.data, task.train, &space, {0.5});
  if (o.status != VN_E_INVALID) fail("a space naming an unknown hyperparameter: fit returned " + o.describe() + " instead of VN_E_INVALID");
  if (o.message.find(kUnknownHyperparameter) == std::string::npos)
    fail("the message does not name the unknown hyperparameter: \"" + o.message + "\"");
  return "refused: " + o.message;
}

std::string check_default_space(Suite &s) {
  const Space space = Space::from_json(s.component.default_space, "default_space_json");
  const std::vector<std::vector<double>> points = space_points(space, kMaxSpacePoints);
  for (const std::vector<double> &x : points) {
    const std::string values = bj::serialize(space.to_values(x.data()));
    for (const TaskFixture *task : s.supported) {
      auto p = s.probe();
      require_fit_predict(fit_predict(*p, *task, &space, x), *task, task->data.name() + " at " + values);
    }
  }
  return std::to_string(points.size()) + " points of the " + std::to_string(space.size()) +
         "-parameter default space fit and predict on every supported task";
}

std::string check_options(Suite &s) {
  const std::vector<std::string> variants = option_variants(s.component, Vary::kBoolsAndChoices, kMaxOptionVariants);
  if (variants.empty()) return "no bool or choice options to vary";
  for (const std::string &config : variants) {
    for (const TaskFixture *task : s.supported) {
      auto p = s.probe(config);
      const FitPredict r = fit_predict(*p, *task);
      if (r.fit.status == VN_E_UNSUPPORTED && !r.fit.message.empty()) continue;
      require_fit_predict(r, *task, task->data.name() + " with options " + config);
    }
  }
  return "valid with " + joined(variants, ", ");
}

std::string check_views_not_kept(Suite &s) {
  for (const TaskFixture *task : s.supported) {
    auto p = s.probe();
    TaskFixture copy = *task;
    const Outcome fitted = p->fit(copy.data, copy.train);
    if (!fitted.ok()) fail(task->data.name() + ": fit returned " + fitted.describe());
    const Outcome before = p->predict(task->data, task->test);
    copy.data.poison();  // a model still reading the fit's view now sees garbage
    std::fill(copy.train.begin(), copy.train.end(), 0);
    const Outcome after = p->predict(task->data, task->test);
    if (!before.ok() || !after.ok() || !same_values(before.out, after.out))
      fail(task->data.name() + ": after the dataset and rows given to fit were overwritten, predictions changed: the "
           "instance kept pointers into host-owned views (VN-ABI-6)");
  }
  return "predictions do not depend on the views fit was given";
}

// The cv objective fits one instance on the training part and scores another vn_dataset, the test part
// (core/objectives/cv/cv.cpp): predict must read the view it is given, at the rows it is given, and nothing
// kept from fit's view. Here the fitted view is a copy, poisoned with NaN after fit, and predict gets a
// dataset of other memory holding the held-out rows in reverse order behind a few training rows.
std::string check_predict_other_dataset(Suite &s) {
  for (const TaskFixture *task : s.supported) {
    const std::string name = task->data.name();
    auto reference = s.probe();
    const FitPredict expected = fit_predict(*reference, *task);
    require_fit_predict(expected, *task, name);

    auto p = s.probe();
    TaskFixture fitted = *task;
    const Outcome fit = p->fit(fitted.data, fitted.train);
    if (!fit.ok()) fail(name + ": fit returned " + fit.describe());
    fitted.data.poison(NAN);
    std::fill(fitted.train.begin(), fitted.train.end(), 0);

    constexpr std::size_t kLeading = 5;
    std::vector<uint64_t> layout(task->train.begin(), task->train.begin() + kLeading);
    layout.insert(layout.end(), task->test.rbegin(), task->test.rend());
    const OwnedDataset other = task->data.rows_copy(layout, name + " (held-out rows, reordered)");
    std::vector<uint64_t> rows(task->test.size());  // where task->test[i] sits in `other`
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = kLeading + task->test.size() - 1 - i;
    const Outcome got = p->predict(other, rows);
    if (!got.ok()) fail(name + ": predict on another dataset returned " + got.describe());
    if (!same_values(expected.predict.out, got.out))
      fail(name + ": predicting the held-out rows from another vn_dataset (other memory, other row indices) after "
           "fit's dataset was overwritten gave other values than predicting them from fit's dataset: the instance "
           "reads fit's view, or its rows, instead of the view predict is given (VN-ABI-6)");
  }
  return "predictions of the same rows agree from fit's dataset and from another one, with fit's view overwritten";
}

// One instance is fitted on every fold of every trial: the second fit must replace the first entirely.
// The first fit gets a smaller dataset of its own (other rows, other n_rows), poisoned afterwards.
std::string check_refit(Suite &s) {
  for (const TaskFixture *task : s.supported) {
    const std::string name = task->data.name();
    const std::size_t half = task->train.size() / 2;
    const std::vector<uint64_t> first(task->train.begin(), task->train.begin() + static_cast<std::ptrdiff_t>(half));
    const std::vector<uint64_t> second(task->train.begin() + static_cast<std::ptrdiff_t>(half), task->train.end());

    auto fresh = s.probe();
    const Outcome fresh_fit = fresh->fit(task->data, second);
    if (!fresh_fit.ok()) fail(name + ": fit on the second half of the training rows returned " + fresh_fit.describe());
    const Outcome expected = fresh->predict(task->data, task->test);
    require_valid(task->data, task->test.size(), expected, name + ", fitted on the second half");

    auto p = s.probe();
    OwnedDataset earlier = task->data.rows_copy(first, name + " (first half)");
    std::vector<uint64_t> earlier_rows(first.size());
    for (std::size_t i = 0; i < earlier_rows.size(); ++i) earlier_rows[i] = i;
    require_ok(p->fit(earlier, earlier_rows), name + ": fit on the first half of the training rows returned ");
    earlier.poison(NAN);
    TaskFixture later = *task;
    require_ok(p->fit(later.data, second), name + ": a second fit, on the second half, returned ");
    later.data.poison(NAN);
    const Outcome got = require_ok(p->predict(task->data, task->test), name + ": predict after the second fit returned ");
    if (!same_values(expected.out, got.out))
      fail(name + ": after fitting on the first half of the training rows and then on the second, predictions "
           "differ from those of a fresh instance fitted on the second half only: a fit must replace the "
           "previous one entirely (model.h), keeping nothing of its views (VN-ABI-6)");
  }
  return "a second fit replaces the first: the same predictions as a fresh instance fitted only on the second rows";
}

std::vector<Outcome> run_all(ModelProbe &p, const std::vector<const TaskFixture *> &tasks) {
  std::vector<Outcome> out;
  for (const TaskFixture *task : tasks) out.push_back(fit_predict(p, *task).predict);
  return out;
}

std::string check_threads(Suite &s) {
  std::vector<Outcome> serial;
  {
    auto p = s.probe();
    serial = run_all(*p, s.supported);
  }
  in_two_threads<std::vector<Outcome>>(
      [&](int) {
        ModelProbe p(s.component, s.host.host(), s.seen);
        return run_all(p, s.supported);
      },
      [&](int k, const std::vector<Outcome> &results) {
        for (std::size_t i = 0; i < serial.size(); ++i)
          if (results[i].status != serial[i].status || !same_values(results[i].out, serial[i].out))
            fail("thread " + std::to_string(k + 1) + ", " + s.supported[i]->data.name() +
                 ": fit and predict gave another result than the same calls made serially");
      });
  return "2 instances fitted and predicting in parallel gave the serial results";
}

std::unique_ptr<ModelProbe> fresh_probe(Suite &s) { return s.probe(); }

// Every check but model.tasks needs a task the model does (model.tasks fills s.supported).
const std::vector<const char *> kNeedsTask = {"tasks"};

const SuiteDeclaration<Suite> kModelSuite{
    "model",
    "create, fit, predict, last_error or destroy",
    "predict writes only its out_len output; fit and predict leave the dataset, rows and hyperparameters untouched",
    {
        {"tasks", "model.h",
         "fits and predicts regression, binary or multi-class data, and refuses the others with VN_E_UNSUPPORTED; "
         "predictions are finite, probabilities valid",
         check_tasks},
        {"before_fit", "model.h", "predict before fit is VN_E_STATE", check_before_fit, kNeedsTask},
        {"out_len", "model.h", "predict refuses an out_len other than n_rows x width with VN_E_INVALID", check_out_len,
         kNeedsTask},
        {"learns", "model.h", "with default options it beats chance clearly on easy held-out data", check_learns,
         kNeedsTask, Level::warning},
        {"absent_class", "model.h", "training rows without a class still give a probability column for it",
         check_absent_class, kNeedsTask},
        {"determinism", "VN-ABI-8", "the same data, rows, hyperparameters and seed give bit-identical predictions",
         check_determinism, kNeedsTask},
        {"constant_feature", "model.h", "a feature with one value everywhere is handled", check_constant_feature,
         kNeedsTask},
        {"single_class", "model.h", "training rows of one class give valid output or a clear error", check_single_class,
         kNeedsTask},
        {"non_finite", "model.h",
         "NaN or inf in a feature or the target is a clear error naming the row, in fit and in predict",
         check_non_finite, kNeedsTask},
        {"failed_fit", "model.h", "predict after a failed fit (following a good one) is VN_E_STATE", check_failed_fit,
         kNeedsTask},
        {"unknown_hyperparameter", "model.h", "a space parameter the model does not know is VN_E_INVALID naming it",
         check_unknown_hyperparameter, kNeedsTask},
        {"default_space", "VN-ABI-3", "points of the default space (corners, centre, every choice) fit and predict",
         check_default_space, kNeedsTask},
        {"options", "model.h", "each declared bool or choice option value also fits and predicts", check_options,
         kNeedsTask},
        {"views_not_kept", "VN-ABI-6", "no pointer into the dataset or rows given to fit is used afterwards",
         check_views_not_kept, kNeedsTask},
        {"predict_other_dataset", "VN-ABI-6",
         "predict reads the dataset and rows it is given: another vn_dataset holding the same rows elsewhere "
         "gives the same predictions, with fit's dataset overwritten after fit",
         check_predict_other_dataset, kNeedsTask},
        {"fit_reads_only_its_rows", "VN-ABI-10",
         "fit reads only the rows it is given: changing the features and targets of every other row of the "
         "dataset leaves the predictions bit-identical",
         [](Suite &s) { return check_fit_reads_only_its_rows([&s] { return fresh_probe(s); }, s.supported); },
         kNeedsTask},
        {"predict_ignores_targets", "VN-ABI-10",
         "predict never reads targets: the predicted rows' targets changed, or every target NaN, leave the "
         "predictions bit-identical",
         [](Suite &s) { return check_predict_ignores_targets([&s] { return fresh_probe(s); }, s.supported); },
         kNeedsTask},
        {"refit", "VN-ABI-6",
         "fitting twice gives the predictions of a fresh instance fitted only the second time, with the first "
         "fit's dataset overwritten",
         check_refit, kNeedsTask},
        {"threads", "VN-ABI-7", "two instances used from two threads at once give the serial results", check_threads,
         kNeedsTask},
    }};

}  // namespace

CheckList run_model_suite(const Registry &registry, const Component &component) {
  return run_suite(registry, component, kModelSuite);
}

}  // namespace vernier::conformance
