#include "commands/tune_report.hpp"

#include "json_text.hpp"

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
                    {"best_value", nullptr},                    {"best_params", nullptr}};
  if (best.is_object()) {
    result["best_trial"] = field(best.get_object(), "number");
    result["best_value"] = field(best.get_object(), "value");
    result["best_params"] = field(best.get_object(), "params");
  }
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
  if (!last_failure.empty()) out << "last failure: " << last_failure << '\n';
  if (result.at("best_trial").is_null()) {
    out << "no trial completed (run with -v to see every trial)\n";
    return;
  }
  out << "best trial " << format_value(result.at("best_trial")) << ": value "
      << format_value(result.at("best_value")) << '\n';
  const bj::value &params = result.at("best_params");
  if (params.is_object())
    for (const auto &entry : params.get_object())
      out << "  " << std::string(entry.key()) << " = " << format_value(entry.value()) << '\n';
}

}  // namespace vernier_cli
