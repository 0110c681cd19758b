#include "global_options.hpp"

#include <boost/json.hpp>

namespace vernier_cli {

void add_global_options(CLI::App &app, GlobalOptions &options) {
  // One directory per occurrence (allow_extra_args off), so `--plugin-path d tune x.json` does not
  // swallow the subcommand's arguments.
  app.add_option("--plugin-path", options.plugin_path,
                 "Search DIR, an absolute path, for plugins (repeatable; after VERNIER_PLUGIN_PATH)")
      ->type_name("DIR")
      ->allow_extra_args(false);
  app.add_flag("--allow-unsafe-plugin-dirs", options.allow_unsafe_plugin_dirs,
               "Skip the owner and mode checks of plugin files and directories (by default code is loaded only from "
               "where nobody but root and you can change it)");
  app.add_flag("-v,--verbose", options.verbose, "Log informational messages; print every trial even without a terminal");
}

std::string context_options_json(const GlobalOptions &options) {
  boost::json::array path;
  for (const std::string &dir : options.plugin_path) path.emplace_back(dir);
  boost::json::object o{{"plugin_path", std::move(path)}};
  if (options.allow_unsafe_plugin_dirs) o["allow_unsafe_dirs"] = true;
  if (options.verbose) o["log_level"] = "info";
  return boost::json::serialize(o);
}

vernier::Context open_context(const GlobalOptions &options) {
  return vernier::Context(context_options_json(options));
}

}  // namespace vernier_cli
