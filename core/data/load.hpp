// Building a Dataset from a CSV file (the cv objective's "data") or from arrays an embedding program
// already holds (vn_study_create_with_data). Every problem is an Error(VN_E_INVALID) that names the file,
// the line and row, and the column: ragged rows, empty or non-numeric cells, NaN or infinite values, a
// missing target, group or fold column, a classification target with one class.
//
// Features are the numeric columns other than the target, the group and fold-id columns and those listed
// in "drop". A column of strings is refused (its first non-numeric cell is named) unless it is listed in
// "categorical": then it is one-hot encoded into one 0/1 feature per distinct value, named
// "column=value", in sorted order (the whole file's levels here; the cv objective keeps those of the rows
// it fits on, fitted_split.hpp). Refusing is the default so that a typo in a numeric column ("1,2" or
// "n/a") is an error, never a silent new category.
#ifndef VERNIER_CORE_DATA_LOAD_HPP
#define VERNIER_CORE_DATA_LOAD_HPP

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/dataset.hpp"

namespace vernier::data {

struct LoadOptions {
  std::string path;                       // the CSV file (already resolved against the config's directory)
  std::string target;                     // the target column's name
  uint32_t task = VN_TASK_CLASSIFICATION;
  std::vector<std::string> categorical;   // columns to one-hot encode
  std::vector<std::string> drop;          // columns to ignore
  std::optional<std::string> groups;      // the group column (group k-fold; never a feature)
  std::optional<std::string> folds;       // the fold-id column ("predefined"; never a feature)
};

std::shared_ptr<const Dataset> load_csv(const LoadOptions &options);
// The same from CSV text in memory (`name` stands for the file in messages); for tests.
std::shared_ptr<const Dataset> load_csv_text(std::string text, const std::string &name, LoadOptions options);

// In-memory arrays (vernier.h: vn_data_arrays, read through this struct so the core stays C++).
// Everything is copied during from_arrays: the caller's arrays need not outlive the call.
struct Arrays {
  uint64_t n_rows = 0;
  uint32_t n_features = 0;
  const double *features = nullptr;
  const char *const *feature_names = nullptr;  // NULL: "x0", "x1", ...
  const double *target = nullptr;
  const int64_t *groups = nullptr;
  const int64_t *folds = nullptr;
};
std::shared_ptr<const Dataset> from_arrays(const Arrays &arrays, uint32_t task);

// Parsing one cell as a finite double: the outcome and, for Ok, the value.
enum class NumberStatus { Ok, Empty, NotANumber, NaN, Infinite };
NumberStatus parse_number(std::string_view cell, double &value);

}  // namespace vernier::data

#endif  // VERNIER_CORE_DATA_LOAD_HPP
