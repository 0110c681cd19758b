// How the core writes a double as text: one place, two rules.
//   exact: the shortest text that reads back to the same double (std::to_chars), for anything a program
//          reads again (the journal, a command's arguments) and for error messages, which must show the
//          value that was refused, not a rounding of it. Non-finite values are spelt as Python writes
//          them (NaN, Infinity, -Infinity), which Optuna's journal and every Python float() read.
//   brief: six significant digits (printf's %g), for progress lines meant to be read at a glance.
#ifndef VERNIER_CORE_BASE_NUMBER_TEXT_HPP
#define VERNIER_CORE_BASE_NUMBER_TEXT_HPP

#include <string>

namespace vernier {

std::string exact_number(double v);
std::string brief_number(double v);

}  // namespace vernier

#endif  // VERNIER_CORE_BASE_NUMBER_TEXT_HPP
