// The model conformance suite: what every model plugin must do, checked against one component.
// Check ids, the rule each enforces and what it verifies are listed in docs/abi.md ("Model suite").
#ifndef VERNIER_CORE_CONFORMANCE_MODEL_SUITE_HPP
#define VERNIER_CORE_CONFORMANCE_MODEL_SUITE_HPP

#include "plugin_host/registry.hpp"
#include "conformance/check.hpp"

namespace vernier::conformance {

// Runs every model check against `component` (a VN_KIND_MODEL of `registry`). Never throws but bad_alloc.
CheckList run_model_suite(const Registry &registry, const Component &component);

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_MODEL_SUITE_HPP
