// A deep copy of a vn_space that a plugin may keep after the call that gave it the view (VN-ABI-6): a
// surrogate reads the space in fit() and needs it again in predict(), when the host's view is gone.
#ifndef VERNIER_SURROGATES_SPACE_COPY_HPP
#define VERNIER_SURROGATES_SPACE_COPY_HPP

#include <string>
#include <vector>

#include "vernier/plugin/space.h"

namespace vernier::surrogates {

class SpaceCopy {
 public:
  SpaceCopy();
  explicit SpaceCopy(const vn_space &space);
  SpaceCopy(const SpaceCopy &other);
  SpaceCopy &operator=(const SpaceCopy &other);

  // A view of the copy, valid while this object lives and is not assigned to.
  const vn_space &view() const { return view_; }
  uint32_t size() const { return view_.n_params; }
  const vn_param &param(uint32_t j) const { return params_[j]; }

 private:
  void assign(const vn_space &space);

  std::vector<std::string> names_;
  std::vector<std::vector<std::string>> choices_;
  std::vector<std::vector<const char *>> choice_pointers_;
  std::vector<std::vector<uint32_t>> active_when_;
  std::vector<vn_param> params_;
  vn_space view_{};
};

}  // namespace vernier::surrogates

#endif  // VERNIER_SURROGATES_SPACE_COPY_HPP
