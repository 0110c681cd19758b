// One regression tree of the random forest: axis-aligned splits on numeric features and subset splits on
// categorical ones, grown greedily to minimise the squared error (Breiman, Friedman, Olshen & Stone,
// "Classification and Regression Trees", 1984).
//
// As in SMAC's forests (Hutter, Hoos & Leyton-Brown, "Sequential model-based optimization for general
// algorithm configuration", LION 2011, sec. 4.2, and "Algorithm runtime prediction", AIJ 206, 2014), each
// split looks at a random subset of the features and puts its threshold uniformly at random between the
// two neighbouring values it separates, so trees disagree in the gaps between observations; their
// disagreement is the forest's variance. A categorical feature is split by ordering its levels by their
// mean target and cutting that order, which finds the best two-way partition for squared error (Breiman
// et al., sec. 9.4); a level absent from the node follows the larger child.
#ifndef VERNIER_FOREST_REGRESSION_TREE_HPP
#define VERNIER_FOREST_REGRESSION_TREE_HPP

#include <cstdint>
#include <vector>

#include "vernier/sdk/rng.hpp"

namespace vernier::forest {

struct TreeSettings {
  uint32_t min_samples_split = 2;   // a node with fewer samples is a leaf
  uint32_t min_samples_leaf = 1;    // no split may leave fewer samples on either side
  uint32_t max_depth = 64;
  double feature_fraction = 5.0 / 6.0;  // share of the features tried at each split (at least one)
};

// The data a tree is grown on: n rows of `dims` features, row-major, and their targets.
struct TreeData {
  std::size_t n = 0, dims = 0;
  const double *X = nullptr;
  const double *y = nullptr;
  const std::vector<bool> *categorical = nullptr;  // one flag per feature
  const std::vector<uint32_t> *levels = nullptr;   // categoricals: number of levels; else 0
};

class RegressionTree {
 public:
  // Grows the tree on the rows listed in `rows` (repeats allowed: a bootstrap sample).
  void grow(const TreeData &data, std::vector<uint32_t> rows, const TreeSettings &settings, sdk::Rng &rng);

  struct Leaf {
    double mean = 0, variance = 0;  // of the targets that reached the leaf
  };
  const Leaf &leaf_for(const double *x) const;
  std::size_t node_count() const { return nodes_.size(); }

 private:
  struct Node {
    int32_t feature = -1;           // -1: a leaf
    double threshold = 0;           // numeric: x <= threshold goes left
    std::vector<bool> goes_left;    // categorical: per level
    uint32_t left = 0, right = 0;   // child node indices
    Leaf leaf;
  };
  uint32_t build(const TreeData &data, std::vector<uint32_t> &rows, std::size_t begin, std::size_t end,
                 uint32_t depth, const TreeSettings &settings, sdk::Rng &rng);

  std::vector<Node> nodes_;
};

}  // namespace vernier::forest

#endif  // VERNIER_FOREST_REGRESSION_TREE_HPP
