// The lock that serialises writers of one journal, with Optuna's own protocol so that Vernier and
// Optuna workers exclude each other: the lock is the file JOURNAL.lock beside the journal, taken by
// creating it exclusively (Optuna's JournalFileOpenLock creates it with O_EXCL, JournalFileSymlinkLock
// as a symbolic link, Vernier writes its owner line to JOURNAL.lock.<owner>.new and link()s that into
// place, so that its lock file is never seen empty: either way "it exists" means "it is held"), released
// by renaming it to a unique name and removing that.
//
// A lock left by a killed process is recovered, as Optuna 4 does, after a grace period during which
// the lock file did not change. Vernier also writes who holds it into the file (pid, host, an owner id),
// so that a Vernier worker finding a lock whose holder is a dead process on this host takes it over at
// once instead of waiting. Dead includes a zombie (killed, not yet reaped by its parent: /proc/PID/stat
// state Z), which kill(pid, 0) still reports alive; the grace period stays for holders it cannot judge.
// Taking over and releasing check that the file removed is the one judged stale / the one published, by
// inode, modification time and content: ext4 gives a freed inode number to the next new file at once.
#ifndef VERNIER_CORE_STORAGE_FILE_LOCK_HPP
#define VERNIER_CORE_STORAGE_FILE_LOCK_HPP

#include <sys/stat.h>

#include <optional>
#include <string>

#include "storage/storage.hpp"

namespace vernier::storage {

struct LockOptions {
  double timeout_seconds = 60;               // give up (with an error naming the lock file) after this
  std::optional<double> grace_seconds = 30;  // a lock unchanged this long is stale; none: never taken over
};

// What identifies one lock file: inode numbers alone do not (ext4 hands a freed inode number to the
// next new file at once), so the modification time and the content (Vernier's owner line carries a
// unique owner id) count too. A symbolic link (Optuna's JournalFileSymlinkLock) is known by its target.
struct LockIdentity {
  dev_t dev = 0;
  ino_t ino = 0;
  struct timespec mtime {};
  std::string content;
  bool matches(const struct stat &st, const std::string &text) const {
    return st.st_dev == dev && st.st_ino == ino && st.st_mtim.tv_sec == mtime.tv_sec &&
           st.st_mtim.tv_nsec == mtime.tv_nsec && text == content;
  }
};


class FileLock {
 public:
  FileLock(const std::string &journal_path, LockOptions options, StorageLogger log);
  ~FileLock();  // releases the lock if held
  FileLock(const FileLock &) = delete;
  FileLock &operator=(const FileLock &) = delete;

  // Blocks until the lock is held. Throws Error(VN_E_IO) naming the lock file when it cannot be created
  // (a read-only directory) or is still held by another process after the timeout.
  void acquire();
  void release() noexcept;
  const std::string &path() const { return lock_path_; }

 private:
  std::string lock_path_;
  LockOptions options_;
  StorageLogger log_;
  std::string owner_;   // this object's id, written into the lock file
  std::optional<LockIdentity> held_;
  bool sweep_leftovers_ = true;  // remove killed workers' files beside the lock at the next acquire  // the lock file this object published, while it holds it
};

// Holds a FileLock for a scope.
class LockGuard {
 public:
  explicit LockGuard(FileLock &lock) : lock_(lock) { lock_.acquire(); }
  ~LockGuard() { lock_.release(); }
  LockGuard(const LockGuard &) = delete;
  LockGuard &operator=(const LockGuard &) = delete;

 private:
  FileLock &lock_;
};

// For tests: called by a worker taking over (or releasing) a lock file it judged, just before it moves
// that file aside, to let a test change the file in that gap as a concurrent worker would.
extern void (*lock_takeover_hook)(const std::string &lock_path);

// A random identifier (32 hex digits in UUID form) for lock owners and journal workers.
std::string random_id();

}  // namespace vernier::storage

#endif  // VERNIER_CORE_STORAGE_FILE_LOCK_HPP
