// The splitter conformance suite: what every splitter plugin must do, checked against one component.
// Check ids, the rule each enforces and what it verifies are listed in docs/abi.md ("Splitter suite").
//
// Besides the contract of splitter.h, a splitter may declare properties in its options_json, beside
// "options": {"options": {...}, "properties": ["partition", "stratified"]}. The suite verifies every
// property declared:
//   partition   each row is validated exactly once per repeat (splits come in repeats of equal length)
//   stratified  each validation fold holds floor or ceil of (class count / folds per repeat) of every class
//   groups      no group (the dataset's group column) has rows on both sides of a split; without a group
//               column the splitter refuses with a message
//   ordered     every training row comes before every validation row (time order: rows are ascending)
//   fold_ids    each validation fold is the rows of one fold id of the dataset's fold column, rows with
//               id -1 never validate; without a fold column the splitter refuses with a message
#ifndef VERNIER_CORE_CONFORMANCE_SPLITTER_SUITE_HPP
#define VERNIER_CORE_CONFORMANCE_SPLITTER_SUITE_HPP

#include "plugin_host/registry.hpp"
#include "conformance/check.hpp"

namespace vernier::conformance {

// Runs every splitter check against `component` (a VN_KIND_SPLITTER of `registry`). Never throws but bad_alloc.
CheckList run_splitter_suite(const Registry &registry, const Component &component);

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_SPLITTER_SUITE_HPP
