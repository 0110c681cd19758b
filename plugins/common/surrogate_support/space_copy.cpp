#include "space_copy.hpp"

namespace vernier::surrogates {

SpaceCopy::SpaceCopy() { view_ = vn_space{sizeof(vn_space), 0, nullptr}; }

SpaceCopy::SpaceCopy(const vn_space &space) { assign(space); }

SpaceCopy::SpaceCopy(const SpaceCopy &other) { assign(other.view()); }

SpaceCopy &SpaceCopy::operator=(const SpaceCopy &other) {
  if (this != &other) {
    SpaceCopy copy(other);  // strong guarantee: build first, then swap in
    names_.swap(copy.names_);
    choices_.swap(copy.choices_);
    choice_pointers_.swap(copy.choice_pointers_);
    active_when_.swap(copy.active_when_);
    params_.swap(copy.params_);
    view_ = copy.view_;  // the vectors' buffers moved with the swaps, so the pointers stay valid
  }
  return *this;
}

void SpaceCopy::assign(const vn_space &space) {
  const uint32_t d = space.n_params;
  names_.assign(d, std::string());
  choices_.assign(d, {});
  choice_pointers_.assign(d, {});
  active_when_.assign(d, {});
  params_.assign(space.params, space.params + d);
  for (uint32_t j = 0; j < d; ++j) {
    vn_param &p = params_[j];
    names_[j] = p.name != nullptr ? p.name : "";
    p.name = names_[j].c_str();
    if (p.choices != nullptr) {
      for (uint32_t c = 0; c < p.n_choices; ++c) choices_[j].emplace_back(p.choices[c] != nullptr ? p.choices[c] : "");
      for (const std::string &c : choices_[j]) choice_pointers_[j].push_back(c.c_str());
      p.choices = choice_pointers_[j].data();
    }
    if (p.active_when != nullptr) {
      active_when_[j].assign(p.active_when, p.active_when + p.n_active_when);
      p.active_when = active_when_[j].data();
    }
  }
  view_ = vn_space{sizeof(vn_space), d, params_.data()};
}

}  // namespace vernier::surrogates
