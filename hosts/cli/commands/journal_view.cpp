#include "commands/journal_view.hpp"

#include <cctype>
#include <iostream>

#include "cli_error.hpp"
#include "json_text.hpp"

namespace vernier_cli {

namespace bj = boost::json;

std::string default_journal_name(const std::string &study_name) {
  std::string out;
  for (char c : study_name)
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ? c : '_';
  if (out.empty() || out[0] == '.') out.insert(out.begin(), '_');
  return out + ".journal";
}

bj::object journal_report(const std::string &json, const std::string &what) {
  bj::value report = parse_json(json, what);
  if (!report.is_object()) throw CliError(what + ": not a JSON object");
  if (const bj::value *warnings = report.as_object().if_contains("warnings"); warnings != nullptr && warnings->is_array())
    for (const bj::value &w : warnings->get_array()) std::cerr << "vernier: warning: " << format_value(w) << '\n';
  return report.as_object();
}

}  // namespace vernier_cli
