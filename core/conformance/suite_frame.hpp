// The frame every kind's conformance suite fills in (as Optuna's pytest_samplers.py serves every sampler).
// A kind writes a probe (probe_base.hpp), a fixture deriving from SuiteFixture<its probe> with the data
// its checks share, and declares its checks, each with what it needs:
//
//   const SuiteDeclaration<Suite> kSuite{"sampler", "create, suggest, last_error or destroy",
//                                        "suggest writes only ...",
//                                        {{"bounds", "sampler.h", "suggestions ... are valid", check_bounds}, ...}};
//   CheckList run_sampler_suite(const Registry &r, const Component &c) { return run_suite(r, c, kSuite); }
//
// and adds run_<kind>_suite to kind_suites.cpp. The frame builds the fixture (a failure is the check
// "<kind>.suite"), runs "<kind>.create" and "<kind>.unknown_option" (VN-ABI-3), then the declared checks
// in order, each skipped unless the checks it needs passed, and ends with the checks over what every probe
// observed (observed_checks.hpp: <kind>.last_error, firewall, buffers, host_services, log_severity).
// Loading, crash isolation and the report are the orchestrator's (check.hpp).
#ifndef VERNIER_CORE_CONFORMANCE_SUITE_FRAME_HPP
#define VERNIER_CORE_CONFORMANCE_SUITE_FRAME_HPP

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "plugin_host/registry.hpp"
#include "conformance/check_list.hpp"
#include "conformance/observed_checks.hpp"
#include "conformance/probe_common.hpp"
#include "conformance/recording_host.hpp"
#include "conformance/shared_checks.hpp"

namespace vernier::conformance {

// What every check of one component's suite shares: the component, the host handed to the plugin, what
// every probe observed, and new probes. A kind's fixture derives from it and adds its own data; the
// frame constructs it from (registry, component).
template <class ProbeT>
struct SuiteFixture {
  using Probe = ProbeT;
  const Registry &registry;
  const Component &component;
  RecordingHost host;
  Observations seen;

  SuiteFixture(const Registry &r, const Component &c) : registry(r), component(c), host(r, true) {}
  // A fresh instance created from config (throws Failure saying what broke).
  std::unique_ptr<Probe> probe(const std::string &config = "{}") {
    return std::make_unique<Probe>(component, host.host(), seen, config);
  }
};

enum class Level { error, warning };  // a failed warning is reported but does not fail the verdict

// One check of a kind's suite, run as "<kind>.<name>" once every check named in `needs` passed (so a
// check that cannot run is left out of the report).
template <class Fixture>
struct SuiteCheck {
  const char *name;   // "bounds"
  const char *rule;   // "VN-ABI-8", or the header whose contract it checks ("sampler.h")
  const char *title;  // what must hold, as one sentence
  std::function<std::string(Fixture &)> body;  // a note when it holds; throws Failure (fail()) when not
  std::vector<const char *> needs = {"create"};
  Level level = Level::error;
};

template <class Fixture>
struct SuiteDeclaration {
  const char *kind;     // "sampler": the prefix of every check id
  const char *calls;    // which calls <kind>.firewall covers: "create, suggest, last_error or destroy"
  const char *buffers;  // the title of <kind>.buffers: which outputs a call writes and which views it leaves
  std::vector<SuiteCheck<Fixture>> checks;  // in the order they run
};

// A check with its fixture bound, as the frame's runner takes it.
struct BoundCheck {
  std::string name;
  std::string rule;
  std::string title;
  std::function<std::string()> body;
  std::vector<const char *> needs;
  bool warning = false;
};

// Runs checks into list as "<kind>.<name>", each once the checks it needs have passed.
void run_bound_checks(CheckList &list, const std::string &kind, const std::vector<BoundCheck> &checks);

// The check "<kind>.suite", failed: the suite's own fixtures could not be built.
void fixtures_failed(CheckList &list, const std::string &kind, const std::string &what);

// "create(\"{}\") gives an instance and a complete vn_sampler_vtable of ABI 1.0 size"
std::string create_title(const char *vtable_name);

// Runs `suite` against `component` (of `registry`, of the suite's kind). Never throws but bad_alloc.
template <class Fixture>
CheckList run_suite(const Registry &registry, const Component &component, const SuiteDeclaration<Fixture> &suite) {
  using Probe = typename Fixture::Probe;
  CheckList list;
  std::unique_ptr<Fixture> fixture;
  try {
    fixture = std::make_unique<Fixture>(registry, component);
  } catch (const std::exception &e) {
    fixtures_failed(list, suite.kind, e.what());
    return list;
  }
  Fixture &f = *fixture;
  std::vector<BoundCheck> checks;
  checks.push_back({"create", "VN-ABI-3", create_title(Probe::kContract.name),
                    [&f] {
                      f.probe();
                      return std::string();
                    },
                    {}});
  checks.push_back({"unknown_option", "VN-ABI-3", "an unknown option is refused with VN_E_INVALID and a message naming it",
                    [&f] { return check_unknown_option_refused<typename Probe::Vtable>(f.component, f.host.host(), f.seen); },
                    {}});
  for (const SuiteCheck<Fixture> &c : suite.checks)
    checks.push_back({c.name, c.rule, c.title, [&f, &c] { return c.body(f); }, c.needs, c.level == Level::warning});
  run_bound_checks(list, suite.kind, checks);
  add_observed_checks(list, {suite.kind, suite.calls, suite.buffers}, f.seen, f.host);
  return list;
}

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_SUITE_FRAME_HPP
