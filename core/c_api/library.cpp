// vn_version, vn_last_error, vn_free, and the helpers shared by the C API files.
#include <cstdlib>
#include <cstring>

#include "base/error.hpp"
#include "base/interrupt.hpp"
#include "base/json.hpp"
#include "c_api/handles.hpp"

namespace vernier::capi {

std::string &last_error() {
  thread_local std::string message;
  return message;
}

char *duplicate(const std::string &s) {
  char *out = static_cast<char *>(std::malloc(s.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

char *duplicate_json(const boost::json::value &v) { return duplicate(json::serialize(v, json::NonFinite::strings)); }

void require(bool condition, const char *message) {
  if (!condition) throw invalid_argument(message);
}

}  // namespace vernier::capi

extern "C" {

VN_API const char *vn_version(void) { return VERNIER_VERSION; }

VN_API const char *vn_last_error(void) { return vernier::capi::last_error().c_str(); }

VN_API void vn_free(void *ptr) { std::free(ptr); }

VN_API void vn_interrupt(void) { vernier::request_interrupt(); }

}
