// Fuzz target: the study config parser (docs/config.md), JSON text -> validated StudyConfig, as
// `vernier tune` and vn_study_create read it. Properties besides "no crash, clear errors": the space
// of a valid config reads back from its canonical JSON to an equal space.
#include "fuzz_support.hpp"
#include "base/json.hpp"
#include "config/study_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  using namespace vernier;
  fuzz::clean_errors([&] {
    const boost::json::object config = json::parse_object(fuzz::as_text(data, size), "study config");
    const StudyConfig parsed = StudyConfig::parse(config);
    if (parsed.name.empty()) fuzz::finding("a valid config with an empty study name");
    if (parsed.direction != 1 && parsed.direction != -1) fuzz::finding("a direction that is neither +1 nor -1");
    if (parsed.space.size() > 0) {
      const Space again = Space::from_json(parsed.space.to_json(), "space");
      if (std::string why = parsed.space.difference(again); !why.empty())
        fuzz::finding("the space does not read back from its canonical JSON: " + why);
    }
  });
  return 0;
}
