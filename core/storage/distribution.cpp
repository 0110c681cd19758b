#include "storage/distribution.hpp"

#include <cmath>

#include "base/error.hpp"
#include "base/number_text.hpp"
#include "base/json.hpp"
#include "vernier/sdk/json.hpp"
#include "storage/record.hpp"

namespace vernier::storage {

namespace bj = boost::json;

namespace {

double number(const bj::object &o, const char *key, const std::string &what) {
  const bj::value *v = o.if_contains(key);
  if (v == nullptr || !v->is_number()) throw invalid_argument(what + ": attribute '" + key + "' is not a number");
  return v->to_number<double>();
}

bool flag(const bj::object &o, const char *key) {
  const bj::value *v = o.if_contains(key);
  return v != nullptr && v->is_bool() && v->get_bool();
}

// A step attribute: null or absent for none.
double optional_step(const bj::object &o, const char *key, const std::string &what) {
  const bj::value *v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return 0;
  if (!v->is_number()) throw invalid_argument(what + ": attribute '" + key + "' is not a number");
  return v->to_number<double>();
}

Distribution from_attributes(const std::string &cls, const bj::object &a) {
  const std::string what = "distribution " + cls;
  Distribution d;
  d.class_name = cls;
  if (cls == "CategoricalDistribution") {
    const bj::value *choices = a.if_contains("choices");
    if (choices == nullptr || !choices->is_array() || choices->get_array().empty())
      throw invalid_argument(what + ": 'choices' is not a non-empty array");
    d.type = VN_PARAM_CATEGORICAL;
    d.choices.assign(choices->get_array().begin(), choices->get_array().end());
    return d;
  }
  d.low = number(a, "low", what);
  d.high = number(a, "high", what);
  if (cls == "FloatDistribution") {
    d.log = flag(a, "log");
    d.step = optional_step(a, "step", what);
  } else if (cls == "UniformDistribution") {
  } else if (cls == "LogUniformDistribution") {
    d.log = true;
  } else if (cls == "DiscreteUniformDistribution") {
    d.step = optional_step(a, "q", what);
  } else if (cls == "IntDistribution" || cls == "IntUniformDistribution" || cls == "IntLogUniformDistribution") {
    d.type = VN_PARAM_INT;
    d.log = cls == "IntLogUniformDistribution" || (cls == "IntDistribution" && flag(a, "log"));
    d.step = optional_step(a, "step", what);
    if (d.step == 0) d.step = 1;
  } else {
    throw invalid_argument("unknown distribution class '" + cls + "'");
  }
  if (!(d.low <= d.high)) throw invalid_argument(what + ": low > high");
  return d;
}

}  // namespace

Distribution parse_distribution(const std::string &json_text) {
  boost::system::error_code ec;
  bj::value parsed = vernier::sdk::parse_json_exact(json_text, ec);  // the bounds must compare equal to the space's
  if (ec || !parsed.is_object()) throw invalid_argument("distribution: not a JSON object: " + json_text);
  const bj::object &o = parsed.get_object();
  if (const bj::value *name = o.if_contains("name")) {
    const bj::value *attributes = o.if_contains("attributes");
    if (!name->is_string() || attributes == nullptr || !attributes->is_object())
      throw invalid_argument("distribution: expected {\"name\", \"attributes\"}");
    return from_attributes(std::string(name->get_string()), attributes->get_object());
  }
  // Optuna's abbreviated form.
  std::string type = json::get_string(o, "type", "distribution").value_or("");
  if (type == "categorical") return from_attributes("CategoricalDistribution", o);
  if (type == "float") return from_attributes("FloatDistribution", o);
  if (type == "int") return from_attributes("IntDistribution", o);
  throw invalid_argument("distribution: unknown type '" + type + "'");
}

std::string distribution_json(const Param &p) {
  std::string out = "{\"name\": \"";
  if (p.type == VN_PARAM_CATEGORICAL) {
    out += "CategoricalDistribution\", \"attributes\": {\"choices\": [";
    for (std::size_t k = 0; k < p.choice_values.size(); ++k) {
      if (k > 0) out += ", ";
      out += bj::serialize(p.choice_values[k]);
    }
    return out + "]}}";
  }
  const bool is_int = p.type == VN_PARAM_INT;
  out += is_int ? "IntDistribution" : "FloatDistribution";
  out += "\", \"attributes\": {\"low\": " + number_text(p.low, !is_int) + ", \"high\": " + number_text(p.high, !is_int) +
         ", \"log\": " + (p.log ? "true" : "false") + ", \"step\": ";
  if (is_int) out += number_text(p.step > 0 ? p.step : 1, false);
  else out += p.step > 0 ? number_text(p.step, true) : "null";
  return out + "}}";
}

bool same_choice(const bj::value &a, const bj::value &b) {
  auto as_number = [](const bj::value &v, double &x) {
    if (v.is_bool()) x = v.get_bool() ? 1 : 0;
    else if (v.is_number()) x = v.to_number<double>();
    else return false;
    return true;
  };
  double x = 0, y = 0;
  if (as_number(a, x) && as_number(b, y)) return x == y || (std::isnan(x) && std::isnan(y));
  return a == b;
}

bool same_distribution(const Distribution &d, const Param &p) {
  if (d.type != p.type) return false;
  if (p.type == VN_PARAM_CATEGORICAL) {
    if (d.choices.size() != p.choice_values.size()) return false;
    for (std::size_t k = 0; k < d.choices.size(); ++k)
      if (!same_choice(d.choices[k], p.choice_values[k])) return false;
    return true;
  }
  double step = p.type == VN_PARAM_INT ? (p.step > 0 ? p.step : 1) : p.step;
  return d.low == p.low && d.high == p.high && d.log == p.log && d.step == step;
}

bool compatible(const Distribution &first, const Distribution &later) {
  if (first.class_name != later.class_name) return false;
  if (first.type == VN_PARAM_CATEGORICAL) {
    if (first.choices.size() != later.choices.size()) return false;
    for (std::size_t k = 0; k < first.choices.size(); ++k)
      if (!same_choice(first.choices[k], later.choices[k])) return false;
    return true;
  }
  return first.log == later.log;
}

std::string describe(const Distribution &d) {
  if (d.type == VN_PARAM_CATEGORICAL) {
    std::string out = d.class_name + "(choices=[";
    for (std::size_t k = 0; k < d.choices.size(); ++k) out += (k > 0 ? ", " : "") + bj::serialize(d.choices[k]);
    return out + "])";
  }
  std::string out = d.class_name + "(low=" + exact_number(d.low) + ", high=" + exact_number(d.high);
  if (d.log) out += ", log=true";
  if (d.step > 0 && !(d.type == VN_PARAM_INT && d.step == 1)) out += ", step=" + exact_number(d.step);
  return out + ")";
}

bj::object param_json(const std::string &name, const Distribution &d) {
  bj::object o{{"name", name}};
  if (d.type == VN_PARAM_CATEGORICAL) {
    for (const bj::value &c : d.choices)
      if (!(c.is_string() || c.is_number() || c.is_bool()))
        throw invalid_argument("parameter '" + name + "': choice " + bj::serialize(c) +
                               " cannot be a Vernier choice (strings, numbers or booleans)");
    o["type"] = "categorical";
    o["choices"] = bj::array(d.choices.begin(), d.choices.end());
    return o;
  }
  if (d.type == VN_PARAM_INT) {
    o["type"] = "int";
    o["low"] = static_cast<int64_t>(std::llround(d.low));
    o["high"] = static_cast<int64_t>(std::llround(d.high));
    if (d.step != 1) o["step"] = static_cast<int64_t>(std::llround(d.step));
  } else {
    o["type"] = "float";
    o["low"] = d.low;
    o["high"] = d.high;
    if (d.step > 0) o["step"] = d.step;
  }
  if (d.log) o["log"] = true;
  return o;
}

bj::value external_value(const Distribution &d, double internal) {
  if (d.type == VN_PARAM_CATEGORICAL) {
    double k = std::floor(internal);
    if (k >= 0 && k < static_cast<double>(d.choices.size())) return d.choices[static_cast<std::size_t>(k)];
    return nullptr;
  }
  if (d.type == VN_PARAM_INT) return static_cast<int64_t>(std::llround(internal));
  return internal;
}

}  // namespace vernier::storage
