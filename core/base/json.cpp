#include "base/json.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

#include "base/error.hpp"
#include "vernier/sdk/json.hpp"

namespace vernier::json {

namespace {

// A key as error messages name it: as written, or as a JSON string when it holds a control character (a
// NUL would end the message where C reads it, and the rest would not show).
std::string key_text(std::string_view key) {
  for (char c : key)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return bj::serialize(bj::string(key));
  return std::string(key);
}

std::string field(const std::string &path, std::string_view key) {
  return path.empty() ? key_text(key) : path + "." + key_text(key);
}

const bj::value *find(const bj::object &o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

[[noreturn]] void wrong_type(const std::string &where, const char *expected, const bj::value &got) {
  throw invalid_argument(where + ": expected " + expected + ", got " + type_name(got) + " " + bj::serialize(got));
}

}  // namespace

bj::value parse(std::string_view text, const std::string &what) { return sdk::parse_json(text, what); }

bj::object parse_object(std::string_view text, const std::string &what) {
  bj::value v = parse(text, what);
  if (!v.is_object()) throw invalid_argument(what + ": expected a JSON object, got " + type_name(v));
  return std::move(v.as_object());
}

std::string type_name(const bj::value &v) { return sdk::json_kind(v); }

std::optional<std::string> get_string(const bj::object &o, std::string_view key, const std::string &path) {
  const bj::value *v = find(o, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) wrong_type(field(path, key), "a string", *v);
  return std::string(v->as_string());
}

std::optional<double> get_number(const bj::object &o, std::string_view key, const std::string &path) {
  const bj::value *v = find(o, key);
  if (v == nullptr) return std::nullopt;
  if (v->is_double()) return v->as_double();
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  if (v->is_uint64()) return static_cast<double>(v->as_uint64());
  wrong_type(field(path, key), "a number", *v);
}

std::optional<int64_t> get_integer(const bj::object &o, std::string_view key, const std::string &path) {
  const bj::value *v = find(o, key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<uint64_t>(INT64_MAX)) return static_cast<int64_t>(v->as_uint64());
  if (v->is_double() && std::floor(v->as_double()) == v->as_double() && std::fabs(v->as_double()) < 9e15)
    return static_cast<int64_t>(v->as_double());
  wrong_type(field(path, key), "an integer", *v);
}

std::optional<bool> get_bool(const bj::object &o, std::string_view key, const std::string &path) {
  const bj::value *v = find(o, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_bool()) wrong_type(field(path, key), "true or false", *v);
  return v->as_bool();
}

const bj::object *get_object(const bj::object &o, std::string_view key, const std::string &path) {
  const bj::value *v = find(o, key);
  if (v == nullptr) return nullptr;
  if (!v->is_object()) wrong_type(field(path, key), "an object", *v);
  return &v->as_object();
}

const bj::array *get_array(const bj::object &o, std::string_view key, const std::string &path) {
  const bj::value *v = find(o, key);
  if (v == nullptr) return nullptr;
  if (!v->is_array()) wrong_type(field(path, key), "an array", *v);
  return &v->as_array();
}

void reject_unknown_keys(const bj::object &o, std::string_view known, const std::string &path) {
  std::vector<std::string_view> names;
  for (std::size_t start = 0; start <= known.size();) {
    std::size_t comma = known.find(',', start);
    if (comma == std::string_view::npos) comma = known.size();
    names.push_back(known.substr(start, comma - start));
    start = comma + 1;
  }
  for (const auto &kv : o) {
    bool ok = false;
    for (auto n : names) ok = ok || n == kv.key();
    if (!ok) {
      std::string list;
      for (auto n : names) list += (list.empty() ? "" : ", ") + std::string(n);
      throw invalid_argument(field(path, kv.key()) + ": unknown key (known: " + list + ")");
    }
  }
}

namespace {

void write_value(std::string &out, const bj::value &v, NonFinite how) {
  switch (v.kind()) {
    case bj::kind::object: {
      out += '{';
      bool first = true;
      for (const auto &entry : v.get_object()) {
        if (!first) out += ',';
        first = false;
        out += bj::serialize(bj::string(entry.key()));  // Boost.JSON escapes the key
        out += ':';
        write_value(out, entry.value(), how);
      }
      out += '}';
      return;
    }
    case bj::kind::array: {
      out += '[';
      bool first = true;
      for (const bj::value &item : v.get_array()) {
        if (!first) out += ',';
        first = false;
        write_value(out, item, how);
      }
      out += ']';
      return;
    }
    case bj::kind::double_: {
      const double x = v.get_double();
      if (std::isfinite(x)) break;
      const bool python = how == NonFinite::python;
      if (std::isnan(x)) out += python ? "NaN" : "\"nan\"";
      else if (x > 0) out += python ? "Infinity" : "\"inf\"";
      else out += python ? "-Infinity" : "\"-inf\"";
      return;
    }
    default:
      break;
  }
  out += bj::serialize(v);
}

}  // namespace

std::string serialize(const bj::value &v, NonFinite how) {
  std::string out;
  write_value(out, v, how);
  return out;
}

}  // namespace vernier::json
