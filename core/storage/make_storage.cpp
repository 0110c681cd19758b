#include "storage/make_storage.hpp"

#include <cctype>
#include <filesystem>

#include "storage/journal_storage.hpp"

namespace vernier {

namespace fs = std::filesystem;

std::string journal_file_name(const std::string &study_name) {
  std::string out;
  for (char c : study_name)
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ? c : '_';
  if (out.empty() || out[0] == '.') out.insert(out.begin(), '_');  // never a hidden file, never ".."
  return out + ".journal";
}

std::string journal_path(const StorageConfig &storage, const std::string &study_name, const std::string &base_dir) {
  const std::string &given = storage.path;
  if (given.empty() || given == ":memory:") return "";
  fs::path path(given);
  if (path.is_relative()) path = fs::path(base_dir) / path;
  std::error_code ec;
  if (given.back() == '/' || fs::is_directory(path, ec)) path /= journal_file_name(study_name);
  fs::path absolute = fs::absolute(path, ec);
  return (ec ? path : absolute).lexically_normal().string();
}

std::unique_ptr<Storage> make_storage(const StorageConfig &storage, const std::string &study_name,
                                      const std::string &base_dir, StorageLogger log) {
  std::string path = journal_path(storage, study_name, base_dir);
  if (path.empty()) return make_memory_storage();
  storage::JournalOptions options{path, {storage.lock_timeout, storage.lock_grace}};
  return storage::make_journal_storage(options, study_name, std::move(log));
}

}  // namespace vernier
