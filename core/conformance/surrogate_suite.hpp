// The surrogate conformance suite: what every surrogate plugin (surrogate.h) must do, checked against one
// component. Check ids, the rule each enforces and what it verifies are listed in docs/abi.md
// ("Surrogate suite").
#ifndef VERNIER_CORE_CONFORMANCE_SURROGATE_SUITE_HPP
#define VERNIER_CORE_CONFORMANCE_SURROGATE_SUITE_HPP

#include "plugin_host/registry.hpp"
#include "conformance/check.hpp"

namespace vernier::conformance {

// Runs every surrogate check against `component` (a VN_KIND_SURROGATE of `registry`). Never throws.
CheckList run_surrogate_suite(const Registry &registry, const Component &component);

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_SURROGATE_SUITE_HPP
