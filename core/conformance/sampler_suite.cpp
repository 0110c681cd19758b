// The sampler conformance suite: what every sampler plugin must do, checked against one component.
// Check ids, the rule each enforces and what it verifies are listed in docs/abi.md ("Conformance checks").
#include <cstdio>

#include "base/number_text.hpp"
#include "conformance/kind_suites.hpp"
#include "conformance/sampler_fixtures.hpp"
#include "conformance/sampler_probe.hpp"
#include "conformance/suite_frame.hpp"

namespace vernier::conformance {

namespace {

namespace bj = boost::json;
using Outcome = SamplerProbe::Outcome;

constexpr uint64_t kSeed = 20240917;

// Everything the checks of one component share.
struct Suite : SuiteFixture<SamplerProbe> {
  using SuiteFixture::SuiteFixture;
  Space rich = rich_space();
  std::vector<NamedHistory> histories = test_histories(rich);
  HistoryData empty{static_cast<uint32_t>(rich.size())};

  const HistoryData &mixed() const { return histories[0].data; }
};

// Fails unless the call succeeded and every row is a valid internal point of space (space.h: inside the
// bounds, on the step grid, a choice index, NaN exactly for inactive parameters).
void require_valid(const Space &space, const Outcome &o, const std::vector<int64_t> &numbers, const std::string &context) {
  if (!o.ok()) fail(context + ", " + trials_text(numbers) + ": suggest returned " + o.describe());
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    try {
      space.check_point(o.out.data() + i * space.size());
    } catch (const std::exception &e) {
      fail(context + ", trial " + std::to_string(numbers[i]) + ": " + e.what());
    }
  }
}

bool same_outcome(const Outcome &a, const Outcome &b) {
  return a.status == b.status && (a.status != VN_OK || same_values(a.out, b.out));
}

std::string outcome_text(const Outcome &o) {
  if (!o.ok()) return o.describe();
  std::string s = "[";
  for (std::size_t i = 0; i < o.out.size() && i < 6; ++i) s += (i > 0 ? ", " : "") + exact_number(o.out[i]);
  return s + (o.out.size() > 6 ? ", ...]" : "]");
}

void require_same(const Outcome &a, const Outcome &b, const std::string &what) {
  if (!same_outcome(a, b)) fail(what + ": " + outcome_text(a) + " then " + outcome_text(b));
}

// ---- the checks, in the order they run ------------------------------------------------------------

std::string check_bounds(Suite &s) {
  auto p = s.probe();
  int checked = 0;
  for (uint64_t seed : {uint64_t{0}, kSeed, ~uint64_t{0}}) {
    for (int64_t t = 0; t < 8; ++t) {
      Outcome o = p->suggest(s.rich.view(), s.empty.view(), seed, {t});
      if (o.exhausted() && t > 0) continue;  // allowed; consistency is sampler.exhausted's business
      if (o.exhausted()) fail("seed " + std::to_string(seed) + ": VN_E_EXHAUSTED for trial 0 of a fresh study");
      require_valid(s.rich, o, {t}, "empty history, seed " + std::to_string(seed));
      ++checked;
    }
  }
  return std::to_string(checked) + " suggestions over a " + std::to_string(s.rich.size()) +
         "-parameter space were valid internal points";
}

std::string check_history(Suite &s) {
  auto p = s.probe();
  std::string exhausted;
  for (const NamedHistory &h : s.histories) {
    const std::vector<int64_t> numbers{h.data.next_number()};
    Outcome o = p->suggest(s.rich.view(), h.data.view(), kSeed, numbers);
    if (o.exhausted()) {
      exhausted += (exhausted.empty() ? "" : "; ") + h.name;
      continue;
    }
    require_valid(s.rich, o, numbers, "history of " + h.name);
  }
  return std::to_string(s.histories.size()) + " histories handled" +
         (exhausted.empty() ? "" : " (exhausted with: " + exhausted + ")");
}

std::string check_batch(Suite &s) {
  auto p = s.probe();
  for (const HistoryData *h : std::initializer_list<const HistoryData *>{&s.empty, &s.mixed()}) {
    const int64_t first = h->next_number();
    const std::vector<int64_t> numbers{first, first + 1, first + 2, first + 3};
    const std::string context = "count 4, " + std::to_string(h->size()) + "-trial history";
    Outcome a = p->suggest(s.rich.view(), h->view(), kSeed, numbers);
    if (a.exhausted()) continue;
    require_valid(s.rich, a, numbers, context);
    Outcome b = p->suggest(s.rich.view(), h->view(), kSeed, numbers);
    require_same(a, b, context + ": the same batch twice gave different rows (VN-ABI-8)");
  }
  return "batches of 4 gave valid, repeatable rows";
}

std::string check_one_param(Suite &s) {
  int checked = 0;
  for (const Space &space : one_param_spaces()) {
    auto p = s.probe();  // one instance per space, as a study has
    const std::string name = space.params()[0].name;
    HistoryData h(1);
    for (int64_t t = 0; t < 4; ++t) {
      Outcome o = p->suggest(space.view(), h.view(), kSeed, {t});
      if (o.exhausted() && t > 0) break;
      require_valid(space, o, {t}, "space of one parameter '" + name + "'");
      h.append(t, VN_TRIAL_COMPLETE, o.out, static_cast<double>(t));
      ++checked;
    }
  }
  return std::to_string(checked) + " suggestions over 4 one-parameter spaces were valid";
}

std::string check_options(Suite &s) {
  std::vector<std::string> variants = option_variants(s.component, Vary::kBoolsAndChoices, 8);
  if (variants.empty()) return "no bool or choice options to vary";
  for (const std::string &config : variants) {
    auto p = s.probe(config);
    for (const HistoryData *h : std::initializer_list<const HistoryData *>{&s.empty, &s.mixed()}) {
      const std::vector<int64_t> numbers{h->next_number(), h->next_number() + 1};
      Outcome o = p->suggest(s.rich.view(), h->view(), kSeed, numbers);
      if (o.exhausted() && h->size() > 0) continue;
      require_valid(s.rich, o, numbers, "options " + config);
    }
  }
  std::string list;
  for (const std::string &v : variants) list += (list.empty() ? "" : ", ") + v;
  return "valid with " + list;
}

std::string check_determinism(Suite &s) {
  auto a = s.probe();
  auto b = s.probe();
  const vn_space &space = s.rich.view();
  const vn_history mixed = s.mixed().view(), empty = s.empty.view();
  const Outcome first = a->suggest(space, mixed, kSeed, {6});
  // Unrelated calls in between: a sampler whose output depends on its call history fails below.
  a->suggest(space, empty, kSeed + 1, {3});
  a->suggest(space, s.histories[1].data.view(), kSeed, {40, 41});
  require_same(first, a->suggest(space, mixed, kSeed, {6}),
               "one instance, the same call (trial 6, mixed history) before and after other calls");
  require_same(first, b->suggest(space, mixed, kSeed, {6}), "two instances of the same config, the same call (trial 6)");
  require_same(a->suggest(space, empty, kSeed, {0}), b->suggest(space, empty, kSeed, {0}),
               "two instances, trial 0 of an empty history");
  require_same(a->suggest(space, mixed, kSeed, {6, 7, 8}), b->suggest(space, mixed, kSeed, {6, 7, 8}),
               "two instances, the batch of trials 6, 7, 8");
  return "bit-identical across repeated calls and across instances";
}

// Warning level: a sampler that gives every trial the same point is legal, but parallel workers would all
// evaluate it. A history-driven sampler (grid) may ignore trial numbers; it must then move on once the
// point is taken by a running trial.
std::string check_trial_numbers_vary(Suite &s) {
  auto p = s.probe();
  std::vector<Outcome> singles;
  for (int64_t t = 0; t < 8; ++t) {
    singles.push_back(p->suggest(s.rich.view(), s.empty.view(), kSeed, {t}));
    if (!singles.back().ok()) return "not checked: suggest returned " + singles.back().describe();
  }
  Outcome batch = p->suggest(s.rich.view(), s.empty.view(), kSeed, {0, 1, 2, 3});
  if (!batch.ok()) return "not checked: a batch returned " + batch.describe();
  const std::size_t d = s.rich.size();
  bool rows_differ = false;
  for (std::size_t i = 1; i < 4 && !rows_differ; ++i)
    rows_differ = !same_values({batch.out.begin(), batch.out.begin() + static_cast<std::ptrdiff_t>(d)},
                               {batch.out.begin() + static_cast<std::ptrdiff_t>(i * d),
                                batch.out.begin() + static_cast<std::ptrdiff_t>((i + 1) * d)});
  if (!rows_differ) fail("the 4 rows of one batch (trials 0-3, empty history) are identical");
  bool singles_differ = false;
  for (const Outcome &o : singles) singles_differ = singles_differ || !same_values(o.out, singles[0].out);
  if (singles_differ) return "different trial numbers gave different points";
  HistoryData taken(static_cast<uint32_t>(d));
  taken.append(0, VN_TRIAL_RUNNING, singles[0].out, 0.0);
  Outcome next = p->suggest(s.rich.view(), taken.view(), kSeed, {1});
  if (next.exhausted()) return "trial numbers are ignored, and the sampler is exhausted once the point is taken";
  if (next.ok() && same_values(next.out, singles[0].out))
    fail("trials 0-7 of an empty history all got the same point, and trial 1 gets it again while trial 0 is "
         "running with it: parallel workers would all evaluate one point");
  return "trial numbers are ignored, but a point taken by a running trial is not proposed again";
}

std::string check_exhausted(Suite &s) {
  const Space space = small_finite_space();
  auto p = s.probe();
  HistoryData h(static_cast<uint32_t>(space.size()));
  int64_t t = 0;
  for (; t < 64; ++t) {
    Outcome o = p->suggest(space.view(), h.view(), kSeed, {t});
    if (o.exhausted()) break;
    require_valid(space, o, {t}, "a 6-point space after " + std::to_string(t) + " complete trials");
    h.append(t, VN_TRIAL_COMPLETE, o.out, 0.5 * static_cast<double>(t % 5));
  }
  if (t == 64) return "never returned VN_E_EXHAUSTED in 64 trials of a 6-point space (allowed)";
  if (t == 0) fail("VN_E_EXHAUSTED for trial 0 of a fresh study: a sampler must propose at least one point");
  const std::string where = "exhausted for trial " + std::to_string(t) + " after " + std::to_string(t) + " trials";
  Outcome again = p->suggest(space.view(), h.view(), kSeed, {t});
  if (!again.exhausted()) fail(where + ", but the same call again returned " + again.describe());
  Outcome batch = p->suggest(space.view(), h.view(), kSeed, {t, t + 1});
  if (!batch.exhausted()) fail(where + ", but a batch of 2 for the same history returned " + batch.describe());
  auto fresh = s.probe();
  Outcome other = fresh->suggest(space.view(), h.view(), kSeed, {t});
  if (!other.exhausted()) fail(where + ", but a fresh instance given the same history returned " + other.describe());
  HistoryData longer = h;
  longer.append(t, VN_TRIAL_COMPLETE, std::vector<double>(h.params.begin(), h.params.begin() + static_cast<std::ptrdiff_t>(space.size())), 1.0);
  Outcome later = fresh->suggest(space.view(), longer.view(), kSeed, {t + 1});
  if (!later.exhausted())
    fail(where + ", but after one more finished trial it returned " + later.describe() + " (exhaustion must last)");
  return where + ", and consistently so";
}

std::string check_views_not_kept(Suite &s) {
  auto p = s.probe();
  const NamedHistory &long_history = s.histories[1];
  const std::vector<int64_t> numbers{long_history.data.next_number()};
  OwnedSpaceView space1(s.rich.view());
  HistoryData history1 = long_history.data;
  const Outcome first = p->suggest(space1.view(), history1.view(), kSeed, numbers);
  // Only meaningful for a sampler that repeats itself; sampler.determinism reports one that does not.
  if (!same_outcome(first, p->suggest(space1.view(), history1.view(), kSeed, numbers)))
    return "not checked: the same call twice gave different results (see sampler.determinism)";
  space1.poison();  // a plugin still pointing into these now reads garbage
  poison(history1);
  OwnedSpaceView space2(s.rich.view());
  HistoryData history2 = long_history.data;
  require_same(first, p->suggest(space2.view(), history2.view(), kSeed, numbers),
               "after the space and history of an earlier call were overwritten, the same call with fresh copies "
               "of them gave another result: the instance kept pointers into host-owned views");
  return "results do not depend on views of earlier calls";
}

// The calls each thread makes: single trials and batches over every history.
struct Call {
  const HistoryData *history;
  std::vector<int64_t> numbers;
};

std::vector<Outcome> run_calls(SamplerProbe &p, const Space &space, const std::vector<Call> &calls) {
  std::vector<Outcome> out;
  for (const Call &c : calls) out.push_back(p.suggest(space.view(), c.history->view(), kSeed, c.numbers));
  return out;
}

std::string check_threads(Suite &s) {
  std::vector<Call> calls;
  for (int64_t i = 0; i < 12; ++i) {
    const HistoryData *h = i % 3 == 0 ? &s.empty : &s.histories[static_cast<std::size_t>(i) % s.histories.size()].data;
    calls.push_back({h, i % 4 == 1 ? std::vector<int64_t>{h->next_number() + i, h->next_number() + i + 1}
                                   : std::vector<int64_t>{h->next_number() + i}});
  }
  std::vector<Outcome> serial;
  {
    auto p = s.probe();
    serial = run_calls(*p, s.rich, calls);
  }
  in_two_threads<std::vector<Outcome>>(
      [&](int) {
        SamplerProbe p(s.component, s.host.host(), s.seen);
        return run_calls(p, s.rich, calls);
      },
      [&](int k, const std::vector<Outcome> &results) {
        for (std::size_t i = 0; i < calls.size(); ++i)
          require_same(serial[i], results[i],
                       "thread " + std::to_string(k + 1) + ", call " + std::to_string(i + 1) + " (" +
                           trials_text(calls[i].numbers) + ") differs from the same call made serially");
      });
  return "2 instances created and used in parallel gave the serial results (" + std::to_string(calls.size()) +
         " calls each)";
}

std::string check_bare_host(Suite &s) {
  return check_minimal_host(s, [&](SamplerProbe &p) {
    const std::vector<int64_t> numbers{s.mixed().next_number()};
    Outcome o = p.suggest(s.rich.view(), s.mixed().view(), kSeed, numbers);
    if (!o.exhausted()) require_valid(s.rich, o, numbers, "a host without extensions");
  });
}

const SuiteDeclaration<Suite> kSamplerSuite{
    "sampler",
    "create, suggest, last_error or destroy",
    "suggest writes only its count x n_params output and leaves the host-owned space and history untouched",
    {
        {"bounds", "sampler.h", "suggestions for a fresh study are valid internal points of a rich space", check_bounds},
        {"history", "sampler.h", "suggestions are valid given histories with complete, failed, pruned and running trials",
         check_history},
        {"batch", "sampler.h", "count > 1 gives one valid row per trial number", check_batch},
        {"one_param", "sampler.h", "spaces of a single parameter are handled", check_one_param},
        {"options", "sampler.h", "each declared bool or choice option value also gives valid points", check_options},
        {"determinism", "VN-ABI-8", "the same config, seed, space, history and trial numbers give bit-identical output",
         check_determinism},
        {"trial_numbers_vary", "VN-ABI-8", "distinct trials do not all get the same point", check_trial_numbers_vary,
         {"create"}, Level::warning},
        {"exhausted", "VN-ABI-8",
         "VN_E_EXHAUSTED, if used, comes after at least one point and then stays, deterministically", check_exhausted},
        {"views_not_kept", "VN-ABI-6", "no pointer into a host-owned view is kept past the call", check_views_not_kept},
        {"threads", "VN-ABI-7", "two instances created and used from two threads at once give the serial results",
         check_threads},
        {"minimal_host", "VN-ABI-9", "a host without extensions is either served or refused cleanly",
         check_bare_host},
    }};

}  // namespace

CheckList run_sampler_suite(const Registry &registry, const Component &component) {
  return run_suite(registry, component, kSamplerSuite);
}

}  // namespace vernier::conformance
