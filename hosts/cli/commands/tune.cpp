// `vernier tune CONFIG.json [--trials N] [--seed N] [--storage FILE] [--json]`: runs the config's objective
// (a benchmark function or an external command) through Study::run, with a progress line, then prints
// the best trial; with --json, one JSON object on the last line of stdout for scripts. The study is kept
// in a journal (announced on stderr's first line); running the same command again resumes it.
#include <csignal>
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli_error.hpp"
#include "commands/commands.hpp"
#include "commands/tune_config.hpp"
#include "commands/tune_progress.hpp"
#include "commands/tune_report.hpp"
#include "interrupt_signals.hpp"
#include "json_text.hpp"

namespace vernier_cli {

namespace bj = boost::json;

namespace {

struct TuneOptions {
  std::string config_path;
  uint64_t trials = 0;  // 0: the config's "trials"
  std::optional<uint64_t> seed;
  std::optional<std::string> storage;  // --storage FILE
  bool json = false;
};

// The first line: where the study is kept, and whether this run starts it or continues it.
void announce_storage(const vernier::Study &study) {
  bj::value summary = parse_json(study.summary_json(), "study summary");
  const bj::object &s = summary.as_object();
  std::string name = format_value(s.at("study")), storage = s.contains("storage") ? format_value(s.at("storage")) : "memory";
  int64_t finished = 0;
  for (const char *state : {"complete", "pruned", "failed"}) finished += s.at("trials").at(state).to_number<int64_t>();
  if (storage == "memory")
    std::cerr << "study '" << name << "' in memory: nothing is kept (--storage FILE keeps it)" << std::endl;
  else if (finished == 0)
    std::cerr << "study '" << name << "' in " << storage << std::endl;
  else
    std::cerr << "study '" << name << "' resumed from " << storage << ": " << finished << " finished trials" << std::endl;
}

// "trial 7: exit status 1" for the last failed trial that says why, or "".
std::string last_failure(const vernier::Study &study) {
  bj::value trials = parse_json(study.trials_json(), "trials");
  std::string found;
  if (!trials.is_array()) return found;
  for (const bj::value &t : trials.get_array()) {
    const bj::object &o = t.as_object();
    const bj::value *state = o.if_contains("state"), *message = o.if_contains("message");
    if (state != nullptr && state->is_string() && state->get_string() == "failed" && message != nullptr)
      found = "trial " + format_value(o.at("number")) + ": " + format_value(*message);
  }
  return found;
}

int run_tune(const GlobalOptions &global, const TuneOptions &options) {
  std::string config =
      prepare_config(read_config_file(options.config_path), options.config_path, options.seed, options.storage);
  vernier::Context context = open_context(global);
  const std::string where = options.config_path + ": ";
  vernier::Study study = naming_source(where, [&] { return vernier::Study(context, config); });
  announce_storage(study);

  {
    Progress progress(global.verbose);
    InterruptSignals signals;
    try {
      study.run(options.trials, [&progress](const std::string &line) { progress.show(line); });
      progress.finish();
    } catch (const vernier::Error &e) {
      progress.finish();
      if (e.status() != VN_E_INTERRUPTED) throw CliError(where + e.what());
      const int signal_number = InterruptSignals::received();
      std::cerr << "vernier: interrupted by " << signal_label(signal_number)
                << ": the trial under way is recorded as failed and the finished ones are kept; "
                << "run the same command again to resume the study" << std::endl;
      return 128 + (signal_number != 0 ? signal_number : SIGINT);
    }
  }

  bj::value summary = parse_json(study.summary_json(), "study summary");
  bj::object result = result_for_scripts(summary.as_object());
  if (options.json) {
    std::cout << to_json(result) << std::endl;  // one line: `tail -n 1` gives the whole object
  } else {
    std::string failure = result.at("trials").at("failed").as_int64() > 0 ? last_failure(study) : "";
    print_result(std::cout, result, failure);
  }
  return 0;
}

// Accepts a whole number >= minimum. (CLI11's own range validators print the bound as a 300-digit
// double, and an unsigned option would otherwise wrap "-1" around.)
CLI::Validator whole_number(uint64_t minimum) {
  return CLI::Validator(
      [minimum](std::string &text) -> std::string {
        bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        uint64_t value = 0;
        try {
          if (digits) value = std::stoull(text);
        } catch (const std::exception &) {
          return "'" + text + "' is too large";
        }
        if (!digits || value < minimum) return "expected a whole number >= " + std::to_string(minimum) + ", got '" + text + "'";
        return "";
      },
      "");
}

}  // namespace

Command add_tune_command(CLI::App &app) {
  auto options = std::make_shared<TuneOptions>();
  CLI::App *sub = app.add_subcommand("tune", "Run a study from a JSON config and print its best trial");
  sub->add_option("CONFIG", options->config_path, "The study config (JSON); see docs/config.md")
      ->required()
      ->type_name("CONFIG.json");
  sub->add_option("--trials", options->trials, "Run until the study has N finished trials (default: the config's \"trials\")")
      ->type_name("N")
      ->check(whole_number(1));
  sub->add_option("--seed", options->seed, "Override the sampler's seed (default: the config's, else a fresh one)")
      ->type_name("N")
      ->check(whole_number(0));
  sub->add_option("--storage", options->storage,
                  "Keep the study in this journal file (Optuna's JournalStorage format; resumed when it holds the "
                  "study). Default: the config's \"storage\", else <study name>.journal in the working directory; "
                  ":memory: keeps nothing")
      ->type_name("FILE")
      ->check(CLI::Validator([](std::string &text) { return text.empty() ? std::string("the storage path is empty") : std::string(); }, ""));
  sub->add_flag("--json", options->json, "End with one JSON object on stdout: counts by state, best value and parameters");
  return {sub, [options](const GlobalOptions &global) { return run_tune(global, *options); }};
}

}  // namespace vernier_cli
