// Errors inside libvernier: the SDK's Error type (a message plus the vn_status it becomes at the C API),
// so the core and the plugins share one exception firewall.
#ifndef VERNIER_CORE_BASE_ERROR_HPP
#define VERNIER_CORE_BASE_ERROR_HPP

#include <string>

#include "vernier/sdk/plugin.hpp"

namespace vernier {

using Error = sdk::Error;

inline Error invalid_argument(const std::string &message) { return Error(VN_E_INVALID, message); }
inline Error not_found(const std::string &message) { return Error(VN_E_NOT_FOUND, message); }
inline Error io_error(const std::string &message) { return Error(VN_E_IO, message); }

}  // namespace vernier

#endif  // VERNIER_CORE_BASE_ERROR_HPP
