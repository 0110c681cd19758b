// Which conformance suite runs for which plugin kind: see kind_suites.hpp.
#include "conformance/kind_suites.hpp"

#include "vernier/plugin/plugin.h"

namespace vernier::conformance {

SuiteRunner suite_of_kind(uint32_t kind) {
  switch (kind) {
    case VN_KIND_SAMPLER: return run_sampler_suite;
    case VN_KIND_SURROGATE: return run_surrogate_suite;
    case VN_KIND_MODEL: return run_model_suite;
    case VN_KIND_SPLITTER: return run_splitter_suite;
  }
  return nullptr;
}

}  // namespace vernier::conformance
