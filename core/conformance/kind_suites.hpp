// Which conformance suite runs for which plugin kind: the one table a new kind's suite is added to.
#ifndef VERNIER_CORE_CONFORMANCE_KIND_SUITES_HPP
#define VERNIER_CORE_CONFORMANCE_KIND_SUITES_HPP

#include <cstdint>

#include "plugin_host/registry.hpp"
#include "conformance/check_list.hpp"

namespace vernier::conformance {

// Runs every check of one kind's suite against `component` of `registry`. Never throws but bad_alloc.
using SuiteRunner = CheckList (*)(const Registry &registry, const Component &component);

// The suite of components of `kind` (VN_KIND_SAMPLER, ...), or nullptr for a kind without one.
SuiteRunner suite_of_kind(uint32_t kind);

// Each kind's suite (sampler_suite.cpp, ...).
CheckList run_sampler_suite(const Registry &registry, const Component &component);
CheckList run_surrogate_suite(const Registry &registry, const Component &component);
CheckList run_model_suite(const Registry &registry, const Component &component);
CheckList run_splitter_suite(const Registry &registry, const Component &component);

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_KIND_SUITES_HPP
