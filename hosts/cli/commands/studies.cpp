// `vernier studies FILE [--json]`: the studies a journal holds, Vernier's and Optuna's, with their
// trial counts and best values (vernier::journal_list_json).
#include <iostream>
#include <memory>

#include "commands/commands.hpp"
#include "commands/journal_view.hpp"
#include "json_text.hpp"
#include "table.hpp"
#include "visible_text.hpp"
#include "vernier/vernier.hpp"

namespace vernier_cli {

namespace bj = boost::json;

namespace {

struct StudiesOptions {
  std::string path;
  bool json = false;
};

std::string count(const bj::value &trials, const char *state) { return format_value(trials.at(state)); }

int run_studies(const StudiesOptions &options) {
  bj::object report = journal_report(vernier::journal_list_json(options.path), "journal studies");
  if (options.json) {
    std::cout << to_json(report) << std::endl;
    return 0;
  }
  const bj::array &studies = report.at("studies").as_array();
  if (studies.empty()) {
    std::cout << "no study in " << visible_text(options.path) << '\n';
    return 0;
  }
  Table table({"study", "direction", "complete", "pruned", "failed", "running", "best value", "best trial", "made by"});
  for (const bj::value &entry : studies) {
    const bj::object &s = entry.as_object();
    const bj::value &trials = s.at("trials"), &best = s.at("best");
    table.add({format_value(s.at("name")), s.at("direction").is_string() ? format_value(s.at("direction")) : to_json(s.at("direction")),
               count(trials, "complete"), count(trials, "pruned"), count(trials, "failed"), count(trials, "running"),
               best.is_object() ? format_value(best.at("value")) : "-", best.is_object() ? format_value(best.at("number")) : "-",
               s.at("vernier").as_bool() ? "vernier" : "another program"});
  }
  table.print(std::cout);
  return 0;
}

}  // namespace

Command add_studies_command(CLI::App &app) {
  auto options = std::make_shared<StudiesOptions>();
  CLI::App *sub = app.add_subcommand("studies", "List the studies of a journal file (Vernier's and Optuna's)");
  sub->add_option("FILE", options->path, "A journal file (Optuna's JournalStorage format)")->required()->type_name("FILE");
  sub->add_flag("--json", options->json, "One JSON object: every study with its counts and best trial");
  return {sub, [options](const GlobalOptions &) { return run_studies(*options); }};
}

}  // namespace vernier_cli
