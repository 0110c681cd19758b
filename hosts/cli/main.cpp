// `vernier`: tune studies, list plugins, check a plugin library. Parses the command line and maps
// failures to exit statuses: 0 success, 1 an error (`vernier: error: <message>`), 2 a usage error.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli_error.hpp"
#include "commands/commands.hpp"
#include "global_options.hpp"
#include "visible_text.hpp"

using namespace vernier_cli;

namespace {

constexpr int kExitError = 1;
constexpr int kExitUsage = 2;

int report_error(const std::string &message, int status) {
  // Messages quote names and text from configs, journals and programs: shown, never acted on.
  std::cerr << "vernier: error: " << visible_text(message) << '\n';
  return status;
}

}  // namespace

int main(int argc, char **argv) {
  CLI::App app("Vernier: hyperparameter optimisation with run-time plugins.", "vernier");
  app.set_version_flag("--version", std::string("vernier ") + vernier::version());
  app.require_subcommand(1);
  app.fallthrough();  // global options are accepted after the subcommand too (inherited by subcommands)
  app.footer("Plugins are searched in VERNIER_PLUGIN_PATH, the --plugin-path directories, then the install directory.");

  GlobalOptions global;
  add_global_options(app, global);
  std::vector<Command> commands = {add_plugins_command(app), add_tune_command(app), add_check_command(app),
                                  add_show_command(app), add_studies_command(app)};

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);  // --help, --version
    return report_error(std::string(e.what()) + " (see vernier --help)", kExitUsage);
  }

  try {
    for (const Command &command : commands)
      if (command.app->parsed()) return command.run(global);
  } catch (const CliError &e) {
    return report_error(e.what(), kExitError);
  } catch (const vernier::Error &e) {  // the core's message names the problem
    return report_error(e.what(), kExitError);
  } catch (const std::exception &e) {
    return report_error(std::string("internal error: ") + e.what(), kExitError);
  }
  return report_error("no command given (see vernier --help)", kExitUsage);
}
