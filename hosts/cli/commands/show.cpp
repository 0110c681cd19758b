// `vernier show STUDY_OR_FILE [--study NAME] [--order best|number] [--json]`: a study's trials as a table
// (best first, or by number) or as JSON. The argument is a journal file, or a study name whose journal is
// <name>.journal in the working directory (where `vernier tune` keeps it by default).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "cli_error.hpp"
#include "commands/commands.hpp"
#include "commands/journal_view.hpp"
#include "json_text.hpp"
#include "table.hpp"
#include "vernier/vernier.hpp"

namespace vernier_cli {

namespace bj = boost::json;
namespace fs = std::filesystem;

namespace {

struct ShowOptions {
  std::string target;
  std::string study;
  std::string order = "best";
  bool json = false;
};

// The journal and study the user means.
void locate(const ShowOptions &options, std::string &path, std::string &study) {
  std::error_code ec;
  study = options.study;
  // Any file that is there (a named pipe too): the core says why it is no journal, if it is not.
  if (fs::exists(options.target, ec) && !fs::is_directory(options.target, ec)) {
    path = options.target;
    return;
  }
  if (!study.empty() || options.target.find('/') != std::string::npos)
    throw CliError("journal file '" + options.target + "' does not exist");
  study = options.target;
  path = default_journal_name(study);
  if (!fs::exists(path, ec))
    throw CliError("no study '" + study + "' here: '" + options.target + "' is not a journal file and there is no " + path +
                   " in the working directory (give the journal file: vernier show FILE [--study NAME])");
}

// Complete trials by value (best first), then the others by number.
void order_best_first(bj::array &trials, bool maximize) {
  auto value = [](const bj::value &t) {
    const bj::value *v = t.as_object().if_contains("value");
    std::optional<double> number = v != nullptr ? number_value(*v) : std::nullopt;
    return number ? *number : std::nan("");
  };
  auto ranked = [&](const bj::value &t) { return t.at("state").as_string() == "complete" && !std::isnan(value(t)); };
  std::stable_sort(trials.begin(), trials.end(), [&](const bj::value &a, const bj::value &b) {
    if (ranked(a) != ranked(b)) return ranked(a);
    if (!ranked(a)) return false;  // stable: by number
    return maximize ? value(a) > value(b) : value(a) < value(b);
  });
}

void print_table(const bj::object &study, const bj::array &trials) {
  std::map<std::string, int> counts;
  for (const bj::value &t : trials) ++counts[format_value(t.at("state"))];
  std::cout << "study '" << format_value(study.at("study")) << "' ("
            << (study.at("direction").is_string() ? format_value(study.at("direction")) : to_json(study.at("direction")))
            << ") in " << format_value(study.at("path")) << ": " << trials.size() << " trials";
  for (const char *state : {"complete", "pruned", "failed", "running", "waiting"})
    if (counts[state] > 0) std::cout << ", " << counts[state] << ' ' << state;
  std::cout << '\n';
  if (trials.empty()) return;
  std::vector<std::string> names;  // every parameter, in order of first appearance
  std::set<std::string> seen;
  for (const bj::value &t : trials)
    for (const auto &p : t.at("params").as_object())
      if (seen.insert(std::string(p.key())).second) names.emplace_back(p.key());
  std::vector<std::string> header = {"trial", "state", "value"};
  header.insert(header.end(), names.begin(), names.end());
  header.push_back("note");
  Table table(header);
  for (const bj::value &entry : trials) {
    const bj::object &t = entry.as_object();
    std::vector<std::string> row = {format_value(t.at("number")), format_value(t.at("state"))};
    const bj::value *value = t.if_contains("value");
    row.push_back(value != nullptr ? (value->is_null() ? "-" : format_value(*value)) : to_json(t.at("values")));
    for (const std::string &name : names) {
      const bj::value *p = t.at("params").as_object().if_contains(name);
      row.push_back(p != nullptr ? format_value(*p) : "-");
    }
    const bj::value *message = t.if_contains("message");
    std::string note = message != nullptr ? format_value(*message) : "";
    if (note.size() > 70) note = note.substr(0, 67) + "...";
    row.push_back(note);
    table.add(row);
  }
  table.print(std::cout);
}

int run_show(const ShowOptions &options) {
  std::string path, study_name;
  locate(options, path, study_name);
  std::optional<std::string> name = study_name.empty() ? std::nullopt : std::optional<std::string>(study_name);
  bj::object study = journal_report(vernier::journal_study_json(path, name), "journal study");
  bj::array &trials = study.at("trials").as_array();
  if (options.order == "best") order_best_first(trials, study.at("direction") == "maximize");
  if (options.json) std::cout << to_json(study) << std::endl;
  else print_table(study, trials);
  return 0;
}

}  // namespace

Command add_show_command(CLI::App &app) {
  auto options = std::make_shared<ShowOptions>();
  CLI::App *sub = app.add_subcommand("show", "Show a study's trials from its journal, best first");
  sub->add_option("STUDY_OR_FILE", options->target,
                  "A journal file, or a study name whose journal is <name>.journal in the working directory")
      ->required();
  sub->add_option("--study", options->study, "The study to show when the journal holds several")->type_name("NAME");
  sub->add_option("--order", options->order, "best (complete trials best first, then the others) or number")
      ->check(CLI::IsMember({"best", "number"}))
      ->type_name("ORDER");
  sub->add_flag("--json", options->json, "One JSON object: the study, its attributes and every trial");
  return {sub, [options](const GlobalOptions &) { return run_show(*options); }};
}

}  // namespace vernier_cli
