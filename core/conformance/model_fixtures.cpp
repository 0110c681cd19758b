// Fixtures of the model conformance suite: see model_fixtures.hpp.
#include "conformance/model_fixtures.hpp"

#include <cmath>
#include <cstring>

namespace vernier::conformance {

namespace {

// SplitMix64 and Box-Muller: the same numbers on every platform and standard library.
class Draws {
 public:
  explicit Draws(uint64_t seed) : state_(seed) {}
  double uniform() {
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
  }
  double normal() {
    const double u1 = 1.0 - uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  uint64_t state_;
};

constexpr uint32_t kFeatures = 4;

TaskFixture split(OwnedDataset data) {
  TaskFixture f{std::move(data), {}, {}};
  for (uint64_t i = 0; i < f.data.n_rows(); ++i) (i % 4 == 3 ? f.test : f.train).push_back(i);
  return f;
}

// The value of parameter p at u in [0, 1] of its range (log scale, steps and choices honoured).
double value_at(const Param &p, double u) {
  if (p.type == VN_PARAM_CATEGORICAL) return std::min(std::floor(u * static_cast<double>(p.choices.size())), p.high);
  double v = p.log ? std::exp(std::log(p.low) + u * (std::log(p.high) - std::log(p.low))) : p.low + u * (p.high - p.low);
  if (p.step > 0) v = p.low + std::round((v - p.low) / p.step) * p.step;
  return std::min(std::max(v, p.low), p.high);
}

std::vector<double> point_at(const Space &space, const std::vector<double> &u) {
  std::vector<double> x(space.size());
  for (std::size_t j = 0; j < space.size(); ++j) {
    x[j] = value_at(space.params()[j], u[j]);
    if (!space.is_active(x.data(), j)) x[j] = NAN;
  }
  return x;
}

}  // namespace

OwnedDataset::OwnedDataset(std::string name, uint32_t task, uint32_t n_features, uint32_t n_classes)
    : name_(std::move(name)) {
  for (uint32_t j = 0; j < n_features; ++j) names_.push_back("f" + std::to_string(j));
  view_.struct_size = sizeof(vn_dataset);
  view_.task = task;
  view_.n_features = n_features;
  view_.n_classes = n_classes;
  rebuild_view();
}

OwnedDataset::OwnedDataset(const OwnedDataset &other)
    : features(other.features), target(other.target), name_(other.name_), names_(other.names_), view_(other.view_) {
  rebuild_view();
}

OwnedDataset &OwnedDataset::operator=(const OwnedDataset &other) {
  features = other.features;
  target = other.target;
  name_ = other.name_;
  names_ = other.names_;
  view_ = other.view_;
  rebuild_view();
  return *this;
}

void OwnedDataset::add_row(const std::vector<double> &x, double y) {
  features.insert(features.end(), x.begin(), x.end());
  target.push_back(y);
  rebuild_view();
}

void OwnedDataset::add_constant_feature(double value) {
  const uint32_t d = view_.n_features;
  std::vector<double> wider;
  for (uint64_t i = 0; i < n_rows(); ++i) {
    wider.insert(wider.end(), features.begin() + static_cast<std::ptrdiff_t>(i * d),
                 features.begin() + static_cast<std::ptrdiff_t>((i + 1) * d));
    wider.push_back(value);
  }
  features = std::move(wider);
  names_.push_back("constant");
  view_.n_features = d + 1;
  rebuild_view();
}

void OwnedDataset::poison(double value) {
  for (double &v : features) v = value;
  for (double &v : target) v = value;
}

OwnedDataset OwnedDataset::rows_copy(const std::vector<uint64_t> &rows, const std::string &name) const {
  OwnedDataset out(*this);
  out.name_ = name;
  out.features.clear();
  out.target.clear();
  const uint32_t d = view_.n_features;
  for (uint64_t r : rows) {
    out.features.insert(out.features.end(), features.begin() + static_cast<std::ptrdiff_t>(r * d),
                        features.begin() + static_cast<std::ptrdiff_t>((r + 1) * d));
    out.target.push_back(target[r]);
  }
  out.rebuild_view();
  return out;
}

void OwnedDataset::rebuild_view() {
  name_ptrs_.clear();
  for (const std::string &n : names_) name_ptrs_.push_back(n.c_str());
  view_.n_rows = target.size();
  view_.features = features.data();
  view_.target = target.data();
  view_.feature_names = name_ptrs_.data();
  view_.groups = nullptr;
  view_.folds = nullptr;
}

std::vector<TaskFixture> task_fixtures() {
  std::vector<TaskFixture> out;
  Draws draw(20240917);
  {
    OwnedDataset d("regression", VN_TASK_REGRESSION, kFeatures, 0);
    for (int i = 0; i < 80; ++i) {
      std::vector<double> x(kFeatures);
      for (double &v : x) v = draw.normal();
      d.add_row(x, 3.0 + 1.5 * x[0] - 2.0 * x[1] + 0.5 * x[2] + 0.3 * draw.normal());
    }
    out.push_back(split(std::move(d)));
  }
  {
    OwnedDataset d("binary classification", VN_TASK_CLASSIFICATION, kFeatures, 2);
    for (int i = 0; i < 80; ++i) {
      const int y = i % 2;
      std::vector<double> x(kFeatures);
      for (double &v : x) v = draw.normal();
      x[0] += y == 1 ? 1.5 : -1.5;
      x[1] += y == 1 ? 1.0 : -1.0;
      d.add_row(x, y);
    }
    out.push_back(split(std::move(d)));
  }
  {
    OwnedDataset d("3-class classification", VN_TASK_CLASSIFICATION, kFeatures, 3);
    const double centre[3][2] = {{-2, 0}, {2, 0}, {0, 2.5}};
    for (int i = 0; i < 90; ++i) {
      const int y = i % 3;
      std::vector<double> x(kFeatures);
      for (double &v : x) v = draw.normal();
      x[0] += centre[y][0];
      x[1] += centre[y][1];
      d.add_row(x, y);
    }
    out.push_back(split(std::move(d)));
  }
  return out;
}

std::vector<double> space_point(const Space &space, double u) { return point_at(space, std::vector<double>(space.size(), u)); }

std::vector<std::vector<double>> space_points(const Space &space, std::size_t max_points) {
  const std::size_t d = space.size();
  std::vector<std::vector<double>> points;
  auto add = [&](const std::vector<double> &u) {
    std::vector<double> x = point_at(space, u);
    for (const std::vector<double> &seen : points) {
      bool same = true;
      for (std::size_t j = 0; j < d && same; ++j)
        same = (std::isnan(seen[j]) && std::isnan(x[j])) || seen[j] == x[j];
      if (same) return;
    }
    if (points.size() < max_points) points.push_back(std::move(x));
  };
  add(std::vector<double>(d, 0.0));
  add(std::vector<double>(d, 1.0));
  add(std::vector<double>(d, 0.5));
  for (std::size_t j = 0; j < d; ++j) {
    const Param &p = space.params()[j];
    if (p.type != VN_PARAM_CATEGORICAL) continue;
    for (std::size_t c = 0; c < p.choices.size(); ++c) {
      const double u = (static_cast<double>(c) + 0.5) / static_cast<double>(p.choices.size());
      for (double corner : {0.0, 1.0}) {
        std::vector<double> units(d, corner);
        units[j] = u;
        add(units);
      }
    }
  }
  return points;
}

}  // namespace vernier::conformance
