#include "cv_leaky_config.hpp"

#include "../error.hpp"

namespace vernier {

namespace {

// Whether the splitter's descriptor declares the property (its options_json's "properties" list). An
// unknown splitter is an error naming the key it came from.
bool declares(const Registry &registry, const SplitterChoice &splitter, const char *property, const std::string &key) {
  const Component *found = nullptr;
  try {
    found = &registry.require(VN_KIND_SPLITTER, splitter.plugin);
  } catch (const Error &e) {
    throw Error(e.status(), "objective.cv." + key + ": " + e.what());
  }
  const Component &c = *found;
  const boost::json::value *properties = c.options.if_contains("properties");
  if (properties == nullptr || !properties->is_array()) return false;
  for (const boost::json::value &p : properties->as_array())
    if (p.is_string() && p.as_string() == property) return true;
  return false;
}

void refuse_splitter_ignoring_groups(const CvConfig &c, const Registry &registry, const SplitterChoice &splitter,
                                     const std::string &key) {
  if (c.allow_groups_across_folds || declares(registry, splitter, "groups", key)) return;
  throw invalid_argument("objective.cv." + key + ": the data has groups, but splitter '" + splitter.plugin +
                         "' does not keep a group's rows together, so one group would be in a fold's training and "
                         "validation rows; use a splitter that declares \"groups\" (e.g. \"group\"), or set "
                         "\"allow_groups_across_folds\": true");
}

}  // namespace

void settle_defaults(CvConfig &c, const Registry &registry, bool data_has_groups) {
  if (!c.splitter_given && data_has_groups) c.splitter = SplitterChoice{"group", {}};
  if (!c.test_split_given) {
    if (data_has_groups) c.test_split = TestSplit::Group;
    else if (declares(registry, c.splitter, "ordered", "splitter")) c.test_split = TestSplit::Last;  // the test part is the future
  }
}

void refuse_leaky_config(const CvConfig &c, const Registry &registry, bool data_has_groups) {
  const bool has_test_part = c.test_size > 0;
  if (data_has_groups && has_test_part && c.test_split != TestSplit::Group && !c.allow_groups_across_test_split)
    throw invalid_argument(std::string("objective.cv.test_split: \"") + test_split_name(c.test_split) +
                           "\" with groups puts rows of one group in both the training and the test part; use \"group\" "
                           "(the default with groups), or set \"allow_groups_across_test_split\": true");
  if (data_has_groups) {
    refuse_splitter_ignoring_groups(c, registry, c.splitter, "splitter");
    if (c.outer) refuse_splitter_ignoring_groups(c, registry, *c.outer, "outer");
  }
  if (has_test_part && c.test_split != TestSplit::Last && !c.allow_training_after_test &&
      declares(registry, c.splitter, "ordered", "splitter"))
    throw invalid_argument(std::string("objective.cv.test_split: \"") + test_split_name(c.test_split) + "\" with splitter '" +
                           c.splitter.plugin + "' (time-ordered) lets CV train on rows later than test rows; use \"last\" "
                           "(the default with a time-ordered splitter), or set \"allow_training_after_test\": true");
}

}  // namespace vernier
