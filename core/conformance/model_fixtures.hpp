// Fixtures of the model conformance suite: small synthetic datasets of each task, owned by the suite and
// viewed as vn_dataset, and points of a model's default search space.
#ifndef VERNIER_CORE_CONFORMANCE_MODEL_FIXTURES_HPP
#define VERNIER_CORE_CONFORMANCE_MODEL_FIXTURES_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "space/search_space.hpp"
#include "vernier/plugin/dataset.h"

namespace vernier::conformance {

// A dataset the suite owns; view() is the vn_dataset a plugin sees. Copyable, so a check can hand a
// plugin a copy and then overwrite (poison) it.
class OwnedDataset {
 public:
  OwnedDataset(std::string name, uint32_t task, uint32_t n_features, uint32_t n_classes);
  OwnedDataset(const OwnedDataset &other);
  OwnedDataset &operator=(const OwnedDataset &other);

  void add_row(const std::vector<double> &x, double y);
  // Appends a feature of the same value in every row.
  void add_constant_feature(double value);
  // Overwrites every feature and target with a value no model expects (by default a huge negative
  // number), keeping the shape: a model that kept pointers into the view now reads it.
  void poison(double value = -1e300);
  // A dataset of its own memory holding `rows` of this one, in that order (row i of the result is
  // rows[i] here): the same task, features and classes, other row indices.
  OwnedDataset rows_copy(const std::vector<uint64_t> &rows, const std::string &name) const;

  const vn_dataset &view() const { return view_; }
  const std::string &name() const { return name_; }
  uint64_t n_rows() const { return target.size(); }
  uint32_t width() const { return view_.task == VN_TASK_CLASSIFICATION ? view_.n_classes : 1; }  // predict's columns

  std::vector<double> features;  // n_rows x n_features; writable so checks can plant a NaN
  std::vector<double> target;

 private:
  void rebuild_view();
  std::string name_;
  std::vector<std::string> names_;
  std::vector<const char *> name_ptrs_;
  vn_dataset view_{};
};

// A task to test with: its dataset, the rows to fit on and the rows to predict.
struct TaskFixture {
  OwnedDataset data;
  std::vector<uint64_t> train, test;
};

// Regression (80 rows, 4 features, a linear signal plus noise), binary classification (80 rows, two
// overlapping Gaussian clouds) and 3-class classification (90 rows, three clouds); train is three rows out
// of four, test the fourth. Deterministic (their own generator, not the standard library's distributions).
std::vector<TaskFixture> task_fixtures();

// Points of a space (internal values, NaN for inactive parameters): the low corner, the high corner, the
// centre, and every choice of every categorical (at the low and the high corner of the others), so each
// conditional parameter is active in some of them. At most `max_points`.
std::vector<std::vector<double>> space_points(const Space &space, std::size_t max_points);

// The point at the same position u in [0, 1] of every parameter's range (0.5: the centre).
std::vector<double> space_point(const Space &space, double u);

}  // namespace vernier::conformance

#endif  // VERNIER_CORE_CONFORMANCE_MODEL_FIXTURES_HPP
