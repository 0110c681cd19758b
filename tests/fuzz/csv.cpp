// Fuzz target: the CSV loader (core/data), CSV text -> Dataset, as the cv objective loads "data". The
// columns the loader gives roles to are fixed names the seeds and the dictionary use: the target
// "target", the categorical column "c", the dropped column "d", the group column "g" and the fold-id
// column "fold". Each input is loaded as a classification dataset with only a target, and as a regression
// dataset with every role (the loader refuses a role naming a missing column). Properties of every accepted dataset: the features and targets are finite,
// class indices lie in [0, n_classes) with at least two classes, the view agrees with the dataset, and
// a subset of its rows can be taken.
#include <cmath>
#include <string>
#include <vector>

#include "data/csv.hpp"
#include "data/load.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace vernier;

void check_dataset(const data::Dataset &d) {
  const vn_dataset &view = d.view();
  if (view.n_rows != d.n_rows() || view.n_features != d.feature_names().size())
    fuzz::finding("the vn_dataset view disagrees with the dataset");
  if (d.target().size() != d.n_rows()) fuzz::finding("the target has another length than the rows");
  for (uint64_t i = 0; i < d.n_rows() * d.n_features(); ++i)
    if (!std::isfinite(d.features()[i])) fuzz::finding("an accepted dataset holds a feature that is not finite");
  for (double y : d.target()) {
    if (!std::isfinite(y)) fuzz::finding("an accepted dataset holds a target that is not finite");
    if (d.task() == VN_TASK_CLASSIFICATION && !(y >= 0 && y < d.n_classes() && y == std::floor(y)))
      fuzz::finding("a class index outside [0, n_classes)");
  }
  if (d.task() == VN_TASK_CLASSIFICATION && d.n_classes() < 2) fuzz::finding("a classification dataset with one class");
  std::vector<uint64_t> odd_rows;
  for (uint64_t i = 1; i < d.n_rows(); i += 2) odd_rows.push_back(i);
  if (!odd_rows.empty() && d.subset(odd_rows)->n_rows() != odd_rows.size()) fuzz::finding("a subset of the wrong size");
  (void)d.fingerprint();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size) {
  const std::string text(fuzz::as_text(bytes, size));
  fuzz::clean_errors([&] {
    data::CsvReader reader(text, "fuzz.csv");
    std::vector<std::string_view> fields;
    while (reader.next(fields))
      for (std::string_view field : fields) (void)data::trim(field);
  });

  data::LoadOptions options;
  options.target = "target";
  fuzz::clean_errors([&] {
    options.task = VN_TASK_CLASSIFICATION;
    check_dataset(*data::load_csv_text(text, "fuzz.csv", options));
  });
  fuzz::clean_errors([&] {
    options.task = VN_TASK_REGRESSION;
    options.categorical = {"c"};
    options.drop = {"d"};
    options.groups = "g";
    options.folds = "fold";
    check_dataset(*data::load_csv_text(text, "fuzz.csv", options));
  });
  return 0;
}
