#include "objectives/cv/cv_leaky_config.hpp"

#include "base/error.hpp"

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

namespace {

bool ordered(const Registry &registry, const SplitterChoice &splitter, const std::string &key) {
  return declares(registry, splitter, "ordered", key);
}

}  // namespace

void settle_defaults(CvConfig &c, const Registry &registry, bool data_has_groups) {
  if (!c.splitter_given && data_has_groups) c.splitter = SplitterChoice{"group", {}};
  if (!c.test_split_given) {
    if (data_has_groups) c.test_split = TestSplit::Group;
    else if (ordered(registry, c.splitter, "splitter") || (c.outer && ordered(registry, *c.outer, "outer")))
      c.test_split = TestSplit::Last;  // the test part is the future
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
  if (c.allow_training_after_test) return;
  // A time-ordered splitter, inner or outer, promises that no model trains on rows later than those it is
  // scored on; the test part must then be the last rows, and an inner time-ordered CV must sit inside an
  // outer one (a shuffled outer fold would hold rows earlier than the inner training rows).
  const bool inner_ordered = ordered(registry, c.splitter, "splitter");
  const bool outer_ordered = c.outer && ordered(registry, *c.outer, "outer");
  const SplitterChoice *timed = inner_ordered ? &c.splitter : outer_ordered ? &*c.outer : nullptr;
  if (has_test_part && c.test_split != TestSplit::Last && timed != nullptr)
    throw invalid_argument(std::string("objective.cv.test_split: \"") + test_split_name(c.test_split) + "\" with splitter '" +
                           timed->plugin + "' (time-ordered) lets CV train on rows later than test rows; use \"last\" "
                           "(the default with a time-ordered splitter), or set \"allow_training_after_test\": true");
  if (inner_ordered && c.outer && !outer_ordered)
    throw invalid_argument("objective.cv.outer: splitter '" + c.splitter.plugin + "' (time-ordered) inside outer splitter '" +
                           c.outer->plugin + "', which is not, lets the inner CV train on rows later than the outer fold "
                           "it is scored on; use a time-ordered outer splitter, or set \"allow_training_after_test\": true");
}

}  // namespace vernier
