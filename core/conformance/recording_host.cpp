#include "conformance/recording_host.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>

namespace vernier::conformance {

namespace {

// Our registry extension: the same create, re-targeted at the registry's own host (whose host_data the
// registry's implementation needs), so a plugin asking this host for a component gets a real one.
vn_status forward_create(const vn_host *host, uint32_t kind, const char *name, const char *config_json,
                         void **out_instance, const void **out_vtable, char *err, size_t err_cap);
const vn_registry_v1 kForwardingRegistry = {sizeof(vn_registry_v1), &forward_create};

}  // namespace

RecordingHost::RecordingHost(const Registry &registry, bool with_extensions)
    : registry_(registry), with_extensions_(with_extensions) {
  host_ = vn_host{sizeof(vn_host), VN_ABI_MAJOR, VN_ABI_MINOR, this, &RecordingHost::log, &RecordingHost::get_extension};
}

// host_data is only trusted on a struct whose log function is ours: a plugin passing some other host
// back must get an error, not a wild cast.
RecordingHost *RecordingHost::of(const vn_host *host) {
  return host != nullptr && host->log == &RecordingHost::log ? static_cast<RecordingHost *>(host->host_data) : nullptr;
}

const Registry *RecordingHost::registry_of(const vn_host *host) {
  RecordingHost *self = of(host);
  return self != nullptr ? &self->registry_ : nullptr;
}

void RecordingHost::problem(const std::string &what) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (std::find(problems_.begin(), problems_.end(), what) == problems_.end() && problems_.size() < 20)
    problems_.push_back(what);
}

void RecordingHost::notice(const std::string &what) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (std::find(notices_.begin(), notices_.end(), what) == notices_.end() && notices_.size() < 20)
    notices_.push_back(what);
}

void RecordingHost::log(const vn_host *host, int32_t severity, const char *utf8) {
  RecordingHost *self = of(host);
  if (self == nullptr) return;  // a NULL host cannot be reported through itself; the instance's host is never NULL
  // status.h lets later minors append severities, and a host logs one it does not know as the nearest
  // known one: worth a note to the author, never a failure.
  if (severity > VN_LOG_ERROR)
    self->notice("log() was called with severity " + std::to_string(severity) +
                 ", above VN_LOG_ERROR: a host of ABI " + std::to_string(VN_ABI_MAJOR) + "." +
                 std::to_string(VN_ABI_MINOR) + " logs it as an error");
  else if (severity < VN_LOG_DEBUG)
    self->notice("log() was called with severity " + std::to_string(severity) +
                 ", below VN_LOG_DEBUG: a host logs it as debug");
  if (utf8 == nullptr) self->problem("log() was called with NULL text");
  else if (!valid_utf8(utf8)) self->problem("log() was called with text that is not valid UTF-8");
  std::lock_guard<std::mutex> lock(self->mutex_);
  ++self->log_lines_;
}

const void *RecordingHost::get_extension(const vn_host *host, const char *id) {
  RecordingHost *self = of(host);
  if (self == nullptr) return nullptr;
  if (id == nullptr) {
    self->problem("get_extension() was called with a NULL id");
    return nullptr;
  }
  {
    std::lock_guard<std::mutex> lock(self->mutex_);
    if (std::find(self->extensions_.begin(), self->extensions_.end(), id) == self->extensions_.end())
      self->extensions_.emplace_back(id);
  }
  if (self->with_extensions_ && std::string_view(id) == VN_EXT_REGISTRY) return &kForwardingRegistry;
  return nullptr;
}

namespace {

vn_status forward_create(const vn_host *host, uint32_t kind, const char *name, const char *config_json,
                         void **out_instance, const void **out_vtable, char *err, size_t err_cap) {
  const Registry *registry = RecordingHost::registry_of(host);
  if (registry == nullptr) {
    if (err != nullptr && err_cap > 0) std::snprintf(err, err_cap, "vn.registry/1 create: not called with its own host");
    return VN_E_INVALID;
  }
  const vn_host *real = registry->host();
  const auto *ext = static_cast<const vn_registry_v1 *>(real->get_extension(real, VN_EXT_REGISTRY));
  return ext->create(real, kind, name, config_json, out_instance, out_vtable, err, err_cap);
}

}  // namespace

std::vector<std::string> RecordingHost::problems() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return problems_;
}

std::vector<std::string> RecordingHost::notices() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return notices_;
}

std::vector<std::string> RecordingHost::extensions_asked() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return extensions_;
}

std::size_t RecordingHost::log_lines() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return log_lines_;
}

bool valid_utf8(const std::string &text) {
  const auto *s = reinterpret_cast<const unsigned char *>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = s[i];
    std::size_t len;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (n - i < len) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    static const uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < smallest[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

}  // namespace vernier::conformance
