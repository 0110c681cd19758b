// Optuna's lock file, its recovery when left by a dead process, the timeout naming the lock file, and
// the leases that tell a dead worker's running trial.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

#include "base/error.hpp"
#include "journal_test_support.hpp"
#include "storage/file_lock.hpp"
#include "storage/worker_lease.hpp"

using namespace vernier;
using namespace vernier::storage;
using namespace journal_test;

namespace {

// The pid of a process that has exited (and been reaped): no process has it now.
long dead_pid() {
  pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

std::string host() {
  char buf[256] = {};
  ::gethostname(buf, sizeof buf - 1);
  return buf;
}

}  // namespace

TEST_CASE("the lock is Optuna's: JOURNAL.lock exists while held and is gone after") {
  TempDir dir;
  const std::string journal = dir.file("j.journal");
  FileLock lock(journal, {}, {});
  lock.acquire();
  CHECK(std::filesystem::exists(journal + ".lock"));
  CHECK(read_all(journal + ".lock").find("vernier pid=" + std::to_string(::getpid())) == 0);
  lock.release();
  CHECK_FALSE(std::filesystem::exists(journal + ".lock"));
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path), {}) == 0);  // no .rename left behind
}

TEST_CASE("a lock left by a dead Vernier process is taken over at once") {
  TempDir dir;
  const std::string journal = dir.file("j.journal");
  { std::ofstream(journal + ".lock") << "vernier pid=" << dead_pid() << " host=" << host() << " owner=abc\n"; }
  std::vector<std::string> log;
  FileLock lock(journal, {5, std::nullopt}, [&](int32_t, const std::string &m) { log.push_back(m); });
  lock.acquire();  // with no grace period at all: only the dead-holder rule can free it
  REQUIRE(log.size() == 1);
  CHECK(log[0].find("gone") != std::string::npos);
}

TEST_CASE("a lock whose holder is a zombie (killed, not yet reaped) is taken over at once") {
  TempDir dir;
  const std::string journal = dir.file("j.journal");
  pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  siginfo_t info{};
  REQUIRE(::waitid(P_PID, static_cast<id_t>(child), &info, WEXITED | WNOWAIT) == 0);  // ended, left unreaped
  REQUIRE(::kill(child, 0) == 0);  // what made it look alive
  { std::ofstream(journal + ".lock") << "vernier pid=" << child << " host=" << host() << " owner=abc\n"; }
  std::vector<std::string> log;
  FileLock lock(journal, {5, std::nullopt}, [&](int32_t, const std::string &m) { log.push_back(m); });
  CHECK_NOTHROW(lock.acquire());  // with no grace period at all: only the dead-holder rule can free it
  REQUIRE(log.size() == 1);
  CHECK(log[0].find("process " + std::to_string(child) + ", which is gone") != std::string::npos);
  int status = 0;
  ::waitpid(child, &status, 0);
}

TEST_CASE("a lock nobody releases is taken over after the grace period, as Optuna 4 does") {
  TempDir dir;
  const std::string journal = dir.file("j.journal");
  std::filesystem::create_symlink(journal, journal + ".lock");  // Optuna's JournalFileSymlinkLock, left behind
  std::vector<std::string> log;
  FileLock lock(journal, {10, 0.2}, [&](int32_t, const std::string &m) { log.push_back(m); });
  lock.acquire();
  REQUIRE(log.size() == 1);
  CHECK(log[0].find("stale") != std::string::npos);
}

TEST_CASE("a lock that cannot be taken in time is an error naming the lock file") {
  TempDir dir;
  const std::string journal = dir.file("j.journal");
  { std::ofstream(journal + ".lock") << ""; }  // Optuna's JournalFileOpenLock, held (or left) by someone
  FileLock lock(journal, {0.2, std::nullopt}, {});
  CHECK_THROWS_WITH(lock.acquire(), Catch::Contains(journal + ".lock") && Catch::Contains("within 0.2 s"));
  CHECK(std::filesystem::exists(journal + ".lock"));  // not ours to remove
}

namespace {

// The lock file rewritten in place: the same inode, as ext4 gives a freed inode number to the next new
// file, now naming a live holder (this test's parent process) with another owner.
void replace_keeping_inode(const std::string &lock_path) {
  std::ofstream(lock_path, std::ios::trunc) << "vernier pid=" << ::getppid() << " host=" << host() << " owner=newer\n";
}

}  // namespace

TEST_CASE("a takeover never removes a newer live lock that carries the judged one's inode number") {
  TempDir dir;
  const std::string journal = dir.file("j.journal");
  { std::ofstream(journal + ".lock") << "vernier pid=" << dead_pid() << " host=" << host() << " owner=abc\n"; }
  // Between judging the lock dead and moving it aside, another worker takes it over and holds a new lock
  // file with the same inode number.
  lock_takeover_hook = [](const std::string &lock_path) {
    replace_keeping_inode(lock_path);
    lock_takeover_hook = nullptr;
  };
  FileLock lock(journal, {0.3, std::nullopt}, {});
  CHECK_THROWS_WITH(lock.acquire(), Catch::Contains("within 0.3 s"));  // the newer lock is live: wait for it
  lock_takeover_hook = nullptr;
  CHECK(read_all(journal + ".lock").find("owner=newer") != std::string::npos);  // it is still in place
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path), {}) == 1);  // nothing but the lock
}

TEST_CASE("a release never removes a newer lock that carries the released one's inode number") {
  TempDir dir;
  const std::string journal = dir.file("j.journal");
  std::vector<std::string> log;
  FileLock lock(journal, {}, [&](int32_t, const std::string &m) { log.push_back(m); });
  lock.acquire();
  replace_keeping_inode(journal + ".lock");  // taken over (judged stale) and held anew by another worker
  lock.release();
  CHECK(read_all(journal + ".lock").find("owner=newer") != std::string::npos);
  REQUIRE(log.size() == 1);
  CHECK(log[0].find("taken over by another worker") != std::string::npos);
}

TEST_CASE("the lock file is published with its owner line: never seen empty, no staging file left") {
  TempDir dir;
  const std::string journal = dir.file("j.journal");
  FileLock lock(journal, {}, {});
  lock.acquire();
  std::vector<std::string> names;
  for (const auto &entry : std::filesystem::directory_iterator(dir.path)) names.push_back(entry.path().filename().string());
  CHECK(names == std::vector<std::string>{"j.journal.lock"});
  lock.release();
}

TEST_CASE("files a killed worker left beside the lock are removed by the next holder; others stay") {
  TempDir dir;
  const std::string journal = dir.file("j.journal");
  const std::string dead = "vernier pid=" + std::to_string(dead_pid()) + " host=" + host() + " owner=abc\n";
  { std::ofstream(journal + ".lock.abc.new") << dead; }                                   // killed before publishing
  { std::ofstream(journal + ".lock2f1e-0000.rename") << dead; }                           // killed while releasing
  { std::ofstream(journal + ".lockc0de-0000.rename") << ""; }                             // Optuna's: not judged
  FileLock lock(journal, {}, {});
  lock.acquire();
  CHECK_FALSE(std::filesystem::exists(journal + ".lock.abc.new"));
  CHECK_FALSE(std::filesystem::exists(journal + ".lock2f1e-0000.rename"));
  CHECK(std::filesystem::exists(journal + ".lockc0de-0000.rename"));
  lock.release();
}

TEST_CASE("a running trial whose worker is gone is failed; a live worker's is not") {
  TempDir dir;
  const std::string journal = dir.file("w.journal");
  auto a = open(config_text(journal));
  auto b = open(config_text(journal));
  AskedTrial of_a = a->study->ask();
  AskedTrial of_b = b->study->ask();
  CHECK(std::filesystem::exists(journal + ".leases"));
  // Both workers are alive: nothing is stale, and each sees the other's running trial.
  CHECK(a->study->count(VN_TRIAL_RUNNING) == 2);
  b.reset();  // worker b ends with its trial still running (as if killed: its lease is released)
  auto c = open(config_text(journal));
  boost::json::array trials = c->study->trials_json();
  CHECK(trials[static_cast<std::size_t>(of_b.number)].at("state") == "failed");
  CHECK(trials[static_cast<std::size_t>(of_b.number)].at("message").as_string().find("stopped") != std::string::npos);
  CHECK(trials[static_cast<std::size_t>(of_a.number)].at("state") == "running");
  a->study->tell(of_a.number, VN_TRIAL_COMPLETE, 1.0);
  CHECK(c->study->count(VN_TRIAL_COMPLETE) == 1);
}

TEST_CASE("a lease is held by its process and free once the process is gone") {
  TempDir dir;
  const std::string journal = dir.file("l.journal");
  {
    WorkerLease lease(journal, "worker-1");
    CHECK(WorkerLease::alive(journal, "worker-1"));
  }
  CHECK_FALSE(WorkerLease::alive(journal, "worker-1"));
  CHECK_FALSE(WorkerLease::alive(journal, "never-existed"));
  CHECK_FALSE(std::filesystem::exists(journal + ".leases"));  // the last lease removes the directory
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  pid_t child = ::fork();
  if (child == 0) {
    WorkerLease lease(journal, "worker-2");
    char byte = 1;
    if (::write(ready[1], &byte, 1) != 1) ::_exit(1);  // the lease is held now
    ::pause();                                         // until killed below
    ::_exit(0);
  }
  char byte = 0;
  REQUIRE(::read(ready[0], &byte, 1) == 1);
  ::close(ready[0]);
  ::close(ready[1]);
  CHECK(WorkerLease::alive(journal, "worker-2"));
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  CHECK_FALSE(WorkerLease::alive(journal, "worker-2"));
}

namespace {

// For the lease race below: the journal, and the second worker the hook starts.
std::string race_journal;
std::unique_ptr<WorkerLease> second_worker;

}  // namespace

TEST_CASE("a worker starting while another creates its lease never takes that one for dead") {
  TempDir dir;
  race_journal = dir.file("race.journal");
  // The second worker starts (and scans the leases) exactly in the gap between the first one's lease
  // creation and its lock: in that gap the file must not be one the scan removes as a dead worker's.
  lease_created_hook = [](const std::string &) {
    static bool started = false;  // once: the second worker's own lease creation calls the hook too
    if (std::exchange(started, true)) return;
    second_worker = std::make_unique<WorkerLease>(race_journal, "worker-b");
  };
  std::unique_ptr<WorkerLease> first;
  try {
    first = std::make_unique<WorkerLease>(race_journal, "worker-a");
  } catch (...) {
    lease_created_hook = nullptr;
    throw;
  }
  lease_created_hook = nullptr;
  REQUIRE(second_worker);
  CHECK(WorkerLease::alive(race_journal, "worker-a"));
  CHECK(WorkerLease::alive(race_journal, "worker-b"));
  std::vector<std::string> names;
  for (const auto &entry : std::filesystem::directory_iterator(race_journal + ".leases"))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"worker-a", "worker-b"});  // no hidden file left behind
  second_worker.reset();
  first.reset();
  CHECK_FALSE(std::filesystem::exists(race_journal + ".leases"));
}

TEST_CASE("the hidden file of a worker killed while creating its lease is cleared by the next one") {
  TempDir dir;
  const std::string journal = dir.file("h.journal");
  std::filesystem::create_directory(journal + ".leases");
  { std::ofstream(journal + ".leases/.new-killed-worker") << ""; }
  {
    WorkerLease lease(journal, "worker-c");
    CHECK_FALSE(std::filesystem::exists(journal + ".leases/.new-killed-worker"));
  }
  CHECK_FALSE(std::filesystem::exists(journal + ".leases"));
}
