// The "storage" key of a study config: a path, or {"path", "lock_timeout", "lock_grace"}.
#include "storage/storage_config.hpp"

#include "base/error.hpp"
#include "base/json.hpp"

namespace vernier {

namespace bj = boost::json;

StorageConfig parse_storage_config(const bj::object &config) {
  StorageConfig s;
  const bj::value *v = config.if_contains("storage");
  if (v == nullptr || v->is_null()) return s;
  if (v->is_string()) {
    s.path = std::string(v->get_string());
  } else if (v->is_object()) {
    const bj::object &o = v->get_object();
    json::reject_unknown_keys(o, "path,lock_timeout,lock_grace", "storage");
    s.path = json::get_string(o, "path", "storage").value_or("");
    if (auto timeout = json::get_number(o, "lock_timeout", "storage")) {
      if (!(*timeout > 0)) throw invalid_argument("storage.lock_timeout: must be > 0 seconds");
      s.lock_timeout = *timeout;
    }
    if (const bj::value *grace = o.if_contains("lock_grace"); grace != nullptr && grace->is_null()) {
      s.lock_grace.reset();  // never take a lock over
    } else if (auto seconds = json::get_number(o, "lock_grace", "storage")) {
      if (!(*seconds > 0)) throw invalid_argument("storage.lock_grace: must be > 0 seconds, or null for never");
      s.lock_grace = *seconds;
    }
  } else {
    throw invalid_argument("storage: expected a journal path, \":memory:\", or {\"path\", \"lock_timeout\", \"lock_grace\"}");
  }
  if (s.path.empty() && v->is_string()) throw invalid_argument("storage: the path is empty (use \":memory:\" for none)");
  return s;
}

}  // namespace vernier
