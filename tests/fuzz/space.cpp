// Fuzz target: the space validator, a "space" JSON array -> validated Space. Properties besides "no
// crash, clear errors", for every space it accepts:
//  - the canonical JSON (to_json) reads back to an equal space;
//  - the point of every parameter at its low end (choice 0 for categoricals; NaN where a condition
//    makes it inactive) is a valid point, and its user-facing values map back to the same internal ones.
#include <cmath>
#include <vector>

#include "fuzz_support.hpp"
#include "base/json.hpp"
#include "space/search_space.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  using namespace vernier;
  fuzz::clean_errors([&] {
    const Space space = Space::from_json(json::parse(fuzz::as_text(data, size), "space"), "space");
    const Space again = Space::from_json(space.to_json(), "space");
    if (std::string why = space.difference(again); !why.empty())
      fuzz::finding("the space does not read back from its canonical JSON: " + why);
    if (space.view().n_params != space.size()) fuzz::finding("the vn_space view has another parameter count");

    // Conditions name earlier parameters, so one pass in order settles which ones are active.
    std::vector<double> point(space.size());
    for (std::size_t j = 0; j < space.size(); ++j)
      point[j] = space.is_active(point.data(), j) ? space.params()[j].low : std::nan("");
    try {
      space.check_point(point.data());
    } catch (const Error &e) {
      fuzz::finding(std::string("the lowest point of an accepted space is refused: ") + e.what());
    }
    const boost::json::object values = space.to_values(point.data());
    for (std::size_t j = 0; j < space.size(); ++j) {
      const Param &p = space.params()[j];
      const boost::json::value *value = values.if_contains(p.name);
      if ((value != nullptr) == std::isnan(point[j])) fuzz::finding("to_values lists '" + p.name + "' wrongly");
      if (value != nullptr && space.internal_value(j, *value) != point[j])
        fuzz::finding("the user-facing value of '" + p.name + "' maps back to another internal value");
    }
  });
  return 0;
}
