// What `vernier show` and `vernier studies` share: finding the journal a user means, and the
// warnings (corrupt lines) the core reports with a journal's contents.
#ifndef VERNIER_CLI_JOURNAL_VIEW_HPP
#define VERNIER_CLI_JOURNAL_VIEW_HPP

#include <string>

#include <boost/json.hpp>

namespace vernier_cli {

// "<name>.journal" as `vernier tune` names a study's default journal (core/storage/make_storage.cpp).
std::string default_journal_name(const std::string &study_name);

// Parses the core's JSON and prints its "warnings" on stderr as `vernier: warning: ...`.
boost::json::object journal_report(const std::string &json, const std::string &what);

}  // namespace vernier_cli

#endif  // VERNIER_CLI_JOURNAL_VIEW_HPP
