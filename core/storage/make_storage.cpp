#include "make_storage.hpp"

#include <cctype>
#include <filesystem>

#include "journal_storage.hpp"

namespace vernier {

namespace fs = std::filesystem;

std::string journal_file_name(const std::string &study_name) {
  std::string out;
  for (char c : study_name)
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ? c : '_';
  if (out.empty() || out[0] == '.') out.insert(out.begin(), '_');  // never a hidden file, never ".."
  return out + ".journal";
}

std::string journal_path(const StudyConfig &config) {
  const std::string &given = config.storage.path;
  if (given.empty() || given == ":memory:") return "";
  fs::path path(given);
  if (path.is_relative()) path = fs::path(config.base_dir) / path;
  std::error_code ec;
  if (given.back() == '/' || fs::is_directory(path, ec)) path /= journal_file_name(config.name);
  fs::path absolute = fs::absolute(path, ec);
  return (ec ? path : absolute).lexically_normal().string();
}

std::unique_ptr<Storage> make_storage(const StudyConfig &config, StorageLogger log) {
  std::string path = journal_path(config);
  if (path.empty()) return make_memory_storage();
  journal::JournalOptions options{path, {config.storage.lock_timeout, config.storage.lock_grace}};
  return journal::make_journal_storage(options, config.name, std::move(log));
}

}  // namespace vernier
