#include "worker_lease.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <vector>

#include "../error.hpp"

namespace vernier::journal {

namespace {

std::string lease_dir(const std::string &journal_path) { return journal_path + ".leases"; }

// Worker ids come from journal records: keep them to one harmless file name.
bool safe_name(const std::string &id) {
  if (id.empty() || id.size() > 200 || id[0] == '.') return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  return true;
}

}  // namespace

WorkerLease::WorkerLease(const std::string &journal_path, const std::string &worker_id)
    : dir_(lease_dir(journal_path)), path_(dir_ + "/" + worker_id) {
  // Another worker may remove the directory (its last lease gone) between our mkdir and open: retry.
  for (int attempt = 0; attempt < 10 && fd_ < 0; ++attempt) {
    if (::mkdir(dir_.c_str(), 0755) != 0 && errno != EEXIST)
      throw io_error("cannot create the lease directory '" + dir_ + "': " + std::strerror(errno));
    fd_ = ::open(path_.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (fd_ < 0 && errno != ENOENT) throw io_error("cannot create the lease file '" + path_ + "': " + std::strerror(errno));
  }
  if (fd_ < 0) throw io_error("cannot create the lease file '" + path_ + "': its directory keeps disappearing");
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0 && errno != ENOLCK && errno != EOPNOTSUPP) {
    std::string why = std::strerror(errno);
    ::close(fd_);
    fd_ = -1;
    throw io_error("cannot lock the lease file '" + path_ + "': " + why);
  }
  // Leases of killed workers whose trials had all finished are never looked at again: clear them now.
  if (DIR *dir = ::opendir(dir_.c_str())) {
    std::vector<std::string> names;
    while (const dirent *entry = ::readdir(dir))
      if (entry->d_name[0] != '.' && worker_id != entry->d_name) names.emplace_back(entry->d_name);
    ::closedir(dir);
    for (const std::string &name : names) alive(journal_path, name);  // removes the lease of a dead worker
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
  std::string path = lease_dir(journal_path) + "/" + worker_id;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno != ENOENT;  // no lease file: its worker ended (or never wrote one)
  // Locked by someone (EWOULDBLOCK): alive. Any other failure (no flock on this file system): cannot
  // judge, so alive too.
  bool live = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
  if (!live) ::unlink(path.c_str());  // nobody holds it: its worker is gone; clear its leftover
  ::close(fd);
  return live;
}

}  // namespace vernier::journal
