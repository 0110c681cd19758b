#include "json_text.hpp"

#include <charconv>
#include <cmath>

#include "cli_error.hpp"
#include "exact_json.hpp"
#include "visible_text.hpp"

namespace vernier_cli {

namespace bj = boost::json;

namespace {

void write(std::string &out, const bj::value &v, int indent, int depth);

void newline(std::string &out, int indent, int depth) {
  if (indent <= 0) return;
  out += '\n';
  out.append(static_cast<std::size_t>(indent * depth), ' ');
}

void write_double(std::string &out, double x) {
  if (!std::isfinite(x)) {
    out += "\"" + format_number(x) + "\"";  // JSON has no NaN or infinity: "nan", "inf", "-inf"
    return;
  }
  std::string s = format_number(x);
  // Keep doubles recognisable as such for readers that distinguish 3 from 3.0 (Python's json).
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  out += s;
}

void write(std::string &out, const bj::value &v, int indent, int depth) {
  switch (v.kind()) {
    case bj::kind::object: {
      const bj::object &o = v.get_object();
      if (o.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      bool first = true;
      for (const auto &entry : o) {
        if (!first) out += indent > 0 ? "," : ", ";
        first = false;
        newline(out, indent, depth + 1);
        out += bj::serialize(bj::value(entry.key()));  // Boost.JSON escapes the key
        out += ": ";
        write(out, entry.value(), indent, depth + 1);
      }
      newline(out, indent, depth);
      out += '}';
      return;
    }
    case bj::kind::array: {
      const bj::array &a = v.get_array();
      if (a.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      bool first = true;
      for (const bj::value &item : a) {
        if (!first) out += indent > 0 ? "," : ", ";
        first = false;
        newline(out, indent, depth + 1);
        write(out, item, indent, depth + 1);
      }
      newline(out, indent, depth);
      out += ']';
      return;
    }
    case bj::kind::double_:
      write_double(out, v.get_double());
      return;
    default:
      out += bj::serialize(v);  // strings (escaped), integers, booleans, null
      return;
  }
}

}  // namespace

bj::value parse_json(const std::string &text, const std::string &what) {
  boost::system::error_code ec;
  bj::value v = parse_exact_json(text, ec);  // Boost 1.81's own parser may be one ulp off
  if (ec) throw CliError(what + ": the core returned malformed JSON (" + ec.message() + ")");
  return v;
}

std::string to_json(const bj::value &value, int indent) {
  std::string out;
  write(out, value, indent, 0);
  return json_without_controls(out);  // DEL and C1 too, which Boost.JSON writes raw
}

std::optional<double> number_value(const bj::value &value) {
  if (value.is_number()) return value.to_number<double>();
  if (!value.is_string()) return std::nullopt;
  const bj::string &s = value.get_string();
  if (s == "inf") return HUGE_VAL;
  if (s == "-inf") return -HUGE_VAL;
  if (s == "nan") return std::nan("");
  return std::nullopt;
}

std::string format_number(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, result.ptr);
}

std::string format_value(const bj::value &value) {
  switch (value.kind()) {
    case bj::kind::string:
      return visible_text(value.get_string());
    case bj::kind::double_:
      return format_number(value.get_double());
    case bj::kind::int64:
      return std::to_string(value.get_int64());
    case bj::kind::uint64:
      return std::to_string(value.get_uint64());
    default:
      return visible_text(bj::serialize(value));  // JSON escapes C0 controls, not DEL or C1
  }
}

}  // namespace vernier_cli
