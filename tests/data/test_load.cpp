// Loading a dataset: roles of columns, classes, one-hot encoding, in-memory arrays, subsets, and a clear
// message for every bad input (the list: ragged rows, non-numeric cells, a missing target,
// NaN or inf, a target with one class, a missing group column).
#include <cmath>

#include <catch2/catch.hpp>

#include "data/load.hpp"
#include "base/error.hpp"

using namespace vernier::data;

namespace {

LoadOptions options(const std::string &target = "y", uint32_t task = VN_TASK_CLASSIFICATION) {
  LoadOptions o;
  o.target = target;
  o.task = task;
  return o;
}

std::shared_ptr<const Dataset> load(const std::string &text, LoadOptions o = options()) {
  return load_csv_text(text, "d.csv", std::move(o));
}

std::string error_of(const std::string &text, LoadOptions o = options()) {
  try {
    load(text, std::move(o));
  } catch (const vernier::Error &e) {
    CHECK(e.status() == VN_E_INVALID);
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("features are the numeric columns other than the target, row-major", "[data][load]") {
  auto d = load("a,y,b\n1,0,2\n3,1,4\n5,0,6\n");
  CHECK(d->n_rows() == 3);
  CHECK(d->feature_names() == std::vector<std::string>{"a", "b"});
  CHECK(std::vector<double>(d->features(), d->features() + 6) == std::vector<double>{1, 2, 3, 4, 5, 6});
  CHECK(d->target() == std::vector<double>{0, 1, 0});
  const vn_dataset &v = d->view();
  CHECK(v.struct_size == sizeof(vn_dataset));
  CHECK(v.n_classes == 2);
  CHECK(v.features == d->features());  // the view is the dataset's own storage
  CHECK(v.groups == nullptr);
  CHECK(v.folds == nullptr);
  CHECK(std::string(v.feature_names[1]) == "b");
}

TEST_CASE("classes are ordered numerically for numeric labels, as text otherwise", "[data][load]") {
  auto numeric = load("x,y\n1,10\n2,9\n3,10\n4,-1\n");
  CHECK(numeric->class_labels() == std::vector<std::string>{"-1", "9", "10"});
  CHECK(numeric->target() == std::vector<double>{2, 1, 2, 0});
  auto text = load("x,y\n1,no\n2,yes\n3, no \n");
  CHECK(text->class_labels() == std::vector<std::string>{"no", "yes"});
  CHECK(text->target() == std::vector<double>{0, 1, 0});  // cells are trimmed
}

TEST_CASE("a regression target is numeric", "[data][load]") {
  auto d = load("x,y\n1,0.5\n2,-3e2\n", options("y", VN_TASK_REGRESSION));
  CHECK(d->task() == VN_TASK_REGRESSION);
  CHECK(d->n_classes() == 0);
  CHECK(d->target() == std::vector<double>{0.5, -300});
  CHECK_THAT(error_of("x,y\n1,0.5\n2,high\n", options("y", VN_TASK_REGRESSION)),
             Catch::Matchers::Contains("line 3 (row 2), column 'y' (the target): 'high' is not a number"));
}

TEST_CASE("categorical columns are one-hot encoded in sorted order; dropped columns vanish", "[data][load]") {
  LoadOptions o = options();
  o.categorical = {"colour"};
  o.drop = {"note"};
  auto d = load("colour,x,note,y\nred,1,a,0\nblue,2,b,1\nred,3,c,0\n", o);
  CHECK(d->feature_names() == std::vector<std::string>{"colour=blue", "colour=red", "x"});
  CHECK(std::vector<double>(d->features(), d->features() + 9) == std::vector<double>{0, 1, 1, 1, 0, 2, 0, 1, 3});
}

TEST_CASE("group and fold-id columns are never features", "[data][load]") {
  LoadOptions o = options();
  o.groups = "patient";
  o.folds = "fold";
  auto d = load("patient,x,fold,y\nann,1,0,0\nbob,2,1,1\nann,3,-1,0\ncid,4,1,1\n", o);
  CHECK(d->feature_names() == std::vector<std::string>{"x"});
  CHECK(d->groups() == std::vector<int64_t>{0, 1, 0, 2});
  CHECK(d->folds() == std::vector<int64_t>{0, 1, -1, 1});
  CHECK(d->view().groups != nullptr);
  CHECK(d->view().folds != nullptr);
}

TEST_CASE("bad input: each message names the file, line, row and column", "[data][load][bad_input]") {
  CHECK_THAT(error_of("a,b,y\n1,2,0\n3,4\n"), Catch::Matchers::Contains("d.csv, line 3 (row 2) has 2 fields; the header has 3"));
  CHECK_THAT(error_of("a,y\n1,0\nabc,1\n"),
             Catch::Matchers::Contains("d.csv, line 3 (row 2), column 'a': 'abc' is not a number (list the column in \"categorical\""));
  CHECK_THAT(error_of("a,y\n1,0\n,1\n"), Catch::Matchers::Contains("column 'a': empty cell"));
  CHECK_THAT(error_of("a,y\n1,0\nNaN,1\n"), Catch::Matchers::Contains("line 3 (row 2), column 'a': 'NaN' is a missing value (NaN)"));
  CHECK_THAT(error_of("a,y\n1,0\nNA,1\n"), Catch::Matchers::Contains("'NA' is a missing value"));
  CHECK_THAT(error_of("a,y\n1,0\n-inf,1\n"), Catch::Matchers::Contains("column 'a': '-inf' is infinite"));
  CHECK_THAT(error_of("a,y\n1,0\n1e999,1\n"), Catch::Matchers::Contains("'1e999' is infinite"));
  CHECK_THAT(error_of("a,y\n1,0\n2,nan\n", options("y", VN_TASK_REGRESSION)), Catch::Matchers::Contains("column 'y' (the target): 'nan' is a missing value"));
  CHECK_THAT(error_of("a,b\n1,0\n"), Catch::Matchers::Contains("target: no column 'y' in d.csv (columns: a, b)"));
  CHECK_THAT(error_of("a,y\n1,1\n2,1\n"), Catch::Matchers::Contains("target 'y' has a single class ('1') in all 2 rows"));
  LoadOptions g = options();
  g.groups = "site";
  CHECK_THAT(error_of("a,y\n1,0\n2,1\n", g), Catch::Matchers::Contains("groups: no column 'site' in d.csv"));
  LoadOptions f = options();
  f.folds = "fold";
  CHECK_THAT(error_of("a,fold,y\n1,0.5,0\n2,1,1\n", f), Catch::Matchers::Contains("column 'fold' (fold ids): '0.5' is not a fold id"));
  LoadOptions twice = options();
  twice.drop = {"y"};
  CHECK_THAT(error_of("a,y\n1,0\n", twice), Catch::Matchers::Contains("drop: column 'y' already has another role"));
  CHECK_THAT(error_of(""), Catch::Matchers::Contains("the file is empty"));
  CHECK_THAT(error_of("a,y\n"), Catch::Matchers::Contains("no data rows"));
  CHECK_THAT(error_of("a,a,y\n1,2,0\n"), Catch::Matchers::Contains("names column 'a' twice"));
  CHECK_THAT(error_of("y\n0\n1\n"), Catch::Matchers::Contains("no feature columns"));
  std::string many = "x,y\n";
  for (int i = 0; i < 60; ++i) many += std::to_string(i) + "," + std::to_string(i) + "\n";
  CHECK_THAT(error_of(many), Catch::Matchers::Contains("looks like a regression target"));
}

TEST_CASE("numbers: signs, exponents and surrounding spaces are accepted", "[data][load]") {
  double v = 0;
  CHECK(parse_number(" +1.5e3 ", v) == NumberStatus::Ok);
  CHECK(v == 1500);
  CHECK(parse_number("-0.25", v) == NumberStatus::Ok);
  CHECK(v == -0.25);
  CHECK(parse_number("1e-400", v) == NumberStatus::Ok);  // underflow is as good as zero
  CHECK(v == 0);
  CHECK(parse_number("1,5", v) == NumberStatus::NotANumber);
  CHECK(parse_number("", v) == NumberStatus::Empty);
  CHECK(parse_number("inf", v) == NumberStatus::Infinite);
  CHECK(parse_number("?", v) == NumberStatus::NaN);
}

TEST_CASE("in-memory arrays are copied and checked", "[data][arrays]") {
  double x[] = {1, 2, 3, 4, 5, 6};
  const double y[] = {7, 3, 7};
  const char *names[] = {"p", "q"};
  Arrays a;
  a.n_rows = 3;
  a.n_features = 2;
  a.features = x;
  a.feature_names = names;
  a.target = y;
  auto d = from_arrays(a, VN_TASK_CLASSIFICATION);
  CHECK(d->features() != x);  // a copy: the caller may free or change its arrays after the call
  x[0] = -1;
  CHECK(std::vector<double>(d->features(), d->features() + 6) == std::vector<double>{1, 2, 3, 4, 5, 6});
  CHECK(d->class_labels() == std::vector<std::string>{"3", "7"});
  CHECK(d->target() == std::vector<double>{1, 0, 1});
  CHECK(d->feature_names() == std::vector<std::string>{"p", "q"});
  a.feature_names = nullptr;
  CHECK(from_arrays(a, VN_TASK_REGRESSION)->feature_names() == std::vector<std::string>{"x0", "x1"});

  const double bad[] = {1, 2, 3, NAN, 5, 6};
  a.features = bad;
  CHECK_THROWS_WITH(from_arrays(a, VN_TASK_REGRESSION), Catch::Matchers::Contains("row 1, feature 1 ('x1') is NaN"));
  a.features = x;
  const double flat[] = {1, 1, 1};
  a.target = flat;
  CHECK_THROWS_WITH(from_arrays(a, VN_TASK_CLASSIFICATION), Catch::Matchers::Contains("single class"));
  const double inf_target[] = {1, INFINITY, 1};
  a.target = inf_target;
  CHECK_THROWS_WITH(from_arrays(a, VN_TASK_REGRESSION), Catch::Matchers::Contains("target of row 1 is infinite"));
}

TEST_CASE("a subset copies the rows it names, keeping classes and the original row numbers", "[data][subset]") {
  LoadOptions o = options();
  o.groups = "g";
  auto d = load("x,g,y\n10,a,0\n11,b,1\n12,a,0\n13,c,1\n", o);
  auto s = d->subset({1, 3});
  CHECK(s->n_rows() == 2);
  CHECK(std::vector<double>(s->features(), s->features() + 2) == std::vector<double>{11, 13});
  CHECK(s->target() == std::vector<double>{1, 1});
  CHECK(s->n_classes() == 2);  // a class absent from the subset is still a class
  CHECK(s->groups() == std::vector<int64_t>{1, 2});
  CHECK(s->source_rows() == std::vector<uint64_t>{1, 3});
  CHECK(s->features() != d->features());
  auto again = s->subset({1});
  CHECK(again->source_rows() == std::vector<uint64_t>{3});
}
