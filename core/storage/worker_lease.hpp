// How a worker's death is noticed: each Vernier worker writing trials to a journal holds a lease, an
// exclusive flock() on its own file JOURNAL.leases/WORKER_ID, for as long as it lives. The kernel
// releases a flock when its process dies, however it dies (kill -9 included), so "the lease file is not
// locked" means "that worker is gone", at once and without clocks. A trial still running in the journal
// whose worker (its "vernier:worker" system attribute) holds no lease is stale: the storage fails it,
// as Optuna's fail_stale_trials does with heartbeats.
//
// Trials of Optuna workers carry no lease and are never judged. Sharing a journal between machines
// needs a file system whose flock() reaches every machine (NFSv4, or NFSv3 with lockd); where flock()
// is not supported, workers are taken to be alive.
#ifndef VERNIER_CORE_STORAGE_WORKER_LEASE_HPP
#define VERNIER_CORE_STORAGE_WORKER_LEASE_HPP

#include <string>

namespace vernier::storage {

// A lease becomes visible under its worker's id only once locked: it is created under a hidden name
// (".new-WORKER_ID"), locked, then renamed. Otherwise another worker starting at that moment would find
// it unlocked, take its worker for dead, remove it, and later fail that live worker's trials.

// Test seam: when set, called between the creation of a lease file and its lock (the gap that must not
// be visible to other workers). Tests only.
extern void (*lease_created_hook)(const std::string &created_path);

class WorkerLease {
 public:
  // Creates and locks JOURNAL.leases/WORKER_ID (the directory is created when missing), then removes the
  // leftover leases of dead workers. Throws Error(VN_E_IO) naming the file when it cannot.
  WorkerLease(const std::string &journal_path, const std::string &worker_id);
  // Unlocks and removes the lease file, and the directory if no other lease is left in it.
  ~WorkerLease();
  WorkerLease(const WorkerLease &) = delete;
  WorkerLease &operator=(const WorkerLease &) = delete;

  // Whether the worker's lease is held by a live process. A dead worker's leftover lease file is removed.
  static bool alive(const std::string &journal_path, const std::string &worker_id);

 private:
  std::string dir_, path_;
  int fd_ = -1;
};

}  // namespace vernier::storage

#endif  // VERNIER_CORE_STORAGE_WORKER_LEASE_HPP
