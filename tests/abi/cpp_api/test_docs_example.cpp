// The example of docs/abi.md ("The C++ API") and README.md ("Embedding from C++"), as written there but
// for the context's options (the build tree's plugins): it must compile and find the minimum.
#include <optional>

#include "cpp_api_support.hpp"

using namespace cpp_api_test;

TEST_CASE("The documented example runs", "[cpp_api]") {
  vernier::Context context(kContextOptions);
  vernier::Study study(context, R"({"name": "demo", "direction": "minimize",
    "space": [{"name": "x", "type": "float", "low": -3, "high": 3},
              {"name": "kind", "type": "categorical", "choices": ["plain", "shifted"]}],
    "sampler": {"plugin": "random", "seed": 1}})");
  study.optimize(50, [](vernier::TrialView &trial) {
    double x = trial.get_float("x");
    if (trial.get_categorical("kind") == "shifted") x -= 1;
    return x * x;
  });
  std::optional<vernier::BestTrial> best = study.best();
  REQUIRE(best.has_value());
  CHECK((best->number >= 0 && best->number < 50));
  CHECK(best->value < 0.1);  // 50 random points on [-3, 3]: one lands near a minimum
}
