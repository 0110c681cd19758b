// Fuzz target: the journal replay (Optuna's JournalStorage format, docs/storage.md), journal lines ->
// the studies and trials they describe. The input is written to a journal file in a private directory
// (the reader is a file reader: line splitting, torn last lines and corrupt lines are part of what is
// fuzzed) and read the ways Vernier reads a journal:
//  - `vernier studies` and `vernier show` (list_studies, describe_study), whose JSON must be valid JSON
//    that a strict parser reads back (no Infinity or NaN words);
//  - vn_study_open (stored_study_config, then the study config parser);
//  - resuming: the journal storage opens each study under the config derived from it, and its trials
//    are numbered 0, 1, ... with either no parameters yet or one value per parameter of the space.
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "fuzz_support.hpp"
#include "storage/journal_inspect.hpp"
#include "storage/journal_storage.hpp"
#include "study_config.hpp"

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

// What a host prints must be JSON any strict reader takes.
void check_valid_json(const bj::object &emitted, const char *what) {
  const std::string text = bj::serialize(emitted);
  boost::system::error_code ec;
  (void)bj::parse(text, ec);
  if (ec) fuzz::finding(std::string(what) + " emitted JSON a strict parser refuses (" + ec.message() + "): " + text.substr(0, 300));
}

void resume(const std::string &path, const std::string &name) {
  const bj::object stored = journal::stored_study_config(path, name);
  check_valid_json(stored, "stored_study_config");
  const StudyConfig config = StudyConfig::parse(stored);
  journal::JournalOptions options;
  options.path = path;
  options.lock.timeout_seconds = 1;
  std::unique_ptr<Storage> storage = journal::make_journal_storage(options, name, [](int32_t, const std::string &) {});
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
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string path = work_dir() + "/fuzz.journal";
  std::filesystem::remove_all(work_dir() + "/fuzz.journal.leases");  // nothing of the previous input stays
  write_file(path, fuzz::as_text(data, size));

  bj::object listed;
  if (!fuzz::clean_errors([&] { listed = journal::list_studies(path); })) return 0;
  check_valid_json(listed, "list_studies");
  const bj::value *studies = listed.if_contains("studies");
  if (studies == nullptr || !studies->is_array()) fuzz::finding("list_studies gave no \"studies\" array");
  for (const bj::value &study : studies->get_array()) {
    const std::string name(study.as_object().at("name").as_string());
    fuzz::clean_errors([&] { check_valid_json(journal::describe_study(path, name), "describe_study"); });
  }
  // Resuming writes to the journal (settings, a foreign study's space): after the read-only views.
  for (const bj::value &study : studies->get_array()) {
    const std::string name(study.as_object().at("name").as_string());
    fuzz::clean_errors([&] { resume(path, name); });
  }
  return 0;
}
