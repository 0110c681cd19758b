#include "storage/journal_inspect.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

#include "base/error.hpp"
#include "storage/journal_reader.hpp"
#include "storage/record.hpp"

namespace vernier::storage {

namespace bj = boost::json;

namespace {

const char *state_word(int32_t state) {
  static const char *const words[] = {"running", "complete", "pruned", "failed", "waiting"};
  return state >= 0 && state <= 4 ? words[state] : "unknown";
}

bj::value direction_json(const JournalStudy &s) {
  auto word = [](int32_t d) { return d == kOptunaMaximize ? "maximize" : "minimize"; };
  if (s.directions.size() == 1) return word(s.directions[0]);
  bj::array out;
  for (int32_t d : s.directions) out.emplace_back(word(d));
  return out;
}

bj::array warnings_json(const JournalReader &reader) {
  bj::array out;
  for (const std::string &w : reader.warnings()) out.emplace_back(w);
  return out;
}

// The journal read to its end. A file with no complete line that does not start like a record either
// is something else (a binary, a one-line text) rather than a journal torn before its first newline.
std::unique_ptr<JournalReader> read_journal(const std::string &path) {
  auto reader = std::make_unique<JournalReader>(path, false, "", std::function<bool(const std::string &)>{}, StorageLogger{});
  reader->sync();
  std::error_code ec;
  if (reader->file().bytes_read() == 0 && std::filesystem::file_size(path, ec) > 0 && !ec) {
    std::ifstream in(path, std::ios::binary);
    std::string start(32, '\0');
    in.read(start.data(), static_cast<std::streamsize>(start.size()));
    start.resize(static_cast<std::size_t>(in.gcount()));
    if (!looks_like_record_start(start))
      throw invalid_argument("'" + path + "' is not a journal: it holds no record (Optuna's JournalStorage format)");
  }
  return reader;
}

bool made_by_vernier(const JournalStudy &s) { return s.system_attrs.contains("vernier:space"); }

const JournalStudy &find(const JournalReader &reader, const std::string &path, const std::string &name) {
  std::vector<const JournalStudy *> all = reader.model().studies();
  if (name.empty()) {
    if (all.size() == 1) return *all[0];
    if (all.empty()) throw not_found("journal '" + path + "' holds no study");
  } else if (const JournalStudy *s = reader.model().find_study(name)) {
    return *s;
  }
  std::string names;
  for (const JournalStudy *s : all) names += (names.empty() ? "" : ", ") + ("'" + s->name + "'");
  if (name.empty()) throw invalid_argument("journal '" + path + "' holds several studies; name one of " + names);
  throw not_found("no study named '" + name + "' in journal '" + path + "' (it holds " +
                  (names.empty() ? std::string("none") : names) + ")");
}

// Numbers go out as they are, infinities and NaN too: the C API writes those as strings (docs/abi.md).
bj::object trial_json(const JournalTrial &t) {
  bj::object o{{"number", t.number}, {"state", state_word(t.state)}};
  if (t.values.size() == 1 && t.has_values) o["value"] = bj::value(t.values[0]);
  else if (t.has_values) {
    bj::array values;
    for (double v : t.values) values.push_back(bj::value(v));
    o["values"] = std::move(values);
  } else {
    o["value"] = nullptr;
  }
  bj::object params;
  for (const JournalParam &p : t.params) params[p.name] = external_value(*p.distribution, p.internal);
  o["params"] = std::move(params);
  bj::object intermediate;
  for (const auto &[step, v] : t.intermediate) intermediate[std::to_string(step)] = bj::value(v);
  o["intermediate"] = std::move(intermediate);
  o["datetime_start"] = t.datetime_start.empty() ? bj::value(nullptr) : bj::value(t.datetime_start);
  o["datetime_complete"] = t.datetime_complete.empty() ? bj::value(nullptr) : bj::value(t.datetime_complete);
  if (const bj::value *why = t.system_attrs.if_contains("fail_reason"); why != nullptr && why->is_string()) o["message"] = *why;
  o["user_attrs"] = t.user_attrs;
  o["system_attrs"] = t.system_attrs;
  return o;
}

}  // namespace

bj::object list_studies(const std::string &path) {
  std::unique_ptr<JournalReader> owned = read_journal(path);
  const JournalReader &reader = *owned;
  bj::array studies;
  for (const JournalStudy *s : reader.model().studies()) {
    bj::object counts{{"complete", 0}, {"pruned", 0}, {"failed", 0}, {"running", 0}, {"waiting", 0}};
    const JournalTrial *best = nullptr;
    const double sign = s->directions.size() == 1 && s->directions[0] == kOptunaMaximize ? -1 : 1;
    for (int64_t id : s->trial_ids) {
      const JournalTrial *t = reader.model().trial(id);
      if (t == nullptr) continue;
      bj::value &n = counts[state_word(t->state)];
      n = n.to_number<int64_t>() + 1;
      if (t->state == kOptunaComplete && s->directions.size() == 1 && t->values.size() == 1 && !std::isnan(t->values[0]) &&
          (best == nullptr || sign * t->values[0] < sign * best->values[0]))
        best = t;
    }
    bj::value best_json = nullptr;
    if (best != nullptr) best_json = bj::object{{"number", best->number}, {"value", bj::value(best->values[0])}};
    studies.push_back(bj::object{{"name", s->name},
                                 {"direction", direction_json(*s)},
                                 {"trials", std::move(counts)},
                                 {"best", std::move(best_json)},
                                 {"vernier", made_by_vernier(*s)}});
  }
  return bj::object{{"path", path}, {"studies", std::move(studies)}, {"warnings", warnings_json(reader)}};
}

bj::object describe_study(const std::string &path, const std::string &study_name) {
  std::unique_ptr<JournalReader> owned = read_journal(path);
  const JournalReader &reader = *owned;
  const JournalStudy &s = find(reader, path, study_name);
  bj::array trials;
  for (int64_t id : s.trial_ids)
    if (const JournalTrial *t = reader.model().trial(id)) trials.push_back(trial_json(*t));
  return bj::object{{"path", path},
                    {"study", s.name},
                    {"direction", direction_json(s)},
                    {"vernier", made_by_vernier(s)},
                    {"user_attrs", s.user_attrs},
                    {"system_attrs", s.system_attrs},
                    {"trials", std::move(trials)},
                    {"warnings", warnings_json(reader)}};
}

bj::object stored_study_config(const std::string &path, const std::string &study_name) {
  std::unique_ptr<JournalReader> owned = read_journal(path);
  const JournalReader &reader = *owned;
  const JournalStudy &s = find(reader, path, study_name);
  if (s.directions.size() != 1)
    throw invalid_argument("study '" + s.name + "' in journal '" + path + "' has " + std::to_string(s.directions.size()) +
                           " objectives; Vernier studies have one");
  bj::object config{{"name", s.name},
                    {"direction", s.directions[0] == kOptunaMaximize ? "maximize" : "minimize"},
                    {"storage", path}};
  const bj::value *space = s.system_attrs.if_contains("vernier:space");
  if (space != nullptr && space->is_array()) {
    config["space"] = *space;
  } else {
    // Optuna's study: its parameters in the order they first appear, each with the first distribution
    // the study used for it (Optuna checks later ones against that one).
    bj::array derived;
    std::set<std::string> seen;
    for (int64_t id : s.trial_ids)
      if (const JournalTrial *t = reader.model().trial(id))
        for (const JournalParam &p : t->params)
          if (seen.insert(p.name).second) derived.push_back(param_json(p.name, *s.first_distribution.at(p.name)));
    if (derived.empty())
      throw invalid_argument("study '" + s.name + "' in journal '" + path +
                             "' has no Vernier space and no trial with parameters to derive one from; give a config");
    config["space"] = std::move(derived);
  }
  bj::object sampler{{"plugin", "random"}};
  if (const bj::value *stored = s.system_attrs.if_contains("vernier:sampler"); stored != nullptr && stored->is_object()) {
    if (const bj::value *plugin = stored->get_object().if_contains("plugin")) sampler["plugin"] = *plugin;
    if (const bj::value *options = stored->get_object().if_contains("options")) sampler["options"] = *options;
  }
  if (const bj::value *seed = s.system_attrs.if_contains("vernier:seed"); seed != nullptr && (seed->is_int64() || seed->is_uint64()))
    sampler["seed"] = *seed;
  config["sampler"] = std::move(sampler);
  return config;
}

}  // namespace vernier::storage
