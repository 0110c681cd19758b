// Deliberately broken splitters, each breaking one property it declares, so the splitter suite is seen
// to catch it (tests/plugins/splitters/test_splitter_conformance.cpp). Test-only; never installed.
//   overlap       declares "partition", but row 0 is validated in every split
//   unstratified  declares "stratified", but cuts the rows sorted by class into contiguous folds
//   mixer         declares "groups", but deals rows round-robin, splitting every group
//   future        declares "ordered", but is a plain k-fold (later rows train models of earlier ones)
//   overrun       writes one byte past its output
#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/options.hpp"

namespace {

using namespace vernier::sdk;

enum class Fault { Overlap, Unstratified, Mixer, Future, Overrun };

template <Fault F>
class Broken : public Instance {
 public:
  Broken(const vn_host *, const char *config_json) { Options(R"json({"options": {}})json", config_json); }
  uint32_t n_splits(const vn_dataset &, const uint64_t *, uint64_t n_rows, uint64_t) const {
    if (n_rows < 4) throw invalid("too few rows");
    return 4;
  }
  void split(const vn_dataset &data, const uint64_t *rows, uint64_t n_rows, uint64_t seed, uint32_t split, uint8_t *out) const {
    if (split >= n_splits(data, rows, n_rows, seed)) throw invalid("split out of range");
    std::vector<uint64_t> order(n_rows);
    std::iota(order.begin(), order.end(), uint64_t{0});
    if (F == Fault::Unstratified)
      std::stable_sort(order.begin(), order.end(), [&](uint64_t a, uint64_t b) { return data.target[rows[a]] < data.target[rows[b]]; });
    for (uint64_t i = 0; i < n_rows; ++i) {
      const uint64_t fold = F == Fault::Mixer ? i % 4 : i * 4 / n_rows;
      out[order[i]] = fold == split ? VN_SPLIT_VALIDATION : VN_SPLIT_TRAIN;
    }
    if (F == Fault::Overlap) out[0] = VN_SPLIT_VALIDATION;
    if (F == Fault::Overrun) out[n_rows] = VN_SPLIT_TRAIN;
  }
};

const vn_component kOverlap = component<Broken<Fault::Overlap>, VN_KIND_SPLITTER>(
    "overlap", "1.0.0", "broken: row 0 in every validation fold", R"json({"options": {}, "properties": ["partition"]})json");
const vn_component kUnstratified = component<Broken<Fault::Unstratified>, VN_KIND_SPLITTER>(
    "unstratified", "1.0.0", "broken: claims stratification", R"json({"options": {}, "properties": ["partition", "stratified"]})json");
const vn_component kMixer = component<Broken<Fault::Mixer>, VN_KIND_SPLITTER>(
    "mixer", "1.0.0", "broken: splits groups", R"json({"options": {}, "properties": ["partition", "groups"]})json");
const vn_component kFuture = component<Broken<Fault::Future>, VN_KIND_SPLITTER>(
    "future", "1.0.0", "broken: claims time order", R"json({"options": {}, "properties": ["ordered"]})json");
const vn_component kOverrun = component<Broken<Fault::Overrun>, VN_KIND_SPLITTER>(
    "overrun", "1.0.0", "broken: writes past its output", R"json({"options": {}})json");

}  // namespace

VERNIER_SDK_ENTRY(&kOverlap, &kUnstratified, &kMixer, &kFuture, &kOverrun)
