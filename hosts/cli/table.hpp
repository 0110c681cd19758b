// A plain text table with left-aligned columns, for `vernier plugins`, `show` and `studies`.
#ifndef VERNIER_CLI_TABLE_HPP
#define VERNIER_CLI_TABLE_HPP

#include <ostream>
#include <string>
#include <vector>

namespace vernier_cli {

class Table {
 public:
  explicit Table(std::vector<std::string> header) { rows_.push_back(std::move(header)); }
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  bool empty() const { return rows_.size() <= 1; }
  // Writes every row, each line prefixed by `indent`; columns separated by two spaces; the last
  // column is not padded so that long summaries leave no trailing blanks. Cells are printed through
  // visible_text(): a control character in a name or message shows as an escape, never acts.
  void print(std::ostream &out, const std::string &indent = "") const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace vernier_cli

#endif  // VERNIER_CLI_TABLE_HPP
