// The journal file: torn last lines, corrupt lines in the middle, files that are not journals, numbers
// that read back exactly, and the records Vernier writes replayed as Optuna replays them.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <functional>
#include <thread>

#include "base/error.hpp"
#include "journal_test_support.hpp"
#include "storage/journal_inspect.hpp"
#include "storage/journal_reader.hpp"
#include "storage/record.hpp"

using namespace vernier;
using namespace vernier::storage;
using namespace journal_test;

namespace {

std::size_t count_lines(const std::string &text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

// Creates the journal at `journal` with config_text's study and `n` complete trials valued 0..n-1, closes
// it, and returns its text.
std::string write_complete_trials(const std::string &journal, int n) {
  {
    auto s = open(config_text(journal));
    for (int i = 0; i < n; ++i) s->study->tell(s->study->ask().number, VN_TRIAL_COMPLETE, i);
  }
  return read_all(journal);
}

}  // namespace

TEST_CASE("a torn last line is not a record, and the next writer cuts it instead of gluing to it") {
  TempDir dir;
  const std::string journal = dir.file("t.journal");
  const std::string whole = write_complete_trials(journal, 3);
  append_text(journal, R"({"op_code": 6, "worker_id": "x", "trial_id": 1, "sta)");  // a writer killed mid-write

  JournalReader reader(journal, false, "", {}, {});
  reader.sync();
  CHECK(reader.warnings().empty());
  CHECK(reader.file().bytes_read() == whole.size());

  auto s = open(config_text(journal));
  CHECK(s->study->count(VN_TRIAL_COMPLETE) == 3);
  s->study->tell(s->study->ask().number, VN_TRIAL_COMPLETE, 7);
  const std::string after = read_all(journal);
  CHECK(after.compare(0, whole.size(), whole) == 0);  // what was there is untouched
  CHECK(after.find("\"sta{") == std::string::npos);
  CHECK(after.back() == '\n');
  REQUIRE(s->warnings.size() == 1);
  CHECK(s->warnings[0].find("torn") != std::string::npos);
  auto again = open(config_text(journal));
  CHECK(again->study->count(VN_TRIAL_COMPLETE) == 4);
  CHECK(again->warnings.empty());
}

TEST_CASE("a corrupt line in the middle is reported with its line number; the records after it count") {
  TempDir dir;
  const std::string journal = dir.file("c.journal");
  std::string text = write_complete_trials(journal, 4);
  // Damage the creation of trial 1 (line 7: 4 study records, then two per trial) and a state record.
  std::vector<std::string> lines;
  for (std::size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(text.substr(start, end - start));
  REQUIRE(lines.size() == 12);
  REQUIRE(lines[6].find("\"op_code\": 4") != std::string::npos);
  lines[6].replace(lines[6].size() / 2, 5, "\x01###\x02");
  lines[9] = "this is not JSON";
  std::string damaged;
  for (const std::string &l : lines) damaged += l + "\n";
  { std::ofstream(journal, std::ios::binary | std::ios::trunc) << damaged; }

  auto s = open(config_text(journal));
  REQUIRE(s->warnings.size() == 3);
  CHECK(s->warnings[0].find("line 7") != std::string::npos);
  CHECK(s->warnings[0].find("kept as failed") != std::string::npos);
  CHECK(s->warnings[1].find("line 10") != std::string::npos);
  boost::json::array trials = s->study->trials_json();
  REQUIRE(trials.size() == 4);
  CHECK(trials[1].at("state") == "failed");  // the placeholder keeps later trials on their numbers
  CHECK(trials[0].at("value") == 0.0);
  CHECK(trials[3].at("value") == 3.0);
  // Trial 2 lost its end (line 10): it was left running by a worker that is gone, and is failed as such.
  CHECK(trials[2].at("state") == "failed");
  CHECK(s->warnings[2].find("trial 2") != std::string::npos);
}

TEST_CASE("a file that is not a journal is refused, and never written to") {
  TempDir dir;
  const std::string csv = dir.file("data.csv");
  { std::ofstream(csv) << "a,b\n1,2\n"; }
  const std::string binary = dir.file("blob.bin");
  { std::ofstream(binary, std::ios::binary) << std::string("\x7f" "ELF\x02\x01\x01", 7); }
  for (const std::string &path : {csv, binary}) {
    const std::string before = read_all(path);
    try {
      open(config_text(path));
      FAIL("opened " << path);
    } catch (const Error &e) {
      CHECK(std::string(e.what()).find("not a journal") != std::string::npos);
      CHECK(std::string(e.what()).find(path) != std::string::npos);
    }
    CHECK(read_all(path) == before);
  }
}

TEST_CASE("parameters and values read back to the exact doubles written") {
  TempDir dir;
  const std::string journal = dir.file("x.journal");
  const std::string text = R"({"name": "exact", "storage": ")" + journal + R"(", "sampler": {"plugin": "random", "seed": 1},
    "space": [{"name": "x", "type": "float", "low": 0, "high": 5}]})";
  std::vector<double> asked;
  {
    auto s = open(text);
    for (int i = 0; i < 50; ++i) {
      AskedTrial t = s->study->ask();
      asked.push_back(t.params[0]);
      s->study->tell(t.number, VN_TRIAL_COMPLETE, t.params[0] / 3);
    }
  }
  auto s = open(text);
  boost::json::array trials = s->study->trials_json();
  REQUIRE(trials.size() == 50);
  for (std::size_t i = 0; i < 50; ++i) {
    CHECK(trials[i].at("params").at("x").as_double() == asked[i]);
    CHECK(trials[i].at("value").as_double() == asked[i] / 3);
  }
}

TEST_CASE("record text is Optuna's: fields, distribution text, Python's NaN and Infinity read back") {
  CHECK(number_text(1, true) == "1.0");
  CHECK(number_text(3, false) == "3");
  CHECK(number_text(0.1, true) == "0.1");
  CHECK(string_text("a\"b\n") == "\"a\\\"b\\n\"");
  boost::json::object r;
  REQUIRE(parse_record(R"({"op_code": 7, "worker_id": "w", "trial_id": 0, "step": 1, "intermediate_value": NaN})", r).empty());
  CHECK(r.at("intermediate_value").is_null());
  REQUIRE(parse_record(R"({"op_code": 6, "values": [-Infinity], "s": "NaN Infinity"})", r).empty());
  CHECK(std::isinf(r.at("values").at(0).as_double()));
  CHECK(r.at("s") == "NaN Infinity");
  CHECK_FALSE(parse_record("{\"op_code\": 4,", r).empty());
  // Python's json keeps a name it could not decode (os.fsdecode's lone surrogates) as \udcXX escapes, which
  // strict JSON refuses: read as U+FFFD, as a UTF-8 decoder would; a real pair, and an escaped backslash
  // before a u, stay as written.
  REQUIRE(parse_record(R"({"op_code": 0, "study_name": "r\udce9sum\udce9", "s": "\ud83d\ude00 \\udc00", "t": "\udbff"})", r).empty());
  CHECK(r.at("study_name") == "r\xef\xbf\xbdsum\xef\xbf\xbd");
  CHECK(r.at("s") == "\xf0\x9f\x98\x80 \\udc00");
  CHECK(r.at("t") == "\xef\xbf\xbd");
  // Written back as Optuna writes them in the journal; as strings in the C API's JSON.
  const boost::json::object odd{{"up", HUGE_VAL}, {"down", boost::json::array{-HUGE_VAL, std::nan(""), 0.5}}};
  CHECK(json::serialize(odd, json::NonFinite::python) == R"({"up":Infinity,"down":[-Infinity,NaN,5E-1]})");
  CHECK(json::serialize(odd, json::NonFinite::strings) == R"({"up":"inf","down":["-inf","nan",5E-1]})");
  CHECK(number_text(-HUGE_VAL, true) == "-Infinity");

  Param p;
  p.name = "lr";
  p.low = 1e-4;
  p.high = 1;
  p.log = true;
  CHECK(distribution_json(p) ==
        R"({"name": "FloatDistribution", "attributes": {"low": 1e-04, "high": 1.0, "log": true, "step": null}})");
  Distribution d = parse_distribution(distribution_json(p));
  CHECK(same_distribution(d, p));
  Distribution legacy = parse_distribution(R"({"name": "IntUniformDistribution", "attributes": {"low": 1, "high": 9, "step": 2}})");
  CHECK(legacy.type == VN_PARAM_INT);
  CHECK(legacy.step == 2);
}

TEST_CASE("show and studies read any journal without writing") {
  TempDir dir;
  const std::string journal = dir.file("s.journal");
  {
    auto s = open(config_text(journal));
    for (int i = 0; i < 3; ++i) s->study->tell(s->study->ask().number, VN_TRIAL_COMPLETE, 10 - i);
  }
  const std::string before = read_all(journal);
  boost::json::object list = list_studies(journal);
  REQUIRE(list.at("studies").as_array().size() == 1);
  const boost::json::object &study = list.at("studies").at(0).as_object();
  CHECK(study.at("name") == "mixed");
  CHECK(study.at("best").at("number") == 2);
  CHECK(study.at("trials").at("complete") == 3);
  boost::json::object one = describe_study(journal, "mixed");
  CHECK(one.at("trials").as_array().size() == 3);
  CHECK_THROWS_WITH(describe_study(journal, "nope"), Catch::Contains("no study named 'nope'") && Catch::Contains("'mixed'"));
  CHECK_THROWS_WITH(list_studies(dir.file("missing.journal")), Catch::Contains("does not exist"));
  CHECK(read_all(journal) == before);
  CHECK(count_lines(before) == 4 + 2 * 3);  // one record per trial creation (with its parameters), one per end
}

TEST_CASE("a whole last record without its newline is a record: read as one, and ended by the next writer") {
  TempDir dir;
  const std::string journal = dir.file("n.journal");
  std::string text = write_complete_trials(journal, 3);
  REQUIRE(text.back() == '\n');
  text.pop_back();  // the last record, trial 2's completion, loses its end of line
  { std::ofstream(journal, std::ios::binary | std::ios::trunc) << text; }

  JournalReader reader(journal, false, "", {}, {});
  reader.sync();
  CHECK(reader.warnings().empty());
  CHECK(reader.model().studies().size() == 1);
  CHECK(list_studies(journal).at("studies").at(0).at("trials").at("complete") == 3);

  // The next writer ends the line rather than cutting the record: trial 2 stays complete (cut, it would be
  // running, and failed as its worker's)
  auto s = open(config_text(journal));
  CHECK(s->study->count(VN_TRIAL_COMPLETE) == 3);
  s->study->tell(s->study->ask().number, VN_TRIAL_COMPLETE, 7);
  CHECK(s->study->count(VN_TRIAL_COMPLETE) == 4);
  CHECK(s->study->count(VN_TRIAL_FAILED) == 0);
  for (const std::string &w : s->warnings) CHECK(w.find("torn") == std::string::npos);
  const std::string after = read_all(journal);
  CHECK(after.compare(0, text.size() + 1, text + "\n") == 0);  // the record kept, with its end of line
  CHECK(count_lines(after) == count_lines(text) + 1 + 2);

  // The reader that read the unterminated record goes on: the '\n' added after it is no line of its own.
  reader.sync();
  CHECK(reader.warnings().empty());
  CHECK(reader.model().trial(3) != nullptr);
  auto again = open(config_text(journal));
  CHECK(again->study->count(VN_TRIAL_COMPLETE) == 4);
}

TEST_CASE("a journal path that is a named pipe or a device is refused at once, never waited on") {
  TempDir dir;
  const std::string fifo = dir.file("p.journal");
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  // Code that opened the pipe for reading in blocking mode would wait there for a writer; this guard is
  // that writer, so that such code fails the checks below instead of hanging the suite. Its own open
  // waits for a reader: the last lines give it one.
  std::atomic<bool> stop{false};
  std::thread guard([&] {
    while (!stop) {
      int fd = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd >= 0) ::close(fd);
    }
  });
  auto refused = [](const std::function<void()> &f) {
    try {
      f();
    } catch (const Error &e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  for (const std::string &why : {refused([&] { list_studies(fifo); }), refused([&] { describe_study(fifo, ""); }),
                                 refused([&] { open(config_text(fifo)); })}) {
    CHECK(why.find("journal '" + fifo + "' is a named pipe (FIFO), not a regular file") != std::string::npos);
  }
  CHECK_THAT(refused([] { JournalReader r("/dev/null", false, "", {}, {}); }), Catch::Contains("a character device"));
  stop = true;
  int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  guard.join();
  ::close(reader);
}
