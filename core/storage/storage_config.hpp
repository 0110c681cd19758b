// The "storage" key of a study config (docs/storage.md): where a study's trials are kept and how its
// journal is locked. Parsed here, next to the storages it configures, so that the storage room needs
// nothing from the study config above it.
#ifndef VERNIER_CORE_STORAGE_STORAGE_CONFIG_HPP
#define VERNIER_CORE_STORAGE_STORAGE_CONFIG_HPP

#include <optional>
#include <string>

#include <boost/json.hpp>

namespace vernier {

// Where a study's trials are kept (docs/storage.md): the "storage" key of a config.
struct StorageConfig {
  // "" (no "storage" key) or ":memory:": in memory, nothing kept after the process. Otherwise a journal
  // file in Optuna's JournalStorage format, relative to base_dir; a directory (an existing one, or a
  // path ending in '/') holds the journal "<study name>.journal".
  std::string path;
  double lock_timeout = 60;              // seconds to wait for the journal's lock before giving up
  std::optional<double> lock_grace = 30; // seconds a lock may stay unchanged before it is taken as stale; none: never
};

// The "storage" key of the study config `config` (absent or null: in memory). Throws Error(VN_E_INVALID)
// naming the key.
StorageConfig parse_storage_config(const boost::json::object &config);

}  // namespace vernier

#endif  // VERNIER_CORE_STORAGE_STORAGE_CONFIG_HPP
