// The sampler conformance suite: what every sampler plugin must do, checked against one component.
// Check ids, the rule each enforces and what it verifies are listed in docs/abi.md ("Conformance checks").
#ifndef VERNIER_CORE_CONFORMANCE_SAMPLER_SUITE_HPP
#define VERNIER_CORE_CONFORMANCE_SAMPLER_SUITE_HPP

#include "plugin_host/registry.hpp"
#include "conformance/check.hpp"

namespace vernier::conformance {

// Runs every sampler check against `component` (a VN_KIND_SAMPLER of `registry`). Never throws.
CheckList run_sampler_suite(const Registry &registry, const Component &component);

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_SAMPLER_SUITE_HPP
