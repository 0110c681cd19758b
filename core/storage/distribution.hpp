// Optuna's distributions, as its journal stores them: `distribution_to_json` text such as
// {"name": "FloatDistribution", "attributes": {"low": 0.0, "high": 1.0, "log": false, "step": null}},
// and the conversions between them and Vernier's parameters.
//
// Internal values agree: Optuna's internal representation of a float or an int is the number itself
// and of a categorical the choice's index, exactly Vernier's internal values (space.h).
#ifndef VERNIER_CORE_STORAGE_DISTRIBUTION_HPP
#define VERNIER_CORE_STORAGE_DISTRIBUTION_HPP

#include <string>
#include <vector>

#include <boost/json.hpp>

#include "space/search_space.hpp"

namespace vernier::storage {

struct Distribution {
  std::string class_name;    // Optuna's class: FloatDistribution, IntDistribution, CategoricalDistribution,
                             // or one of the deprecated ones (UniformDistribution, ...) old studies hold
  uint32_t type = VN_PARAM_FLOAT;
  double low = 0, high = 0;
  double step = 0;           // 0: continuous float
  bool log = false;
  std::vector<boost::json::value> choices;
};

// Parses distribution_to_json text (or Optuna's abbreviated form {"type": "float", ...}); throws
// Error(VN_E_INVALID) saying what is wrong.
Distribution parse_distribution(const std::string &json_text);

// The distribution_to_json text of a Vernier parameter, attribute for attribute as Optuna writes it.
std::string distribution_json(const Param &param);

// Whether two distributions are the same space (for resuming: a stored trial fits the wanted space).
bool same_distribution(const Distribution &stored, const Param &param);
// Optuna's check_distribution_compatibility: the same class, the same log flag, the same choices.
bool compatible(const Distribution &first, const Distribution &later);

// "FloatDistribution(low=0.001, high=1, log=true)" for messages.
std::string describe(const Distribution &d);

// A Vernier parameter's config JSON from an Optuna distribution (to derive a foreign study's space);
// throws for what Vernier cannot represent (a None choice).
boost::json::object param_json(const std::string &name, const Distribution &d);

// The user-facing value of an internal one: a double, an int64 or the choice as written.
boost::json::value external_value(const Distribution &d, double internal);

// Categorical choices compared as Python compares them (1 == 1.0 == true).
bool same_choice(const boost::json::value &a, const boost::json::value &b);

}  // namespace vernier::storage

#endif  // VERNIER_CORE_STORAGE_DISTRIBUTION_HPP
