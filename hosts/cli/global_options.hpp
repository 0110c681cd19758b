// Options every command shares (where plugins are searched, logging), and the vernier::Context they make.
#ifndef VERNIER_CLI_GLOBAL_OPTIONS_HPP
#define VERNIER_CLI_GLOBAL_OPTIONS_HPP

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "vernier/vernier.hpp"

namespace vernier_cli {

struct GlobalOptions {
  std::vector<std::string> plugin_path;  // --plugin-path DIR, repeatable, searched in order
  bool allow_unsafe_plugin_dirs = false;  // skip the owner and mode checks of plugin files and directories
  bool verbose = false;                   // log_level "info"; per-trial lines even without a terminal
};

void add_global_options(CLI::App &app, GlobalOptions &options);

// The options object of vernier::Context (vn_context_new) for these settings, as JSON text.
std::string context_options_json(const GlobalOptions &options);

// Creates the context (plugin discovery happens here); throws vernier::Error with the core's message.
vernier::Context open_context(const GlobalOptions &options);

}  // namespace vernier_cli

#endif  // VERNIER_CLI_GLOBAL_OPTIONS_HPP
