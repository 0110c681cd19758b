#include "study/open_study.hpp"

#include "storage/make_storage.hpp"

namespace vernier {

std::unique_ptr<Study> open_study(const Registry &registry, StudyConfig config, StorageLogger log) {
  if (!log) {
    const Registry *log_to = &registry;
    log = [log_to](int32_t severity, const std::string &message) { log_to->log(severity, message); };
  }
  std::unique_ptr<Storage> storage = make_storage(config.storage, config.name, config.base_dir, std::move(log));
  return std::make_unique<Study>(registry, std::move(config), std::move(storage));
}

}  // namespace vernier
