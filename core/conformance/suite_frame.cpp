// The frame of every kind's conformance suite: see suite_frame.hpp.
#include "conformance/suite_frame.hpp"

#include <algorithm>
#include <set>

namespace vernier::conformance {

void run_bound_checks(CheckList &list, const std::string &kind, const std::vector<BoundCheck> &checks) {
  std::set<std::string> passed;
  for (const BoundCheck &c : checks) {
    if (!std::all_of(c.needs.begin(), c.needs.end(), [&](const char *need) { return passed.count(need) > 0; })) continue;
    if (list.run(kind + "." + c.name, c.rule, c.title, c.body, c.warning)) passed.insert(c.name);
  }
}

void fixtures_failed(CheckList &list, const std::string &kind, const std::string &what) {
  list.run(kind + ".suite", "", "the suite's own fixtures", [&]() -> std::string { fail(what); });
}

std::string create_title(const char *vtable_name) {
  return std::string("create(\"{}\") gives an instance and a complete ") + vtable_name + " of ABI 1.0 size";
}

}  // namespace vernier::conformance
