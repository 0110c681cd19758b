/* A plain C99 host of Vernier: a small study driven through vernier.h alone.
 *
 * It minimises a quadratic over a float and a categorical, first with the ask/tell primitive
 * (ask -> typed getters -> tell) for 30 trials, then with vn_study_optimize and a callback for 30
 * more. Every call's status is checked; a failure prints vn_last_error() and exits 1. The end is a
 * test too (ctest runs this program): the counts must be exact and the best value must be below a
 * bound that random search reaches with near certainty in 60 trials. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vernier/vernier.h>

#define TRIALS_PER_PHASE 30

/* The study: x in [-2, 2], shape "bowl" or "flat"; the optimum is 0 at x = 1 with "bowl". */
static const char *const kConfig =
    "{\"name\": \"c-example\", \"direction\": \"minimize\","
    " \"space\": [{\"name\": \"x\", \"type\": \"float\", \"low\": -2, \"high\": 2},"
    "             {\"name\": \"shape\", \"type\": \"categorical\", \"choices\": [\"bowl\", \"flat\"]}],"
    " \"sampler\": {\"plugin\": \"random\", \"seed\": 7}}";

/* A trial with x in (0, 2) and "bowl" scores below 1; it has probability 1/4, so random search misses
 * the bound in all 60 trials with probability 0.75^60 < 1e-7 (and the seed is fixed anyway). */
#define BEST_BOUND 1.0

static void fail(const char *what, vn_status status) {
  fprintf(stderr, "example_study: %s failed (status %d): %s\n", what, (int)status, vn_last_error());
  exit(1);
}

#define CHECK(call)                        \
  do {                                     \
    vn_status status_ = (call);            \
    if (status_ != VN_OK) fail(#call, status_); \
  } while (0)

static double quadratic(double x, const char *shape) {
  return (x - 1.0) * (x - 1.0) + (strcmp(shape, "flat") == 0 ? 1.0 : 0.0);
}

/* The vn_study_optimize callback: read the parameters, store the value, say the trial completed. */
static int32_t objective(vn_trial *trial, void *user, double *value) {
  int *calls = (int *)user;
  double x = 0.0;
  const char *shape = NULL;
  ++*calls;
  if (vn_trial_get_float(trial, "x", &x) != VN_OK || vn_trial_get_categorical(trial, "shape", &shape) != VN_OK) {
    fprintf(stderr, "example_study: getter failed in trial %lld: %s\n", (long long)vn_trial_number(trial), vn_last_error());
    return VN_TRIAL_FAILED; /* the study records the failure and goes on */
  }
  *value = quadratic(x, shape);
  return VN_TRIAL_COMPLETE;
}

int main(void) {
  vn_context *ctx = NULL;
  vn_study *study = NULL;
  int i, calls = 0, ok = 1;
  int64_t best_number = -1;
  double best_value = 0.0;
  char *summary = NULL;
  uint64_t total, complete;

  printf("Vernier %s\n", vn_version());
  CHECK(vn_context_new(NULL, &ctx)); /* plugins from VERNIER_PLUGIN_PATH and the install directory */
  CHECK(vn_study_create(ctx, kConfig, &study));

  /* Phase 1: ask/tell by hand, as an embedder with its own evaluation loop would. */
  for (i = 0; i < TRIALS_PER_PHASE; ++i) {
    vn_trial *trial = NULL;
    double x = 0.0;
    const char *shape = NULL;
    CHECK(vn_study_ask(study, &trial));
    CHECK(vn_trial_get_float(trial, "x", &x));
    CHECK(vn_trial_get_categorical(trial, "shape", &shape));
    CHECK(vn_study_tell(study, trial, VN_TRIAL_COMPLETE, quadratic(x, shape)));
    vn_trial_free(trial);
  }

  /* Phase 2: the same loop run by the core around a callback. */
  CHECK(vn_study_optimize(study, TRIALS_PER_PHASE, objective, &calls));

  CHECK(vn_study_best(study, &best_number, &best_value));
  CHECK(vn_study_summary_json(study, &summary));
  printf("best trial %lld: value %.6g\nsummary: %s\n", (long long)best_number, best_value, summary);
  vn_free(summary);

  total = vn_study_count(study, -1);
  complete = vn_study_count(study, VN_TRIAL_COMPLETE);
  if (calls != TRIALS_PER_PHASE) {
    fprintf(stderr, "example_study: the callback ran %d times, expected %d\n", calls, TRIALS_PER_PHASE);
    ok = 0;
  }
  if (total != 2 * TRIALS_PER_PHASE || complete != 2 * TRIALS_PER_PHASE) {
    fprintf(stderr, "example_study: %llu trials (%llu complete), expected %d complete\n", (unsigned long long)total,
            (unsigned long long)complete, 2 * TRIALS_PER_PHASE);
    ok = 0;
  }
  if (!(best_value < BEST_BOUND)) {
    fprintf(stderr, "example_study: best value %g is not below %g\n", best_value, BEST_BOUND);
    ok = 0;
  }

  vn_study_free(study);
  vn_context_free(ctx);
  return ok ? 0 : 1;
}
