// The CLI's own errors, and where the core's (vernier::Error) become them.
#ifndef VERNIER_CLI_CLI_ERROR_HPP
#define VERNIER_CLI_CLI_ERROR_HPP

#include <stdexcept>
#include <string>

#include "vernier/vernier.hpp"

namespace vernier_cli {

// An error the CLI reports as `vernier: error: <what>` with exit status 1 (as it does a vernier::Error).
class CliError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// f(), with a failure of the core reported as CliError(where + its message). The core's messages already
// name the problem; `where` only adds where it came from (e.g. the config file), ending in ": ".
template <class F>
auto naming_source(const std::string &where, F &&f) -> decltype(f()) {
  try {
    return f();
  } catch (const vernier::Error &e) {
    throw CliError(where + e.what());
  }
}

}  // namespace vernier_cli

#endif  // VERNIER_CLI_CLI_ERROR_HPP
