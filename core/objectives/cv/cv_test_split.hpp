// Splitting off the test part, first, before any splitter, model or sampler sees the data: a seeded draw
// of rows, stratified by class, by whole groups, at random, or the last rows (docs/config.md, "cv").
#ifndef VERNIER_CORE_OBJECTIVES_CV_CV_TEST_SPLIT_HPP
#define VERNIER_CORE_OBJECTIVES_CV_CV_TEST_SPLIT_HPP

#include <cstdint>
#include <vector>

#include "data/dataset.hpp"
#include "objectives/cv/cv_config.hpp"

namespace vernier {

struct TrainTest {
  std::vector<uint64_t> train, test;  // row numbers of the dataset, ascending, disjoint, covering it
};

// test_size: a fraction in [0, 1) (the test part is ceil(test_size * n) rows, as scikit-learn's
// train_test_split) or a row count; 0 leaves every row for training. Stratified: each class contributes
// in proportion to its size (largest remainders; every class keeps at least one training row). Group:
// whole groups in a seeded order until the part has at least its size. Throws Error(VN_E_INVALID) when
// the test part would take every row or leave fewer than two training rows.
TrainTest split_test_part(const data::Dataset &data, double test_size, TestSplit mode, uint64_t seed);

}  // namespace vernier

#endif  // VERNIER_CORE_OBJECTIVES_CV_CV_TEST_SPLIT_HPP
