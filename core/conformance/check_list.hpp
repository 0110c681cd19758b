// The vocabulary of the conformance checks, shared by the library checks and every kind's suite: a check's
// record (id, rule, title, verdict, message), the list a suite fills, and how a check's body fails. Every
// check is recorded with its id, the rule it enforces and a message; one failing check never stops the
// others, and a broken library is a failed check, never an exception out of here.
#ifndef VERNIER_CORE_CONFORMANCE_CHECK_LIST_HPP
#define VERNIER_CORE_CONFORMANCE_CHECK_LIST_HPP

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

// {"id", "rule", "title", "passed", "level", "message"}
boost::json::object to_json(const Check &check);

// Thrown by a check's body to fail it with a message.
class Failure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
[[noreturn]] inline void fail(const std::string &message) { throw Failure(message); }

// Where the checks report as they run, in the child process that runs them (isolation.hpp): the parent
// learns which check was under way when a plugin crashed the child, and a check that crashed an earlier
// child is recorded as failed with the crash instead of being run again. nullptr elsewhere.
class CheckHooks {
 public:
  virtual ~CheckHooks() = default;
  // A check is about to run; returns the failure message to record instead when it crashed before.
  virtual const std::string *begin(const std::string &id) = 0;
  virtual void record(const Check &check) = 0;
  // The checks that follow belong to this component's suite.
  virtual void enter_component(const char *kind, const char *name) = 0;
};
CheckHooks *check_hooks();
void set_check_hooks(CheckHooks *hooks);

// The checks of one library or component, in the order they ran.
class CheckList {
 public:
  // Runs body(), which returns a note (may be empty) when the check holds and throws Failure (or
  // anything else) when it does not. Throws only std::bad_alloc; returns whether the check passed.
  template <class Body>
  bool run(std::string id, std::string rule, std::string title, Body &&body, bool warning = false) {
    Check c{std::move(id), std::move(rule), std::move(title), false, {}, warning};
    if (CheckHooks *hooks = check_hooks()) {
      if (const std::string *crash = hooks->begin(c.id)) {
        c.message = *crash;
        add(std::move(c));
        return false;
      }
    }
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
  void add(Check check);  // also reports it to check_hooks()

  const std::vector<Check> &checks() const { return checks_; }
  // True when every check that is not warning-level passed.
  bool passed() const;
  // [{"id", "rule", "title", "passed", "level", "message"}...]
  boost::json::array to_json() const;

 private:
  std::vector<Check> checks_;
};

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_CHECK_LIST_HPP
