#include "visible_text.hpp"

#include <cstdint>
#include <cstdio>

namespace vernier_cli {

namespace {

// The length of the valid UTF-8 sequence at text[i] and its code point, or 0 when it is not one
// (truncated, an unexpected continuation byte, overlong, a surrogate, beyond U+10FFFF).
std::size_t utf8_sequence(std::string_view text, std::size_t i, uint32_t &code_point) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  uint32_t minimum = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  if ((lead & 0xE0) == 0xC0) length = 2, minimum = 0x80, code_point = lead & 0x1Fu;
  else if ((lead & 0xF0) == 0xE0) length = 3, minimum = 0x800, code_point = lead & 0x0Fu;
  else if ((lead & 0xF8) == 0xF0) length = 4, minimum = 0x10000, code_point = lead & 0x07u;
  else return 0;
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code_point = code_point << 6 | (byte(i + k) & 0x3Fu);
  }
  if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return 0;
  return length;
}

bool is_layout_control(uint32_t c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// Shown as \uNNNN in both forms: DEL's JSON escape is \u007f; C1 and the layout controls are code
// points, not bytes.
bool escaped_as_code_point(uint32_t c) { return (c >= 0x80 && c <= 0x9F) || is_layout_control(c); }

void append_escape(std::string &out, const char *format, unsigned value) {
  char buf[16];  // "\\u" and up to 8 hex digits, as the compiler counts for any unsigned
  std::snprintf(buf, sizeof buf, format, value);
  out += buf;
}

// Copies text to a new string, one UTF-8 character (or invalid byte) at a time: `escape(out, c)` may
// append a replacement for code point c and return true; otherwise the character is copied. An invalid
// byte is offered as kInvalidByte + its value.
constexpr uint32_t kInvalidByte = 0x110000;

template <typename Escape>
std::string rewrite(std::string_view text, Escape escape) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    uint32_t c = 0;
    std::size_t length = utf8_sequence(text, i, c);
    if (length == 0) length = 1, c = kInvalidByte + static_cast<unsigned char>(text[i]);
    if (!escape(out, c)) out.append(text, i, length);
    i += length;
  }
  return out;
}

}  // namespace

std::string visible_text(std::string_view text) {
  return rewrite(text, [](std::string &out, uint32_t c) {
    if (c >= kInvalidByte) append_escape(out, "\\x%02x", c - kInvalidByte);
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20 || c == 0x7F) append_escape(out, "\\x%02x", c);
    else if (escaped_as_code_point(c)) append_escape(out, "\\u%04x", c);
    else return false;
    return true;
  });
}

std::string json_without_controls(std::string_view json) {
  return rewrite(json, [](std::string &out, uint32_t c) {
    if (c >= kInvalidByte || !(c == 0x7F || escaped_as_code_point(c))) return false;
    append_escape(out, "\\u%04x", c);
    return true;
  });
}

}  // namespace vernier_cli
