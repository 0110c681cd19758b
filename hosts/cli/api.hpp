// The C API of vernier.h, made safe to use from C++: failures become exceptions carrying
// vn_last_error(), and the handles and strings the core allocates are freed by RAII.
#ifndef VERNIER_CLI_API_HPP
#define VERNIER_CLI_API_HPP

#include <memory>
#include <stdexcept>
#include <string>

#include "vernier/vernier.h"

namespace vernier_cli {

// An error the CLI reports as `vernier: error: <what>` with exit status 1.
class CliError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws CliError(context + vn_last_error()) unless status is VN_OK. The core's messages already name
// the problem; `context` only adds where it came from (e.g. the config file), ending in ": ".
inline void check(vn_status status, const std::string &context = "") {
  if (status != VN_OK) throw CliError(context + vn_last_error());
}

struct ContextFree {
  void operator()(vn_context *c) const { vn_context_free(c); }
};
struct StudyFree {
  void operator()(vn_study *s) const { vn_study_free(s); }
};
using ContextPtr = std::unique_ptr<vn_context, ContextFree>;
using StudyPtr = std::unique_ptr<vn_study, StudyFree>;

// Copies a string the core returned through char ** and frees the original with vn_free.
inline std::string take_string(char *owned) {
  std::unique_ptr<char, decltype(&vn_free)> guard(owned, &vn_free);
  return owned != nullptr ? std::string(owned) : std::string();
}

}  // namespace vernier_cli

#endif  // VERNIER_CLI_API_HPP
