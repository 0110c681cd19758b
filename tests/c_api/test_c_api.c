/* Every function of vernier.h exercised from C99, with its documented errors: proof that the whole
 * host API is usable from C, and that its failures come with a status and a message that names the
 * problem (vn_last_error).
 *
 * Plugins come from VERNIER_PLUGIN_BUILD_DIR only ("default_paths": false), so the result does not
 * depend on the environment. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vernier/vernier.h>

#include "c_expect.h"


/* A space with every parameter type: a float, a log float, an int, a categorical, and a float active
 * only when the categorical is "b". */
static const char *const kStudyConfig =
    "{\"name\": \"c-api\", \"direction\": \"minimize\","
    " \"space\": ["
    "   {\"name\": \"x\", \"type\": \"float\", \"low\": -1, \"high\": 1},"
    "   {\"name\": \"lr\", \"type\": \"float\", \"low\": 0.001, \"high\": 1, \"log\": true},"
    "   {\"name\": \"n\", \"type\": \"int\", \"low\": 1, \"high\": 5},"
    "   {\"name\": \"opt\", \"type\": \"categorical\", \"choices\": [\"a\", \"b\"]},"
    "   {\"name\": \"momentum\", \"type\": \"float\", \"low\": 0, \"high\": 1,"
    "    \"condition\": {\"parent\": \"opt\", \"values\": [\"b\"]}}],"
    " \"sampler\": {\"plugin\": \"random\", \"seed\": 3}}";

static vn_context *open_context(void) {
  vn_context *ctx = NULL;
  REQUIRE_OK(vn_context_new(kContextOptions, &ctx));
  return ctx;
}

static vn_study *create_study(vn_context *ctx, const char *config) {
  vn_study *study = NULL;
  REQUIRE_OK(vn_study_create(ctx, config, &study));
  return study;
}

/* vn_study_create must refuse `config` with `status`, leave *out NULL, and name the problem. */
static void expect_create_fails(vn_context *ctx, const char *config, vn_status status, const char *mention,
                                int line) {
  vn_study *study = (vn_study *)&study; /* not NULL: the call must reset it */
  vn_status got = vn_study_create(ctx, config, &study);
  if (got != status || study != NULL || strstr(vn_last_error(), mention) == NULL) {
    fprintf(stderr, "%s:%d: vn_study_create returned %d (expected %d), out %s; vn_last_error \"%s\" should mention \"%s\"\n",
            __FILE__, line, (int)got, (int)status, study == NULL ? "NULL" : "not NULL", vn_last_error(), mention);
    ++failures;
  }
  if (got == VN_OK) vn_study_free(study);
}

/* ---- library ---------------------------------------------------------------------------------- */

static void test_library(void) {
  const char *version = vn_version();
  EXPECT(version != NULL && version[0] >= '0' && version[0] <= '9' && strchr(version, '.') != NULL);
  EXPECT(vn_last_error() != NULL);
  vn_free(NULL);
  vn_context_free(NULL);
  vn_study_free(NULL);
  vn_trial_free(NULL);
  EXPECT(vn_trial_number(NULL) == -1);
}

/* ---- context ---------------------------------------------------------------------------------- */

/* The "path" of the plugin named `name` in a plugins report, copied into buf; 0 when absent. Relies on
 * the report's key order (name before path), which is enough for a test. */
static int plugin_path_in_report(const char *report, const char *name, char *buf, size_t cap) {
  char key[128];
  const char *at, *path, *end;
  snprintf(key, sizeof key, "\"name\":\"%s\"", name);
  at = strstr(report, key);
  if (at == NULL) return 0;
  path = strstr(at, "\"path\":\"");
  if (path == NULL) return 0;
  path += strlen("\"path\":\"");
  end = strchr(path, '"');
  if (end == NULL || (size_t)(end - path) >= cap) return 0;
  memcpy(buf, path, (size_t)(end - path));
  buf[end - path] = '\0';
  return 1;
}

static void test_context(char *random_path, size_t cap) {
  vn_context *ctx = (vn_context *)&ctx;
  char *report = NULL;

  /* Bad options: each refused with a message that names the problem, and no context made. */
  EXPECT_STATUS(vn_context_new("{\"bogus\": 1}", &ctx), VN_E_INVALID);
  EXPECT_MESSAGE("bogus");
  EXPECT(ctx == NULL);
  EXPECT_STATUS(vn_context_new("{\"plugin_path\": [", &ctx), VN_E_INVALID);
  EXPECT_MESSAGE("line");
  EXPECT_STATUS(vn_context_new("{\"log_level\": \"loud\"}", &ctx), VN_E_INVALID);
  EXPECT_MESSAGE("log_level");
  EXPECT_STATUS(vn_context_new(NULL, NULL), VN_E_INVALID);

  /* A plugin directory that does not exist is an error naming it. */
  EXPECT_STATUS(vn_context_new("{\"plugin_path\": [\"/nonexistent/vernier-plugins\"]}", &ctx), VN_E_NOT_FOUND);
  EXPECT_MESSAGE("/nonexistent/vernier-plugins");

  /* NULL options: the default search path; it must work whatever it finds. */
  REQUIRE_OK(vn_context_new(NULL, &ctx));
  vn_context_free(ctx);

  ctx = open_context();
  REQUIRE_OK(vn_context_plugins_json(ctx, &report));
  EXPECT(strstr(report, "\"plugins\"") != NULL && strstr(report, "\"skipped\"") != NULL);
  EXPECT(strstr(report, "\"search_path\"") != NULL);
  EXPECT(plugin_path_in_report(report, "random", random_path, cap));
  EXPECT(strstr(report, "\"name\":\"grid\"") != NULL);
  vn_free(report);
  EXPECT_STATUS(vn_context_plugins_json(ctx, NULL), VN_E_INVALID);

  /* Loading by path: a missing file and a library that is not a plugin are refused by name. */
  EXPECT_STATUS(vn_context_load_plugin(ctx, "/nonexistent/libvernier-nothing.so"), VN_E_NOT_FOUND);
  EXPECT_MESSAGE("/nonexistent/libvernier-nothing.so");
  EXPECT(vn_context_load_plugin(ctx, VERNIER_LIBRARY_FILE) != VN_OK);
  EXPECT_MESSAGE("vernier_plugin_entry");
  EXPECT_STATUS(vn_context_load_plugin(ctx, NULL), VN_E_INVALID);
  if (random_path[0] != '\0') EXPECT_STATUS(vn_context_load_plugin(ctx, random_path), VN_OK);
  vn_context_free(ctx);
}

/* ---- study creation errors -------------------------------------------------------------------- */

static void test_create_errors(vn_context *ctx) {
  const char *space_x = "\"space\": [{\"name\": \"x\", \"type\": \"float\", \"low\": 0, \"high\": 1}]";
  char config[1024];
  vn_study *study = NULL;

  expect_create_fails(ctx, "{\"name\": \"bad\",\n \"space\": [}", VN_E_INVALID, "line", __LINE__);
  EXPECT_MESSAGE("column");
  expect_create_fails(ctx, "{\"name\": \"bad\",\n \"space\": [}", VN_E_INVALID, "line 2", __LINE__);

  snprintf(config, sizeof config, "{\"name\": \"s\", %s, \"sampler\": \"no-such-sampler\"}", space_x);
  expect_create_fails(ctx, config, VN_E_NOT_FOUND, "no-such-sampler", __LINE__);
  EXPECT_MESSAGE("random"); /* the message lists what is available */
  EXPECT_MESSAGE("grid");

  expect_create_fails(ctx, "{\"space\": [{\"name\": \"x\", \"type\": \"float\", \"low\": 2, \"high\": 1}]}",
                      VN_E_INVALID, "greater than", __LINE__);
  expect_create_fails(ctx, "{\"space\": [{\"name\": \"x\", \"type\": \"float\", \"low\": 0, \"high\": 1, \"log\": true}]}",
                      VN_E_INVALID, "low > 0", __LINE__);
  expect_create_fails(ctx, "{\"space\": [{\"name\": \"c\", \"type\": \"categorical\", \"choices\": []}]}",
                      VN_E_INVALID, "choices", __LINE__);
  expect_create_fails(ctx, "{\"space\": [{\"name\": \"x\", \"type\": \"float\", \"low\": 0, \"high\": 1, \"step\": 0.3}]}",
                      VN_E_INVALID, "does not fit", __LINE__);
  expect_create_fails(ctx,
                      "{\"space\": [{\"name\": \"x\", \"type\": \"float\", \"low\": 0, \"high\": 1,"
                      " \"condition\": {\"parent\": \"nobody\", \"values\": [\"a\"]}}]}",
                      VN_E_INVALID, "nobody", __LINE__);
  expect_create_fails(ctx, "{\"name\": \"no-space\"}", VN_E_INVALID, "space", __LINE__);
  expect_create_fails(ctx, "{\"space\": [{\"name\": \"x\", \"type\": \"complex\"}]}", VN_E_INVALID, "type", __LINE__);
  snprintf(config, sizeof config, "{%s, \"direction\": \"sideways\"}", space_x);
  expect_create_fails(ctx, config, VN_E_INVALID, "direction", __LINE__);
  snprintf(config, sizeof config, "{%s, \"unknown_key\": 1}", space_x);
  expect_create_fails(ctx, config, VN_E_INVALID, "unknown_key", __LINE__);

  EXPECT_STATUS(vn_study_create(ctx, NULL, &study), VN_E_INVALID);
  EXPECT_STATUS(vn_study_create(NULL, kStudyConfig, &study), VN_E_INVALID);
  EXPECT_STATUS(vn_study_create(ctx, kStudyConfig, NULL), VN_E_INVALID);
}

/* ---- ask, getters, report, tell ------------------------------------------------------------- */

/* Checks one asked trial's getters against the space; returns whether the conditional was active. */
static int check_trial_getters(vn_trial *trial) {
  double x = 99, lr = 99, momentum = 99;
  int64_t n = -1;
  const char *opt = NULL;
  int32_t active = -1;
  char *params = NULL;

  EXPECT_STATUS(vn_trial_get_float(trial, "x", &x), VN_OK);
  EXPECT(x >= -1 && x <= 1);
  EXPECT_STATUS(vn_trial_get_float(trial, "lr", &lr), VN_OK);
  EXPECT(lr >= 0.001 && lr <= 1);
  EXPECT_STATUS(vn_trial_get_int(trial, "n", &n), VN_OK);
  EXPECT(n >= 1 && n <= 5);
  EXPECT_STATUS(vn_trial_get_categorical(trial, "opt", &opt), VN_OK);
  EXPECT(opt != NULL && (strcmp(opt, "a") == 0 || strcmp(opt, "b") == 0));

  /* Wrong type, unknown name. */
  EXPECT_STATUS(vn_trial_get_int(trial, "x", &n), VN_E_INVALID);
  EXPECT_MESSAGE("x");
  EXPECT_STATUS(vn_trial_get_float(trial, "opt", &x), VN_E_INVALID);
  EXPECT_STATUS(vn_trial_get_categorical(trial, "n", &opt), VN_E_INVALID);
  EXPECT_STATUS(vn_trial_get_float(trial, "nope", &x), VN_E_NOT_FOUND);
  EXPECT_MESSAGE("nope");
  EXPECT_STATUS(vn_trial_is_active(trial, "nope", &active), VN_E_NOT_FOUND);
  EXPECT_STATUS(vn_trial_get_float(trial, "x", NULL), VN_E_INVALID);

  /* The conditional: active exactly when opt is "b"; an inactive one cannot be read. */
  EXPECT_STATUS(vn_trial_is_active(trial, "x", &active), VN_OK);
  EXPECT(active == 1);
  EXPECT_STATUS(vn_trial_is_active(trial, "momentum", &active), VN_OK);
  REQUIRE_OK(vn_trial_params_json(trial, &params));
  EXPECT(strstr(params, "\"x\"") != NULL && strstr(params, "\"opt\"") != NULL);
  if (opt != NULL && strcmp(opt, "b") == 0) {
    EXPECT(active == 1);
    EXPECT_STATUS(vn_trial_get_float(trial, "momentum", &momentum), VN_OK);
    EXPECT(momentum >= 0 && momentum <= 1);
    EXPECT(strstr(params, "\"momentum\"") != NULL);
  } else {
    EXPECT(active == 0);
    EXPECT_STATUS(vn_trial_get_float(trial, "momentum", &momentum), VN_E_STATE);
    EXPECT_MESSAGE("inactive");
    EXPECT(strstr(params, "\"momentum\"") == NULL);
  }
  vn_free(params);
  return active == 1;
}

static void test_ask_tell(vn_context *ctx) {
  vn_study *study = create_study(ctx, kStudyConfig);
  vn_study *other = create_study(ctx, kStudyConfig);
  vn_trial *trial = NULL;
  int i, seen_active = 0, seen_inactive = 0;
  int64_t best_number = -1;
  double best_value = 0;

  EXPECT(vn_study_count(study, -1) == 0);
  EXPECT_STATUS(vn_study_best(study, &best_number, &best_value), VN_E_NOT_FOUND);
  EXPECT_STATUS(vn_study_ask(study, NULL), VN_E_INVALID);

  /* 20 trials told complete with value = trial number: the best is trial 0. */
  for (i = 0; i < 20; ++i) {
    REQUIRE_OK(vn_study_ask(study, &trial));
    EXPECT(vn_trial_number(trial) == i);
    EXPECT(vn_study_count(study, VN_TRIAL_RUNNING) == 1);
    if (check_trial_getters(trial)) seen_active = 1;
    else seen_inactive = 1;
    EXPECT(vn_trial_should_prune(trial) == 0);
    EXPECT_STATUS(vn_trial_report(trial, 0, 10.0 + i), VN_OK);
    EXPECT_STATUS(vn_trial_report(trial, 1, nan("")), VN_E_INVALID);
    EXPECT_STATUS(vn_study_tell(study, trial, VN_TRIAL_COMPLETE, (double)i), VN_OK);
    /* Telling it again is refused, whatever the state. */
    EXPECT_STATUS(vn_study_tell(study, trial, VN_TRIAL_COMPLETE, 0.0), VN_E_STATE);
    EXPECT_STATUS(vn_study_tell(study, trial, VN_TRIAL_FAILED, 0.0), VN_E_STATE);
    vn_trial_free(trial);
  }
  EXPECT(seen_active && seen_inactive); /* 20 draws of a fair choice give both */

  /* A NaN value for a complete trial: recorded as failed, and the call says so. */
  REQUIRE_OK(vn_study_ask(study, &trial));
  EXPECT_STATUS(vn_study_tell(study, trial, VN_TRIAL_COMPLETE, nan("")), VN_E_INVALID);
  EXPECT_MESSAGE("failed");
  EXPECT_STATUS(vn_study_tell(study, trial, VN_TRIAL_COMPLETE, 1.0), VN_E_STATE);
  vn_trial_free(trial);

  /* Pruned and failed trials; an unknown state; a trial given to the wrong study. */
  REQUIRE_OK(vn_study_ask(study, &trial));
  EXPECT_STATUS(vn_study_tell(study, trial, 42, 1.0), VN_E_INVALID);
  EXPECT_STATUS(vn_study_tell(other, trial, VN_TRIAL_COMPLETE, 1.0), VN_E_INVALID);
  EXPECT_STATUS(vn_trial_report(trial, 3, 7.0), VN_OK);
  EXPECT_STATUS(vn_study_tell(study, trial, VN_TRIAL_PRUNED, 0.0), VN_OK);
  vn_trial_free(trial);
  REQUIRE_OK(vn_study_ask(study, &trial));
  EXPECT_STATUS(vn_study_tell(study, trial, VN_TRIAL_FAILED, 0.0), VN_OK);
  vn_trial_free(trial);
  EXPECT_STATUS(vn_study_tell(study, NULL, VN_TRIAL_COMPLETE, 0.0), VN_E_INVALID);

  EXPECT(vn_study_count(study, -1) == 23);
  EXPECT(vn_study_count(study, VN_TRIAL_COMPLETE) == 20);
  EXPECT(vn_study_count(study, VN_TRIAL_FAILED) == 2);
  EXPECT(vn_study_count(study, VN_TRIAL_PRUNED) == 1);
  EXPECT(vn_study_count(study, VN_TRIAL_RUNNING) == 0);
  EXPECT(vn_study_count(NULL, -1) == 0);
  EXPECT_STATUS(vn_study_best(study, &best_number, &best_value), VN_OK);
  EXPECT(best_number == 0 && best_value == 0.0);

  vn_study_free(other);
  vn_study_free(study);
}

/* ---- optimize with a callback ------------------------------------------------------------------ */

struct callback_state {
  int calls;
};

/* Trial k: value (x - 0.5)^2, except every 5th fails and every 7th returns NaN as "complete". */
static int32_t objective(vn_trial *trial, void *user, double *value) {
  struct callback_state *state = (struct callback_state *)user;
  double x = 0;
  int64_t number = vn_trial_number(trial);
  ++state->calls;
  if (vn_trial_get_float(trial, "x", &x) != VN_OK) return VN_TRIAL_FAILED;
  if (number % 5 == 4) return VN_TRIAL_FAILED;
  if (number % 7 == 6) {
    *value = nan("");
    return VN_TRIAL_COMPLETE;
  }
  *value = (x - 0.5) * (x - 0.5);
  return VN_TRIAL_COMPLETE;
}

static void test_optimize(vn_context *ctx) {
  vn_study *study = create_study(ctx, kStudyConfig);
  struct callback_state state = {0};
  int64_t best_number = -1;
  double best_value = -1;
  int64_t k, failed = 0;

  EXPECT_STATUS(vn_study_optimize(study, 30, objective, &state), VN_OK);
  EXPECT(state.calls == 30);
  for (k = 0; k < 30; ++k) failed += (k % 5 == 4) || (k % 7 == 6);
  EXPECT(vn_study_count(study, -1) == 30);
  EXPECT(vn_study_count(study, VN_TRIAL_FAILED) == (uint64_t)failed);
  EXPECT(vn_study_count(study, VN_TRIAL_COMPLETE) == (uint64_t)(30 - failed));
  EXPECT_STATUS(vn_study_best(study, &best_number, &best_value), VN_OK);
  EXPECT(best_value >= 0 && best_value < 0.25 && best_number % 5 != 4);
  EXPECT_STATUS(vn_study_optimize(study, 1, NULL, NULL), VN_E_INVALID);
  vn_study_free(study);
}

/* ---- run the config's own objective; results as JSON -------------------------------------------- */

static void count_lines(const char *line, void *user) {
  if (line != NULL && line[0] != '\0') ++*(int *)user;
}

static void test_run_and_results(vn_context *ctx) {
  vn_study *study = create_study(ctx, "{\"objective\": {\"function\": \"branin\"}, \"trials\": 15,"
                                      " \"sampler\": {\"plugin\": \"random\", \"seed\": 5}}");
  vn_study *bare = create_study(ctx, kStudyConfig);
  int lines = 0;
  int64_t best_number = -1;
  double best_value = -1;
  char *json = NULL;

  EXPECT_STATUS(vn_study_run(study, 0, count_lines, &lines), VN_OK);
  EXPECT(lines == 15);
  EXPECT(vn_study_count(study, -1) == 15 && vn_study_count(study, VN_TRIAL_COMPLETE) == 15);
  EXPECT_STATUS(vn_study_run(study, 20, NULL, NULL), VN_OK); /* tops the study up to 20 */
  EXPECT(vn_study_count(study, VN_TRIAL_COMPLETE) == 20);
  EXPECT_STATUS(vn_study_best(study, &best_number, &best_value), VN_OK);
  EXPECT(best_value >= 0.397887 && best_value < 50);
  EXPECT(best_number >= 0 && best_number < 20);

  REQUIRE_OK(vn_study_summary_json(study, &json));
  EXPECT(strstr(json, "\"study\":\"branin\"") != NULL); /* the problem's name is the default */
  EXPECT(strstr(json, "\"direction\":\"minimize\"") != NULL);
  EXPECT(strstr(json, "\"complete\":20") != NULL);
  EXPECT(strstr(json, "\"best\":{") != NULL);
  vn_free(json);
  REQUIRE_OK(vn_study_trials_json(study, &json));
  EXPECT(json[0] == '[' && strstr(json, "\"number\":19") != NULL && strstr(json, "\"state\":\"complete\"") != NULL);
  EXPECT(strstr(json, "\"x0\"") != NULL); /* branin's own space */
  vn_free(json);
  EXPECT_STATUS(vn_study_summary_json(study, NULL), VN_E_INVALID);
  EXPECT_STATUS(vn_study_trials_json(NULL, &json), VN_E_INVALID);

  /* No objective in the config, no budget: each refused with a message naming it. */
  EXPECT_STATUS(vn_study_run(bare, 5, NULL, NULL), VN_E_INVALID);
  EXPECT_MESSAGE("objective");
  EXPECT_STATUS(vn_study_run(bare, 0, NULL, NULL), VN_E_INVALID);
  EXPECT_MESSAGE("trials");
  REQUIRE_OK(vn_study_summary_json(bare, &json));
  EXPECT(strstr(json, "\"best\":null") != NULL);
  vn_free(json);

  vn_study_free(bare);
  vn_study_free(study);
}

/* ---- the conformance suite through the C API ------------------------------------------------------ */

static void test_check_plugin(vn_context *ctx, const char *random_path) {
  char *report = NULL;
  vn_status status;
  EXPECT(random_path[0] != '\0');
  if (random_path[0] != '\0') {
    EXPECT_STATUS(vn_check_plugin(ctx, random_path, &report), VN_OK);
    if (report != NULL) {
      EXPECT(strstr(report, "\"checks\"") != NULL && strstr(report, "\"components\"") != NULL);
      EXPECT(strstr(report, "\"passed\":true") != NULL);
      EXPECT(strstr(report, "\"passed\":false") == NULL); /* every check passes */
      if (strstr(report, "\"passed\":false") != NULL) fprintf(stderr, "report: %s\n", report);
    }
    vn_free(report);
  }
  /* A file that is not there: an error, or a report whose verdict is a failure. */
  report = NULL;
  status = vn_check_plugin(ctx, "/nonexistent/libvernier-none.so", &report);
  if (status == VN_OK) EXPECT(report != NULL && strstr(report, "\"passed\":false") != NULL);
  else EXPECT_MESSAGE("/nonexistent/libvernier-none.so");
  vn_free(report);
  EXPECT_STATUS(vn_check_plugin(ctx, random_path, NULL), VN_E_INVALID);
}

/* ---- outputs on failure: handles and strings are NULL, as vernier.h promises ------------------- */

/* `call`, given a NULL handle, fails with VN_E_INVALID and sets the output `out` (non-NULL before) to NULL. */
#define EXPECT_INVALID_NULLS(call, out)          \
  do {                                           \
    (out) = (void *)&failures;                   \
    EXPECT_STATUS((call), VN_E_INVALID);         \
    EXPECT((out) == NULL);                       \
  } while (0)

static void test_outputs_on_failure(void) {
  char *text; /* each call must overwrite the non-NULL value it is given */
  vn_study *study;
  EXPECT_INVALID_NULLS(vn_study_create(NULL, "{}", &study), study);
  EXPECT_INVALID_NULLS(vn_study_summary_json(NULL, &text), text);
  EXPECT_INVALID_NULLS(vn_study_trials_json(NULL, &text), text);
  EXPECT_INVALID_NULLS(vn_context_plugins_json(NULL, &text), text);
  EXPECT_INVALID_NULLS(vn_trial_params_json(NULL, &text), text);
  EXPECT_INVALID_NULLS(vn_check_plugin(NULL, "x.so", &text), text);
  EXPECT_INVALID_NULLS(vn_study_attrs_json(NULL, &text), text);
}

int main(void) {
  char random_path[4096] = "";
  vn_context *ctx;

  test_library();
  test_outputs_on_failure();
  test_context(random_path, sizeof random_path);
  ctx = open_context();
  test_create_errors(ctx);
  test_ask_tell(ctx);
  test_optimize(ctx);
  test_run_and_results(ctx);
  test_check_plugin(ctx, random_path);
  vn_context_free(ctx);

  return expectations_result("test_c_api");
}
