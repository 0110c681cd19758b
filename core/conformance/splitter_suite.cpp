// The splitter conformance suite: what every splitter plugin must do, checked against one component.
// Check ids, the rule each enforces and what it verifies are listed in docs/abi.md ("Splitter suite").
//
// Besides the contract of splitter.h, a splitter may declare properties in its options_json, beside
// "options": {"options": {...}, "properties": ["partition", "stratified"]}. The suite verifies every
// property declared:
//   partition   each row is validated exactly once per repeat (splits come in repeats of equal length)
//   stratified  each validation fold holds floor or ceil of (class count / folds per repeat) of every class
//   groups      no group (the dataset's group column) has rows on both sides of a split; without a group
//               column the splitter refuses with a message
//   ordered     every training row comes before every validation row (time order: rows are ascending)
//   fold_ids    each validation fold is the rows of one fold id of the dataset's fold column, rows with
//               id -1 never validate; without a fold column the splitter refuses with a message
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "conformance/kind_suites.hpp"
#include "conformance/splitter_probe.hpp"
#include "conformance/suite_frame.hpp"

namespace vernier::conformance {

namespace {

namespace bj = boost::json;
using Outcome = SplitterProbe::Outcome;

constexpr uint64_t kSeed = 20240917;
constexpr uint64_t kRows = 97;
const std::set<std::string> kKnownProperties = {"partition", "stratified", "groups", "ordered", "fold_ids"};

struct Suite : SuiteFixture<SplitterProbe> {
  std::set<std::string> properties;
  SplitterData classification{kRows, VN_TASK_CLASSIFICATION, true, true};
  SplitterData regression{kRows, VN_TASK_REGRESSION, true, true};
  std::vector<uint64_t> rows;  // ascending, with gaps: splitters must index data by rows[i]

  Suite(const Registry &r, const Component &c) : SuiteFixture(r, c) {
    for (uint64_t i = 0; i < kRows; ++i)
      if (i % 6 != 5) rows.push_back(i);
  }
  bool has(const char *property) const { return properties.count(property) > 0; }
};

std::vector<uint64_t> side(const std::vector<uint8_t> &assignment, const std::vector<uint64_t> &rows, uint8_t which) {
  std::vector<uint64_t> out;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (assignment[i] == which) out.push_back(rows[i]);
  return out;
}

// Fails unless the call succeeded and every split is valid (splitter.h): each byte train, validation or
// unused, with at least one row on each side.
void require_valid(const Outcome &o, std::size_t n_rows, const std::string &context) {
  if (!o.ok()) fail(context + ": " + o.describe());
  if (o.n_splits == 0) fail(context + ": n_splits returned 0 splits");
  for (std::size_t s = 0; s < o.splits.size(); ++s) {
    std::size_t train = 0, validation = 0;
    for (std::size_t i = 0; i < n_rows; ++i) {
      const uint8_t a = o.splits[s][i];
      if (a != VN_SPLIT_TRAIN && a != VN_SPLIT_VALIDATION && a != VN_SPLIT_UNUSED)
        fail(context + ", split " + std::to_string(s) + ": row " + std::to_string(i) + " assigned " + std::to_string(a) +
             " (not VN_SPLIT_TRAIN, VN_SPLIT_VALIDATION or VN_SPLIT_UNUSED)");
      train += a == VN_SPLIT_TRAIN;
      validation += a == VN_SPLIT_VALIDATION;
    }
    if (train == 0 || validation == 0)
      fail(context + ", split " + std::to_string(s) + ": " + std::to_string(train) + " training and " + std::to_string(validation) +
           " validation rows (each side needs at least one)");
  }
}

// How many repeats the splits form when every row is validated equally often (0 when they do not).
uint32_t repeats_of(const Outcome &o, std::size_t n_rows) {
  std::vector<uint32_t> count(n_rows, 0);
  for (const auto &split : o.splits)
    for (std::size_t i = 0; i < n_rows; ++i) count[i] += split[i] == VN_SPLIT_VALIDATION;
  const uint32_t c = count.empty() ? 0 : count[0];
  for (uint32_t x : count)
    if (x != c) return 0;
  return c;
}

void require_partition(const Outcome &o, std::size_t n_rows, const std::string &context) {
  const uint32_t repeats = repeats_of(o, n_rows);
  if (repeats == 0) fail(context + ": rows are validated unequally often (or some never)");
  if (o.n_splits % repeats != 0)
    fail(context + ": every row is validated " + std::to_string(repeats) + " times, which does not divide " + std::to_string(o.n_splits) + " splits");
  const uint32_t k = o.n_splits / repeats;
  for (uint32_t r = 0; r < repeats; ++r)
    for (std::size_t i = 0; i < n_rows; ++i) {
      uint32_t times = 0;
      for (uint32_t s = r * k; s < (r + 1) * k; ++s) times += o.splits[s][i] == VN_SPLIT_VALIDATION;
      if (times != 1)
        fail(context + ": within repeat " + std::to_string(r) + " (splits " + std::to_string(r * k) + ".." + std::to_string((r + 1) * k - 1) +
             "), row " + std::to_string(i) + " is validated " + std::to_string(times) + " times instead of once");
    }
}

void require_stratified(const Outcome &o, const SplitterData &data, const std::vector<uint64_t> &rows, const std::string &context) {
  const uint32_t repeats = std::max<uint32_t>(1, repeats_of(o, rows.size()));
  const double k = static_cast<double>(o.n_splits / repeats);
  std::map<double, double> total;
  for (uint64_t r : rows) total[data.view().target[r]] += 1;
  for (std::size_t s = 0; s < o.splits.size(); ++s) {
    std::map<double, double> in_fold;
    for (uint64_t r : side(o.splits[s], rows, VN_SPLIT_VALIDATION)) in_fold[data.view().target[r]] += 1;
    for (const auto &[label, n] : total) {
      const double expected = n / k, got = in_fold[label];
      if (std::abs(got - expected) >= 1.0)
        fail(context + ", split " + std::to_string(s) + ": class " + std::to_string(static_cast<int>(label)) + " has " +
             std::to_string(static_cast<int>(got)) + " validation rows; " + std::to_string(static_cast<int>(n)) + " rows over " +
             std::to_string(static_cast<int>(k)) + " folds allow only floor or ceil of " + std::to_string(expected));
    }
  }
}

void require_groups(const Outcome &o, const SplitterData &data, const std::vector<uint64_t> &rows, const std::string &context) {
  for (std::size_t s = 0; s < o.splits.size(); ++s) {
    std::set<int64_t> train;
    for (uint64_t r : side(o.splits[s], rows, VN_SPLIT_TRAIN)) train.insert(data.view().groups[r]);
    for (uint64_t r : side(o.splits[s], rows, VN_SPLIT_VALIDATION))
      if (train.count(data.view().groups[r]) > 0)
        fail(context + ", split " + std::to_string(s) + ": group " + std::to_string(data.view().groups[r]) + " (row " + std::to_string(r) +
             ") is on both sides");
  }
}

void require_ordered(const Outcome &o, const std::string &context) {
  for (std::size_t s = 0; s < o.splits.size(); ++s) {
    std::size_t last_train = 0, first_validation = o.splits[s].size();
    bool any_train = false;
    for (std::size_t i = 0; i < o.splits[s].size(); ++i) {
      if (o.splits[s][i] == VN_SPLIT_TRAIN) {
        last_train = i;
        any_train = true;
      }
      if (o.splits[s][i] == VN_SPLIT_VALIDATION) first_validation = std::min(first_validation, i);
    }
    if (any_train && last_train > first_validation)
      fail(context + ", split " + std::to_string(s) + ": row " + std::to_string(last_train) + " trains but comes after validation row " +
           std::to_string(first_validation) + " (the future must not train a model of the past)");
  }
}

void require_fold_ids(const Outcome &o, const SplitterData &data, const std::vector<uint64_t> &rows, const std::string &context) {
  std::set<int64_t> used;
  for (std::size_t s = 0; s < o.splits.size(); ++s) {
    std::set<int64_t> ids;
    for (uint64_t r : side(o.splits[s], rows, VN_SPLIT_VALIDATION)) ids.insert(data.view().folds[r]);
    if (ids.size() != 1 || *ids.begin() < 0)
      fail(context + ", split " + std::to_string(s) + ": the validation rows do not share one fold id >= 0");
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (data.view().folds[rows[i]] == *ids.begin() && o.splits[s][i] != VN_SPLIT_VALIDATION)
        fail(context + ", split " + std::to_string(s) + ": row " + std::to_string(rows[i]) + " of fold " + std::to_string(*ids.begin()) +
             " is not validated with its fold");
    if (!used.insert(*ids.begin()).second) fail(context + ": fold " + std::to_string(*ids.begin()) + " is validated by two splits");
  }
}

// The checks of every declared property on one outcome.
void require_properties(const Suite &s, const Outcome &o, const SplitterData &data, const std::string &context) {
  if (s.has("partition")) require_partition(o, s.rows.size(), context);
  if (s.has("stratified")) require_stratified(o, data, s.rows, context);
  if (s.has("groups")) require_groups(o, data, s.rows, context);
  if (s.has("ordered")) require_ordered(o, context);
  if (s.has("fold_ids")) require_fold_ids(o, data, s.rows, context);
}

// A split of the classification fixture that must succeed, checked whole.
Outcome checked_split(Suite &s, SplitterProbe &p, uint64_t seed, const std::string &context) {
  Outcome o = p.split_all(s.classification, s.rows, seed);
  require_valid(o, s.rows.size(), context);
  require_properties(s, o, s.classification, context);
  return o;
}

// ---- the checks -------------------------------------------------------------------------------------

std::string check_properties(Suite &s) {
  const bj::value *declared = s.component.options.if_contains("properties");
  if (declared == nullptr) return "no properties declared: only the contract of splitter.h is checked";
  if (!declared->is_array()) fail("\"properties\" in options_json must be an array of names");
  for (const bj::value &p : declared->as_array()) {
    if (!p.is_string() || kKnownProperties.count(std::string(p.as_string())) == 0)
      fail("unknown property " + bj::serialize(p) + " (known: partition, stratified, groups, ordered, fold_ids)");
    s.properties.insert(std::string(p.as_string()));
  }
  std::string list;
  for (const std::string &p : s.properties) list += (list.empty() ? "" : ", ") + p;
  return "declared: " + list;
}

std::string check_valid(Suite &s) {
  auto p = s.probe();
  const Outcome o = checked_split(s, *p, kSeed, "classification, " + std::to_string(s.rows.size()) + " rows");
  std::string note = std::to_string(o.n_splits) + " valid splits of a classification dataset";
  Outcome r = p->split_all(s.regression, s.rows, kSeed);
  if (r.ok()) {
    require_valid(r, s.rows.size(), "regression");
    require_properties(s, r, s.regression, "regression");
    note += " and of a regression dataset";
  } else if (r.message.empty()) {
    fail("refused a regression dataset with " + status_name(r.status) + " but no message");
  } else {
    note += "; a regression dataset is refused: " + r.message;
  }
  return note;
}

// With the column a property needs missing, the splitter must refuse with a message.
std::string check_needs_column(Suite &s, const char *property, bool groups) {
  if (!s.has(property)) return std::string("no \"") + property + "\" property declared";
  SplitterData without(kRows, VN_TASK_CLASSIFICATION, !groups, groups);
  auto p = s.probe();
  Outcome o = p->split_all(without, s.rows, kSeed);
  if (o.ok()) fail(std::string("splitting succeeded without a ") + (groups ? "group" : "fold-id") + " column");
  if (o.message.empty()) fail("refused with " + status_name(o.status) + " but no message");
  return "refused: " + o.message;
}

std::string check_too_few_rows(Suite &s) {
  auto p = s.probe();
  std::string notes;
  for (std::size_t n : {std::size_t{0}, std::size_t{1}}) {
    const std::vector<uint64_t> rows(s.rows.begin(), s.rows.begin() + static_cast<std::ptrdiff_t>(n));
    Outcome o = p->split_all(s.classification, rows, kSeed);
    if (o.ok()) fail(std::to_string(n) + " row(s) were split, but no valid split has fewer than two rows");
    if (o.message.empty()) fail(std::to_string(n) + " row(s): refused with " + status_name(o.status) + " but no message");
    notes = o.message;
  }
  return "refused: " + notes;
}

std::string check_out_of_range(Suite &s) {
  auto p = s.probe();
  Outcome n = p->n_splits(s.classification, s.rows, kSeed);
  if (!n.ok()) fail("n_splits: " + n.describe());
  Outcome o = p->split(s.classification, s.rows, kSeed, n.n_splits);
  if (o.ok()) fail("split(" + std::to_string(n.n_splits) + ") succeeded although there are only " + std::to_string(n.n_splits) + " splits");
  return "refused: " + o.message;
}

std::string check_determinism(Suite &s) {
  auto a = s.probe();
  const Outcome first = checked_split(s, *a, kSeed, "first call");
  a->split_all(s.classification, s.rows, kSeed + 1);  // an unrelated call in between
  const Outcome again = a->split_all(s.classification, s.rows, kSeed);
  if (again.splits != first.splits) fail("the same call on the same instance gave different splits");
  auto b = s.probe();
  const Outcome other = b->split_all(s.classification, s.rows, kSeed);
  if (other.splits != first.splits) fail("a second instance gave different splits for the same call");
  return "identical across calls and instances";
}

// Option sets worth exercising: each bool option flipped; with "shuffle" and "repeats", both at once.
std::vector<std::string> splitter_option_variants(const Component &component) {
  std::vector<std::string> out = option_variants(component, Vary::kBools, SIZE_MAX);
  const bj::value *options = component.options.if_contains("options");
  if (options != nullptr && options->is_object() && options->as_object().contains("shuffle") &&
      options->as_object().contains("repeats"))
    out.push_back(R"({"shuffle": true, "repeats": 2})");
  return out;
}

std::string check_options(Suite &s) {
  std::vector<std::string> variants = splitter_option_variants(s.component);
  if (variants.empty()) return "no bool options to vary";
  std::string list;
  for (const std::string &config : variants) {
    auto p = s.probe(config);
    checked_split(s, *p, kSeed, "options " + config);
    list += (list.empty() ? "" : ", ") + config;
  }
  return "valid, with every declared property, under " + list;
}

std::string check_seed(Suite &s) {
  const bj::value *options = s.component.options.if_contains("options");
  if (options == nullptr || !options->is_object() || !options->as_object().contains("shuffle")) return "no \"shuffle\" option";
  auto p = s.probe(R"({"shuffle": true})");
  const Outcome a = checked_split(s, *p, 1, "shuffle, seed 1");
  const Outcome b = checked_split(s, *p, 2, "shuffle, seed 2");
  if (a.splits == b.splits) fail("with shuffle on, seeds 1 and 2 gave the same splits: the seed is ignored");
  return "different seeds give different shuffles";
}

std::string check_threads(Suite &s) {
  Outcome serial[2];
  for (int t = 0; t < 2; ++t) serial[t] = s.probe()->split_all(s.classification, s.rows, kSeed + static_cast<uint64_t>(t));
  in_two_threads<Outcome>(
      [&](int t) {
        Outcome last;
        auto p = s.probe();
        for (int round = 0; round < 5; ++round) last = p->split_all(s.classification, s.rows, kSeed + static_cast<uint64_t>(t));
        return last;
      },
      [&](int t, const Outcome &parallel) {
        if (parallel.status != serial[t].status || parallel.splits != serial[t].splits)
          fail("thread " + std::to_string(t) + " got other splits than the same calls made serially");
      },
      0);
  return "two instances in two threads gave the serial results";
}

// The checks after splitter.properties need an instance and known properties.
const std::vector<const char *> kNeedsProperties = {"create", "properties"};

const SuiteDeclaration<Suite> kSplitterSuite{
    "splitter",
    "create, n_splits, split, last_error or destroy",
    "split writes only its n_rows bytes and leaves the host-owned dataset and rows untouched",
    {
        {"properties", "splitter.h", "the properties declared in options_json are known ones", check_properties, {}},
        {"valid", "splitter.h",
         "every split marks each row train, validation or unused, with rows on both sides, and holds the declared properties",
         check_valid, kNeedsProperties},
        {"needs_groups", "splitter.h",
         "a splitter declaring \"groups\" refuses a dataset without a group column, with a message",
         [](Suite &s) { return check_needs_column(s, "groups", true); }, kNeedsProperties},
        {"needs_folds", "splitter.h",
         "a splitter declaring \"fold_ids\" refuses a dataset without a fold column, with a message",
         [](Suite &s) { return check_needs_column(s, "fold_ids", false); }, kNeedsProperties},
        {"too_few_rows", "splitter.h", "0 or 1 row is refused with a message, never split", check_too_few_rows,
         kNeedsProperties},
        {"out_of_range", "splitter.h", "split(n_splits) is refused", check_out_of_range, kNeedsProperties},
        {"determinism", "VN-ABI-8", "the same call gives the same splits, on the same and on a fresh instance",
         check_determinism, kNeedsProperties},
        {"options", "splitter.h",
         "each bool option flipped (and shuffled repeats) still gives valid splits with the declared properties",
         check_options, kNeedsProperties},
        {"seed", "VN-ABI-8", "with \"shuffle\" on, the seed changes the splits", check_seed, kNeedsProperties,
         Level::warning},
        {"threads", "VN-ABI-7", "two instances created and used from two threads at once give the serial results",
         check_threads, kNeedsProperties},
    }};

}  // namespace

CheckList run_splitter_suite(const Registry &registry, const Component &component) {
  return run_suite(registry, component, kSplitterSuite);
}

}  // namespace vernier::conformance
