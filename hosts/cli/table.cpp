#include "table.hpp"

#include <algorithm>

#include "visible_text.hpp"

namespace vernier_cli {

void Table::print(std::ostream &out, const std::string &indent) const {
  std::vector<std::vector<std::string>> rows;  // as they are shown: control characters escaped
  for (const auto &row : rows_) {
    rows.emplace_back();
    for (const std::string &cell : row) rows.back().push_back(visible_text(cell));
  }
  std::vector<std::size_t> width;
  for (const auto &row : rows) {
    if (width.size() < row.size()) width.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  for (const auto &row : rows) {
    std::string line = indent;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line.append(width[i] - row[i].size() + 2, ' ');
    }
    out << line << '\n';
  }
}

}  // namespace vernier_cli
