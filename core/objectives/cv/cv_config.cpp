#include "objectives/cv/cv_config.hpp"

#include <cmath>
#include <filesystem>

#include "base/error.hpp"
#include "base/number_text.hpp"
#include "base/json.hpp"
#include "metrics/metrics.hpp"

namespace vernier {

namespace bj = boost::json;

namespace {

const std::string kPath = "objective.cv";

std::vector<std::string> string_list(const bj::object &o, const char *key) {
  std::vector<std::string> out;
  const bj::array *a = json::get_array(o, key, kPath);
  if (a == nullptr) return out;
  for (const bj::value &v : *a) {
    if (!v.is_string()) throw invalid_argument(kPath + "." + key + ": expected column names (strings), got " + bj::serialize(v));
    out.emplace_back(v.as_string());
  }
  return out;
}

SplitterChoice splitter_choice(const bj::value &v, const std::string &path) {
  SplitterChoice s;
  if (v.is_string()) {
    s.plugin = std::string(v.as_string());
  } else if (v.is_object()) {
    const bj::object &o = v.as_object();
    json::reject_unknown_keys(o, "plugin,options", path);
    auto plugin = json::get_string(o, "plugin", path);
    if (!plugin) throw invalid_argument(path + ".plugin: missing (a splitter: kfold, stratified, group, timeseries, predefined, ...)");
    s.plugin = *plugin;
    if (const bj::object *options = json::get_object(o, "options", path)) s.options = *options;
  } else {
    throw invalid_argument(path + ": expected a splitter name or {\"plugin\", \"options\"}, got " + bj::serialize(v));
  }
  if (s.plugin.empty()) throw invalid_argument(path + ".plugin: must not be empty");
  return s;
}

uint32_t parse_task(const bj::object &cv) {
  auto task = json::get_string(cv, "task", kPath);
  if (!task) throw invalid_argument(kPath + ".task: missing (\"classification\" or \"regression\")");
  if (*task == "classification") return VN_TASK_CLASSIFICATION;
  if (*task == "regression") return VN_TASK_REGRESSION;
  throw invalid_argument(kPath + ".task: expected \"classification\" or \"regression\", got \"" + *task + "\"");
}

std::string parse_metric(const bj::object &cv, uint32_t task) {
  std::string metric = json::get_string(cv, "metric", kPath).value_or(task == VN_TASK_CLASSIFICATION ? "accuracy" : "rmse");
  try {
    metrics::require(metric, task, task == VN_TASK_CLASSIFICATION ? 2 : 0);
  } catch (const Error &e) {
    // f1 with more classes is only known once the data is read; every other problem is known now.
    const metrics::Metric *m = metrics::find(metric);
    if (m == nullptr || m->task != task) throw invalid_argument(kPath + "." + e.what());
  }
  return metric;
}

}  // namespace

CvConfig parse_cv_config(const bj::object &cv, const std::string &base_dir) {
  json::reject_unknown_keys(cv,
                            "data,target,task,categorical,drop,groups,folds,model,model_options,splitter,metric,test_size,"
                            "test_split,standardize,seed,outer,allow_groups_across_test_split,allow_groups_across_folds,"
                            "allow_training_after_test",
                            kPath);
  CvConfig c;
  c.task = parse_task(cv);
  c.load.task = c.task;
  if (auto data = json::get_string(cv, "data", kPath)) {
    if (data->empty()) throw invalid_argument(kPath + ".data: must name a CSV file");
    std::filesystem::path p(*data);
    if (p.is_relative() && !base_dir.empty()) p = std::filesystem::path(base_dir) / p;
    c.has_file = true;
    c.load.path = p.lexically_normal().string();
    auto target = json::get_string(cv, "target", kPath);
    if (!target || target->empty()) throw invalid_argument(kPath + ".target: missing (the name of the target column of " + *data + ")");
    c.load.target = *target;
    c.load.categorical = string_list(cv, "categorical");
    c.load.drop = string_list(cv, "drop");
    c.load.groups = json::get_string(cv, "groups", kPath);
    c.load.folds = json::get_string(cv, "folds", kPath);
  } else {
    // Arrays from the embedder (vn_study_create_with_data): columns have no names to pick.
    for (const char *key : {"target", "categorical", "drop", "groups", "folds"})
      if (cv.contains(key))
        throw invalid_argument(kPath + "." + key + ": only with \"data\" (a CSV file); in-memory data brings its own columns");
  }

  auto model = json::get_string(cv, "model", kPath);
  if (!model || model->empty()) throw invalid_argument(kPath + ".model: missing (a model plugin: ridge, logistic, knn, svm, xgboost, ...)");
  c.model = *model;
  if (const bj::object *options = json::get_object(cv, "model_options", kPath)) c.model_options = *options;

  if (const bj::value *s = cv.if_contains("splitter"); s != nullptr && !s->is_null()) {
    c.splitter = splitter_choice(*s, kPath + ".splitter");
    c.splitter_given = true;
  } else {
    // settle_defaults (cv_leaky_config.hpp) makes it "group" when the data has groups.
    c.splitter.plugin = c.task == VN_TASK_CLASSIFICATION ? "stratified" : "kfold";
  }
  if (const bj::value *o = cv.if_contains("outer"); o != nullptr && !o->is_null()) c.outer = splitter_choice(*o, kPath + ".outer");

  c.metric = parse_metric(cv, c.task);

  if (auto size = json::get_number(cv, "test_size", kPath)) {
    if (!std::isfinite(*size) || *size < 0 || (*size >= 1 && *size != std::floor(*size)))
      throw invalid_argument(kPath + ".test_size: expected a fraction in [0, 1) or a whole number of rows, got " + exact_number(*size));
    c.test_size = *size;
  }
  if (auto mode = json::get_string(cv, "test_split", kPath)) {
    c.test_split_given = true;
    if (*mode == "stratified") c.test_split = TestSplit::Stratified;
    else if (*mode == "random") c.test_split = TestSplit::Random;
    else if (*mode == "group") c.test_split = TestSplit::Group;
    else if (*mode == "last") c.test_split = TestSplit::Last;
    else throw invalid_argument(kPath + ".test_split: expected \"stratified\", \"random\", \"group\" or \"last\", got \"" + *mode + "\"");
    if (c.test_split == TestSplit::Stratified && c.task != VN_TASK_CLASSIFICATION)
      throw invalid_argument(kPath + ".test_split: \"stratified\" needs a classification task");
    if (c.test_split == TestSplit::Group && !c.load.groups && c.has_file)
      throw invalid_argument(kPath + ".test_split: \"group\" needs a group column (\"groups\")");
  } else {
    // settle_defaults (cv_leaky_config.hpp) changes it once the data and the splitter are known.
    c.test_split = c.task == VN_TASK_CLASSIFICATION ? TestSplit::Stratified : TestSplit::Random;
  }
  c.standardize = json::get_bool(cv, "standardize", kPath).value_or(false);
  c.allow_groups_across_test_split = json::get_bool(cv, "allow_groups_across_test_split", kPath).value_or(false);
  c.allow_groups_across_folds = json::get_bool(cv, "allow_groups_across_folds", kPath).value_or(false);
  c.allow_training_after_test = json::get_bool(cv, "allow_training_after_test", kPath).value_or(false);
  if (auto seed = json::get_integer(cv, "seed", kPath)) {
    if (*seed < 0) throw invalid_argument(kPath + ".seed: must be >= 0");
    c.seed = static_cast<uint64_t>(*seed);
  }
  return c;
}

const char *test_split_name(TestSplit split) {
  switch (split) {
    case TestSplit::Stratified: return "stratified";
    case TestSplit::Random: return "random";
    case TestSplit::Group: return "group";
    case TestSplit::Last: return "last";
  }
  return "?";
}

int32_t cv_direction(const bj::object &cv) {
  CvConfig c = parse_cv_config(cv, "");
  return metrics::find(c.metric)->direction;
}

}  // namespace vernier
