// Fuzz target: the journal replay (Optuna's JournalStorage format, docs/storage.md), journal lines ->
// the studies and trials they describe. The input is written to a journal file in a private directory
// (the reader is a file reader: line splitting, torn last lines and corrupt lines are part of what is
// fuzzed) and read the ways Vernier reads a journal:
//  - `vernier studies` and `vernier show` (list_studies, describe_study), whose JSON must be valid JSON
//    that a strict parser reads back (no Infinity or NaN words);
//  - vn_study_open (stored_study_config, then the study config parser);
//  - resuming: the journal storage opens each study under the config derived from it, and its trials
//    are numbered 0, 1, ... with either no parameters yet or one value per parameter of the space;
//  - a last line without its '\n' that is a whole record is read as one, the same as with the '\n'
//    (Optuna reads it; only a line that is no record is a torn write to leave alone);
//  - going on after a resume: a trial appended and finished as complete is counted by the next reader,
//    and no trial that was complete before is complete no longer (nothing recorded is lost).
#include <fcntl.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "fuzz_support.hpp"
#include "base/json.hpp"
#include "storage/journal_inspect.hpp"
#include "storage/journal_reader.hpp"
#include "storage/journal_storage.hpp"
#include "config/study_config.hpp"

namespace {

using namespace vernier;
namespace bj = boost::json;

// A directory of this process's own (/dev/shm when there is one: fsync there costs nothing), removed
// at exit. Never destroyed: the exit handler that removes it runs after static destructors would have.
const std::string &work_dir() {
  static const std::string *dir = [] {
    std::string base = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path().string();
    auto *made = new std::string(base + "/vernier-fuzz-journal-XXXXXX");
    if (::mkdtemp(made->data()) == nullptr) fuzz::finding("cannot create a temporary directory under " + base);
    std::atexit([] { std::filesystem::remove_all(work_dir()); });
    return made;
  }();
  return *dir;
}

void write_file(const std::string &path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) fuzz::finding("cannot write " + path);
  for (std::size_t done = 0; done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) fuzz::finding("cannot write " + path);
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

// What a host reads must be JSON any strict reader takes: the text the C API hands out (vn_journal_*_json
// write with json::serialize(..., NonFinite::strings)). VERNIER_FUZZ_LENIENT_JSON=1 skips this check.
void check_valid_json(const bj::object &emitted, const char *what) {
  static const bool lenient = std::getenv("VERNIER_FUZZ_LENIENT_JSON") != nullptr;
  if (lenient) return;
  const std::string text = vernier::json::serialize(emitted, vernier::json::NonFinite::strings);
  boost::system::error_code ec;
  (void)bj::parse(text, ec);
  if (ec) fuzz::finding(std::string(what) + " emitted JSON a strict parser refuses (" + ec.message() + "): " + text.substr(0, 300));
}

// The study's complete trials, as `vernier studies` counts them.
int64_t complete_trials(const bj::object &listed, const std::string &name) {
  for (const bj::value &study : listed.at("studies").as_array())
    if (study.as_object().at("name").as_string() == name) return study.as_object().at("trials").as_object().at("complete").to_number<int64_t>();
  return 0;
}

// The point of every parameter at its low end (the first choice of a categorical), NaN where inactive.
std::vector<double> lowest_point(const Space &space) {
  std::vector<double> point(space.size());
  for (std::size_t j = 0; j < space.size(); ++j)
    point[j] = space.is_active(point.data(), j) ? space.params()[j].low : std::nan("");
  return point;
}

// Resumes the study and appends one complete trial; returns whether that trial was recorded.
bool resume(const std::string &path, const std::string &name) {
  const bj::object stored = storage::stored_study_config(path, name);
  check_valid_json(stored, "stored_study_config");
  const StudyConfig config = StudyConfig::parse(stored);
  storage::JournalOptions options;
  options.path = path;
  options.lock.timeout_seconds = 1;
  std::unique_ptr<Storage> storage = storage::make_journal_storage(options, name, [](int32_t, const std::string &) {});
  StudyInfo wanted;
  wanted.name = config.name;
  wanted.direction = config.direction;
  wanted.space = config.space.to_json();
  wanted.sampler = bj::object{{"plugin", config.sampler}, {"options", config.sampler_options}};
  wanted.seed = config.seed;
  storage->open_study(wanted, [](const StudyInfo &) {});
  const Storage::Snapshot trials = storage->trials();
  for (std::size_t i = 0; i < trials->size(); ++i) {
    const TrialRecord &t = (*trials)[i];
    if (t.number != static_cast<int64_t>(i)) fuzz::finding("trial " + std::to_string(i) + " has number " + std::to_string(t.number));
    if (!t.params.empty() && t.params.size() != config.space.size())
      fuzz::finding("trial " + std::to_string(i) + " has " + std::to_string(t.params.size()) + " parameters, its space " +
                    std::to_string(config.space.size()));
  }
  storage->fail_stale_trials();
  const NewTrial added = storage->create_trial(static_cast<int64_t>(trials->size()), lowest_point(config.space));
  if (!added.params_recorded) storage->set_params(added.number, lowest_point(config.space));
  storage->finish(added.number, VN_TRIAL_COMPLETE, 0.5, "");
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string path = work_dir() + "/fuzz.journal";
  std::filesystem::remove_all(work_dir() + "/fuzz.journal.leases");  // nothing of the previous input stays
  const std::string_view text = fuzz::as_text(data, size);
  write_file(path, text);

  const std::size_t last_line = text.rfind('\n') == std::string_view::npos ? 0 : text.rfind('\n') + 1;
  bj::object last_record;
  if (last_line < text.size() && storage::parse_record(text.substr(last_line), last_record).empty() &&
      last_record.contains("op_code")) {
    // The same journal with the newline: both must read alike. (The path differs; the rest must not.)
    bj::object unterminated, terminated;
    if (fuzz::clean_errors([&] { unterminated = storage::list_studies(path); })) {
      write_file(path, std::string(text) + "\n");
      if (fuzz::clean_errors([&] { terminated = storage::list_studies(path); }) &&
          unterminated.at("studies") != terminated.at("studies"))
        fuzz::finding("a whole last record without its newline is not read (issue 11, failure 6): " +
                      bj::serialize(unterminated.at("studies")).substr(0, 300) + " without, " +
                      bj::serialize(terminated.at("studies")).substr(0, 300) + " with the newline");
      write_file(path, text);
    }
  }

  bj::object listed;
  if (!fuzz::clean_errors([&] { listed = storage::list_studies(path); })) return 0;
  check_valid_json(listed, "list_studies");
  const bj::value *studies = listed.if_contains("studies");
  if (studies == nullptr || !studies->is_array()) fuzz::finding("list_studies gave no \"studies\" array");
  for (const bj::value &study : studies->get_array()) {
    const std::string name(study.as_object().at("name").as_string());
    fuzz::clean_errors([&] { check_valid_json(storage::describe_study(path, name), "describe_study"); });
  }
  // Resuming writes to the journal (settings, a foreign study's space): after the read-only views.
  std::vector<std::pair<std::string, int64_t>> expected;  // study name, complete trials it must have now
  for (const bj::value &study : studies->get_array()) {
    const std::string name(study.as_object().at("name").as_string());
    const int64_t before = complete_trials(listed, name);
    bool appended = false;
    fuzz::clean_errors([&] { appended = resume(path, name); });
    expected.emplace_back(name, before + (appended ? 1 : 0));
  }
  bj::object after;
  if (!fuzz::clean_errors([&] { after = storage::list_studies(path); }))
    fuzz::finding("the journal cannot be read after a resume wrote to it");
  for (const auto &[name, complete] : expected)
    if (complete_trials(after, name) < complete)
      fuzz::finding("study '" + name + "' has " + std::to_string(complete_trials(after, name)) +
                    " complete trials after a resume appended one; it should have " + std::to_string(complete));
  return 0;
}
