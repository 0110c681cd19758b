/* vn_interrupt (appended in ABI 1.2) exercised from C99: a request stops the vn_study_optimize or
 * vn_study_run under way at the documented points, which return VN_E_INTERRUPTED and keep every finished
 * trial; it never reaches a run that starts later. The request comes from the callbacks here; from a real
 * signal handler it is the same call (`vernier tune`'s SIGINT path is tested in tests/hosts/cli). */
#include <stdint.h>
#include <stdio.h>

#include <vernier/vernier.h>

#include "c_expect.h"

/* Interrupts while evaluating the trial numbered *user: that trial is still told. */
static int32_t interrupt_at(vn_trial *trial, void *user, double *value) {
  double x = 0;
  if (vn_trial_number(trial) == *(int64_t *)user) vn_interrupt();
  if (vn_trial_get_float(trial, "x", &x) != VN_OK) return VN_TRIAL_FAILED;
  *value = x * x;
  return VN_TRIAL_COMPLETE;
}

/* Interrupts from the progress callback after *user lines, that is after that many trials finished. */
static void interrupt_after(const char *line, void *user) {
  (void)line;
  if (--*(int *)user == 0) vn_interrupt();
}

int main(void) {
  vn_context *ctx = NULL;
  vn_study *study = NULL, *branin = NULL;
  int64_t stop_at = 3;
  int lines_left = 2;

  REQUIRE_OK(vn_context_new(kContextOptions, &ctx));
  REQUIRE_OK(vn_study_create(ctx, "{\"name\": \"optimize\", \"space\": [{\"name\": \"x\", \"type\": \"float\","
                                  " \"low\": 0, \"high\": 1}], \"sampler\": {\"plugin\": \"random\", \"seed\": 3}}",
                             &study));

  /* Stopped after the trial whose callback asked: trials 0..3 are complete, none is left running. */
  EXPECT_STATUS(vn_study_optimize(study, 10, interrupt_at, &stop_at), VN_E_INTERRUPTED);
  EXPECT_MESSAGE("interrupted");
  EXPECT(vn_study_count(study, VN_TRIAL_COMPLETE) == 4);
  EXPECT(vn_study_count(study, VN_TRIAL_RUNNING) == 0);
  /* The request is spent: the next call runs its whole budget. */
  stop_at = -1;
  EXPECT_STATUS(vn_study_optimize(study, 5, interrupt_at, &stop_at), VN_OK);
  EXPECT(vn_study_count(study, VN_TRIAL_COMPLETE) == 9);
  /* A request made while nothing runs reaches no run, as with sqlite3_interrupt. */
  vn_interrupt();
  EXPECT_STATUS(vn_study_optimize(study, 1, interrupt_at, &stop_at), VN_OK);
  EXPECT(vn_study_count(study, -1) == 10);
  /* A request in the last trial of a budget is reported by that run, and does not leak into the next. */
  stop_at = 10;
  EXPECT_STATUS(vn_study_optimize(study, 1, interrupt_at, &stop_at), VN_E_INTERRUPTED);
  EXPECT_STATUS(vn_study_optimize(study, 2, interrupt_at, &stop_at), VN_OK);
  EXPECT(vn_study_count(study, VN_TRIAL_COMPLETE) == 13);

  /* vn_study_run with the config's objective: stopped before the trial after the request. */
  REQUIRE_OK(vn_study_create(ctx, "{\"name\": \"run\", \"objective\": {\"function\": \"branin\"}, \"trials\": 20,"
                                  " \"sampler\": {\"plugin\": \"random\", \"seed\": 4}}",
                             &branin));
  EXPECT_STATUS(vn_study_run(branin, 0, interrupt_after, &lines_left), VN_E_INTERRUPTED);
  EXPECT_MESSAGE("interrupted");
  EXPECT(vn_study_count(branin, VN_TRIAL_COMPLETE) == 2);
  EXPECT(vn_study_count(branin, -1) == 2);
  EXPECT_STATUS(vn_study_run(branin, 0, NULL, NULL), VN_OK); /* resumed to the budget */
  EXPECT(vn_study_count(branin, VN_TRIAL_COMPLETE) == 20);

  vn_study_free(branin);
  vn_study_free(study);
  vn_context_free(ctx);
  return expectations_result("test_c_api_interrupt");
}
