// The storage a study config asks for (StudyConfig::storage, docs/storage.md).
#ifndef VERNIER_CORE_STORAGE_MAKE_STORAGE_HPP
#define VERNIER_CORE_STORAGE_MAKE_STORAGE_HPP

#include <memory>
#include <string>

#include "../storage.hpp"
#include "../study_config.hpp"

namespace vernier {

// The journal file config.storage names, absolute ("" for the memory storage): a relative path is
// taken from config.base_dir, and a directory (existing, or written with a trailing '/') holds
// journal_file_name(config.name).
std::string journal_path(const StudyConfig &config);
// "<name>.journal", with characters other than letters, digits, '.', '-' and '_' made '_'.
std::string journal_file_name(const std::string &study_name);

// The memory storage, or the journal storage of config.name in journal_path(config).
std::unique_ptr<Storage> make_storage(const StudyConfig &config, StorageLogger log);

}  // namespace vernier

#endif  // VERNIER_CORE_STORAGE_MAKE_STORAGE_HPP
