// Resuming is opening the same journal: the trials are all there, the next suggestions are the ones an
// uninterrupted study would have made, and a different study is refused with the difference named.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <initializer_list>
#include <string>

#include "base/error.hpp"
#include "journal_test_support.hpp"

using namespace vernier;
using namespace journal_test;

namespace {

// Opening the study of `text` must fail with a message that mentions each of `mentions`.
void expect_refused(const std::string &text, std::initializer_list<std::string> mentions) {
  try {
    open(text);
    FAIL("opened: " << text);
  } catch (const Error &e) {
    INFO(e.what());
    for (const std::string &m : mentions) CHECK(std::string(e.what()).find(m) != std::string::npos);
  }
}

// Runs ask/tell for trials [from, to) with a deterministic objective, intermediate values included.
void run_trials(Study &study, int from, int to) {
  for (int i = from; i < to; ++i) {
    AskedTrial t = study.ask();
    REQUIRE(t.number == i);
    study.report(t.number, 0, t.params[0] * 2);
    if (i % 5 == 3) study.tell(t.number, VN_TRIAL_FAILED, 0);
    else if (i % 5 == 4) study.tell(t.number, VN_TRIAL_PRUNED, 0);
    else study.tell(t.number, VN_TRIAL_COMPLETE, std::log(t.params[0]) + t.params[2]);
  }
}

}  // namespace

TEST_CASE("a study resumed from its journal continues exactly where it stopped") {
  TempDir dir;
  auto whole = open(config_text(dir.file("whole.journal")));
  run_trials(*whole->study, 0, 12);

  auto first = open(config_text(dir.file("split.journal")));
  run_trials(*first->study, 0, 5);
  first.reset();  // the process ends
  auto second = open(config_text(dir.file("split.journal")));
  CHECK(second->study->count(-1) == 5);
  run_trials(*second->study, 5, 12);

  boost::json::array a = whole->study->trials_json(), b = second->study->trials_json();
  REQUIRE(a.size() == 12);
  REQUIRE(b.size() == 12);
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("trial " << i);
    CHECK(a[i].at("params") == b[i].at("params"));
    CHECK(a[i].at("state") == b[i].at("state"));
    CHECK(a[i].at("value") == b[i].at("value"));
    CHECK(a[i].at("intermediate") == b[i].at("intermediate"));
  }
  CHECK(whole->warnings.empty());
  CHECK(second->warnings.empty());
}

TEST_CASE("a config without a seed continues with the stored one") {
  TempDir dir;
  const std::string journal = dir.file("s.journal");
  std::string no_seed = config_text(journal);
  no_seed.replace(no_seed.find(", \"seed\": 5"), 11, "");
  auto first = open(no_seed);
  const uint64_t seed = first->study->seed();
  run_trials(*first->study, 0, 2);
  first.reset();
  auto second = open(no_seed);
  CHECK(second->study->seed() == seed);
}

TEST_CASE("resuming with another direction, space, sampler or seed is refused, naming the difference") {
  TempDir dir;
  const std::string journal = dir.file("r.journal");
  open(config_text(journal))->study->ask();
  const std::string before = read_all(journal);

  auto refused = [&](const std::string &text, const std::string &mention) {
    expect_refused(text, {mention, "mixed"});
    CHECK(read_all(journal) == before);  // nothing written
  };
  refused(config_text(journal, R"("direction": "maximize")"), "direction");
  std::string other_space = config_text(journal);
  other_space.replace(other_space.find("\"high\": 8"), 9, "\"high\": 9");
  refused(other_space, "depth");
  std::string other_seed = config_text(journal);
  other_seed.replace(other_seed.find("\"seed\": 5"), 9, "\"seed\": 6");
  refused(other_seed, "seed 5");
  std::string other_sampler = config_text(journal);
  other_sampler.replace(other_sampler.find("\"plugin\": \"random\""), 18, "\"plugin\": \"grid\"");
  refused(other_sampler, "sampler");
}

TEST_CASE("several studies share one journal, told apart by name") {
  TempDir dir;
  const std::string journal = dir.file("many.journal");
  auto a = open(config_text(journal));
  std::string other = config_text(journal);
  other.replace(other.find("\"mixed\""), 7, "\"other\"");
  auto b = open(other);
  run_trials(*a->study, 0, 3);
  run_trials(*b->study, 0, 4);  // numbers count within each study
  run_trials(*a->study, 3, 5);
  CHECK(a->study->count(-1) == 5);
  CHECK(b->study->count(-1) == 4);
}

TEST_CASE("study and trial attributes are kept") {
  TempDir dir;
  const std::string journal = dir.file("a.journal");
  {
    auto s = open(config_text(journal));
    AskedTrial t = s->study->ask();
    s->study->set_trial_attr(t.number, "fold_scores", boost::json::array{0.5, 0.25}, AttrKind::system);
    s->study->set_attr("vernier:test_score", boost::json::object{{"metric", "rmse"}, {"value", 1.5}}, AttrKind::system);
    s->study->set_attr("note", "for people", AttrKind::user);
  }
  auto s = open(config_text(journal));
  CHECK(s->study->attrs(AttrKind::system).at("vernier:test_score").at("value") == 1.5);
  CHECK(s->study->attrs(AttrKind::user).at("note") == "for people");
  CHECK(s->study->attrs(AttrKind::system).contains("vernier:space"));
  boost::json::array trials = s->study->trials_json();
  REQUIRE(trials.size() == 1);
}

TEST_CASE("the memory storage keeps attributes too") {
  auto s = open(R"({"name": "m", "storage": ":memory:", "space": [{"name": "x", "type": "float", "low": 0, "high": 1}]})");
  s->study->set_attr("k", 3, AttrKind::user);
  CHECK(s->study->attrs(AttrKind::user).at("k") == 3);
  CHECK(s->study->storage_description() == "memory");
}

TEST_CASE("resuming with another objective is refused; a setting that leaves the scores alone is not") {
  TempDir dir;
  const std::string journal = dir.file("o.journal");
  auto config = [&](const std::string &objective) {
    return R"({"name": "scored", "sampler": {"plugin": "random", "seed": 5}, "storage": ")" + journal + R"(",
      "space": [{"name": "x0", "type": "float", "low": 0, "high": 1}, {"name": "x1", "type": "float", "low": 0, "high": 1}],
      "objective": )" + objective + "}";
  };
  auto write_csv = [&](const std::string &name, double shift) {
    std::ofstream out(dir.file(name));
    out << "a,b,y\n";
    for (int i = 0; i < 30; ++i) out << i << "," << (i * 7) % 11 << "," << 2.0 * i + shift << "\n";
    return dir.file(name);
  };
  const std::string command = R"({"command": ["/bin/sh", "-c", "echo 1"], "timeout": 5})";
  open(config(command))->study->ask();
  // The timeout changes no score: the study resumes.
  CHECK_NOTHROW(open(config(R"({"command": ["/bin/sh", "-c", "echo 1"], "timeout": 9})")));
  const std::string before = read_all(journal);

  auto refused = [&](const std::string &text, const std::string &mention) {
    expect_refused(text, {"was scored by another objective", mention});
    CHECK(read_all(journal) == before);  // nothing written
  };
  refused(config(R"({"command": ["/bin/sh", "-c", "echo 2"]})"), "command: [\"/bin/sh\",\"-c\",\"echo 1\"] stored, [\"/bin/sh\",\"-c\",\"echo 2\"] now");
  refused(config(R"({"function": "branin"})"), "{\"function\":\"branin\"} now");

  // A cv study knows its data by content: the same rows under another file name resume; other rows do not.
  const std::string cv_journal = dir.file("cv.journal");
  auto cv_config = [&](const std::string &csv, const std::string &metric) {
    return R"({"name": "ridge", "sampler": {"plugin": "random", "seed": 5}, "storage": ")" + cv_journal + R"(",
      "objective": {"cv": {"data": ")" + csv + R"(", "target": "y", "task": "regression", "model": "ridge",
        "splitter": {"plugin": "kfold", "options": {"n_splits": 3}}, "metric": ")" + metric + R"(", "seed": 0}}})";
  };
  open(cv_config(write_csv("a.csv", 0.0), "rmse"))->study->ask();
  CHECK_NOTHROW(open(cv_config(write_csv("copy.csv", 0.0), "rmse")));
  expect_refused(cv_config(write_csv("b.csv", 0.5), "rmse"), {"cv.data"});
  expect_refused(cv_config(dir.file("a.csv"), "mae"), {"cv.metric: \"rmse\" stored, \"mae\" now"});
}
