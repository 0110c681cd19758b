#include "storage/journal_model.hpp"

#include <cmath>
#include <limits>

#include "base/error.hpp"
#include "storage/record.hpp"

namespace vernier::storage {

namespace bj = boost::json;

namespace {

const bj::value &field(const bj::object &r, const char *key) {
  const bj::value *v = r.if_contains(key);
  if (v == nullptr) throw invalid_argument(std::string("field '") + key + "' is missing");
  return *v;
}

int64_t integer(const bj::value &v, const char *key) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
    return static_cast<int64_t>(v.get_uint64());
  if (v.is_double() && std::floor(v.get_double()) == v.get_double() && std::fabs(v.get_double()) < 9e15)
    return static_cast<int64_t>(v.get_double());
  throw invalid_argument(std::string("field '") + key + "' is not an integer");
}
int64_t integer(const bj::object &r, const char *key) { return integer(field(r, key), key); }

// A number; null stands for NaN (Python writes NaN, which the reader turns into null).
double number(const bj::value &v, const char *key) {
  if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (!v.is_number()) throw invalid_argument(std::string("field '") + key + "' is not a number");
  return v.to_number<double>();
}

const std::string text(const bj::object &r, const char *key) {
  const bj::value &v = field(r, key);
  if (!v.is_string()) throw invalid_argument(std::string("field '") + key + "' is not a string");
  return std::string(v.get_string());
}

// A string field that may be null or absent ("").
std::string optional_text(const bj::object &r, const char *key) {
  const bj::value *v = r.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

const bj::object &object(const bj::object &r, const char *key) {
  const bj::value &v = field(r, key);
  if (!v.is_object()) throw invalid_argument(std::string("field '") + key + "' is not an object");
  return v.get_object();
}

// {key: value} with exactly one entry, as the attribute records carry.
const bj::object &one_attr(const bj::object &r, const char *key) {
  const bj::object &o = object(r, key);
  if (o.size() != 1) throw invalid_argument(std::string("field '") + key + "' must hold one attribute");
  return o;
}

// "values": null or an array of numbers.
bool read_values(const bj::value *v, std::vector<double> &out) {
  if (v == nullptr || v->is_null()) return false;
  if (!v->is_array()) throw invalid_argument("field 'values' is neither null nor an array");
  out.clear();
  for (const bj::value &x : v->get_array()) out.push_back(number(x, "values"));
  return true;
}

void merge(bj::object &into, const bj::object &from) {
  for (const auto &kv : from) into[kv.key()] = kv.value();
}

}  // namespace

const JournalParam *JournalTrial::param(const std::string &name) const {
  for (const JournalParam &p : params)
    if (p.name == name) return &p;
  return nullptr;
}

JournalModel::JournalModel(std::string own_worker, std::function<bool(const std::string &)> keep)
    : own_worker_(std::move(own_worker)), keep_(std::move(keep)) {}

JournalStudy *JournalModel::live_study(int64_t study_id) {
  if (study_id < 0 || static_cast<uint64_t>(study_id) >= studies_.size()) return nullptr;
  return studies_[static_cast<std::size_t>(study_id)].get();
}

const JournalStudy *JournalModel::study(int64_t study_id) const {
  return const_cast<JournalModel *>(this)->live_study(study_id);
}

const JournalStudy *JournalModel::find_study(const std::string &name) const {
  auto it = live_names_.find(name);
  return it == live_names_.end() ? nullptr : study(it->second);
}

std::vector<const JournalStudy *> JournalModel::studies() const {
  std::vector<const JournalStudy *> out;
  for (const auto &s : studies_)
    if (s) out.push_back(s.get());
  return out;
}

const JournalTrial *JournalModel::trial(int64_t trial_id) const {
  if (trial_id < 0 || static_cast<uint64_t>(trial_id) >= trials_.size()) return nullptr;
  return trials_[static_cast<std::size_t>(trial_id)].get();
}

JournalTrial *JournalModel::updatable_trial(int64_t trial_id) {
  JournalTrial *t = const_cast<JournalTrial *>(trial(trial_id));
  return t != nullptr && !t->finished() ? t : nullptr;
}

std::shared_ptr<const Distribution> JournalModel::distribution(const std::string &text) {
  auto it = distributions_.find(text);
  if (it != distributions_.end()) return it->second;
  auto d = std::make_shared<const Distribution>(parse_distribution(text));
  distributions_.emplace(text, d);
  return d;
}

int64_t JournalModel::create_trial(const bj::object &r, const std::string &worker) {
  JournalStudy *s = live_study(integer(r, "study_id"));
  if (s == nullptr) return -1;
  const bool keep = !keep_ || keep_(s->name);
  std::unique_ptr<JournalTrial> t;
  if (keep) {
    // Read everything first: a malformed record changes nothing.
    t = std::make_unique<JournalTrial>();
    t->datetime_start = optional_text(r, "datetime_start");
    t->datetime_complete = optional_text(r, "datetime_complete");
    if (const bj::value *state = r.if_contains("state")) t->state = static_cast<int32_t>(integer(*state, "state"));
    if (t->state < 0 || t->state > kOptunaWaiting) throw invalid_argument("field 'state' is not a trial state");
    t->has_values = read_values(r.if_contains("values"), t->values);
    if (!t->has_values) {
      const bj::value *value = r.if_contains("value");
      if (value != nullptr && !value->is_null()) {
        t->values = {number(*value, "value")};
        t->has_values = true;
      }
    }
    if (const bj::value *dists = r.if_contains("distributions"); dists != nullptr && dists->is_object()) {
      const bj::value *params = r.if_contains("params");
      for (const auto &kv : dists->get_object()) {
        if (!kv.value().is_string()) throw invalid_argument("distribution of '" + std::string(kv.key()) + "' is not a string");
        const bj::value *internal = params != nullptr && params->is_object() ? params->get_object().if_contains(kv.key()) : nullptr;
        if (internal == nullptr) continue;
        std::string dist_text(kv.value().get_string());
        t->params.push_back({std::string(kv.key()), number(*internal, "params"), distribution(dist_text), dist_text});
      }
    }
    if (const bj::value *v = r.if_contains("user_attrs"); v != nullptr && v->is_object()) t->user_attrs = v->get_object();
    if (const bj::value *v = r.if_contains("system_attrs"); v != nullptr && v->is_object()) t->system_attrs = v->get_object();
    if (const bj::value *v = r.if_contains("intermediate_values"); v != nullptr && v->is_object()) {
      for (const auto &kv : v->get_object()) {
        char *end = nullptr;
        std::string step(kv.key());
        long long k = std::strtoll(step.c_str(), &end, 10);
        if (step.empty() || *end != '\0') throw invalid_argument("intermediate value step '" + step + "' is not an integer");
        t->intermediate[k] = number(kv.value(), "intermediate_values");
      }
    }
    t->creator = worker;
  }
  const int64_t trial_id = static_cast<int64_t>(trial_study_.size());
  trial_study_.push_back(s->study_id);
  if (t) {
    t->trial_id = trial_id;
    t->study_id = s->study_id;
    t->number = static_cast<int64_t>(s->trial_ids.size());
    for (const JournalParam &p : t->params) s->first_distribution.emplace(p.name, p.distribution);
  }
  trials_.push_back(std::move(t));
  s->trial_ids.push_back(trial_id);
  if (!own_worker_.empty() && worker == own_worker_) own_last_created_ = trial_id;
  return trial_id;
}

int64_t JournalModel::add_placeholder_trial(int64_t study_id, const std::string &why) {
  bj::object r{{"study_id", study_id}, {"state", kOptunaFail}, {"system_attrs", bj::object{{"fail_reason", why}}}};
  return create_trial(r, "");
}

int64_t JournalModel::apply(const bj::object &r) {
  const int64_t op = integer(r, "op_code");
  const std::string worker = optional_text(r, "worker_id");
  switch (op) {
    case kCreateStudy: {
      std::string name = text(r, "study_name");
      const bj::value &dirs = field(r, "directions");
      if (!dirs.is_array()) throw invalid_argument("field 'directions' is not an array");
      std::vector<int32_t> directions;
      for (const bj::value &d : dirs.get_array()) directions.push_back(static_cast<int32_t>(integer(d, "directions")));
      if (live_names_.count(name) != 0) return -1;  // a second creation of a live name: ignored
      auto s = std::make_unique<JournalStudy>();
      s->study_id = static_cast<int64_t>(studies_.size());
      s->name = name;
      s->directions = std::move(directions);
      live_names_[name] = s->study_id;
      studies_.push_back(std::move(s));
      return -1;
    }
    case kDeleteStudy: {
      JournalStudy *s = live_study(integer(r, "study_id"));
      if (s != nullptr) {
        live_names_.erase(s->name);
        studies_[static_cast<std::size_t>(s->study_id)].reset();
      }
      return -1;
    }
    case kSetStudyUserAttr:
    case kSetStudySystemAttr: {
      const bool system = op == kSetStudySystemAttr;
      const int64_t id = integer(r, "study_id");
      const bj::object &attr = one_attr(r, system ? "system_attr" : "user_attr");
      if (JournalStudy *s = live_study(id)) merge(system ? s->system_attrs : s->user_attrs, attr);
      return -1;
    }
    case kCreateTrial:
      return create_trial(r, worker);
    case kSetTrialParam: {
      const int64_t id = integer(r, "trial_id");
      JournalTrial *t = updatable_trial(id);
      if (t == nullptr) return -1;
      std::string name = text(r, "param_name");
      double internal = number(field(r, "param_value_internal"), "param_value_internal");
      std::string dist_text = text(r, "distribution");
      auto dist = distribution(dist_text);
      JournalStudy *s = live_study(t->study_id);
      if (s == nullptr) return -1;
      auto first = s->first_distribution.find(name);
      if (first != s->first_distribution.end() && !compatible(*first->second, *dist)) return -1;  // as Optuna
      if (first == s->first_distribution.end()) s->first_distribution.emplace(name, dist);
      JournalParam p{name, internal, dist, dist_text};
      for (JournalParam &old : t->params)
        if (old.name == name) {
          old = std::move(p);
          return id;
        }
      t->params.push_back(std::move(p));
      return id;
    }
    case kSetTrialStateValues: {
      const int64_t id = integer(r, "trial_id");
      const int64_t state = integer(r, "state");
      if (state < 0 || state > kOptunaWaiting) throw invalid_argument("field 'state' is not a trial state");
      std::vector<double> values;
      const bool has_values = read_values(r.if_contains("values"), values);
      JournalTrial *t = updatable_trial(id);
      if (t == nullptr) return -1;
      if (state == kOptunaRunning && t->state == kOptunaRunning) return -1;  // already claimed
      if (state == kOptunaRunning) t->datetime_start = optional_text(r, "datetime_start");
      else if (state != kOptunaWaiting) t->datetime_complete = optional_text(r, "datetime_complete");
      t->state = static_cast<int32_t>(state);
      if (has_values) {
        t->values = std::move(values);
        t->has_values = true;
      }
      return id;
    }
    case kSetTrialIntermediateValue: {
      const int64_t id = integer(r, "trial_id");
      const int64_t step = integer(r, "step");
      const double value = number(field(r, "intermediate_value"), "intermediate_value");
      JournalTrial *t = updatable_trial(id);
      if (t == nullptr) return -1;
      t->intermediate[step] = value;
      return id;
    }
    case kSetTrialUserAttr:
    case kSetTrialSystemAttr: {
      const bool system = op == kSetTrialSystemAttr;
      const int64_t id = integer(r, "trial_id");
      const bj::object &attr = one_attr(r, system ? "system_attr" : "user_attr");
      JournalTrial *t = updatable_trial(id);
      if (t == nullptr) return -1;
      merge(system ? t->system_attrs : t->user_attrs, attr);
      return id;
    }
  }
  throw invalid_argument("unknown op_code " + std::to_string(op));
}

}  // namespace vernier::storage
