// An interrupted trial (trial_retry.hpp; docs/storage.md, "What a resume reproduces"): a run stopped by
// Ctrl-C mid-trial records the trial as interrupted; the next run re-runs its parameters first, does not
// count it, and ends with the trials of an uninterrupted run. A trial that fails on its own stays a
// plain failure. In the journal and in memory. (Worker deaths: fault_tests.py's kill_mid_trial.)
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "base/error.hpp"
#include "base/interrupt.hpp"
#include "journal_test_support.hpp"
#include "objectives/objective.hpp"
#include "storage/storage.hpp"

using namespace vernier;
using namespace journal_test;

namespace {

// Trial `fails` fails on its own; trial `stops` (once) is interrupted as by Ctrl-C.
class Scripted final : public Objective {
 public:
  Scripted(int64_t fails, int64_t stops) : fails_(fails), stops_(stops) {}
  Outcome evaluate(const boost::json::object &params, int64_t trial_number) override {
    if (trial_number == stops_) {
      stops_ = -1;
      throw interrupted("test study");
    }
    Outcome o;
    if (trial_number == fails_) {
      o.message = "fails on its own";
      return o;
    }
    o.state = VN_TRIAL_COMPLETE;
    o.value = params.at("lr").as_double() * static_cast<double>(params.at("depth").as_int64());
    return o;
  }

 private:
  int64_t fails_, stops_;
};

std::unique_ptr<Study> memory_study(const std::string &text) {
  StudyConfig config = StudyConfig::parse(json::parse_object(text, "test config"));
  return std::make_unique<Study>(plugins(), std::move(config), make_memory_storage());
}

}  // namespace

TEST_CASE("a trial interrupted mid-run is re-run with its parameters and not counted") {
  TempDir dir;
  const bool in_journal = GENERATE(true, false);
  INFO((in_journal ? "journal" : "memory"));
  auto study_of = [&](const std::string &name, std::unique_ptr<Opened> &keep) {
    // tpe learns from the history: the interrupted trial must not be in it.
    std::string text = config_text(dir.file(name));
    const std::string random = R"({"plugin": "random", "seed": 5})";
    text.replace(text.find(random), random.size(), R"({"plugin": "tpe", "seed": 4, "options": {"n_startup_trials": 2}})");
    if (in_journal) {
      keep = open(text);
      return keep->study.get();
    }
    keep = std::make_unique<Opened>();
    keep->study = memory_study(text);
    return keep->study.get();
  };
  std::unique_ptr<Opened> a, b;
  Study *whole = study_of("whole.journal", a);
  whole->set_objective(std::make_unique<Scripted>(1, -1));
  whole->run(7, {});

  Study *stopped = study_of("stopped.journal", b);
  stopped->set_objective(std::make_unique<Scripted>(1, 4));
  int32_t status = VN_OK;
  try {
    stopped->run(7, {});
  } catch (const Error &e) {
    status = e.status();
  }
  CHECK(status == VN_E_INTERRUPTED);
  stopped->run(7, {});  // resumes: the retry first, then the rest of the budget

  boost::json::array w = whole->trials_json(), s = stopped->trials_json();
  REQUIRE(w.size() == 7);
  REQUIRE(s.size() == 8);  // the interrupted trial is not counted
  CHECK(s[4].at("state") == "failed");
  CHECK(s[4].at("message") == "interrupted");
  CHECK(s[5].at("params") == s[4].at("params"));  // re-run with its parameters
  CHECK(s[1].at("state") == "failed");             // a trial failing on its own stays failed, not re-run
  s.erase(s.begin() + 4);
  for (std::size_t i = 0; i < w.size(); ++i) {
    INFO("trial " << i);
    CHECK(s[i].at("state") == w[i].at("state"));
    CHECK(s[i].at("params") == w[i].at("params"));
    CHECK(s[i].at("value") == w[i].at("value"));
  }
}
