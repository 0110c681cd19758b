// Study::open_in_storage: what "resuming is opening the same storage" means. A stored study is
// continued only when it is the same study: the same direction and space, the same sampler, and the
// same seed, so that its next suggestions are the ones an uninterrupted run would have made
// (VN-ABI-8); and the same objective, so that its values stay comparable. Anything else is refused with
// the difference named; nothing is ever silently mixed.
#include "base/error.hpp"
#include "study/study.hpp"
#include "vernier/sdk/json.hpp"

namespace vernier {

namespace bj = boost::json;

namespace {

// The first place two objective identities differ, as "cv.model: \"svm\" stored, \"ridge\" now"; objects
// with other keys (a command where a function was) are shown whole.
std::string first_difference(const bj::value &stored, const bj::value &now, const std::string &path) {
  auto same_keys = [](const bj::object &a, const bj::object &b) {
    if (a.size() != b.size()) return false;
    for (const auto &entry : a)
      if (!b.contains(entry.key())) return false;
    return true;
  };
  if (stored.is_object() && now.is_object() && same_keys(stored.get_object(), now.get_object())) {
    for (const auto &entry : stored.get_object()) {
      const std::string key = path.empty() ? std::string(entry.key()) : path + "." + std::string(entry.key());
      if (std::string d = first_difference(entry.value(), now.get_object().at(entry.key()), key); !d.empty()) return d;
    }
    return "";
  }
  if (stored == now) return "";
  return (path.empty() ? "" : path + ": ") + sdk::describe_json(stored) + " stored, " + sdk::describe_json(now) + " now";
}

}  // namespace

void Study::open_in_storage() {
  StudyInfo wanted;
  wanted.name = config_.name;
  wanted.direction = config_.direction;
  wanted.space = config_.space.to_json();
  wanted.sampler = bj::object{{"plugin", config_.sampler}, {"options", config_.sampler_options}};
  wanted.seed = seed_;
  if (objective_) wanted.objective = objective_->identity();
  const std::string where = "study '" + config_.name + "' in " + storage_->describe();
  auto direction = [](int32_t d) { return std::string(d > 0 ? "minimize" : "maximize"); };

  StudyInfo stored = storage_->open_study(wanted, [&](const StudyInfo &s) {
    if (s.direction != wanted.direction)
      throw invalid_argument(where + " is stored with direction " + direction(s.direction) + "; this config says " +
                             direction(wanted.direction));
    if (s.foreign) {
      if (!s.mismatch.empty())
        throw invalid_argument(where + " was made by another program and its trials do not fit this config's space: " +
                               s.mismatch);
      return;  // Optuna's study: its distributions fit; Vernier's settings are recorded now
    }
    std::string diff = config_.space.difference(Space::from_json(s.space, "stored space"));
    if (!diff.empty()) throw invalid_argument(where + " has a different search space: " + diff);
    if (!s.sampler.empty() && s.sampler != wanted.sampler)
      throw invalid_argument(where + " was run with sampler " + bj::serialize(s.sampler) + "; this config says " +
                             bj::serialize(wanted.sampler) + " (a study keeps its sampler, so that it resumes exactly)");
    if (!s.objective.empty() && !wanted.objective.empty()) {
      if (std::string diff = first_difference(s.objective, wanted.objective, ""); !diff.empty())
        throw invalid_argument(where + " was scored by another objective (" + diff +
                               "): its values would not compare with this config's; give another study name or "
                               "storage for a new study");
    }
    if (config_.seed && s.seed && *s.seed != *config_.seed)
      throw invalid_argument(where + " was run with seed " + std::to_string(*s.seed) + "; this config (or --seed) says " +
                             std::to_string(*config_.seed) +
                             ": drop the seed to continue the stored study, or give another storage for a new one");
  });
  if (stored.seed) seed_ = *stored.seed;  // a config without a seed continues with the stored one
  storage_->fail_stale_trials();         // the storage says which, as warnings
}

}  // namespace vernier
