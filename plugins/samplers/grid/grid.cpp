// The grid sampler: a full factorial design, proposed point by point until every point has been tried.
//
// The grid is the product of one axis per parameter (grid_axes.hpp), with conditional parameters varied
// only where active; it is numbered, never stored (grid_index.hpp). suggest() returns the first grid points, in grid order or in a
// permutation seeded by the suggest() seed, that no trial of the history has taken (any state counts:
// a running trial holds its point, and a failed or pruned point is not retried), then VN_E_EXHAUSTED.
// The result depends only on the config, the seed, the space and the history (VN-ABI-8): the cached
// grid and order are pure functions of (space, options) and (grid, seed), rebuilt whenever those change.
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "grid_axes.hpp"
#include "grid_index.hpp"
#include "vernier/sdk/options.hpp"
#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/rng.hpp"
#include "vernier/sdk/unit_cube.hpp"

namespace vernier_grid {
namespace {

using namespace vernier::sdk;

constexpr const char *kOptions = R"({"options": {
  "points_per_axis": {"type": "int", "default": 5, "min": 1, "max": 10000000,
                      "help": "values per parameter without listed values: evenly spaced (geometric for log), or every value of an int or step grid that has at most this many"},
  "values": {"type": "object", "default": {},
             "help": "explicit values per parameter, e.g. {\"lr\": [0.01, 0.1], \"kernel\": [\"rbf\"]}; categoricals by their choices as written in the space"},
  "shuffle": {"type": "bool", "default": false,
              "help": "visit the grid in an order permuted by the study seed instead of in order"}
}})";

constexpr double kMaxPoints = 1e7;                     // beyond this a full factorial is not a sensible plan
constexpr uint64_t kShuffleStream = 0x677269645f6f7264ULL;  // "grid_ord": the permutation's Rng stream

// Exact bytes of everything in the space that shapes the grid, so a cached grid is reused only for an
// identical space (a hash could collide, and results must never depend on the cache).
std::string space_key(const vn_space &space) {
  std::string key;
  const auto put = [&key](const void *data, size_t n) { key.append(static_cast<const char *>(data), n); };
  const auto put_text = [&](const char *s) { put(s, std::strlen(s) + 1); };
  put(&space.n_params, sizeof space.n_params);
  for (uint32_t j = 0; j < space.n_params; ++j) {
    const vn_param &p = space.params[j];
    put_text(p.name);
    put(&p.type, sizeof p.type);
    put(&p.flags, sizeof p.flags);
    put(&p.low, sizeof p.low);
    put(&p.high, sizeof p.high);
    put(&p.step, sizeof p.step);
    put(&p.n_choices, sizeof p.n_choices);
    for (uint32_t k = 0; k < p.n_choices; ++k) put_text(p.choices[k]);
    put(&p.parent, sizeof p.parent);
    put(&p.n_active_when, sizeof p.n_active_when);
    if (p.n_active_when > 0) put(p.active_when, p.n_active_when * sizeof *p.active_when);
  }
  return key;
}

std::string count_text(double n) {
  char text[64];
  std::snprintf(text, sizeof text, n < 1e15 ? "%.0f" : "%.3g", n);
  return text;
}

struct Grid {
  std::string space_key;
  GridIndex index;
  uint64_t size;
};

class GridSampler : public Instance {
 public:
  GridSampler(const vn_host *, const char *config_json) {
    const Options options(kOptions, config_json);
    points_per_axis_ = static_cast<uint32_t>(options.integer("points_per_axis"));
    values_ = options.json("values").get_object();
    check_values_option(values_);
    shuffle_ = options.boolean("shuffle");
  }

  void suggest(const vn_space &space, const vn_history &history, uint64_t seed, const int64_t *, uint32_t count,
               double *out) {
    check_space(space);
    check_history(space, history);
    const Grid &grid = grid_for(space);
    const std::vector<uint32_t> *order = shuffle_ ? &order_for(grid, seed) : nullptr;

    // One pass over the history, then one over the grid: O(history + grid), one bit per grid point.
    std::vector<bool> taken(grid.size, false);
    for (uint64_t t = 0; t < history.n_trials; ++t)
      if (const auto index = grid.index.index_of(history.params + t * space.n_params)) taken[*index] = true;
    std::vector<uint64_t> picked;
    for (uint64_t i = 0; i < grid.size && picked.size() < count; ++i) {
      const uint64_t index = order != nullptr ? (*order)[i] : i;
      if (!taken[index]) picked.push_back(index);
    }

    if (count > 0 && picked.empty())
      throw Error(VN_E_EXHAUSTED, "grid exhausted: all " + std::to_string(grid.size) + " points proposed");
    if (picked.size() < count)  // sampler.h: the host then asks again with count 1
      throw Error(VN_E_EXHAUSTED, "grid exhausted: only " + std::to_string(picked.size()) + " of " +
                                      std::to_string(grid.size) + " points left, " + std::to_string(count) +
                                      " asked for");
    for (size_t r = 0; r < picked.size(); ++r) grid.index.point(picked[r], out + r * space.n_params);
  }

 private:
  const Grid &grid_for(const vn_space &space) {
    std::string key = space_key(space);
    if (grid_ && grid_->space_key == key) return *grid_;
    grid_.reset();  // never leave a grid for another space behind if building this one fails
    order_seed_.reset();
    GridIndex index(space, build_axes(space, points_per_axis_, values_));
    const double size = index.size();
    if (size > kMaxPoints)
      throw invalid("grid: the grid has " + count_text(size) + " points, more than the limit of " +
                    count_text(kMaxPoints) + "; lower points_per_axis or list fewer values");
    return grid_.emplace(Grid{std::move(key), std::move(index), static_cast<uint64_t>(size)});
  }

  // The permutation depends on the seed only (not on a trial number): one order for the whole study.
  const std::vector<uint32_t> &order_for(const Grid &grid, uint64_t seed) {
    if (!order_seed_ || *order_seed_ != seed) {
      order_ = Rng(seed, 0, kShuffleStream).permutation(static_cast<uint32_t>(grid.size));
      order_seed_ = seed;
    }
    return order_;
  }

  uint32_t points_per_axis_ = 5;
  boost::json::object values_;
  bool shuffle_ = false;
  std::optional<Grid> grid_;
  std::vector<uint32_t> order_;
  std::optional<uint64_t> order_seed_;
};

const vn_component kGrid = component<GridSampler, VN_KIND_SAMPLER>(
    "grid", "1.0.0", "full factorial grid over the space, each point proposed once", kOptions);

}  // namespace
}  // namespace vernier_grid

VERNIER_SDK_ENTRY(&vernier_grid::kGrid)
