#include "data/load.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "base/error.hpp"
#include "base/number_text.hpp"
#include "data/csv.hpp"

namespace vernier::data {

namespace {

// More distinct values than this in a categorical column is almost surely an id or a numeric column.
constexpr std::size_t kMaxCategories = 1000;

enum class Role { Feature, Categorical, Target, Groups, Folds, Drop };

std::string quoted(std::string_view s) {
  std::string out = "'";
  out.append(s.substr(0, 40));
  if (s.size() > 40) out += "...";
  return out + "'";
}

std::string column_list(const std::vector<std::string> &names) {
  std::string s;
  for (std::size_t i = 0; i < names.size() && i < 12; ++i) s += (i > 0 ? ", " : "") + names[i];
  if (names.size() > 12) s += ", ... (" + std::to_string(names.size()) + " columns)";
  return s;
}

std::string describe_number_problem(NumberStatus status, std::string_view cell) {
  switch (status) {
    case NumberStatus::Empty: return "empty cell (missing values are not supported; fill or drop them first)";
    case NumberStatus::NaN: return quoted(cell) + " is a missing value (NaN); missing values are not supported";
    case NumberStatus::Infinite: return quoted(cell) + " is infinite";
    default: return quoted(cell) + " is not a number";
  }
}

// Class labels in a stable order: numerically when every label is a number, else as text.
struct ClassMap {
  std::vector<std::string> labels;
  std::vector<double> index_of_row;
};

ClassMap classes_of(const std::vector<std::string> &cells) {
  bool numeric = true;
  std::vector<double> values(cells.size());
  for (std::size_t i = 0; i < cells.size() && numeric; ++i) numeric = parse_number(cells[i], values[i]) == NumberStatus::Ok;
  ClassMap map;
  map.index_of_row.resize(cells.size());
  if (numeric) {
    std::map<double, std::size_t> order;  // value -> first row with it (its label text)
    for (std::size_t i = 0; i < cells.size(); ++i) order.emplace(values[i], i);
    std::map<double, double> index;
    for (const auto &[value, row] : order) {
      index[value] = static_cast<double>(map.labels.size());
      map.labels.push_back(cells[row]);
    }
    for (std::size_t i = 0; i < cells.size(); ++i) map.index_of_row[i] = index[values[i]];
  } else {
    std::map<std::string, double> index;
    for (const std::string &c : cells) index.emplace(c, 0.0);
    for (auto &[label, k] : index) {
      k = static_cast<double>(map.labels.size());
      map.labels.push_back(label);
    }
    for (std::size_t i = 0; i < cells.size(); ++i) map.index_of_row[i] = index[cells[i]];
  }
  return map;
}

// The checks every classification target gets, wherever it came from.
void check_classes(const ClassMap &map, std::size_t n_rows, const std::string &target) {
  if (map.labels.size() < 2)
    throw invalid_argument("target " + quoted(target) + " has a single class (" + quoted(map.labels.empty() ? "" : map.labels[0]) +
                           ") in all " + std::to_string(n_rows) + " rows: classification needs at least two classes");
  if (map.labels.size() > 20 && map.labels.size() * 2 > n_rows)
    throw invalid_argument("target " + quoted(target) + " has " + std::to_string(map.labels.size()) + " distinct values in " +
                           std::to_string(n_rows) + " rows: that looks like a regression target (set \"task\": \"regression\")");
}

struct Column {
  std::string name;
  Role role = Role::Feature;
  std::vector<std::string> text;  // categorical, classification target and group cells
};

}  // namespace

NumberStatus parse_number(std::string_view cell, double &value) {
  cell = trim(cell);
  if (cell.empty()) return NumberStatus::Empty;
  const char *first = cell.data(), *last = cell.data() + cell.size();
  if (*first == '+' && last - first > 1 && first[1] != '-' && first[1] != '+') ++first;
  auto [end, ec] = std::from_chars(first, last, value);
  if (ec == std::errc::result_out_of_range) {
    // Overflow is an infinite value in a CSV cell; underflow is as good as zero.
    return std::abs(std::strtod(std::string(cell).c_str(), nullptr)) > 1.0 ? NumberStatus::Infinite
                                                                            : (value = 0.0, NumberStatus::Ok);
  }
  if (ec != std::errc() || end != last) {
    // Spellings of missing values that people write, named as such in the message.
    std::string lower;
    for (char c : cell) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "na" || lower == "n/a" || lower == "null" || lower == "none" || lower == "?") return NumberStatus::NaN;
    return NumberStatus::NotANumber;
  }
  if (std::isnan(value)) return NumberStatus::NaN;
  if (std::isinf(value)) return NumberStatus::Infinite;
  return NumberStatus::Ok;
}

namespace {

std::shared_ptr<const Dataset> load_from_reader(CsvReader &reader, const LoadOptions &options) {
  const std::string &file = reader.name();
  std::vector<std::string_view> fields;
  if (!reader.next(fields)) throw invalid_argument(file + ": the file is empty (expected a header row)");

  std::vector<Column> columns;
  std::vector<std::string> names;
  for (std::size_t j = 0; j < fields.size(); ++j) {
    std::string name(trim(fields[j]));
    if (name.empty()) throw invalid_argument(file + ": header column " + std::to_string(j + 1) + " has no name");
    if (std::find(names.begin(), names.end(), name) != names.end())
      throw invalid_argument(file + ": header names column " + quoted(name) + " twice");
    names.push_back(name);
    columns.push_back(Column{name, Role::Feature, {}});
  }
  auto assign = [&](const std::string &name, Role role, const char *key) {
    auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end())
      throw invalid_argument(std::string(key) + ": no column " + quoted(name) + " in " + file + " (columns: " + column_list(names) + ")");
    Column &c = columns[static_cast<std::size_t>(it - names.begin())];
    if (c.role != Role::Feature)
      throw invalid_argument(std::string(key) + ": column " + quoted(name) + " already has another role (target, groups, folds, drop or categorical)");
    c.role = role;
  };
  assign(options.target, Role::Target, "target");
  if (options.groups) assign(*options.groups, Role::Groups, "groups");
  if (options.folds) assign(*options.folds, Role::Folds, "folds");
  for (const std::string &name : options.drop) assign(name, Role::Drop, "drop");
  for (const std::string &name : options.categorical) assign(name, Role::Categorical, "categorical");

  std::size_t n_numeric = 0;
  for (const Column &c : columns) n_numeric += c.role == Role::Feature;
  std::vector<double> numeric, target;
  std::vector<int64_t> folds;
  uint64_t row = 0;
  while (reader.next(fields)) {
    ++row;
    auto where = [&](std::size_t j) {
      return file + ", line " + std::to_string(reader.line()) + " (row " + std::to_string(row) + "), column " + quoted(names[j]);
    };
    if (fields.size() != columns.size())
      throw invalid_argument(file + ", line " + std::to_string(reader.line()) + " (row " + std::to_string(row) + ") has " +
                             std::to_string(fields.size()) + " field" + (fields.size() == 1 ? "" : "s") + "; the header has " +
                             std::to_string(columns.size()));
    for (std::size_t j = 0; j < columns.size(); ++j) {
      Column &c = columns[j];
      double v = 0;
      switch (c.role) {
        case Role::Feature: {
          NumberStatus s = parse_number(fields[j], v);
          if (s == NumberStatus::NotANumber)
            throw invalid_argument(where(j) + ": " + describe_number_problem(s, fields[j]) +
                                   " (list the column in \"categorical\" to one-hot encode it, or in \"drop\" to leave it out)");
          if (s != NumberStatus::Ok) throw invalid_argument(where(j) + ": " + describe_number_problem(s, fields[j]));
          numeric.push_back(v);
          break;
        }
        case Role::Target:
          if (options.task == VN_TASK_REGRESSION) {
            NumberStatus s = parse_number(fields[j], v);
            if (s != NumberStatus::Ok)
              throw invalid_argument(where(j) + " (the target): " + describe_number_problem(s, fields[j]) +
                                     (s == NumberStatus::NotANumber ? " (a regression target is numeric; is this a classification task?)" : ""));
            target.push_back(v);
            break;
          }
          [[fallthrough]];
        case Role::Categorical:
        case Role::Groups: {
          std::string_view cell = trim(fields[j]);
          if (cell.empty()) throw invalid_argument(where(j) + ": empty cell (missing values are not supported)");
          c.text.emplace_back(cell);
          break;
        }
        case Role::Folds: {
          NumberStatus s = parse_number(fields[j], v);
          if (s != NumberStatus::Ok || v != std::floor(v) || v < -1 || v > 1e6)
            throw invalid_argument(where(j) + " (fold ids): " + quoted(fields[j]) +
                                   " is not a fold id (an integer >= 0, or -1 for a row always in training)");
          folds.push_back(static_cast<int64_t>(v));
          break;
        }
        case Role::Drop: break;
      }
    }
  }
  if (row == 0) throw invalid_argument(file + ": no data rows after the header");

  Dataset::Columns out;
  out.task = options.task;
  // Categorical columns: the sorted distinct values of each, in the whole file. The cv objective keeps
  // only those of the rows allowed to learn them (data/fitted_split.hpp): the training part's, a fold's.
  std::vector<std::vector<std::string>> categories(columns.size());
  std::size_t n_features = n_numeric;
  for (std::size_t j = 0; j < columns.size(); ++j) {
    if (columns[j].role != Role::Categorical) continue;
    std::set<std::string> distinct(columns[j].text.begin(), columns[j].text.end());
    if (distinct.size() > kMaxCategories)
      throw invalid_argument("categorical: column " + quoted(names[j]) + " has " + std::to_string(distinct.size()) +
                             " distinct values (at most " + std::to_string(kMaxCategories) + "); is it an id? list it in \"drop\"");
    categories[j].assign(distinct.begin(), distinct.end());
    n_features += distinct.size();
  }
  for (std::size_t j = 0; j < columns.size(); ++j) {
    if (columns[j].role == Role::Feature) out.feature_names.push_back(names[j]);
    if (columns[j].role == Role::Categorical) {
      out.one_hot.push_back({names[j], static_cast<uint32_t>(out.feature_names.size()), static_cast<uint32_t>(categories[j].size())});
      for (const std::string &value : categories[j]) out.feature_names.push_back(names[j] + "=" + value);
    }
  }
  if (n_features == 0) throw invalid_argument(file + ": no feature columns (every column is the target, groups, folds or dropped)");

  std::vector<double> x;
  x.reserve(row * n_features);
  for (uint64_t i = 0; i < row; ++i) {
    std::size_t k = 0;
    for (std::size_t j = 0; j < columns.size(); ++j) {
      if (columns[j].role == Role::Feature) {
        x.push_back(numeric[i * n_numeric + k++]);
      } else if (columns[j].role == Role::Categorical) {
        const std::string &cell = columns[j].text[i];
        for (const std::string &value : categories[j]) x.push_back(value == cell ? 1.0 : 0.0);
      }
    }
  }

  for (std::size_t j = 0; j < columns.size(); ++j) {
    if (columns[j].role == Role::Target && options.task == VN_TASK_CLASSIFICATION) {
      ClassMap map = classes_of(columns[j].text);
      check_classes(map, row, options.target);
      out.class_labels = std::move(map.labels);
      target = std::move(map.index_of_row);
    }
    if (columns[j].role == Role::Groups) {
      std::map<std::string, int64_t> ids;  // group ids by first appearance
      for (const std::string &g : columns[j].text) out.groups.push_back(ids.emplace(g, static_cast<int64_t>(ids.size())).first->second);
    }
  }
  out.target = std::move(target);
  out.folds = std::move(folds);
  return std::make_shared<Dataset>(std::move(out), std::move(x));
}

}  // namespace

std::shared_ptr<const Dataset> load_csv(const LoadOptions &options) {
  CsvReader reader(options.path);
  return load_from_reader(reader, options);
}

std::shared_ptr<const Dataset> load_csv_text(std::string text, const std::string &name, LoadOptions options) {
  CsvReader reader(std::move(text), name);
  return load_from_reader(reader, options);
}

std::shared_ptr<const Dataset> from_arrays(const Arrays &a, uint32_t task) {
  if (a.n_rows == 0) throw invalid_argument("data: no rows");
  if (a.n_features == 0) throw invalid_argument("data: no features");
  if (a.features == nullptr || a.target == nullptr) throw invalid_argument("data: features and target must not be NULL");
  Dataset::Columns c;
  c.task = task;
  for (uint32_t j = 0; j < a.n_features; ++j) {
    if (a.feature_names != nullptr && a.feature_names[j] == nullptr)
      throw invalid_argument("data: feature_names[" + std::to_string(j) + "] is NULL");
    c.feature_names.push_back(a.feature_names != nullptr ? std::string(a.feature_names[j]) : "x" + std::to_string(j));
  }
  for (uint64_t i = 0; i < a.n_rows; ++i)
    for (uint32_t j = 0; j < a.n_features; ++j) {
      double v = a.features[i * a.n_features + j];
      if (!std::isfinite(v))
        throw invalid_argument("data: row " + std::to_string(i) + ", feature " + std::to_string(j) + " ('" + c.feature_names[j] +
                               "') is " + (std::isnan(v) ? "NaN" : "infinite") + " (missing values are not supported)");
    }
  for (uint64_t i = 0; i < a.n_rows; ++i)
    if (!std::isfinite(a.target[i]))
      throw invalid_argument("data: target of row " + std::to_string(i) + " is " + (std::isnan(a.target[i]) ? "NaN" : "infinite"));
  if (task == VN_TASK_CLASSIFICATION) {
    std::vector<std::string> labels;
    for (uint64_t i = 0; i < a.n_rows; ++i) labels.push_back(exact_number(a.target[i]));  // finite: checked above
    ClassMap map = classes_of(labels);
    check_classes(map, a.n_rows, "target");
    c.class_labels = std::move(map.labels);
    c.target = std::move(map.index_of_row);
  } else {
    c.target.assign(a.target, a.target + a.n_rows);
  }
  if (a.groups != nullptr) c.groups.assign(a.groups, a.groups + a.n_rows);
  if (a.folds != nullptr) {
    for (uint64_t i = 0; i < a.n_rows; ++i)
      if (a.folds[i] < -1) throw invalid_argument("data: fold id of row " + std::to_string(i) + " is " + std::to_string(a.folds[i]) + " (expected >= 0, or -1 for always training)");
    c.folds.assign(a.folds, a.folds + a.n_rows);
  }
  // Copied: the caller's arrays need live only for the call (VN-ABI-6), whatever its language's collector does.
  return std::make_shared<Dataset>(std::move(c), std::vector<double>(a.features, a.features + a.n_rows * a.n_features));
}

}  // namespace vernier::data
