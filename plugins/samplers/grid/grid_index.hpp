// The grid sampler's index: a bijection between the grid points and 0..size-1, computed on demand, so a
// grid of millions of points costs memory proportional to its axes, not to its points.
//
// The grid is the full factorial product of the axes, except that a conditional parameter varies only
// where it is active and is NaN elsewhere, so every distinct point appears exactly once. Its structure is a
// tree: the parameters without a parent are independent of each other, and under an active categorical
// each of its values activates its own group of children. Points are numbered in mixed radix: the first
// root slowest; inside a categorical, its value slowest, then its activated children, the first slowest.
#ifndef VERNIER_GRID_INDEX_HPP
#define VERNIER_GRID_INDEX_HPP

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "grid_axes.hpp"

namespace vernier_grid {

class GridIndex {
 public:
  // Copies what it needs of `space` (a host-owned view, valid only during the call) and takes the axes.
  // The space must have passed vernier::sdk::check_space.
  GridIndex(const vn_space &space, Axes axes);

  // The number of grid points: a double, exact up to 2^53 and possibly huge, so the caller can refuse an
  // absurd grid before using point() or index_of(), which need size() < 2^53.
  double size() const { return size_; }

  // Writes grid point `index` (< size()) into out[0..n_params).
  void point(uint64_t index, double *out) const;

  // The index of `point` (n_params values) if it is exactly a grid point, NaN for inactive parameters.
  std::optional<uint64_t> index_of(const double *point) const;

 private:
  struct Node {
    std::vector<double> axis;                          // the parameter's values
    std::unordered_map<uint64_t, uint32_t> position;   // canonical bits of a value -> its place on the axis
    std::vector<std::vector<uint32_t>> groups;         // per axis value: the children it activates
    std::vector<double> offsets;                       // per axis value: points under the earlier values
    double count = 0;                                  // points of this parameter's subtree when it is active
  };

  void unrank(const std::vector<uint32_t> &group, uint64_t rank, double *out) const;
  bool rank(const std::vector<uint32_t> &group, const double *point, uint64_t &rank, uint32_t &visited) const;

  uint32_t n_params_ = 0;
  std::vector<Node> nodes_;
  std::vector<uint32_t> roots_;
  double size_ = 1;
};

}  // namespace vernier_grid

#endif  // VERNIER_GRID_INDEX_HPP
