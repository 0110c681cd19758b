#include "conformance/sampler_fixtures.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "vernier/sdk/rng.hpp"

namespace vernier::conformance {

namespace bj = boost::json;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Space parse(const char *json) { return Space::from_json(bj::parse(json), "conformance test space"); }

template <class T>
void append_bytes(std::string &out, const T *data, std::size_t n) {
  if (data != nullptr && n > 0) out.append(reinterpret_cast<const char *>(data), n * sizeof(T));
  out.push_back('|');
}

void append_text(std::string &out, const char *text) {
  out.append(text != nullptr ? text : "(null)");
  out.push_back('\0');
}

}  // namespace

Space rich_space() {
  return parse(R"([
    {"name": "linear", "type": "float", "low": -2.5, "high": 3.5},
    {"name": "log_float", "type": "float", "low": 1e-5, "high": 10, "log": true},
    {"name": "stepped_float", "type": "float", "low": 0.1, "high": 1.1, "step": 0.25},
    {"name": "int", "type": "int", "low": -3, "high": 7},
    {"name": "stepped_int", "type": "int", "low": 0, "high": 20, "step": 5},
    {"name": "log_int", "type": "int", "low": 1, "high": 1000, "log": true},
    {"name": "kind", "type": "categorical", "choices": ["a", "b", 3, true]},
    {"name": "if_a", "type": "float", "low": 0, "high": 1, "condition": {"parent": "kind", "values": ["a"]}},
    {"name": "if_b_or_3", "type": "int", "low": 1, "high": 4, "condition": {"parent": "kind", "values": ["b", 3]}},
    {"name": "sub", "type": "categorical", "choices": ["x", "y"], "condition": {"parent": "kind", "values": ["a", "b"]}},
    {"name": "if_sub_y", "type": "float", "low": -1, "high": 1, "condition": {"parent": "sub", "values": ["y"]}},
    {"name": "one_point_float", "type": "float", "low": 0.5, "high": 0.5},
    {"name": "one_point_int", "type": "int", "low": 4, "high": 4},
    {"name": "one_choice", "type": "categorical", "choices": ["only"]}
  ])");
}

Space small_finite_space() {
  return parse(R"([
    {"name": "letter", "type": "categorical", "choices": ["a", "b", "c"]},
    {"name": "bit", "type": "int", "low": 0, "high": 1}
  ])");
}

std::vector<Space> one_param_spaces() {
  return {parse(R"([{"name": "x", "type": "float", "low": -1, "high": 1}])"),
          parse(R"([{"name": "lr", "type": "float", "low": 1e-4, "high": 1, "log": true}])"),
          parse(R"([{"name": "n", "type": "int", "low": 3, "high": 3}])"),
          parse(R"([{"name": "c", "type": "categorical", "choices": ["only"]}])")};
}

std::vector<double> valid_point(const Space &space, uint64_t key) {
  sdk::Rng rng(0x636f6e666f726dULL, static_cast<int64_t>(key));
  std::vector<double> x(space.size(), kNaN);
  for (std::size_t j = 0; j < space.size(); ++j) {
    const Param &p = space.params()[j];
    const double u = rng.uniform();  // drawn whether active or not, so values never depend on the others
    if (!space.is_active(x.data(), j)) continue;
    double v;
    if (p.type == VN_PARAM_CATEGORICAL) {
      v = std::min(std::floor(u * static_cast<double>(p.choices.size())), p.high);
    } else if (p.log) {
      v = std::exp(std::log(p.low) + u * (std::log(p.high) - std::log(p.low)));
      if (p.type == VN_PARAM_INT) v = std::round(v);
    } else if (p.step > 0) {
      const double n = std::round((p.high - p.low) / p.step);
      const double k = std::min(std::floor(u * (n + 1)), n);
      v = k == n ? p.high : p.low + k * p.step;
    } else {
      v = p.low + u * (p.high - p.low);
    }
    x[j] = std::clamp(v, p.low, p.high);
  }
  space.check_point(x.data());  // a bug here would make every history check meaningless
  return x;
}

void HistoryData::append(int64_t number, int32_t state, const std::vector<double> &point, double value, int64_t step,
                         double intermediate) {
  numbers.push_back(number);
  states.push_back(state);
  params.insert(params.end(), point.begin(), point.end());
  values.push_back(state == VN_TRIAL_COMPLETE ? value : kNaN);
  last_step.push_back(step);
  last_intermediate.push_back(intermediate);
}

vn_history HistoryData::view() const {
  return vn_history{sizeof(vn_history), n_params,      numbers.size(),   numbers.data(),
                    states.data(),      params.data(), values.data(), last_step.data(), last_intermediate.data()};
}

std::vector<NamedHistory> test_histories(const Space &space) {
  const auto d = static_cast<uint32_t>(space.size());
  std::vector<NamedHistory> out;

  HistoryData mixed(d);
  mixed.append(0, VN_TRIAL_COMPLETE, valid_point(space, 1), 1.5);
  mixed.append(1, VN_TRIAL_FAILED, valid_point(space, 2), kNaN);
  mixed.append(2, VN_TRIAL_PRUNED, valid_point(space, 3), kNaN, 3, 2.25);
  mixed.append(3, VN_TRIAL_COMPLETE, valid_point(space, 4), -0.75, 9, 0.5);
  // Trial 4 is missing, as when another worker has not set its parameters yet (the host leaves it out).
  mixed.append(5, VN_TRIAL_RUNNING, valid_point(space, 5), kNaN, 1, 4.0);
  out.push_back({"mixed states (complete, failed, pruned, running)", std::move(mixed)});

  HistoryData many(d);
  for (int64_t i = 0; i < 40; ++i) {
    const uint64_t key = 100 + static_cast<uint64_t>(i == 20 ? 10 : i);  // trial 20 repeats trial 10's point
    const std::vector<double> x = valid_point(space, key);
    if (i >= 38) many.append(i, VN_TRIAL_RUNNING, x, kNaN);
    else if (i % 7 == 3) many.append(i, VN_TRIAL_FAILED, x, kNaN);
    else if (i % 11 == 5) many.append(i, VN_TRIAL_PRUNED, x, kNaN, i % 4, 0.1 * static_cast<double>(i));
    else many.append(i, VN_TRIAL_COMPLETE, x, static_cast<double>(key % 17) * 0.25 - 1.0);  // with ties
  }
  out.push_back({"40 trials with duplicate points and tied values", std::move(many)});

  HistoryData one(d);
  one.append(0, VN_TRIAL_COMPLETE, valid_point(space, 7), 3.0);
  out.push_back({"a single complete trial", std::move(one)});

  HistoryData failed(d);
  for (int64_t i = 0; i < 5; ++i) failed.append(i, VN_TRIAL_FAILED, valid_point(space, 200 + static_cast<uint64_t>(i)), kNaN);
  out.push_back({"only failed trials", std::move(failed)});

  HistoryData running(d);
  for (int64_t i = 0; i < 3; ++i) running.append(i, VN_TRIAL_RUNNING, valid_point(space, 300 + static_cast<uint64_t>(i)), kNaN);
  out.push_back({"only running trials", std::move(running)});

  HistoryData flat(d);
  for (int64_t i = 0; i < 12; ++i) flat.append(i, VN_TRIAL_COMPLETE, valid_point(space, 400 + static_cast<uint64_t>(i)), 0.0);
  out.push_back({"a flat objective (12 equal values)", std::move(flat)});
  return out;
}

OwnedSpaceView::OwnedSpaceView(const vn_space &space) {
  const std::size_t n = space.n_params;
  names_.resize(n);
  choices_.resize(n);
  choice_ptrs_.resize(n);
  active_when_.resize(n);
  params_.assign(space.params, space.params + n);
  for (std::size_t j = 0; j < n; ++j) {
    const vn_param &p = space.params[j];
    names_[j] = p.name;
    for (uint32_t k = 0; k < p.n_choices; ++k) choices_[j].emplace_back(p.choices[k]);
    if (p.active_when != nullptr) active_when_[j].assign(p.active_when, p.active_when + p.n_active_when);
  }
  for (std::size_t j = 0; j < n; ++j) {  // pointers taken only once every vector has its final size
    for (const std::string &c : choices_[j]) choice_ptrs_[j].push_back(c.c_str());
    params_[j].name = names_[j].c_str();
    params_[j].choices = choice_ptrs_[j].empty() ? nullptr : choice_ptrs_[j].data();
    params_[j].active_when = active_when_[j].empty() ? nullptr : active_when_[j].data();
  }
  view_ = vn_space{sizeof(vn_space), static_cast<uint32_t>(n), params_.data()};
}

void OwnedSpaceView::poison() {
  // Sizes, types and index fields stay as they were so that a plugin walking stale pointers reads
  // garbage values inside valid memory rather than crashing the host.
  for (std::string &name : names_) std::fill(name.begin(), name.end(), '#');
  for (auto &choices : choices_)
    for (std::string &c : choices) std::fill(c.begin(), c.end(), '#');
  for (auto &when : active_when_) std::fill(when.begin(), when.end(), 0u);
  for (vn_param &p : params_) {
    p.low = -1.0e300;
    p.high = 1.0e300;
    p.step = p.step > 0 ? 1.0e299 : 0.0;
  }
}

void poison(HistoryData &history) {
  for (int64_t &n : history.numbers) n += 1000000;
  std::fill(history.params.begin(), history.params.end(), 1.0e300);
  std::fill(history.values.begin(), history.values.end(), -1.0e300);
  std::fill(history.last_step.begin(), history.last_step.end(), int64_t{77});
  std::fill(history.last_intermediate.begin(), history.last_intermediate.end(), -1.0e300);
}

std::string fingerprint(const vn_space &space, const vn_history &history) {
  std::string out;
  append_bytes(out, &space, 1);
  for (uint32_t j = 0; j < space.n_params; ++j) {
    const vn_param &p = space.params[j];
    append_bytes(out, &p, 1);
    append_text(out, p.name);
    for (uint32_t k = 0; k < p.n_choices && p.choices != nullptr; ++k) append_text(out, p.choices[k]);
    append_bytes(out, p.active_when, p.n_active_when);
  }
  append_bytes(out, &history, 1);
  const std::size_t n = history.n_trials;
  append_bytes(out, history.numbers, n);
  append_bytes(out, history.states, n);
  append_bytes(out, history.params, n * history.n_params);
  append_bytes(out, history.values, n);
  append_bytes(out, history.last_step, n);
  append_bytes(out, history.last_intermediate, n);
  return out;
}

bool same_values(const std::vector<double> &a, const std::vector<double> &b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) && std::isnan(b[i])) continue;
    if (std::memcmp(&a[i], &b[i], sizeof(double)) != 0) return false;
  }
  return true;
}

}  // namespace vernier::conformance
