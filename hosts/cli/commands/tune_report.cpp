#include "commands/tune_report.hpp"

#include "json_text.hpp"
#include "visible_text.hpp"

namespace vernier_cli {

namespace bj = boost::json;

namespace {

bj::value field(const bj::object &o, const char *key) {
  const bj::value *v = o.if_contains(key);
  return v != nullptr ? *v : bj::value(nullptr);
}

int64_t count(const bj::object &trials, const char *state) {
  const bj::value *v = trials.if_contains(state);
  return v != nullptr && v->is_int64() ? v->get_int64() : v != nullptr && v->is_uint64() ? static_cast<int64_t>(v->get_uint64()) : 0;
}

}  // namespace

bj::object result_for_scripts(const bj::object &summary) {
  bj::object trials;
  bj::value counts = field(summary, "trials");
  for (const char *state : {"complete", "pruned", "failed", "running"})
    trials[state] = counts.is_object() ? count(counts.get_object(), state) : 0;

  bj::value best = field(summary, "best");
  bj::object result{{"study", field(summary, "study")},         {"direction", field(summary, "direction")},
                    {"sampler", field(summary, "sampler")},     {"seed", field(summary, "seed")},
                    {"trials", std::move(trials)},              {"best_trial", nullptr},
                    {"best_value", nullptr},                    {"best_params", nullptr},
                    {"exhausted", field(summary, "exhausted").is_bool() && field(summary, "exhausted").get_bool()}};
  if (best.is_object()) {
    result["best_trial"] = field(best.get_object(), "number");
    result["best_value"] = field(best.get_object(), "value");
    result["best_params"] = field(best.get_object(), "params");
  }
  // The cv objective's held-out score, whole (docs/config.md: with "test_rows", the rows CV never saw), and
  // nested CV.
  if (bj::value test = field(summary, "test_score"); test.is_object()) result["test_score"] = std::move(test);
  if (bj::value nested = field(summary, "nested_cv"); nested.is_object()) result["nested_cv"] = std::move(nested);
  if (bj::value partial = field(summary, "partial"); partial.is_number()) result["partial"] = std::move(partial);
  return result;
}

void print_result(std::ostream &out, const bj::object &result, const std::string &last_failure) {
  const bj::object &trials = result.at("trials").get_object();
  out << "study " << format_value(result.at("study")) << " (" << format_value(result.at("direction"))
      << "), sampler " << format_value(result.at("sampler")) << ", seed " << format_value(result.at("seed")) << '\n';
  out << "trials: " << count(trials, "complete") << " complete, " << count(trials, "pruned") << " pruned, "
      << count(trials, "failed") << " failed";
  if (int64_t running = count(trials, "running"); running > 0) out << ", " << running << " running";
  out << '\n';
  if (const bj::value *partial = result.if_contains("partial"); partial != nullptr && partial->is_number())
    out << format_value(*partial) << " of the complete trials are partial (written without every parameter of this "
        << "space, e.g. by an Optuna worker): they count for the budget but are never the best (docs/storage.md)\n";
  if (result.at("exhausted").as_bool()) out << "search space exhausted: the sampler has no point left to propose\n";
  if (!last_failure.empty()) out << "last failure: " << visible_text(last_failure) << '\n';
  if (result.at("best_trial").is_null()) {
    out << "no trial completed (run with -v to see every trial)\n";
    return;
  }
  out << "best trial " << format_value(result.at("best_trial")) << ": value "
      << format_value(result.at("best_value")) << '\n';
  const bj::value &params = result.at("best_params");
  if (params.is_object())
    for (const auto &entry : params.get_object())
      out << "  " << visible_text(entry.key()) << " = " << format_value(entry.value()) << '\n';
  print_cv_results(out, result);
}

void print_cv_results(std::ostream &out, const bj::object &result) {
  if (const bj::value *test = result.if_contains("test_score"); test != nullptr && test->is_object()) {
    const bj::object &t = test->get_object();
    out << "test score (held out, scored once after tuning): " << format_value(field(t, "metric")) << ' ';
    if (number_value(field(t, "value")))
      out << format_value(field(t, "value")) << " on " << format_value(field(t, "n_test")) << " rows never used in CV (refitted on "
          << format_value(field(t, "n_train")) << ")\n";
    else
      out << "not computed: " << format_value(field(t, "error")) << '\n';
    // What the training part never showed the model: scored as in production, and said so.
    const bj::value classes = field(t, "unseen_class_rows"), levels = field(t, "unseen_level_cells");
    if (classes.is_number() && classes.to_number<double>() > 0)
      out << "  " << format_value(classes) << " test rows have a class the training part lacks (never predicted, so scored as wrong)\n";
    if (levels.is_number() && levels.to_number<double>() > 0)
      out << "  " << format_value(levels)
          << " test cells have a categorical level the training part lacks (encoded as all zeros, as unknown levels)\n";
  }
  if (const bj::value *nested = result.if_contains("nested_cv"); nested != nullptr && nested->is_object()) {
    const bj::object &n = nested->get_object();
    if (number_value(field(n, "mean")))
      out << "nested CV (" << format_value(field(n, "outer")) << ", " << field(n, "scores").as_array().size()
          << " outer splits): " << format_value(field(n, "metric")) << ' ' << format_value(field(n, "mean")) << " +- "
          << format_value(field(n, "std")) << '\n';
    else
      out << "nested CV failed: " << format_value(field(n, "error")) << '\n';
  }
}

}  // namespace vernier_cli
