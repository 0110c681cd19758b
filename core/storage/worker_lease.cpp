#include "storage/worker_lease.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <vector>

#include "base/error.hpp"

namespace vernier::storage {

void (*lease_created_hook)(const std::string &created_path) = nullptr;

namespace {

std::string lease_dir(const std::string &journal_path) { return journal_path + ".leases"; }

// A lease is created under this hidden name, locked, and only then renamed to its worker id.
const char *const kNewPrefix = ".new-";

// Worker ids come from journal records: keep them to one harmless file name.
bool safe_name(const std::string &id) {
  if (id.empty() || id.size() > 200 || id[0] == '.') return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  return true;
}

// Whether someone holds the lease file at path; if nobody does, removes it (when it is still the file
// judged). No file: nobody holds it.
bool held_or_removed(const std::string &path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno != ENOENT;  // another failure: cannot judge, so held
  // Locked by someone (EWOULDBLOCK): held. Any other failure (no flock on this file system): cannot
  // judge, so held too.
  bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
  struct stat opened {}, now {};
  if (!held && ::fstat(fd, &opened) == 0 && ::stat(path.c_str(), &now) == 0 && opened.st_ino == now.st_ino &&
      opened.st_dev == now.st_dev)
    ::unlink(path.c_str());
  ::close(fd);
  return held;
}

}  // namespace

WorkerLease::WorkerLease(const std::string &journal_path, const std::string &worker_id)
    : dir_(lease_dir(journal_path)), path_(dir_ + "/" + worker_id) {
  // The file appears under the worker's id only once locked (rename is atomic), so that another
  // worker's scan, which removes unlocked leases, never sees this one unlocked. Another worker may
  // interfere meanwhile: remove the directory (its last lease gone) before our hidden file is in it, or
  // remove our hidden file before we lock it, as a leftover. Either way, start again.
  const std::string hidden = dir_ + "/" + kNewPrefix + worker_id;
  for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
    if (::mkdir(dir_.c_str(), 0755) != 0 && errno != EEXIST)
      throw io_error("cannot create the lease directory '" + dir_ + "': " + std::strerror(errno));
    int fd = ::open(hidden.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ENOENT) continue;
    if (fd < 0) throw io_error("cannot create the lease file '" + hidden + "': " + std::strerror(errno));
    if (lease_created_hook != nullptr) lease_created_hook(hidden);
    // Blocking: the only other holder can be a scan judging the file, for a moment.
    int locked = 0;
    while ((locked = ::flock(fd, LOCK_EX)) != 0 && errno == EINTR) {
    }
    if (locked != 0 && errno != ENOLCK && errno != EOPNOTSUPP) {  // no flock here: workers are taken to be alive
      const std::string why = std::strerror(errno);
      ::close(fd);
      throw io_error("cannot lock the lease file '" + hidden + "': " + why);
    }
    if (::rename(hidden.c_str(), path_.c_str()) != 0) {
      const int err = errno;
      ::close(fd);
      if (err == ENOENT) continue;  // removed as a leftover before we locked it
      throw io_error("cannot create the lease file '" + path_ + "': " + std::strerror(err));
    }
    fd_ = fd;
  }
  if (fd_ < 0) throw io_error("cannot create the lease file '" + path_ + "': other workers kept removing it");
  // Leases of killed workers whose trials had all finished are never looked at again: clear them now,
  // and the hidden files of workers killed while creating their lease.
  if (DIR *dir = ::opendir(dir_.c_str())) {
    std::vector<std::string> names;
    while (const dirent *entry = ::readdir(dir)) {
      const std::string name = entry->d_name;
      if (name != worker_id && (name[0] != '.' || name.compare(0, std::strlen(kNewPrefix), kNewPrefix) == 0))
        names.push_back(name);
    }
    ::closedir(dir);
    for (const std::string &name : names) held_or_removed(dir_ + "/" + name);
  }
}

WorkerLease::~WorkerLease() {
  if (fd_ < 0) return;
  ::unlink(path_.c_str());
  ::close(fd_);            // releases the flock
  ::rmdir(dir_.c_str());   // fails, harmlessly, while other leases are in it
}

bool WorkerLease::alive(const std::string &journal_path, const std::string &worker_id) {
  if (!safe_name(worker_id)) return true;  // not a lease Vernier made: cannot judge
  // No lease file: its worker ended (or never wrote one; a worker writes it before its first trial).
  return held_or_removed(lease_dir(journal_path) + "/" + worker_id);
}

}  // namespace vernier::storage
