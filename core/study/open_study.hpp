// A study over the storage its config names: in memory, or a journal file (storage/make_storage.hpp).
// The one place where a study config becomes a study with its storage; the C API and the tests use it.
#ifndef VERNIER_CORE_STUDY_OPEN_STUDY_HPP
#define VERNIER_CORE_STUDY_OPEN_STUDY_HPP

#include <memory>

#include "study/study.hpp"

namespace vernier {

// Storage warnings go to `log`; without one, to the registry's log (vn_context_set_log). The registry
// must outlive the study.
std::unique_ptr<Study> open_study(const Registry &registry, StudyConfig config, StorageLogger log = nullptr);

}  // namespace vernier

#endif  // VERNIER_CORE_STUDY_OPEN_STUDY_HPP
