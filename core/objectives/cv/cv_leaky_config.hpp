// Configurations of the cv objective that let information cross a boundary tuning relies on, refused
// at creation with a message naming the conflict and the opt-in key (docs/config.md, "Leaky
// configurations"):
//   groups with a test split that is not "group"     a group in the training and the test part
//                                                     (opt in: "allow_groups_across_test_split")
//   groups with a splitter that does not keep groups  a group in a fold's training and validation rows
//   (inner or outer) together                         (opt in: "allow_groups_across_folds")
//   a time-ordered splitter with a test split that    CV trains on rows later than test rows
//   is not "last"                                     (opt in: "allow_training_after_test")
// Which splitter keeps groups together, or keeps time order, the core learns from the properties its
// descriptor declares ("groups", "ordered"; docs/abi.md), which the splitter suite verifies: no list
// of plugin names, and no ABI change.
#ifndef VERNIER_CORE_OBJECTIVES_CV_CV_LEAKY_CONFIG_HPP
#define VERNIER_CORE_OBJECTIVES_CV_CV_LEAKY_CONFIG_HPP

#include "plugin_host/registry.hpp"
#include "objectives/cv/cv_config.hpp"

namespace vernier {

// The defaults that follow the data and the splitter, for what the config leaves out: with groups, the
// "group" splitter and test split; with a time-ordered splitter, the "last" test split.
void settle_defaults(CvConfig &config, const Registry &registry, bool data_has_groups);

// Throws Error(VN_E_INVALID) for the first leaky combination not opted into. data_has_groups: the data
// as loaded has a group column (a CSV's "groups", or an embedder's group array).
void refuse_leaky_config(const CvConfig &config, const Registry &registry, bool data_has_groups);

}  // namespace vernier

#endif  // VERNIER_CORE_OBJECTIVES_CV_CV_LEAKY_CONFIG_HPP
