// The subcommands of `vernier`. Each add_* registers its CLI11 subcommand with its own options and
// returns the function that runs it once the command line is parsed; that function returns the exit
// status, or throws CliError for `vernier: error: ...` (status 1).
#ifndef VERNIER_CLI_COMMANDS_HPP
#define VERNIER_CLI_COMMANDS_HPP

#include <functional>

#include <CLI/CLI.hpp>

#include "global_options.hpp"

namespace vernier_cli {

struct Command {
  CLI::App *app = nullptr;
  std::function<int(const GlobalOptions &)> run;
};

Command add_plugins_command(CLI::App &app);
Command add_tune_command(CLI::App &app);
Command add_check_command(CLI::App &app);
Command add_show_command(CLI::App &app);     // show.cpp
Command add_studies_command(CLI::App &app);  // studies.cpp

}  // namespace vernier_cli

#endif  // VERNIER_CLI_COMMANDS_HPP
