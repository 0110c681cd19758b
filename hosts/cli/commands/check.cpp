// `vernier check PATH.so [--json]`: the conformance suite of the plugin's kind against one library a
// plugin author has just built (Context::check_plugin). Prints every check, which numbered ABI rule a
// failure breaks, and a verdict; exit status 0 only when everything passes.
#include <iostream>
#include <memory>
#include <string>

#include "commands/commands.hpp"
#include "json_text.hpp"
#include "visible_text.hpp"

namespace vernier_cli {

namespace bj = boost::json;

namespace {

struct CheckOptions {
  std::string path;
  bool json = false;
};

struct Tally {
  int passed = 0;
  int failed = 0;
  int warnings = 0;  // failed checks of level "warning": shown, but not errors
};

std::string text_of(const bj::object &o, const char *key) {
  const bj::value *v = o.if_contains(key);
  return v == nullptr || v->is_null() ? std::string() : format_value(*v);
}

// The rule a check enforces: "VN-ABI-n" when the report gives the number alone, else as written
// ("VN-ABI-3", or a header such as "sampler.h" for contracts stated there); "" when none.
std::string rule_of(const bj::object &check) {
  std::string rule = text_of(check, "rule");
  bool number = !rule.empty() && rule.find_first_not_of("0123456789") == std::string::npos;
  return number ? "VN-ABI-" + rule : rule;
}

void print_checks(const bj::value *checks, Tally &tally) {
  if (checks == nullptr || !checks->is_array()) return;
  for (const bj::value &c : checks->get_array()) {
    const bj::object &check = c.as_object();
    const bj::value *passed = check.if_contains("passed");
    bool ok = passed != nullptr && passed->is_bool() && passed->get_bool();
    bool warning = text_of(check, "level") == "warning";
    std::string line = std::string(ok ? "PASS  " : warning ? "WARN  " : "FAIL  ") + text_of(check, "id") + "  " +
                       text_of(check, "title");
    if (!ok) {
      std::string message = text_of(check, "message"), rule = rule_of(check);
      if (!message.empty()) line += " \u2014 " + message;
      if (!rule.empty()) line += " [" + rule + "]";
    }
    std::cout << "  " << visible_text(line) << '\n';  // a plugin's messages are its own text
    ++(ok ? tally.passed : warning ? tally.warnings : tally.failed);
  }
}

void print_report(const bj::object &report, const std::string &path, Tally &tally) {
  std::cout << "library " << visible_text(path) << '\n';
  print_checks(report.if_contains("checks"), tally);
  const bj::value *components = report.if_contains("components");
  if (components == nullptr || !components->is_array()) return;
  for (const bj::value &c : components->get_array()) {
    const bj::object &component = c.as_object();
    std::cout << text_of(component, "kind") << " '" << visible_text(text_of(component, "name")) << "'\n";
    print_checks(component.if_contains("checks"), tally);
  }
}

int run_check(const GlobalOptions &global, const CheckOptions &options) {
  vernier::Context context = open_context(global);
  bj::value report = parse_json(context.check_plugin(options.path), "check report");
  const bj::value *verdict = report.is_object() ? report.get_object().if_contains("passed") : nullptr;
  bool passed = verdict != nullptr && verdict->is_bool() && verdict->get_bool();

  if (options.json) {
    std::cout << to_json(report, 2) << '\n';
  } else {
    Tally tally;
    print_report(report.as_object(), options.path, tally);
    int total = tally.passed + tally.failed + tally.warnings;
    std::string warnings = tally.warnings == 0 ? "" : " (" + std::to_string(tally.warnings) + " warning" +
                                                           (tally.warnings == 1 ? ")" : "s)");
    // The verdict is the report's own "passed"; the counts only describe it.
    if (passed && tally.warnings == 0) std::cout << "PASSED: all " << total << " checks pass\n";
    else if (passed) std::cout << "PASSED: " << tally.passed << " of " << total << " checks pass" << warnings << '\n';
    else std::cout << "FAILED: " << tally.failed << " of " << total << " checks fail" << warnings << '\n';
  }
  return passed ? 0 : 1;
}

}  // namespace

Command add_check_command(CLI::App &app) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App *sub = app.add_subcommand("check", "Run the conformance suite against one plugin library (e.g. one you just built)");
  sub->add_option("PLUGIN", options->path, "The plugin's shared library")->required()->type_name("PATH.so");
  sub->add_flag("--json", options->json, "Print the report as JSON");
  return {sub, [options](const GlobalOptions &global) { return run_check(global, *options); }};
}

}  // namespace vernier_cli
