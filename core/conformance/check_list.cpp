// The vocabulary of the conformance checks: see check_list.hpp.
#include "conformance/check_list.hpp"

#include <algorithm>

namespace vernier::conformance {

namespace bj = boost::json;

namespace {
CheckHooks *g_hooks = nullptr;  // set only in the child that runs the checks, before any thread starts
}  // namespace

CheckHooks *check_hooks() { return g_hooks; }
void set_check_hooks(CheckHooks *hooks) { g_hooks = hooks; }

void CheckList::add(Check check) {
  if (g_hooks != nullptr) g_hooks->record(check);
  checks_.push_back(std::move(check));
}

bool CheckList::passed() const {
  return std::all_of(checks_.begin(), checks_.end(), [](const Check &c) { return c.passed || c.warning; });
}

bj::object to_json(const Check &c) {
  return bj::object{{"id", c.id},
                    {"rule", c.rule},
                    {"title", c.title},
                    {"passed", c.passed},
                    {"level", c.warning ? "warning" : "error"},
                    {"message", c.message}};
}

bj::array CheckList::to_json() const {
  bj::array out;
  for (const Check &c : checks_) out.push_back(conformance::to_json(c));
  return out;
}

}  // namespace vernier::conformance
