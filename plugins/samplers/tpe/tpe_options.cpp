// The TPE sampler's options: see tpe_options.hpp.
#include "tpe_options.hpp"

#include <cmath>
#include <cstdio>
#include <string>

#include "vernier/sdk/options.hpp"
#include "vernier/sdk/plugin.hpp"

namespace vernier::tpe {

// Bounds are inclusive in the schema; the exclusive ones (gamma > 0, prior_weight > 0) are checked in
// read_settings(). Candidates are capped so a typo cannot make one suggestion take minutes.
const char *const kOptionsJson = R"json({"options": {
  "n_startup_trials": {"type": "int", "default": 10, "min": 0, "max": 1000000,
    "help": "trials drawn at random (as the random sampler would) before TPE starts; counts complete and pruned trials"},
  "n_ei_candidates": {"type": "int", "default": 24, "min": 1, "max": 100000,
    "help": "candidates drawn from l(x) per suggestion; the one maximising log l(x) - log g(x) is proposed"},
  "gamma": {"type": "number", "default": 0.1, "min": 0, "max": 1,
    "help": "fraction of the finished trials modelled as good: below = min(ceil(gamma * n), max_below); in (0, 1]"},
  "max_below": {"type": "int", "default": 25, "min": 1, "max": 1000000000,
    "help": "cap on the number of good ('below') trials"},
  "prior_weight": {"type": "number", "default": 1.0, "min": 0,
    "help": "weight of the prior kernel (centred on the range, as wide as the range) in both densities; > 0"},
  "multivariate": {"type": "bool", "default": true,
    "help": "one joint kernel per observation over each group of parameters active together; false: one density per parameter"},
  "bandwidth": {"type": "string", "default": "neighbour_gaps", "choices": ["neighbour_gaps", "scott"],
    "help": "kernel widths per parameter: the larger gap to the neighbouring observations, or Scott's rule (0.2 n^(-1/(d+4)) of the range, as Optuna's multivariate TPE)"},
  "weight_by_bandwidth": {"type": "bool", "default": null,
    "help": "score candidates with kernels weighted by their width relative to the range (Optuna <= 3.4's scoring); default: on in univariate mode, off in multivariate mode"},
  "constant_liar": {"type": "bool", "default": true,
    "help": "count running trials (and earlier rows of a batch) as bad, so parallel workers spread out"},
  "consider_magic_clip": {"type": "bool", "default": true,
    "help": "keep every bandwidth at least range / min(100, n + 2)"},
  "consider_endpoints": {"type": "bool", "default": false,
    "help": "neighbour-gap bandwidths: let the range's ends count as neighbours of the outermost observations"},
  "n_full_weight": {"type": "int", "default": 25, "min": 0, "max": 1000000000,
    "help": "the newest observations of each density get weight 1; older ones a linear ramp from 1/n up to 1"}
}})json";

namespace {

std::string shown(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", v);
  return text;
}

}  // namespace

TpeSettings read_settings(const char *config_json) {
  const vernier::sdk::Options options(kOptionsJson, config_json);
  TpeSettings s;
  s.n_startup_trials = static_cast<uint64_t>(options.integer("n_startup_trials"));
  s.n_ei_candidates = static_cast<uint32_t>(options.integer("n_ei_candidates"));
  s.split.gamma = options.number("gamma");
  if (!(s.split.gamma > 0.0))
    throw vernier::sdk::invalid("option 'gamma' must be in (0, 1], got " + shown(s.split.gamma) +
                                ": with no good trials TPE has nothing to model");
  s.split.max_below = static_cast<uint64_t>(options.integer("max_below"));
  s.split.constant_liar = options.boolean("constant_liar");
  s.estimator.prior_weight = options.number("prior_weight");
  if (!(s.estimator.prior_weight > 0.0) || !std::isfinite(s.estimator.prior_weight))
    throw vernier::sdk::invalid("option 'prior_weight' must be a finite number > 0, got " +
                                shown(s.estimator.prior_weight));
  s.multivariate = options.boolean("multivariate");
  s.estimator.bandwidth = options.string("bandwidth") == "scott" ? Bandwidth::Scott : Bandwidth::NeighbourGaps;
  s.estimator.magic_clip = options.boolean("consider_magic_clip");
  s.estimator.consider_endpoints = options.boolean("consider_endpoints");
  // Unset, it follows the mode: each mode's better setting on bench/problems.json (docs/samplers.md).
  s.estimator.weight_by_bandwidth =
      options.has("weight_by_bandwidth") ? options.boolean("weight_by_bandwidth") : !s.multivariate;
  s.estimator.n_full_weight = static_cast<uint32_t>(options.integer("n_full_weight"));
  return s;
}

}  // namespace vernier::tpe
