#include "space/search_space.hpp"

#include <cmath>
#include <limits>
#include <unordered_set>

#include "base/error.hpp"
#include "base/number_text.hpp"
#include "base/json.hpp"
#include "vernier/sdk/json.hpp"

namespace vernier {

namespace bj = boost::json;

namespace {

// 2^53: every integer up to it is exact as a double.
constexpr double kMaxExactInteger = 9007199254740992.0;

// Relative tolerance for "on the step grid": configs are decimal, steps rarely exact in binary.
constexpr double kGridTolerance = 1e-9;

bool on_grid(double v, double low, double step, double span) {
  double k = (v - low) / step;
  return std::fabs(k - std::round(k)) <= kGridTolerance * std::max(1.0, span / step);
}

std::string describe(const Param &p, std::size_t index, const std::string &path) {
  return path + "[" + std::to_string(index) + "]" + (p.name.empty() ? "" : " ('" + p.name + "')");
}

// `earlier` are the parameters parsed so far and `index` their names (name -> position), so that a
// parameter is checked against them in constant time rather than by a scan of every earlier one.
Param parse_param(const bj::value &v, std::size_t index, const std::string &path, const std::vector<Param> &earlier,
                  const std::unordered_map<std::string, std::size_t> &names) {
  std::string where = path + "[" + std::to_string(index) + "]";
  if (!v.is_object()) throw invalid_argument(where + ": expected an object, got " + json::type_name(v));
  const bj::object &o = v.as_object();
  json::reject_unknown_keys(o, "name,type,low,high,log,step,choices,condition", where);
  Param p;
  auto name = json::get_string(o, "name", where);
  if (!name || name->empty()) throw invalid_argument(where + ": every parameter needs a non-empty \"name\"");
  p.name = *name;
  where = describe(p, index, path);
  if (names.count(p.name) != 0) throw invalid_argument(where + ": duplicate parameter name '" + p.name + "'");

  std::string type = json::get_string(o, "type", where).value_or("");
  if (type == "float") {
    p.type = VN_PARAM_FLOAT;
  } else if (type == "int") {
    p.type = VN_PARAM_INT;
  } else if (type == "categorical") {
    p.type = VN_PARAM_CATEGORICAL;
  } else {
    throw invalid_argument(where + ": \"type\" must be \"float\", \"int\" or \"categorical\"" +
                           (type.empty() ? std::string(" (missing)") : ", got \"" + type + "\""));
  }

  if (p.type == VN_PARAM_CATEGORICAL) {
    for (const char *key : {"low", "high", "log", "step"})
      if (o.contains(key)) throw invalid_argument(where + ": a categorical takes \"choices\", not \"" + key + "\"");
    const bj::array *choices = json::get_array(o, "choices", where);
    if (choices == nullptr || choices->empty())
      throw invalid_argument(where + ": a categorical needs a non-empty \"choices\" array");
    std::unordered_set<std::string> seen;
    for (const bj::value &c : *choices) {
      if (!(c.is_string() || c.is_number() || c.is_bool()))
        throw invalid_argument(where + ": choices must be strings, numbers or booleans, got " + json::type_name(c));
      std::string text = sdk::choice_text(c);
      if (!seen.insert(text).second) throw invalid_argument(where + ": duplicate choice " + bj::serialize(c));
      p.choice_values.push_back(c);
      p.choices.push_back(std::move(text));
    }
    p.low = 0;
    p.high = static_cast<double>(p.choices.size() - 1);
  } else {
    if (o.contains("choices")) throw invalid_argument(where + ": \"choices\" is only for categoricals");
    auto low = json::get_number(o, "low", where), high = json::get_number(o, "high", where);
    if (!low || !high) throw invalid_argument(where + ": needs both \"low\" and \"high\"");
    p.low = *low;
    p.high = *high;
    p.log = json::get_bool(o, "log", where).value_or(false);
    auto step = json::get_number(o, "step", where);
    if (!std::isfinite(p.low) || !std::isfinite(p.high)) throw invalid_argument(where + ": bounds must be finite");
    if (p.low > p.high)
      throw invalid_argument(where + ": low (" + exact_number(p.low) + ") is greater than high (" +
                             exact_number(p.high) + ")");
    // Samplers map [0, 1] onto low + u * (high - low): a width beyond the largest double is infinite,
    // and every value would come out as one of the ends.
    if (!std::isfinite(p.high - p.low))
      throw invalid_argument(where + ": the range [" + exact_number(p.low) + ", " + exact_number(p.high) +
                             "] is wider than a double can hold (high - low overflows)");
    if (p.log && p.low <= 0)
      throw invalid_argument(where + ": a log range needs low > 0, got low = " + exact_number(p.low));
    if (p.type == VN_PARAM_INT) {
      if (std::floor(p.low) != p.low || std::floor(p.high) != p.high)
        throw invalid_argument(where + ": an int parameter needs integer low and high");
      // Values travel as doubles (space.h): beyond 2^53 not every integer exists, and the getters' int64_t
      // would overflow soon after.
      if (std::fabs(p.low) > kMaxExactInteger || std::fabs(p.high) > kMaxExactInteger)
        throw invalid_argument(where + ": int bounds must lie within +-2^53 = 9007199254740992, got [" +
                               exact_number(p.low) + ", " + exact_number(p.high) + "]");
      p.step = step.value_or(1.0);
      if (std::floor(p.step) != p.step) throw invalid_argument(where + ": an int step must be an integer");
    } else if (step) {
      p.step = *step;
    }
    if (step && !(p.step > 0 && std::isfinite(p.step)))
      throw invalid_argument(where + ": step must be a finite number > 0, got " + exact_number(p.step));
    if (p.step > 0 && p.log && (step && p.step != 1.0 && p.type == VN_PARAM_INT))
      throw invalid_argument(where + ": log and a step other than 1 cannot be combined");
    if (p.step > 0 && p.log && p.type == VN_PARAM_FLOAT)
      throw invalid_argument(where + ": log and step cannot be combined for a float");
    if (p.step > 0 && (p.high - p.low) / p.step > kMaxExactInteger)
      throw invalid_argument(where + ": the range [" + exact_number(p.low) + ", " + exact_number(p.high) +
                             "] holds more than 2^53 steps of " + exact_number(p.step));
    if (p.step > 0 && !on_grid(p.high, p.low, p.step, p.high - p.low)) {
      double fitted = p.low + std::floor((p.high - p.low) / p.step + kGridTolerance) * p.step;
      throw invalid_argument(where + ": step " + exact_number(p.step) + " does not fit the range [" +
                             exact_number(p.low) + ", " + exact_number(p.high) +
                             "]; high - low must be a multiple of step (e.g. high = " + exact_number(fitted) + ")");
    }
  }

  if (const bj::object *cond = json::get_object(o, "condition", where)) {
    std::string cwhere = where + ".condition";
    json::reject_unknown_keys(*cond, "parent,values", cwhere);
    auto parent = json::get_string(*cond, "parent", cwhere);
    if (!parent) throw invalid_argument(cwhere + ": needs \"parent\", the name of an earlier categorical");
    if (auto found = names.find(*parent); found != names.end()) p.parent = static_cast<int32_t>(found->second);
    if (p.parent < 0)
      throw invalid_argument(cwhere + ": parent '" + *parent +
                             "' is not a parameter declared before this one (conditions name an earlier categorical)");
    const Param &gate = earlier[static_cast<std::size_t>(p.parent)];
    if (gate.type != VN_PARAM_CATEGORICAL)
      throw invalid_argument(cwhere + ": parent '" + *parent + "' is not categorical");
    const bj::array *values = json::get_array(*cond, "values", cwhere);
    if (values == nullptr || values->empty())
      throw invalid_argument(cwhere + ": needs a non-empty \"values\" array of the parent's choices");
    for (const bj::value &c : *values) {
      std::string text = sdk::choice_text(c);
      bool found = false;
      for (std::size_t k = 0; k < gate.choices.size(); ++k)
        if (gate.choices[k] == text) {
          p.active_when.push_back(static_cast<uint32_t>(k));
          found = true;
        }
      if (!found) throw invalid_argument(cwhere + ": '" + text + "' is not a choice of '" + gate.name + "'");
    }
  }
  return p;
}

}  // namespace

Space &Space::operator=(const Space &other) {
  if (this != &other) {
    params_ = other.params_;
    index_ = other.index_;
    rebuild_view();
  }
  return *this;
}

Space Space::from_json(const bj::value &space, const std::string &path) {
  if (!space.is_array()) throw invalid_argument(path + ": expected an array of parameters, got " + json::type_name(space));
  Space s;
  const bj::array &a = space.as_array();
  if (a.empty()) throw invalid_argument(path + ": the search space has no parameters");
  s.params_.reserve(a.size());
  s.index_.reserve(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    s.params_.push_back(parse_param(a[i], i, path, s.params_, s.index_));
    s.index_.emplace(s.params_.back().name, i);
  }
  s.rebuild_view();
  return s;
}

bj::array Space::to_json() const {
  bj::array out;
  for (const Param &p : params_) {
    bj::object o;
    o["name"] = p.name;
    if (p.type == VN_PARAM_CATEGORICAL) {
      o["type"] = "categorical";
      o["choices"] = bj::array(p.choice_values.begin(), p.choice_values.end());
    } else {
      o["type"] = p.type == VN_PARAM_INT ? "int" : "float";
      if (p.type == VN_PARAM_INT) {
        o["low"] = static_cast<int64_t>(p.low);
        o["high"] = static_cast<int64_t>(p.high);
      } else {
        o["low"] = p.low;
        o["high"] = p.high;
      }
      if (p.log) o["log"] = true;
      if (p.step > 0 && !(p.type == VN_PARAM_INT && p.step == 1.0)) {
        if (p.type == VN_PARAM_INT) o["step"] = static_cast<int64_t>(p.step);
        else o["step"] = p.step;
      }
    }
    if (p.parent >= 0) {
      const Param &gate = params_[static_cast<std::size_t>(p.parent)];
      bj::array values;
      for (uint32_t k : p.active_when) values.push_back(gate.choice_values[k]);
      o["condition"] = bj::object{{"parent", gate.name}, {"values", std::move(values)}};
    }
    out.push_back(std::move(o));
  }
  return out;
}

int Space::index_of(const std::string &name) const {
  auto found = index_.find(name);
  return found == index_.end() ? -1 : static_cast<int>(found->second);
}

bool Space::is_active(const double *x, std::size_t j) const {
  const Param &p = params_[j];
  if (p.parent < 0) return true;
  double gate = x[p.parent];
  if (std::isnan(gate)) return false;  // the parent itself is inactive
  for (uint32_t k : p.active_when)
    if (static_cast<double>(k) == gate) return true;
  return false;
}

void Space::check_point(const double *x) const {
  for (std::size_t j = 0; j < params_.size(); ++j) {
    const Param &p = params_[j];
    std::string where = "parameter '" + p.name + "'";
    bool active = is_active(x, j);
    if (!active) {
      if (!std::isnan(x[j])) throw invalid_argument(where + " is inactive in this trial but has value " + exact_number(x[j]) + " instead of NaN");
      continue;
    }
    if (std::isnan(x[j])) throw invalid_argument(where + " is active but its value is NaN");
    if (!(x[j] >= p.low && x[j] <= p.high))
      throw invalid_argument(where + " = " + exact_number(x[j]) + " is outside [" + exact_number(p.low) +
                             ", " + exact_number(p.high) + "]");
    if (p.type == VN_PARAM_CATEGORICAL && std::floor(x[j]) != x[j])
      throw invalid_argument(where + " = " + exact_number(x[j]) + " is not a choice index");
    if (p.step > 0 && !on_grid(x[j], p.low, p.step, p.high - p.low))
      throw invalid_argument(where + " = " + exact_number(x[j]) + " is not on its step grid (low " +
                             exact_number(p.low) + ", step " + exact_number(p.step) + ")");
  }
}

bj::object Space::to_values(const double *x) const {
  bj::object out;
  for (std::size_t j = 0; j < params_.size(); ++j) {
    if (std::isnan(x[j])) continue;
    const Param &p = params_[j];
    if (p.type == VN_PARAM_CATEGORICAL) out[p.name] = p.choice_values.at(static_cast<std::size_t>(x[j]));
    else if (p.type == VN_PARAM_INT) out[p.name] = static_cast<int64_t>(std::llround(x[j]));
    else out[p.name] = x[j];
  }
  return out;
}

double Space::internal_value(std::size_t j, const bj::value &v) const {
  const Param &p = params_.at(j);
  if (p.type == VN_PARAM_CATEGORICAL) {
    std::string text = sdk::choice_text(v);
    for (std::size_t k = 0; k < p.choices.size(); ++k)
      if (p.choices[k] == text) return static_cast<double>(k);
    throw invalid_argument("parameter '" + p.name + "': " + bj::serialize(v) + " is not one of its choices");
  }
  if (!v.is_number()) throw invalid_argument("parameter '" + p.name + "': expected a number, got " + json::type_name(v));
  double x = v.to_number<double>();
  if (!(x >= p.low && x <= p.high))
    throw invalid_argument("parameter '" + p.name + "': " + exact_number(x) + " is outside its range");
  return x;
}

std::string Space::difference(const Space &other) const {
  bj::array mine = to_json(), theirs = other.to_json();
  for (std::size_t i = 0; i < std::max(mine.size(), theirs.size()); ++i) {
    if (i >= mine.size()) return "the stored space has an extra parameter " + bj::serialize(theirs[i]);
    if (i >= theirs.size()) return "parameter " + bj::serialize(mine[i]) + " is not in the stored space";
    if (mine[i] != theirs[i])
      return "parameter " + std::to_string(i) + " differs: " + bj::serialize(mine[i]) + " here, " +
             bj::serialize(theirs[i]) + " stored";
  }
  return "";
}

void Space::rebuild_view() {
  choice_ptrs_.assign(params_.size(), {});
  vn_params_.assign(params_.size(), vn_param{});
  for (std::size_t j = 0; j < params_.size(); ++j) {
    const Param &p = params_[j];
    for (const std::string &c : p.choices) choice_ptrs_[j].push_back(c.c_str());
    vn_param &v = vn_params_[j];
    v.name = p.name.c_str();
    v.type = p.type;
    v.flags = (p.log ? VN_PARAM_LOG : 0u) | (p.step > 0 ? VN_PARAM_STEP : 0u);
    v.low = p.low;
    v.high = p.high;
    v.step = p.step;
    v.n_choices = static_cast<uint32_t>(p.choices.size());
    v.choices = p.choices.empty() ? nullptr : choice_ptrs_[j].data();
    v.parent = p.parent;
    v.n_active_when = static_cast<uint32_t>(p.active_when.size());
    v.active_when = p.active_when.empty() ? nullptr : p.active_when.data();
  }
  view_ = vn_space{sizeof(vn_space), static_cast<uint32_t>(params_.size()), vn_params_.data()};
}

}  // namespace vernier
