// The grid sampler's index: see grid_index.hpp.
#include "grid_index.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace vernier_grid {
namespace {

// Axis values compared by value, so 0 and -0 are one key. Axis values are never NaN.
uint64_t key_of(double v) {
  if (v == 0.0) return 0;
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return bits;
}

bool activates(const vn_param &child, double parent_value) {
  for (uint32_t i = 0; i < child.n_active_when; ++i)
    if (static_cast<double>(child.active_when[i]) == parent_value) return true;
  return false;
}

}  // namespace

GridIndex::GridIndex(const vn_space &space, Axes axes) : n_params_(space.n_params), nodes_(space.n_params) {
  for (uint32_t j = 0; j < n_params_; ++j) {
    Node &node = nodes_[j];
    node.axis = std::move(axes[j]);
    node.groups.resize(node.axis.size());
    for (uint32_t v = 0; v < node.axis.size(); ++v) node.position.emplace(key_of(node.axis[v]), v);
    const int32_t parent = space.params[j].parent;
    if (parent < 0) {
      roots_.push_back(j);
      continue;
    }
    const Node &up = nodes_[parent];  // parents precede their children
    for (uint32_t v = 0; v < up.axis.size(); ++v)
      if (activates(space.params[j], up.axis[v])) nodes_[parent].groups[v].push_back(j);
  }
  // A subtree's count needs its children's counts, and children come after parents: go backwards.
  // Doubles, because an unreachable subtree may be astronomically large; reachable counts never exceed
  // size_, which the caller bounds, so they are exact integers wherever they are used.
  for (uint32_t j = n_params_; j-- > 0;) {
    Node &node = nodes_[j];
    node.offsets.resize(node.axis.size());
    for (size_t v = 0; v < node.axis.size(); ++v) {
      node.offsets[v] = node.count;
      double block = 1;
      for (uint32_t child : node.groups[v]) block *= nodes_[child].count;
      node.count += block;
    }
  }
  for (uint32_t root : roots_) size_ *= nodes_[root].count;
}

// Mixed radix over a group of sibling subtrees, the last one fastest; inside each, the value first.
void GridIndex::unrank(const std::vector<uint32_t> &group, uint64_t rank, double *out) const {
  for (size_t i = group.size(); i-- > 0;) {
    const Node &node = nodes_[group[i]];
    const auto count = static_cast<uint64_t>(node.count);
    const uint64_t within = rank % count;
    rank /= count;
    const size_t v = static_cast<size_t>(
        std::upper_bound(node.offsets.begin(), node.offsets.end(), static_cast<double>(within)) - node.offsets.begin() - 1);
    out[group[i]] = node.axis[v];
    unrank(node.groups[v], within - static_cast<uint64_t>(node.offsets[v]), out);
  }
}

void GridIndex::point(uint64_t index, double *out) const {
  std::fill(out, out + n_params_, std::numeric_limits<double>::quiet_NaN());  // inactive unless reached
  unrank(roots_, index, out);
}

bool GridIndex::rank(const std::vector<uint32_t> &group, const double *point, uint64_t &rank, uint32_t &visited) const {
  for (uint32_t j : group) {
    const Node &node = nodes_[j];
    const auto found = node.position.find(key_of(point[j]));
    if (std::isnan(point[j]) || found == node.position.end()) return false;
    ++visited;
    uint64_t below = 0;
    if (!this->rank(node.groups[found->second], point, below, visited)) return false;
    rank = rank * static_cast<uint64_t>(node.count) + static_cast<uint64_t>(node.offsets[found->second]) + below;
  }
  return true;
}

std::optional<uint64_t> GridIndex::index_of(const double *point) const {
  uint64_t index = 0;
  uint32_t visited = 0;
  if (!rank(roots_, point, index, visited)) return std::nullopt;
  // The parameters reached are exactly the active ones; every other one must be NaN.
  uint32_t set = 0;
  for (uint32_t j = 0; j < n_params_; ++j) set += !std::isnan(point[j]);
  if (set != visited) return std::nullopt;
  return index;
}

}  // namespace vernier_grid
