// The surrogate conformance suite: what every surrogate plugin (surrogate.h) must do, checked against one
// component. Check ids, the rule each enforces and what it verifies are listed in docs/abi.md
// ("Surrogate suite").
#include <algorithm>
#include <cmath>
#include <memory>

#include "conformance/kind_suites.hpp"
#include "conformance/sampler_fixtures.hpp"
#include "conformance/suite_frame.hpp"
#include "conformance/surrogate_probe.hpp"
#include "vernier/sdk/rng.hpp"

namespace vernier::conformance {

namespace {

namespace bj = boost::json;

using Result = SurrogateProbe::Outcome;
using Data = SurrogateData;

// ---- fixtures --------------------------------------------------------------------------------------

Space parse_space(const char *json) { return Space::from_json(bj::parse(json), "surrogate conformance space"); }

Space unit_space(int d) {
  std::string json = "[";
  for (int j = 0; j < d; ++j)
    json += std::string(j > 0 ? ", " : "") + "{\"name\": \"x" + std::to_string(j) + "\", \"type\": \"float\", \"low\": 0, \"high\": 1}";
  return parse_space((json + "]").c_str());
}

// A smooth function of the unit cube with a range of a few units.
double smooth(const double *x, std::size_t d) {
  double f = 0;
  for (std::size_t j = 0; j < d; ++j) f += std::sin(3.0 * x[j] + static_cast<double>(j)) + x[j];
  return f;
}

// n points of the d-dimensional unit cube, stratified along the first axis (Latin-hypercube style).
std::vector<double> design(std::size_t n, std::size_t d, uint64_t key) {
  sdk::Rng rng(key, 0x7375727267ULL);
  std::vector<double> X(n * d);
  for (std::size_t j = 0; j < d; ++j) {
    std::vector<uint32_t> order = rng.permutation(static_cast<uint32_t>(n));
    for (std::size_t i = 0; i < n; ++i) X[i * d + j] = (order[i] + rng.uniform()) / static_cast<double>(n);
  }
  return X;
}

Data smooth_data(std::size_t n, std::size_t d, uint64_t key) {
  Data data{design(n, d, key), {}};
  for (std::size_t i = 0; i < n; ++i) data.y.push_back(smooth(data.X.data() + i * d, d));
  return data;
}

double standard_deviation(const std::vector<double> &v) {
  double mean = 0, squares = 0;
  for (double x : v) mean += x / static_cast<double>(v.size());
  for (double x : v) squares += (x - mean) * (x - mean);
  return std::sqrt(squares / static_cast<double>(v.size()));
}

// Everything the checks of one component share.
struct Suite : SuiteFixture<SurrogateProbe> {
  using SuiteFixture::SuiteFixture;
};

// Fails unless the fit succeeded.
void require_fit(const Result &r, const std::string &context) {
  if (!r.ok()) fail(context + ": fit returned " + r.describe());
}

// Fails unless the prediction succeeded with finite means and finite, non-negative variances.
void require_finite(const Result &r, const std::string &context) {
  if (!r.ok()) fail(context + ": predict returned " + r.describe());
  for (std::size_t i = 0; i < r.mean.size(); ++i)
    if (!std::isfinite(r.mean[i]) || !std::isfinite(r.var[i]) || !(r.var[i] >= 0))
      fail(context + ": point " + std::to_string(i) + " got mean " + std::to_string(r.mean[i]) + " and variance " +
           std::to_string(r.var[i]) + " (surrogate.h: finite, var >= 0)");
}

double average(const std::vector<double> &v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0.0 : s / static_cast<double>(v.size());
}

// ---- the checks --------------------------------------------------------------------------------------

std::string check_predict_before_fit(Suite &s) {
  auto p = s.probe();
  const Result r = p->predict({0.5, 0.5}, 2);
  if (r.status != VN_E_STATE)
    fail("predict on a fresh instance returned " + r.describe() + " instead of VN_E_STATE (surrogate.h)");
  return "VN_E_STATE: " + r.message;
}

std::string check_no_observations(Suite &s) {
  const Space space = unit_space(2);
  auto p = s.probe();
  require_fit(p->fit(space.view(), Data{}), "no observations");
  const Result r = p->predict(design(5, 2, 1), 2);
  require_finite(r, "the prior");
  for (double v : r.var)
    if (!(v > 0)) fail("with no observations the variance is " + std::to_string(v) + "; a prior must be uncertain (> 0)");
  return "prior mean " + std::to_string(r.mean[0]) + ", variance " + std::to_string(r.var[0]);
}

std::string check_one_observation(Suite &s) {
  const Space space = unit_space(2);
  auto p = s.probe();
  require_fit(p->fit(space.view(), Data{{0.3, 0.7}, {2.5}}), "one observation");
  const Result at = p->predict({0.3, 0.7}, 2);
  require_finite(at, "at the observed point");
  if (!(std::abs(at.mean[0] - 2.5) <= 1e-6 * 3.5))
    fail("one observation y = 2.5 at (0.3, 0.7): the mean there is " + std::to_string(at.mean[0]));
  require_finite(p->predict({0.9, 0.1, 0.0, 1.0}, 2), "elsewhere");
  return "mean " + std::to_string(at.mean[0]) + " at the observation";
}

std::string check_shapes(Suite &s) {
  const Space space = unit_space(3);
  auto p = s.probe();
  require_fit(p->fit(space.view(), smooth_data(20, 3, 2)), "20 observations");
  const Result none = p->predict({}, 3);
  if (!none.ok()) fail("predict(m = 0) returned " + none.describe());
  const std::vector<double> Xq = design(37, 3, 3);
  const Result batch = p->predict(Xq, 3);
  require_finite(batch, "predict(m = 37)");
  for (std::size_t i = 0; i < 37; ++i) {
    const Result one = p->predict(std::vector<double>(Xq.begin() + static_cast<std::ptrdiff_t>(3 * i),
                                                      Xq.begin() + static_cast<std::ptrdiff_t>(3 * i + 3)), 3);
    require_finite(one, "predict(m = 1)");
    const double tolerance = 1e-9 * (1.0 + std::abs(batch.mean[i]));
    if (!(std::abs(one.mean[0] - batch.mean[i]) <= tolerance) ||
        !(std::abs(one.var[0] - batch.var[i]) <= 1e-9 * (1.0 + std::abs(batch.var[i]))))
      fail("point " + std::to_string(i) + " alone gave mean " + std::to_string(one.mean[0]) + ", variance " +
           std::to_string(one.var[0]) + "; in a batch of 37, " + std::to_string(batch.mean[i]) + ", " +
           std::to_string(batch.var[i]));
  }
  return "m = 0, 1 and 37 write exactly m values; a batch agrees with single predictions";
}

std::string check_interpolates(Suite &s) {
  const Space space = unit_space(2);
  const Data data = smooth_data(24, 2, 4);
  auto p = s.probe();
  require_fit(p->fit(space.view(), data), "24 noiseless observations");
  const Result r = p->predict(data.X, 2);
  require_finite(r, "at the observations");
  double squares = 0;
  for (std::size_t i = 0; i < data.size(); ++i) squares += (r.mean[i] - data.y[i]) * (r.mean[i] - data.y[i]);
  const double ratio = std::sqrt(squares / static_cast<double>(data.size())) / standard_deviation(data.y);
  if (!(ratio <= 0.25))
    fail("at the 24 observed points of a smooth noiseless function the mean is off by " + std::to_string(ratio) +
         " standard deviations of y (RMS); a surrogate must reproduce noiseless data (at most 0.25)");
  return "RMS error at the observations: " + std::to_string(ratio) + " standard deviations of y";
}

std::string check_variance_shape(Suite &s) {
  const Space space = unit_space(1);
  Data data;  // two clusters, [0, 0.3] and [0.7, 1], with a gap between them
  for (int i = 0; i <= 6; ++i) {
    for (double x : {0.05 * i, 0.7 + 0.05 * i}) {
      data.X.push_back(x);
      data.y.push_back(2.0 * x + 0.3 * std::sin(9.0 * x));
    }
  }
  auto p = s.probe();
  require_fit(p->fit(space.view(), Data{}), "no observations");
  const Result prior = p->predict({0.5}, 1);
  require_finite(prior, "the prior");
  require_fit(p->fit(space.view(), data), "14 observations");
  const Result observed = p->predict(data.X, 1);
  require_finite(observed, "at the observations");
  const Result gap = p->predict({0.45, 0.5, 0.55}, 1);
  require_finite(gap, "in the gap");
  const double at = average(observed.var), away = average(gap.var);
  if (!(at < away))
    fail("the average variance at the observed points (" + std::to_string(at) +
         ") is not below that in the unobserved gap between them (" + std::to_string(away) + ")");
  if (!(at < prior.var[0]))
    fail("the average variance at the observed points (" + std::to_string(at) +
         ") is not below the variance with no observations (" + std::to_string(prior.var[0]) + ")");
  return "variance " + std::to_string(at) + " at the observations, " + std::to_string(away) + " in the gap, " +
         std::to_string(prior.var[0]) + " before any";
}

std::string check_determinism(Suite &s) {
  const Space space = unit_space(3);
  const Data first = smooth_data(25, 3, 5), second = smooth_data(18, 3, 6);
  const std::vector<double> Xq = design(16, 3, 7);
  auto a = s.probe();
  auto b = s.probe();
  require_fit(a->fit(space.view(), first), "25 observations");
  const Result r1 = a->predict(Xq, 3);
  require_fit(a->fit(space.view(), second), "18 other observations");
  require_fit(a->fit(space.view(), first), "the 25 observations again");
  const Result r2 = a->predict(Xq, 3);
  require_fit(b->fit(space.view(), first), "a second instance, 25 observations");
  const Result r3 = b->predict(Xq, 3);
  require_finite(r1, "first fit");
  auto same = [](const Result &x, const Result &y) { return same_values(x.mean, y.mean) && same_values(x.var, y.var); };
  if (!same(r1, r2)) fail("the same data fitted again, after a fit to other data, gave other predictions (VN-ABI-8)");
  if (!same(r1, r3)) fail("two instances fitted to the same data gave different predictions (VN-ABI-8)");
  return "bit-identical across refits and instances";
}

std::string check_duplicates(Suite &s) {
  const Space space = unit_space(2);
  Data data = smooth_data(10, 2, 8);
  for (std::size_t i = 0; i < 5; ++i) {  // exact repeats with the same value ...
    data.X.insert(data.X.end(), {data.X[2 * i], data.X[2 * i + 1]});
    data.y.push_back(data.y[i]);
  }
  for (std::size_t i = 5; i < 8; ++i) {  // ... and with a conflicting one
    data.X.insert(data.X.end(), {data.X[2 * i], data.X[2 * i + 1]});
    data.y.push_back(data.y[i] + 1.0);
  }
  auto p = s.probe();
  require_fit(p->fit(space.view(), data), "18 observations, 8 of them repeated points");
  require_finite(p->predict(data.X, 2), "at the observations");
  require_finite(p->predict(design(9, 2, 9), 2), "elsewhere");
  return "repeated points, with equal and with conflicting values, were handled";
}

std::string check_constant_targets(Suite &s) {
  const Space space = unit_space(2);
  Data data = smooth_data(12, 2, 10);
  std::fill(data.y.begin(), data.y.end(), 3.25);
  auto p = s.probe();
  require_fit(p->fit(space.view(), data), "12 equal targets");
  for (const std::vector<double> &Xq : {data.X, design(8, 2, 11)}) {
    const Result r = p->predict(Xq, 2);
    require_finite(r, "constant targets");
    for (double m : r.mean)
      if (!(std::abs(m - 3.25) <= 1e-6 * 3.25))
        fail("every target is 3.25, yet a mean of " + std::to_string(m) + " was predicted");
  }
  return "predicts the constant";
}

std::string check_rich_space(Suite &s) {
  const Space space = rich_space();
  const std::size_t d = space.size();
  Data data;
  for (uint64_t k = 0; k < 30; ++k) {
    const std::vector<double> x = valid_point(space, k);
    double y = 0;
    for (double v : x) y += std::isnan(v) ? 0.5 : std::tanh(v);
    data.X.insert(data.X.end(), x.begin(), x.end());
    data.y.push_back(y);
  }
  std::vector<double> Xq;
  for (uint64_t k = 100; k < 112; ++k) {
    const std::vector<double> x = valid_point(space, k);
    Xq.insert(Xq.end(), x.begin(), x.end());
  }
  auto p = s.probe();
  require_fit(p->fit(space.view(), data), "30 points of a space with every parameter feature and NaN for inactive ones");
  require_finite(p->predict(data.X, d), "at the observations");
  require_finite(p->predict(Xq, d), "at other valid points");
  return "floats, ints, log and stepped parameters, categoricals and nested conditions were handled";
}

std::string check_extreme_targets(Suite &s) {
  const Space space = unit_space(2);
  const std::vector<double> Xq = design(6, 2, 12);
  std::string note;
  struct Case {
    const char *name;
    double a, b;
  };
  for (const Case &c : {Case{"targets of +-1e300", 1e300, -1e300}, Case{"a NaN target", std::nan(""), 0.0},
                        Case{"an infinite target", HUGE_VAL, 0.0}}) {
    Data data = smooth_data(10, 2, 13);
    data.y[3] = c.a;
    data.y[7] = c.b;
    auto p = s.probe();
    const Result fit = p->fit(space.view(), data);
    if (!fit.ok()) {
      if (fit.message.empty()) fail(std::string(c.name) + ": refused with " + status_name(fit.status) + " and no message");
      note += std::string(note.empty() ? "" : "; ") + c.name + ": refused (" + status_name(fit.status) + ")";
      continue;
    }
    require_finite(p->predict(Xq, 2), c.name);
    note += std::string(note.empty() ? "" : "; ") + c.name + ": finite predictions";
  }
  return note;
}

std::string check_views_not_kept(Suite &s) {
  const Space space = unit_space(2);
  const std::vector<double> Xq = design(10, 2, 14);
  auto p = s.probe();
  Result before;
  {
    OwnedSpaceView copy(space.view());
    Data data = smooth_data(15, 2, 15);
    require_fit(p->fit(copy.view(), data), "15 observations");
    before = p->predict(Xq, 2);
    require_finite(before, "after the fit");
    copy.poison();  // an instance still pointing into these now reads garbage
    std::fill(data.X.begin(), data.X.end(), 1e9);
    std::fill(data.y.begin(), data.y.end(), -7.0);
  }
  const Result after = p->predict(Xq, 2);
  if (!after.ok() || !same_values(before.mean, after.mean) || !same_values(before.var, after.var))
    fail("after the space, X and y given to fit were overwritten, the same predict gave other results: the "
         "instance kept pointers into host-owned buffers (VN-ABI-6)");
  return "predictions do not depend on the buffers fit was given";
}

// The calls each thread makes, and their results flattened.
std::vector<double> run_sequence(SurrogateProbe &p) {
  std::vector<double> out;
  const Space plane = unit_space(2);
  for (uint64_t k = 0; k < 3; ++k) {
    require_fit(p.fit(plane.view(), smooth_data(12 + 4 * k, 2, 20 + k)), "thread sequence");
    const Result r = p.predict(design(8, 2, 30 + k), 2);
    require_finite(r, "thread sequence");
    out.insert(out.end(), r.mean.begin(), r.mean.end());
    out.insert(out.end(), r.var.begin(), r.var.end());
  }
  return out;
}

std::string check_threads(Suite &s) {
  std::vector<double> serial;
  {
    auto p = s.probe();
    serial = run_sequence(*p);
  }
  in_two_threads<std::vector<double>>(
      [&](int) {
        SurrogateProbe p(s.component, s.host.host(), s.seen);
        return run_sequence(p);
      },
      [&](int k, const std::vector<double> &results) {
        if (!same_values(results, serial))
          fail("thread " + std::to_string(k + 1) + " got other predictions than the same calls made serially");
      });
  return "2 instances fitted and queried from two threads at once gave the serial results";
}

std::string check_bare_host(Suite &s) {
  return check_minimal_host(s, [](SurrogateProbe &p) {
    const Space space = unit_space(2);
    require_fit(p.fit(space.view(), smooth_data(8, 2, 16)), "a host without extensions");
    require_finite(p.predict(design(4, 2, 17), 2), "a host without extensions");
  });
}

const SuiteDeclaration<Suite> kSurrogateSuite{
    "surrogate",
    "create, fit, predict, last_error or destroy",
    "predict writes only mean[m] and var[m], and no call writes into the space, X, y or Xq it was given",
    {
        {"predict_before_fit", "surrogate.h", "predict before any fit returns VN_E_STATE", check_predict_before_fit},
        {"no_observations", "surrogate.h",
         "a fit to 0 observations succeeds and predicts the prior: finite means, variances > 0", check_no_observations},
        {"one_observation", "surrogate.h",
         "a fit to 1 observation predicts its value there and finite values elsewhere", check_one_observation},
        {"shapes", "surrogate.h",
         "predict for m = 0, 1 and 37 points writes m finite means and variances >= 0; batches agree with single points",
         check_shapes},
        {"interpolates", "surrogate.h", "on noiseless data the mean at the observed points reproduces them",
         check_interpolates},
        {"variance_shape", "surrogate.h",
         "the variance is lower at observed points than in a gap between them, and than with no data",
         check_variance_shape},
        {"determinism", "VN-ABI-8",
         "the same data give bit-identical predictions, after other fits and on another instance", check_determinism},
        {"duplicates", "surrogate.h", "repeated points, with equal or conflicting values, fit and predict",
         check_duplicates},
        {"constant_targets", "surrogate.h", "all-equal targets predict that constant", check_constant_targets},
        {"rich_space", "surrogate.h",
         "a space with every parameter feature, inactive parameters as NaN, fits and predicts finite values",
         check_rich_space},
        {"extreme_targets", "surrogate.h",
         "targets of +-1e300, NaN or inf are refused with a message or give finite predictions", check_extreme_targets},
        {"views_not_kept", "VN-ABI-6", "no pointer into the space, X or y given to fit is kept past the call",
         check_views_not_kept},
        {"threads", "VN-ABI-7", "two instances created and used from two threads at once give the serial results",
         check_threads},
        {"minimal_host", "VN-ABI-9", "a host without extensions is either served or refused cleanly", check_bare_host},
    }};

}  // namespace

CheckList run_surrogate_suite(const Registry &registry, const Component &component) {
  return run_suite(registry, component, kSurrogateSuite);
}

}  // namespace vernier::conformance
