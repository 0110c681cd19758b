// One TPE suggestion: see tpe_suggest.hpp.
#include "tpe_suggest.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "parzen_estimator.hpp"
#include "vernier/sdk/rng.hpp"
#include "vernier/sdk/unit_cube.hpp"

namespace vernier::tpe {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The points of one side of the split in which every parameter of the unit is active.
std::vector<const double *> observations_of(const Unit &unit, const Trials &trials, const Split &split, Side side) {
  std::vector<const double *> rows;
  for (std::size_t i = 0; i < trials.points.size(); ++i) {
    if (split.side[i] != side) continue;
    const double *point = trials.points[i];
    bool active = true;
    for (uint32_t j : unit.params) active = active && !std::isnan(point[j]);
    if (active) rows.push_back(point);
  }
  return rows;
}

// Proposes values for the parameters of an active, modelled unit into point.
void propose_unit(const vn_space &space, const Unit &unit, const TpeSettings &settings, const Trials &trials,
                  const Split &split, vernier::sdk::Rng &rng, double *point) {
  std::vector<ParamModel> models;
  models.reserve(unit.params.size());
  for (uint32_t j : unit.params) models.push_back(model_of(space.params[j], j));
  const ParzenEstimator below(models, observations_of(unit, trials, split, Side::Below), settings.estimator);
  const ParzenEstimator above(std::move(models), observations_of(unit, trials, split, Side::Above), settings.estimator);

  const uint32_t count = settings.n_ei_candidates;
  const std::size_t dims = unit.params.size();
  std::vector<double> candidates(count * dims), log_l(count), log_g(count);
  below.sample(rng, count, candidates.data());
  below.log_pdf(candidates.data(), count, log_l.data());
  above.log_pdf(candidates.data(), count, log_g.data());

  uint32_t best = 0;
  double best_score = -std::numeric_limits<double>::infinity();
  for (uint32_t c = 0; c < count; ++c) {
    const double score = log_l[c] - log_g[c];
    if (score > best_score) {  // the first of equal scores; a NaN score never wins
      best_score = score;
      best = c;
    }
  }
  for (std::size_t d = 0; d < dims; ++d) point[unit.params[d]] = candidates[best * dims + d];
}

}  // namespace

std::vector<Unit> plan_units(const vn_space &space, bool multivariate) {
  std::vector<Unit> units;
  // Parameters active together share their gate: the parent and the set of its choices that open it.
  std::map<std::pair<int32_t, std::vector<uint32_t>>, std::size_t> unit_of_gate;
  for (uint32_t j = 0; j < space.n_params; ++j) {
    const vn_param &p = space.params[j];
    if (is_fixed(p) || !multivariate) {
      units.push_back(Unit{{j}, is_fixed(p)});
      continue;
    }
    std::vector<uint32_t> opening;
    if (p.parent >= 0) opening.assign(p.active_when, p.active_when + p.n_active_when);
    std::sort(opening.begin(), opening.end());
    opening.erase(std::unique(opening.begin(), opening.end()), opening.end());
    auto [it, added] = unit_of_gate.try_emplace({p.parent, std::move(opening)}, units.size());
    if (added) units.push_back(Unit{{}, false});
    units[it->second].params.push_back(j);
  }
  return units;
}

void suggest_point(const vn_space &space, const TpeSettings &settings, const Trials &trials, uint64_t seed,
                   int64_t trial_number, double *out) {
  const uint32_t d = space.n_params;
  const Split split = split_observations(trials.outcomes, settings.split);
  if (split.n_finished < settings.n_startup_trials) {
    vernier::sdk::Rng rng(seed, trial_number);  // the random sampler's draws for this trial
    std::vector<double> unit(d);
    for (double &u : unit) u = rng.uniform();
    vernier::sdk::sample_point(space, unit.data(), out);
    return;
  }

  for (uint32_t j = 0; j < d; ++j) out[j] = kNaN;
  const std::vector<Unit> units = plan_units(space, settings.multivariate);
  for (std::size_t u = 0; u < units.size(); ++u) {
    const Unit &unit = units[u];
    // Units come in the order of their first parameter, after the unit of its parent: the gate is known.
    if (!vernier::sdk::is_active(space, unit.params.front(), out)) continue;
    if (unit.fixed) {
      out[unit.params.front()] = fixed_value(space.params[unit.params.front()]);
      continue;
    }
    vernier::sdk::Rng rng(seed, trial_number, 1 + u);
    propose_unit(space, unit, settings, trials, split, rng, out);
  }
}

}  // namespace vernier::tpe
