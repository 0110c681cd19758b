#include "config/study_config.hpp"

#include "base/error.hpp"
#include "base/json.hpp"
#include "objectives/benchmarks.hpp"
#include "objectives/cv/cv_config.hpp"

namespace vernier {

StudyConfig StudyConfig::parse(const boost::json::object &o) {
  json::reject_unknown_keys(o, "name,direction,space,sampler,objective,trials,base_dir,description,storage", "");
  StudyConfig c;
  if (const boost::json::object *objective = json::get_object(o, "objective", "")) {
    c.objective = *objective;
    // Which objective is meant, and nothing misspelt beside it.
    std::string kinds;
    for (const char *kind : {"function", "command", "cv"})
      if (c.objective.contains(kind)) kinds += (kinds.empty() ? "\"" : " and \"") + std::string(kind) + "\"";
    if (kinds.find(" and ") != std::string::npos)
      throw invalid_argument("objective: takes exactly one of \"function\", \"command\" or \"cv\"; this one has " + kinds);
    if (c.objective.contains("function")) json::reject_unknown_keys(c.objective, "function", "objective");
    else if (c.objective.contains("command")) json::reject_unknown_keys(c.objective, "command,pass,timeout,cwd", "objective");
    else if (c.objective.contains("cv")) json::reject_unknown_keys(c.objective, "cv", "objective");
    else throw invalid_argument("objective: needs \"function\" (a benchmark), \"command\" (any program) or \"cv\" (a model on a dataset)");
  }
  const BenchmarkProblem *problem = nullptr;
  if (auto function = json::get_string(c.objective, "function", "objective")) {
    problem = find_benchmark(*function);
    if (problem == nullptr) make_function_objective(c.objective);  // throws "unknown function ... (available: ...)"
  }

  c.name = json::get_string(o, "name", "").value_or(problem != nullptr ? problem->name : "study");
  if (c.name.empty()) throw invalid_argument("name: must not be empty");
  std::string direction = json::get_string(o, "direction", "").value_or("minimize");
  if (direction == "minimize") c.direction = 1;
  else if (direction == "maximize") c.direction = -1;
  else throw invalid_argument("direction: must be \"minimize\" or \"maximize\", got \"" + direction + "\"");
  if (const boost::json::value *cv = c.objective.if_contains("cv")) {
    // The metric knows its direction; a config that says otherwise is a mistake worth stopping.
    if (!cv->is_object()) throw invalid_argument("objective.cv: expected an object");
    const int32_t implied = cv_direction(cv->as_object());
    if (o.contains("direction") && implied != c.direction)
      throw invalid_argument("direction: the cv metric is " + std::string(implied > 0 ? "minimised" : "maximised") +
                             "; remove \"direction\" (it follows the metric) or set it to \"" + (implied > 0 ? "minimize" : "maximize") + "\"");
    c.direction = implied;
  }

  auto space = o.find("space");
  if (space != o.end()) {
    c.space = Space::from_json(space->value(), "space");
    if (problem != nullptr) check_function_space(*problem, c.space);
  } else if (problem != nullptr) c.space = Space::from_json(problem->space, "space (of function '" + problem->name + "')");
  else if (c.objective.contains("cv")) c.space = Space();  // the model's default space, filled in by the cv objective
  else throw invalid_argument("space: missing (only a \"function\" or \"cv\" objective brings its own space)");

  if (auto it = o.find("sampler"); it != o.end()) {
    if (it->value().is_string()) {
      c.sampler = std::string(it->value().as_string());
    } else if (it->value().is_object()) {
      const boost::json::object &s = it->value().as_object();
      json::reject_unknown_keys(s, "plugin,seed,options", "sampler");
      c.sampler = json::get_string(s, "plugin", "sampler").value_or("random");
      if (auto seed = json::get_integer(s, "seed", "sampler")) {
        if (*seed < 0) throw invalid_argument("sampler.seed: must be >= 0");
        c.seed = static_cast<uint64_t>(*seed);
      }
      if (const boost::json::object *opts = json::get_object(s, "options", "sampler")) c.sampler_options = *opts;
    } else {
      throw invalid_argument("sampler: expected a plugin name or an object {\"plugin\", \"seed\", \"options\"}");
    }
  }
  if (auto trials = json::get_integer(o, "trials", "")) {
    if (*trials < 0) throw invalid_argument("trials: must be >= 0");
    c.trials = static_cast<uint64_t>(*trials);
  }
  c.base_dir = json::get_string(o, "base_dir", "").value_or(".");
  c.storage = parse_storage_config(o);  // storage/storage_config.cpp
  return c;
}

}  // namespace vernier
