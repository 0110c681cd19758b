// The storage a study config asks for (the "storage" key of a study config, docs/storage.md).
#ifndef VERNIER_CORE_STORAGE_MAKE_STORAGE_HPP
#define VERNIER_CORE_STORAGE_MAKE_STORAGE_HPP

#include <memory>
#include <string>

#include "storage/storage.hpp"
#include "storage/storage_config.hpp"

namespace vernier {

// The journal file `storage` names for the study `study_name`, absolute ("" for the memory storage): a
// relative path is taken from base_dir, and a directory (existing, or written with a trailing '/') holds
// journal_file_name(study_name).
std::string journal_path(const StorageConfig &storage, const std::string &study_name, const std::string &base_dir);
// "<name>.journal", with characters other than letters, digits, '.', '-' and '_' made '_'.
std::string journal_file_name(const std::string &study_name);

// The memory storage, or the journal storage of study_name in journal_path(storage, study_name, base_dir).
std::unique_ptr<Storage> make_storage(const StorageConfig &storage, const std::string &study_name,
                                      const std::string &base_dir, StorageLogger log);

}  // namespace vernier

#endif  // VERNIER_CORE_STORAGE_MAKE_STORAGE_HPP
