// Compiled, never run: vernier.hpp as an embedding program might build it, with warnings stricter than
// the project's own (-pedantic, -Wshadow, -Wconversion, -Wold-style-cast, ...) as errors. Every wrapper,
// and the templates of optimize and run, are instantiated here.
#include "vernier/vernier.hpp"

#include <string>
#include <vector>

void use_every_wrapper();
void use_every_wrapper() {
  vernier::Context context;
  vernier::Context with_options(std::string("{}"));
  context.load_plugin("p.so");
  std::string text = context.plugins_json() + context.check_plugin("p.so") + vernier::version();
  text += vernier::journal_list_json("j") + vernier::journal_study_json("j") + vernier::journal_study_json("j", "s");

  vernier::Study study(context, "{}");
  std::vector<double> features(4), target(2);
  std::vector<int64_t> ids(2);
  vernier::DataArrays data(features, 2, target);
  data.feature_names({"a", "b"}).groups(ids).folds(ids.data());
  vernier::Study with_data(context, "{}", data);
  vernier::Study opened = vernier::Study::open(context, "j", std::string("s"));

  vernier::Trial trial = study.ask();
  std::optional<vernier::Trial> maybe = study.try_ask();
  double value = trial.get_float("x") + static_cast<double>(trial.get_int("n") + trial.number());
  text += trial.get_categorical("c") + trial.params_json();
  trial.report(0, value);
  if (trial.is_active("x") && !trial.should_prune()) study.tell(trial, value);
  if (maybe) study.tell(*maybe, vernier::TrialState::failed);
  study.tell_pruned(trial);
  study.tell_failed(trial);

  study.optimize(3, [](vernier::TrialView &t) { return t.get_float("x"); });
  study.run();
  study.run(3, [&text](const std::string &line) { text += line; });
  uint64_t n = study.count() + study.count(VN_TRIAL_COMPLETE) + study.count(vernier::TrialState::pruned);
  std::optional<vernier::BestTrial> best = study.best();
  text += study.summary_json() + study.trials_json() + study.attrs_json() + std::to_string(n);
  study.set_attr("k", "1");
  study.set_attr("k", "1", vernier::AttrKind::system);
  if (best) vernier::interrupt();

  try {
    study.ask();
  } catch (const vernier::Error &e) {
    text += e.what() + std::to_string(e.status());
  } catch (const vernier::TrialPruned &) {
  }
}
