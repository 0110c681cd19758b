// Text from studies, journals and plugins made safe to print for people. A study name, a parameter
// name, a choice or an error message may hold terminal control sequences (ESC [ ... to recolour, move
// the cursor, retitle the window or rewrite earlier lines); printed raw, a journal another program
// wrote could take over the user's terminal or forge output. Every human-readable printer of the CLI
// passes its text through visible_text() (format_value, Table, the progress line, error messages).
#ifndef VERNIER_CLI_VISIBLE_TEXT_HPP
#define VERNIER_CLI_VISIBLE_TEXT_HPP

#include <string>
#include <string_view>

namespace vernier_cli {

// `text` with every control character replaced by a visible escape:
//  - C0 controls and DEL (0x00-0x1f, 0x7f) as \xNN (\t, \n and \r as themselves, escaped), so ESC is \x1b;
//  - C1 controls (U+0080-U+009F, e.g. U+009B, CSI on some terminals) as \u0080 ... \u009f;
//  - Unicode line separators and bidirectional-text controls (U+2028, U+2029, U+200E, U+200F, U+061C,
//    U+202A-U+202E, U+2066-U+2069) as \uNNNN, since they too can reorder or split what is shown;
//  - bytes that are not valid UTF-8 as \xNN (a terminal in an 8-bit locale reads 0x9b as CSI).
// Everything else, printable UTF-8 included, is unchanged; the result never holds a control character.
std::string visible_text(std::string_view text);

// For JSON text (already serialized, so C0 controls are escaped by the serializer): DEL, C1 and the
// layout controls above as \u escapes, which JSON readers decode to the same string. Invalid UTF-8
// is left as it is (JSON cannot spell a lone byte).
std::string json_without_controls(std::string_view json);

}  // namespace vernier_cli

#endif  // VERNIER_CLI_VISIBLE_TEXT_HPP
