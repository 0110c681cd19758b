// What `vernier tune` prints at the end, built from Study::summary_json.
#ifndef VERNIER_CLI_TUNE_REPORT_HPP
#define VERNIER_CLI_TUNE_REPORT_HPP

#include <ostream>
#include <string>

#include <boost/json.hpp>

namespace vernier_cli {

// The object scripts read from `vernier tune --json`:
// {"study", "direction", "sampler", "seed", "trials": {"complete", "pruned", "failed", "running"},
//  "best_trial", "best_value", "best_params"} (the best_* are null when no trial completed), and for the
// cv objective "test_score" as the summary has it (docs/config.md:
// {"metric", "value", "n_train", "n_test", "test_rows", ..., "trial", "params"}) and, with nested
// CV, "nested_cv": {"metric", "outer", "scores", "mean", "std", "best_params"}.
boost::json::object result_for_scripts(const boost::json::object &summary);

// The same for people: counts by state, then the best trial and its parameters. last_failure, when
// not empty, says why the last failed trial failed (so a broken objective is visible at once).
void print_result(std::ostream &out, const boost::json::object &result, const std::string &last_failure);
// The cv objective's lines: the held-out test score, marked as such (with the test rows of a class, and
// the cells of a categorical level, the training part lacks), and the nested-CV estimate.
void print_cv_results(std::ostream &out, const boost::json::object &result);

}  // namespace vernier_cli

#endif  // VERNIER_CLI_TUNE_REPORT_HPP
