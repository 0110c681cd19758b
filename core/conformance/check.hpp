// The conformance machinery behind `vernier check` and vn_check_plugin: library-level checks of the ABI
// rules (docs/abi.md, VN-ABI-1..9) plus the suite of each component's kind. Every check is recorded with
// its id, the rule it enforces and a message; one failing check never stops the others, and a broken
// library is a failed check, never an exception out of here.
#ifndef VERNIER_CORE_CONFORMANCE_CHECK_HPP
#define VERNIER_CORE_CONFORMANCE_CHECK_HPP

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>

namespace vernier::conformance {

struct Check {
  std::string id;       // "library.one_symbol", "sampler.bounds", ...
  std::string rule;     // "VN-ABI-1", ..., or the header whose contract it checks ("sampler.h")
  std::string title;    // what must hold, as one sentence
  bool passed = false;
  std::string message;  // why it failed, or a note on what was seen when it passed
  bool warning = false; // warning level: a failure is reported but does not fail the verdict
};

// Thrown by a check's body to fail it with a message.
class Failure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
[[noreturn]] inline void fail(const std::string &message) { throw Failure(message); }

// The checks of one library or component, in the order they ran.
class CheckList {
 public:
  // Runs body(), which returns a note (may be empty) when the check holds and throws Failure (or
  // anything else) when it does not. Throws only std::bad_alloc; returns whether the check passed.
  template <class Body>
  bool run(std::string id, std::string rule, std::string title, Body &&body, bool warning = false) {
    Check c{std::move(id), std::move(rule), std::move(title), false, {}, warning};
    try {
      c.message = body();
      c.passed = true;
    } catch (const Failure &e) {
      c.message = e.what();
    } catch (const std::exception &e) {
      c.message = std::string("the check itself failed: ") + e.what();
    } catch (...) {
      c.message = "the check itself failed with an unknown exception";
    }
    bool passed = c.passed;
    add(std::move(c));
    return passed;
  }
  void add(Check check);

  const std::vector<Check> &checks() const { return checks_; }
  // True when every check that is not warning-level passed.
  bool passed() const;
  // [{"id", "rule", "title", "passed", "level", "message"}...]
  boost::json::array to_json() const;

 private:
  std::vector<Check> checks_;
};

// Checks the plugin library at `path` (see vn_check_plugin in vernier.h for the report's shape):
//   {"path", "passed", "checks": [...], "components": [{"kind", "name", "passed", "checks": [...]}...]}
// The library is loaded privately (its own Registry), so nothing the caller has loaded changes.
boost::json::object check_plugin_library(const std::string &path);

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_CHECK_HPP
