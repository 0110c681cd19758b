// `vernier plugins [--json]`: what discovery found (kind, name, version, path, summary, options) and
// every library or directory it skipped or refused (core/plugin_host/plugin_trust.hpp) with the reason, straight
// from Context::plugins_json.
#include <iostream>
#include <memory>

#include "commands/commands.hpp"
#include "json_text.hpp"
#include "table.hpp"

namespace vernier_cli {

namespace bj = boost::json;

namespace {

std::string string_field(const bj::object &o, const char *key) {
  const bj::value *v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return "";
  return format_value(*v);
}

// "min 1", "0..1", "one of a, b": whatever bounds an option descriptor states.
std::string option_range(const bj::object &option) {
  std::string min = string_field(option, "min"), max = string_field(option, "max");
  std::string range;
  if (!min.empty() && !max.empty()) range = min + ".." + max;
  else if (!min.empty()) range = ">= " + min;
  else if (!max.empty()) range = "<= " + max;
  const bj::value *choices = option.if_contains("choices");
  if (choices == nullptr) choices = option.if_contains("values");
  if (choices != nullptr && choices->is_array()) {
    std::string list;
    for (const bj::value &c : choices->get_array()) list += (list.empty() ? "" : ", ") + format_value(c);
    range += (range.empty() ? "one of " : "; one of ") + list;
  }
  return range;
}

void print_options(const bj::object &plugin) {
  std::string who = string_field(plugin, "kind") + " '" + string_field(plugin, "name") + "'";
  const bj::value *descriptor = plugin.if_contains("options");
  const bj::value *options = descriptor != nullptr && descriptor->is_object()
                                 ? descriptor->get_object().if_contains("options") : nullptr;
  if (options == nullptr || !options->is_object() || options->get_object().empty()) {
    std::cout << who << ": no options\n";
    return;
  }
  std::cout << who << " options:\n";
  Table table({"NAME", "TYPE", "DEFAULT", "RANGE", "HELP"});
  for (const auto &entry : options->get_object()) {
    bj::object option = entry.value().is_object() ? entry.value().get_object() : bj::object{};
    const bj::value *def = option.if_contains("default");
    table.add({std::string(entry.key()), string_field(option, "type"), def != nullptr ? to_json(*def) : "",
               option_range(option), string_field(option, "help")});
  }
  table.print(std::cout, "  ");
}

void print_report(const bj::object &report) {
  const bj::array &plugins = report.at("plugins").as_array();
  const bj::array &skipped = report.at("skipped").as_array();
  std::string searched;
  for (const bj::value &dir : report.at("search_path").as_array())
    searched += (searched.empty() ? "" : ", ") + format_value(dir);

  if (plugins.empty()) {
    std::cout << "no plugins found\n";
  } else {
    Table table({"KIND", "NAME", "VERSION", "PATH", "SUMMARY"});
    for (const bj::value &p : plugins) {
      const bj::object &o = p.as_object();
      table.add({string_field(o, "kind"), string_field(o, "name"), string_field(o, "version"),
                 string_field(o, "path"), string_field(o, "summary")});
    }
    table.print(std::cout);
    // A bundled component replaced on request (VERNIER_REPLACE_BUNDLED=1) is worth a second look.
    for (const bj::value &p : plugins)
      if (std::string replaced = string_field(p.as_object(), "replaces"); !replaced.empty())
        std::cout << "note: " << string_field(p.as_object(), "kind") << " '" << string_field(p.as_object(), "name")
                  << "' replaces the bundled one from " << replaced << '\n';
    std::cout << '\n';
    for (const bj::value &p : plugins) print_options(p.as_object());
  }
  std::cout << "\nsearched: " << (searched.empty() ? "(no directory)" : searched) << '\n';
  if (!skipped.empty()) {
    std::cout << "skipped:\n";
    for (const bj::value &s : skipped)
      std::cout << "  " << string_field(s.as_object(), "path") << ": " << string_field(s.as_object(), "reason") << '\n';
  }
}

}  // namespace

Command add_plugins_command(CLI::App &app) {
  auto json = std::make_shared<bool>(false);
  CLI::App *sub = app.add_subcommand("plugins", "List the plugins found, their options, and the libraries skipped and why");
  sub->add_flag("--json", *json, "Print the discovery report as JSON");
  return {sub, [json](const GlobalOptions &global) {
            vernier::Context context = open_context(global);
            bj::value report = parse_json(context.plugins_json(), "plugins report");
            if (*json) std::cout << to_json(report, 2) << '\n';
            else print_report(report.as_object());
            return 0;
          }};
}

}  // namespace vernier_cli
