/* The appended parts of vernier.h exercised from C99, with their documented errors:
 *   journal storage: vn_study_open, vn_journal_list_json, vn_journal_study_json, vn_study_set_attr,
 *     vn_study_attrs_json (docs/storage.md);
 *   in-memory data for the cv objective: vn_data_arrays, vn_study_create_with_data (docs/config.md).
 * Only vernier.h is used, as an embedding C program would. JSON results are read with strstr/strtod,
 * which is enough to check names, counts and states (the serialiser writes no spaces).
 *
 * Plugins come from VERNIER_PLUGIN_BUILD_DIR only ("default_paths": false): random, ridge, logistic,
 * kfold, stratified, predefined and group. Journals go to a fresh mkdtemp directory, removed at the end. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, opendir, lstat, rmdir */

#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vernier/vernier.h>

#include "c_expect.h"

/* A JSON text must (or must not) contain `text`; on failure the whole JSON is printed. */
#define EXPECT_JSON_HAS(json, text)                                                                     \
  do {                                                                                                  \
    if ((json) == NULL || strstr((json), (text)) == NULL) {                                             \
      fprintf(stderr, "%s:%d: JSON lacks %s: %s\n", __FILE__, __LINE__, (text), (json) ? (json) : "(null)"); \
      ++failures;                                                                                       \
    }                                                                                                   \
  } while (0)
#define EXPECT_JSON_LACKS(json, text)                                                                   \
  do {                                                                                                  \
    if ((json) != NULL && strstr((json), (text)) != NULL) {                                             \
      fprintf(stderr, "%s:%d: JSON should not hold %s: %s\n", __FILE__, __LINE__, (text), (json));      \
      ++failures;                                                                                       \
    }                                                                                                   \
  } while (0)


/* ---- small helpers ---------------------------------------------------------------------------- */

/* How many times `needle` occurs in `text`. */
static int count_occurrences(const char *text, const char *needle) {
  int n = 0;
  const char *at = text;
  size_t len = strlen(needle);
  while (text != NULL && (at = strstr(at, needle)) != NULL) {
    ++n;
    at += len;
  }
  return n;
}

/* The number after `"key":` at or after `anchor` in json (NaN when absent or not a number). */
static double number_after(const char *json, const char *anchor, const char *key) {
  char pattern[128];
  const char *at = json != NULL ? strstr(json, anchor) : NULL;
  char *end = NULL;
  double v;
  if (at == NULL) return nan("");
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  at = strstr(at, pattern);
  if (at == NULL) return nan("");
  at += strlen(pattern);
  v = strtod(at, &end);
  return end == at ? nan("") : v;
}

static void write_file(const char *path, const char *content, size_t size) {
  FILE *f = fopen(path, "wb");
  if (f == NULL || fwrite(content, 1, size, f) != size) {
    fprintf(stderr, "cannot write %s\n", path);
    exit(1);
  }
  fclose(f);
}

static int file_exists(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0;
}

/* The whole file, NUL-terminated, freed by the caller; NULL when unreadable. */
static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  char *buf;
  long size;
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  buf = (char *)malloc((size_t)size + 1);
  if (buf != NULL && fread(buf, 1, (size_t)size, f) != (size_t)size) {
    free(buf);
    buf = NULL;
  }
  if (buf != NULL) buf[size] = '\0';
  fclose(f);
  return buf;
}

/* rm -r of the temp directory: journals, their lock files and lease directories. */
static void remove_tree(const char *path) {
  struct stat st;
  DIR *dir;
  struct dirent *entry;
  char child[4096];
  if (lstat(path, &st) != 0) return;
  if (S_ISDIR(st.st_mode) && (dir = opendir(path)) != NULL) {
    while ((entry = readdir(dir)) != NULL) {
      if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
      snprintf(child, sizeof child, "%s/%s", path, entry->d_name);
      remove_tree(child);
    }
    closedir(dir);
    rmdir(path);
  } else {
    unlink(path);
  }
}

/* A tiny deterministic generator (splitmix64): the data are the same on every run and platform. */
static uint64_t rng_state = 0x5eed;
static double uniform(void) { /* in [-1, 1) */
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return (double)(z >> 11) / 9007199254740992.0 * 2.0 - 1.0;
}

/* ---- journal storage ------------------------------------------------------------------------- */

static const char *const kStudyName = "c-journal";

/* A minimised study of x in [-1, 1] and n in 1..5, kept in `journal`. */
static void journal_config(char *buf, size_t cap, const char *name, const char *journal) {
  snprintf(buf, cap,
           "{\"name\": \"%s\", \"direction\": \"minimize\","
           " \"space\": [{\"name\": \"x\", \"type\": \"float\", \"low\": -1, \"high\": 1},"
           "            {\"name\": \"n\", \"type\": \"int\", \"low\": 1, \"high\": 5}],"
           " \"sampler\": {\"plugin\": \"random\", \"seed\": 7}, \"storage\": \"%s\"}",
           name, journal);
}

/* What the first session told, to compare with what later readers see. */
struct told {
  int64_t best_number;
  double best_value;
};

/* Session 1: 5 complete trials (value x^2 + n), one pruned after a report, one failed. */
static struct told first_session(vn_context *ctx, const char *journal) {
  char config[8192];
  vn_study *study = NULL;
  vn_trial *trial = NULL;
  struct told told = {-1, INFINITY};
  char *attrs = NULL;
  int i;

  journal_config(config, sizeof config, kStudyName, journal);
  REQUIRE_OK(vn_study_create(ctx, config, &study));
  EXPECT(file_exists(journal));
  for (i = 0; i < 7; ++i) {
    double x = 99, value;
    int64_t n = -1;
    REQUIRE_OK(vn_study_ask(study, &trial));
    EXPECT(vn_trial_number(trial) == i);
    EXPECT_STATUS(vn_trial_get_float(trial, "x", &x), VN_OK);
    EXPECT_STATUS(vn_trial_get_int(trial, "n", &n), VN_OK);
    EXPECT(x >= -1 && x <= 1 && n >= 1 && n <= 5);
    value = x * x + (double)n;
    if (i == 5) {
      EXPECT_STATUS(vn_trial_report(trial, 0, value), VN_OK);
      EXPECT_STATUS(vn_study_tell(study, trial, VN_TRIAL_PRUNED, 0.0), VN_OK);
    } else if (i == 6) {
      EXPECT_STATUS(vn_study_tell(study, trial, VN_TRIAL_FAILED, 0.0), VN_OK);
    } else {
      EXPECT_STATUS(vn_study_tell(study, trial, VN_TRIAL_COMPLETE, value), VN_OK);
      if (value < told.best_value) {
        told.best_value = value;
        told.best_number = i;
      }
    }
    vn_trial_free(trial);
  }

  /* Attributes: a user one (for people), a system one (for programs), and one set twice. */
  EXPECT_STATUS(vn_study_set_attr(study, "note", "\"first run\"", VN_ATTR_USER), VN_OK);
  EXPECT_STATUS(vn_study_set_attr(study, "note", "\"for people\"", VN_ATTR_USER), VN_OK);
  EXPECT_STATUS(vn_study_set_attr(study, "tool:owner", "{\"id\": 3, \"tags\": [\"a\", \"b\"]}", VN_ATTR_SYSTEM), VN_OK);
  REQUIRE_OK(vn_study_attrs_json(study, &attrs));
  EXPECT_JSON_HAS(attrs, "\"user\":{");
  EXPECT_JSON_HAS(attrs, "\"note\":\"for people\"");
  EXPECT_JSON_LACKS(attrs, "first run");
  EXPECT_JSON_HAS(attrs, "\"tool:owner\":{\"id\":3,\"tags\":[\"a\",\"b\"]}");
  EXPECT_JSON_HAS(attrs, "\"vernier:space\""); /* a journal keeps the study's settings as system attributes */
  /* The user attribute is not a system one and the system one not a user one. */
  EXPECT(attrs != NULL && strstr(attrs, "\"system\":{") != NULL &&
         strstr(strstr(attrs, "\"system\":{"), "\"note\"") == NULL);
  vn_free(attrs);

  vn_study_free(study);
  return told;
}

/* The journal read without a study: the list of studies and one study with its trials. */
static void check_journal_json(const char *journal, const struct told *told, int complete) {
  char *json = NULL;
  char expected[256];

  REQUIRE_OK(vn_journal_list_json(journal, &json));
  EXPECT_JSON_HAS(json, "\"studies\":[");
  EXPECT_JSON_HAS(json, "\"name\":\"c-journal\"");
  EXPECT_JSON_HAS(json, "\"direction\":\"minimize\"");
  snprintf(expected, sizeof expected, "\"complete\":%d", complete);
  EXPECT_JSON_HAS(json, expected);
  EXPECT_JSON_HAS(json, "\"pruned\":1");
  EXPECT_JSON_HAS(json, "\"failed\":1");
  EXPECT_JSON_HAS(json, "\"running\":0");
  EXPECT_JSON_HAS(json, "\"vernier\":true");
  EXPECT_JSON_HAS(json, "\"warnings\":[]");
  EXPECT(number_after(json, "\"best\":{", "number") == (double)told->best_number ||
         complete > 5); /* later sessions may find a better one */
  EXPECT(number_after(json, "\"best\":{", "value") <= told->best_value);
  EXPECT(strstr(json, journal) != NULL); /* "path" */
  vn_free(json);

  /* One study, by name and as the only one. */
  REQUIRE_OK(vn_journal_study_json(journal, NULL, &json));
  EXPECT_JSON_HAS(json, "\"study\":\"c-journal\"");
  EXPECT_JSON_HAS(json, "\"vernier\":true");
  EXPECT(count_occurrences(json, "\"number\":") == complete + 2);
  EXPECT(count_occurrences(json, "\"state\":\"complete\"") == complete);
  EXPECT(count_occurrences(json, "\"state\":\"pruned\"") == 1);
  EXPECT(count_occurrences(json, "\"state\":\"failed\"") == 1);
  EXPECT_JSON_HAS(json, "\"user_attrs\":{\"note\":\"for people\"");
  EXPECT_JSON_HAS(json, "\"tool:owner\":{\"id\":3");
  EXPECT_JSON_HAS(json, "\"intermediate\":{\"0\":"); /* the pruned trial's report */
  EXPECT_JSON_HAS(json, "\"params\":{\"x\":");
  snprintf(expected, sizeof expected, "\"number\":%d,", (int)told->best_number);
  EXPECT_JSON_HAS(json, expected);
  vn_free(json);
  REQUIRE_OK(vn_journal_study_json(journal, kStudyName, &json));
  EXPECT_JSON_HAS(json, "\"study\":\"c-journal\"");
  vn_free(json);
}

/* Open the stored study without a config (by name and as the only one), see its trials, continue. */
static void reopen_and_continue(vn_context *ctx, const char *journal, const struct told *told) {
  vn_study *study = NULL;
  vn_trial *trial = NULL;
  int64_t best_number = -1;
  double best_value = -1, x = 99;
  char *json = NULL;

  REQUIRE_OK(vn_study_open(ctx, journal, kStudyName, &study));
  EXPECT(study != NULL);
  EXPECT(vn_study_count(study, -1) == 7);
  EXPECT(vn_study_count(study, VN_TRIAL_COMPLETE) == 5);
  EXPECT(vn_study_count(study, VN_TRIAL_PRUNED) == 1);
  EXPECT(vn_study_count(study, VN_TRIAL_FAILED) == 1);
  EXPECT_STATUS(vn_study_best(study, &best_number, &best_value), VN_OK);
  EXPECT(best_number == told->best_number);
  EXPECT(best_value == told->best_value); /* the journal writes numbers exactly */
  REQUIRE_OK(vn_study_attrs_json(study, &json));
  EXPECT_JSON_HAS(json, "\"note\":\"for people\"");
  EXPECT_JSON_HAS(json, "\"tool:owner\":{\"id\":3");
  vn_free(json);
  REQUIRE_OK(vn_study_summary_json(study, &json));
  EXPECT_JSON_HAS(json, "\"study\":\"c-journal\"");
  EXPECT_JSON_HAS(json, "\"direction\":\"minimize\"");
  vn_free(json);

  /* It continues: the next trial is number 7, in the stored space. */
  REQUIRE_OK(vn_study_ask(study, &trial));
  EXPECT(vn_trial_number(trial) == 7);
  EXPECT_STATUS(vn_trial_get_float(trial, "x", &x), VN_OK);
  EXPECT(x >= -1 && x <= 1);
  EXPECT_STATUS(vn_study_tell(study, trial, VN_TRIAL_COMPLETE, x * x + 1.0), VN_OK);
  vn_trial_free(trial);
  /* An attribute set by this session. */
  EXPECT_STATUS(vn_study_set_attr(study, "session", "2", VN_ATTR_USER), VN_OK);
  vn_study_free(study);

  /* NULL name: the journal's only study. */
  REQUIRE_OK(vn_study_open(ctx, journal, NULL, &study));
  EXPECT(vn_study_count(study, -1) == 8);
  EXPECT(vn_study_count(study, VN_TRIAL_COMPLETE) == 6);
  REQUIRE_OK(vn_study_attrs_json(study, &json));
  EXPECT_JSON_HAS(json, "\"session\":2");
  EXPECT_JSON_HAS(json, "\"note\":\"for people\"");
  vn_free(json);
  REQUIRE_OK(vn_study_ask(study, &trial));
  EXPECT(vn_trial_number(trial) == 8);
  EXPECT_STATUS(vn_study_tell(study, trial, VN_TRIAL_COMPLETE, 3.0), VN_OK);
  vn_trial_free(trial);
  vn_study_free(study);
}

static void journal_errors(vn_context *ctx, const char *dir, const char *journal) {
  char path[4096], config[8192];
  vn_study *study = (vn_study *)&study; /* not NULL: a failing call must reset it */
  vn_study *second = NULL;
  char *json = (char *)&json;
  char *content;

  /* A file that does not exist: not found, named, and not created by reading. */
  snprintf(path, sizeof path, "%s/missing.journal", dir);
  EXPECT_STATUS(vn_study_open(ctx, path, NULL, &study), VN_E_NOT_FOUND);
  EXPECT_MESSAGE(path);
  EXPECT(study == NULL);
  EXPECT_STATUS(vn_journal_list_json(path, &json), VN_E_NOT_FOUND);
  EXPECT_MESSAGE(path);
  EXPECT_STATUS(vn_journal_study_json(path, NULL, &json), VN_E_NOT_FOUND);
  EXPECT_MESSAGE(path);
  EXPECT(!file_exists(path));

  /* An unknown study: not found, naming it and the studies the journal holds. */
  study = (vn_study *)&study;
  EXPECT_STATUS(vn_study_open(ctx, journal, "no-such-study", &study), VN_E_NOT_FOUND);
  EXPECT_MESSAGE("no-such-study");
  EXPECT_MESSAGE("'c-journal'");
  EXPECT(study == NULL);
  EXPECT_STATUS(vn_journal_study_json(journal, "no-such-study", &json), VN_E_NOT_FOUND);
  EXPECT_MESSAGE("'c-journal'");

  /* Two studies in one journal: NULL no longer picks one; the message names both. */
  journal_config(config, sizeof config, "second", journal);
  REQUIRE_OK(vn_study_create(ctx, config, &second));
  vn_study_free(second);
  EXPECT_STATUS(vn_study_open(ctx, journal, NULL, &study), VN_E_INVALID);
  EXPECT_MESSAGE("'c-journal'");
  EXPECT_MESSAGE("'second'");
  EXPECT_STATUS(vn_journal_study_json(journal, NULL, &json), VN_E_INVALID);
  EXPECT_MESSAGE("'second'");
  REQUIRE_OK(vn_journal_list_json(journal, &json));
  EXPECT(count_occurrences(json, "\"name\":") == 2);
  EXPECT_JSON_HAS(json, "\"name\":\"second\"");
  vn_free(json);
  REQUIRE_OK(vn_study_open(ctx, journal, "second", &second));
  EXPECT(vn_study_count(second, -1) == 0);
  vn_study_free(second);

  /* Files that are not journals: refused by name, and left as they were. */
  snprintf(path, sizeof path, "%s/notes.txt", dir);
  write_file(path, "hello world\nsecond line\n", 24);
  study = (vn_study *)&study;
  EXPECT_STATUS(vn_study_open(ctx, path, NULL, &study), VN_E_INVALID);
  EXPECT_MESSAGE(path);
  EXPECT_MESSAGE("not a journal");
  EXPECT(study == NULL);
  EXPECT_STATUS(vn_journal_list_json(path, &json), VN_E_INVALID);
  EXPECT_MESSAGE("not a journal");
  EXPECT_STATUS(vn_journal_study_json(path, NULL, &json), VN_E_INVALID);
  EXPECT_MESSAGE("not a journal");
  content = read_file(path);
  EXPECT(content != NULL && strcmp(content, "hello world\nsecond line\n") == 0);
  free(content);
  snprintf(path, sizeof path, "%s/blob.bin", dir); /* no newline at all: not a torn journal either */
  write_file(path, "\177ELF\002\001\001\000binary", 14);
  EXPECT_STATUS(vn_study_open(ctx, path, NULL, &study), VN_E_INVALID);
  EXPECT_MESSAGE("not a journal");
  /* A config storing into a file that is not a journal is refused, and the file is untouched. */
  snprintf(path, sizeof path, "%s/notes.txt", dir);
  journal_config(config, sizeof config, "third", path);
  EXPECT_STATUS(vn_study_create(ctx, config, &study), VN_E_INVALID);
  EXPECT_MESSAGE("not a journal");
  content = read_file(path);
  EXPECT(content != NULL && strcmp(content, "hello world\nsecond line\n") == 0);
  free(content);

  /* NULL arguments. */
  study = (vn_study *)&study;
  EXPECT_STATUS(vn_study_open(NULL, journal, NULL, &study), VN_E_INVALID);
  EXPECT_MESSAGE("vn_study_open: ctx");
  EXPECT(study == NULL);
  EXPECT_STATUS(vn_study_open(ctx, NULL, NULL, &study), VN_E_INVALID);
  EXPECT_MESSAGE("journal_path");
  EXPECT_STATUS(vn_study_open(ctx, journal, kStudyName, NULL), VN_E_INVALID);
  EXPECT_MESSAGE("out");
  EXPECT_STATUS(vn_journal_list_json(NULL, &json), VN_E_INVALID);
  EXPECT_MESSAGE("vn_journal_list_json");
  EXPECT_STATUS(vn_journal_list_json(journal, NULL), VN_E_INVALID);
  EXPECT_STATUS(vn_journal_study_json(NULL, NULL, &json), VN_E_INVALID);
  EXPECT_MESSAGE("vn_journal_study_json");
  EXPECT_STATUS(vn_journal_study_json(journal, NULL, NULL), VN_E_INVALID);
}

/* vn_study_set_attr / vn_study_attrs_json errors, and attributes of a study kept in memory. */
static void attr_errors(vn_context *ctx, const char *journal) {
  vn_study *memory = NULL, *stored = NULL;
  char *json = NULL;

  REQUIRE_OK(vn_study_create(ctx,
                             "{\"name\": \"mem\", \"space\": [{\"name\": \"x\", \"type\": \"float\", \"low\": 0, \"high\": 1}],"
                             " \"sampler\": {\"plugin\": \"random\", \"seed\": 1}}",
                             &memory));
  EXPECT_STATUS(vn_study_set_attr(memory, "k", "[1, 2.5, null, true]", VN_ATTR_USER), VN_OK);
  EXPECT_STATUS(vn_study_set_attr(memory, "k", "{\"sys\": 1}", VN_ATTR_SYSTEM), VN_OK); /* same key, other kind */
  REQUIRE_OK(vn_study_attrs_json(memory, &json));
  EXPECT_JSON_HAS(json, "\"user\":{\"k\":[1,2.5E0,null,true]}");
  EXPECT_JSON_HAS(json, "\"system\":{\"k\":{\"sys\":1}}");
  vn_free(json);

  /* Invalid JSON: refused, naming the attribute and where the text goes wrong; nothing is stored. */
  EXPECT_STATUS(vn_study_set_attr(memory, "broken", "{\"a\": ", VN_ATTR_USER), VN_E_INVALID);
  EXPECT_MESSAGE("broken");
  EXPECT_MESSAGE("line");
  EXPECT_STATUS(vn_study_set_attr(memory, "bare", "not json", VN_ATTR_USER), VN_E_INVALID);
  EXPECT_MESSAGE("bare");
  EXPECT_STATUS(vn_study_set_attr(memory, "two", "1 2", VN_ATTR_USER), VN_E_INVALID);
  EXPECT_MESSAGE("two");
  EXPECT_STATUS(vn_study_set_attr(memory, "", "1", VN_ATTR_USER), VN_E_INVALID);
  EXPECT_MESSAGE("key");
  EXPECT_STATUS(vn_study_set_attr(memory, "k", "1", 2), VN_E_INVALID); /* neither user nor system */
  EXPECT_MESSAGE("VN_ATTR_SYSTEM");
  REQUIRE_OK(vn_study_attrs_json(memory, &json));
  EXPECT_JSON_LACKS(json, "broken");
  EXPECT_JSON_LACKS(json, "bare");
  EXPECT_JSON_LACKS(json, "\"two\"");
  vn_free(json);

  /* Vernier's own system keys cannot be overwritten: a study's stored space, sampler and seed are
   * what resuming it checks against. */
  REQUIRE_OK(vn_study_open(ctx, journal, kStudyName, &stored));
  EXPECT_STATUS(vn_study_set_attr(stored, "vernier:space", "42", VN_ATTR_SYSTEM), VN_E_INVALID);
  EXPECT_MESSAGE("vernier:space");
  EXPECT_STATUS(vn_study_set_attr(stored, "vernier:space", "42", VN_ATTR_USER), VN_OK); /* a user key may be anything */
  vn_study_free(stored);
  REQUIRE_OK(vn_study_open(ctx, journal, kStudyName, &stored));
  REQUIRE_OK(vn_study_attrs_json(stored, &json));
  EXPECT_JSON_HAS(json, "\"vernier:space\":[{");
  vn_free(json);
  vn_study_free(stored);

  /* NULL arguments. */
  EXPECT_STATUS(vn_study_set_attr(NULL, "k", "1", VN_ATTR_USER), VN_E_INVALID);
  EXPECT_MESSAGE("vn_study_set_attr");
  EXPECT_STATUS(vn_study_set_attr(memory, NULL, "1", VN_ATTR_USER), VN_E_INVALID);
  EXPECT_MESSAGE("key");
  EXPECT_STATUS(vn_study_set_attr(memory, "k", NULL, VN_ATTR_USER), VN_E_INVALID);
  EXPECT_MESSAGE("value_json");
  EXPECT_STATUS(vn_study_attrs_json(NULL, &json), VN_E_INVALID);
  EXPECT_MESSAGE("vn_study_attrs_json");
  EXPECT_STATUS(vn_study_attrs_json(memory, NULL), VN_E_INVALID);
  vn_study_free(memory);
}

static void test_journal(vn_context *ctx) {
  char dir[2048];
  char journal[4096];
  struct told told;
  const char *tmp = getenv("TMPDIR");

  snprintf(dir, sizeof dir, "%s/vernier-c-api-XXXXXX", tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
  if (mkdtemp(dir) == NULL) {
    perror("mkdtemp");
    exit(1);
  }
  snprintf(journal, sizeof journal, "%s/studies.journal", dir);

  told = first_session(ctx, journal);
  EXPECT(told.best_number >= 0 && told.best_number < 5);
  check_journal_json(journal, &told, 5);
  reopen_and_continue(ctx, journal, &told);
  check_journal_json(journal, &told, 7);
  journal_errors(ctx, dir, journal);
  attr_errors(ctx, journal);

  remove_tree(dir);
  EXPECT(!file_exists(dir));
}

/* ---- in-memory data for the cv objective ------------------------------------------------------- */

enum { kRows = 120, kFeatures = 3 };

/* 120 rows of 3 features in [-1, 1): a class from a linear rule on the first two (the third is noise),
 * and a regression target linear in them plus a little noise. */
struct synthetic {
  double x[kRows * kFeatures];
  double label[kRows];
  double y[kRows];
  int64_t groups[kRows];
  int64_t folds[kRows];
};

static void make_synthetic(struct synthetic *d) {
  int i, j;
  rng_state = 0x5eed;
  for (i = 0; i < kRows; ++i) {
    for (j = 0; j < kFeatures; ++j) d->x[i * kFeatures + j] = uniform();
    d->label[i] = d->x[i * kFeatures] + 0.5 * d->x[i * kFeatures + 1] > 0 ? 7.0 : -2.0; /* any distinct values */
    d->y[i] = 3.0 * d->x[i * kFeatures] - 2.0 * d->x[i * kFeatures + 1] + 0.05 * uniform();
    d->groups[i] = 1000 + i / 10; /* 12 groups of 10 consecutive rows */
    d->folds[i] = i % 4 == 3 ? -1 : i % 3;
  }
}

static vn_data_arrays arrays_of(const struct synthetic *d, const double *target) {
  vn_data_arrays a;
  memset(&a, 0, sizeof a);
  a.struct_size = (uint32_t)sizeof a;
  a.n_features = kFeatures;
  a.n_rows = kRows;
  a.features = d->x;
  a.target = target;
  return a;
}

/* The test_score's value of a summary (NaN if absent). */
static double test_score(const char *summary) { return number_after(summary, "\"test_score\":{", "value"); }

/* Each row of the summary's "test_rows" that lies in [0, kRows) is flagged in `held_out`; returns how many. */
static int held_out_rows(const char *summary, int held_out[kRows]) {
  const char *at = summary != NULL ? strstr(summary, "\"test_rows\":[") : NULL;
  int n = 0;
  memset(held_out, 0, sizeof(int) * kRows);
  if (at == NULL) return 0;
  at += strlen("\"test_rows\":[");
  while (*at != ']' && *at != '\0') {
    char *end = NULL;
    long row = strtol(at, &end, 10);
    if (end == at) break;
    if (row >= 0 && row < kRows) {
      held_out[row] = 1;
      ++n;
    }
    at = *end == ',' ? end + 1 : end;
  }
  return n;
}

static void data_classification(vn_context *ctx, const struct synthetic *d) {
  const char *config =
      "{\"name\": \"c-data-clf\", \"sampler\": {\"plugin\": \"random\", \"seed\": 2},"
      " \"space\": [{\"name\": \"C\", \"type\": \"float\", \"low\": 0.1, \"high\": 100, \"log\": true}],"
      " \"objective\": {\"cv\": {\"task\": \"classification\", \"model\": \"logistic\","
      "   \"splitter\": {\"plugin\": \"stratified\", \"options\": {\"n_splits\": 3}},"
      "   \"metric\": \"accuracy\", \"test_size\": 0.25, \"standardize\": true, \"seed\": 1}}}";
  static const char *const names[kFeatures] = {"alpha", "beta", "noise"};
  vn_data_arrays arrays = arrays_of(d, d->label);
  vn_study *study = NULL;
  int64_t best_number = -1;
  double best_value = -1, score;
  double x_before[kRows * kFeatures];
  char *json = NULL;
  int held_out[kRows];

  memcpy(x_before, d->x, sizeof x_before);
  arrays.feature_names = names;
  REQUIRE_OK(vn_study_create_with_data(ctx, config, &arrays, &study));
  EXPECT_STATUS(vn_study_run(study, 4, NULL, NULL), VN_OK);
  EXPECT(vn_study_count(study, VN_TRIAL_COMPLETE) == 4);
  EXPECT_STATUS(vn_study_best(study, &best_number, &best_value), VN_OK);
  /* A linear rule a logistic model learns: CV accuracy near 1 (chance is about 0.5). */
  EXPECT(isfinite(best_value) && best_value >= 0.85 && best_value <= 1.0);

  REQUIRE_OK(vn_study_summary_json(study, &json));
  EXPECT_JSON_HAS(json, "\"direction\":\"maximize\""); /* accuracy is maximised */
  EXPECT_JSON_HAS(json, "\"metric\":\"accuracy\"");
  score = test_score(json);
  EXPECT(isfinite(score) && score >= 0.8 && score <= 1.0);
  EXPECT(held_out_rows(json, held_out) == kRows / 4); /* ceil(0.25 * 120) */
  vn_free(json);

  REQUIRE_OK(vn_study_trials_json(study, &json));
  EXPECT(count_occurrences(json, "\"state\":\"complete\"") == 4);
  EXPECT_JSON_HAS(json, "\"intermediate\":{\"0\":"); /* one score per fold */
  EXPECT_JSON_HAS(json, "\"2\":");
  vn_free(json);
  vn_study_free(study);
  /* The borrowed features were read, never written. */
  EXPECT(memcmp(x_before, d->x, sizeof x_before) == 0);
}

static void data_regression(vn_context *ctx, const struct synthetic *d) {
  const char *config =
      "{\"name\": \"c-data-reg\", \"sampler\": {\"plugin\": \"random\", \"seed\": 3},"
      " \"space\": [{\"name\": \"alpha\", \"type\": \"float\", \"low\": 0.001, \"high\": 1, \"log\": true}],"
      " \"objective\": {\"cv\": {\"task\": \"regression\", \"model\": \"ridge\","
      "   \"splitter\": {\"plugin\": \"kfold\", \"options\": {\"n_splits\": 3, \"shuffle\": true}},"
      "   \"metric\": \"rmse\", \"test_size\": 0.2, \"seed\": 0}}}";
  vn_data_arrays arrays = arrays_of(d, d->y);
  vn_study *study = NULL;
  int64_t best_number = -1;
  double best_value = -1, mean = 0, sd = 0, score;
  char *json = NULL;
  int i;

  for (i = 0; i < kRows; ++i) mean += d->y[i] / kRows;
  for (i = 0; i < kRows; ++i) sd += (d->y[i] - mean) * (d->y[i] - mean) / kRows;
  sd = sqrt(sd);

  REQUIRE_OK(vn_study_create_with_data(ctx, config, &arrays, &study));
  EXPECT_STATUS(vn_study_run(study, 3, NULL, NULL), VN_OK);
  EXPECT(vn_study_count(study, VN_TRIAL_COMPLETE) == 3);
  EXPECT_STATUS(vn_study_best(study, &best_number, &best_value), VN_OK);
  /* The target is linear in the features plus noise of sd ~0.03: a ridge's RMSE is a small fraction of
   * the target's spread (predicting the mean would give sd ~ 2). */
  EXPECT(isfinite(best_value) && best_value > 0 && best_value < 0.1 * sd);
  REQUIRE_OK(vn_study_summary_json(study, &json));
  EXPECT_JSON_HAS(json, "\"direction\":\"minimize\"");
  EXPECT_JSON_HAS(json, "\"metric\":\"rmse\"");
  score = test_score(json);
  EXPECT(isfinite(score) && score > 0 && score < 0.1 * sd);
  vn_free(json);
  vn_study_free(study);
}

/* Fold ids and groups from the arrays: the predefined splitter's folds, and whole groups held out. */
static void data_folds_and_groups(vn_context *ctx, const struct synthetic *d) {
  const char *predefined =
      "{\"name\": \"c-data-folds\", \"sampler\": {\"plugin\": \"random\", \"seed\": 4},"
      " \"space\": [{\"name\": \"alpha\", \"type\": \"float\", \"low\": 0.01, \"high\": 1, \"log\": true}],"
      " \"objective\": {\"cv\": {\"task\": \"regression\", \"model\": \"ridge\", \"splitter\": \"predefined\","
      "   \"test_size\": 0}}}";
  const char *grouped =
      "{\"name\": \"c-data-groups\", \"sampler\": {\"plugin\": \"random\", \"seed\": 5},"
      " \"space\": [{\"name\": \"alpha\", \"type\": \"float\", \"low\": 0.01, \"high\": 1, \"log\": true}],"
      " \"objective\": {\"cv\": {\"task\": \"regression\", \"model\": \"ridge\","
      "   \"splitter\": {\"plugin\": \"group\", \"options\": {\"n_splits\": 3}}, \"test_size\": 0.25}}}";
  vn_data_arrays arrays = arrays_of(d, d->y);
  vn_study *study = NULL;
  char *json = NULL;
  int held_out[kRows], i, g, mixed = 0;

  arrays.folds = d->folds;
  REQUIRE_OK(vn_study_create_with_data(ctx, predefined, &arrays, &study));
  EXPECT_STATUS(vn_study_run(study, 2, NULL, NULL), VN_OK);
  EXPECT(vn_study_count(study, VN_TRIAL_COMPLETE) == 2);
  REQUIRE_OK(vn_study_trials_json(study, &json));
  /* fold ids 0, 1, 2: three validation folds, so three intermediate values per trial and no fourth */
  EXPECT(count_occurrences(json, "\"2\":") == 2);
  EXPECT(count_occurrences(json, "\"3\":") == 0);
  vn_free(json);
  REQUIRE_OK(vn_study_summary_json(study, &json));
  EXPECT_JSON_LACKS(json, "\"test_score\""); /* test_size 0 */
  vn_free(json);
  vn_study_free(study);

  arrays.folds = NULL;
  arrays.groups = d->groups;
  REQUIRE_OK(vn_study_create_with_data(ctx, grouped, &arrays, &study));
  EXPECT_STATUS(vn_study_run(study, 2, NULL, NULL), VN_OK);
  EXPECT(vn_study_count(study, VN_TRIAL_COMPLETE) == 2);
  REQUIRE_OK(vn_study_summary_json(study, &json));
  EXPECT(held_out_rows(json, held_out) > 0);
  /* The test part takes whole groups (docs/config.md: "group" is the default with groups). */
  for (g = 0; g < kRows / 10; ++g) {
    int in_test = 0;
    for (i = g * 10; i < g * 10 + 10; ++i) in_test += held_out[i];
    if (in_test != 0 && in_test != 10) ++mixed;
  }
  EXPECT(mixed == 0);
  if (mixed != 0) fprintf(stderr, "summary with groups split across the test part: %s\n", json);
  vn_free(json);
  vn_study_free(study);
}

/* vn_study_create_with_data must refuse with `status`, leave *out NULL, and name the problem. */
static void expect_data_fails(vn_context *ctx, const char *config, const vn_data_arrays *arrays, vn_status status,
                              const char *mention, int line) {
  vn_study *study = (vn_study *)&study;
  vn_status got = vn_study_create_with_data(ctx, config, arrays, &study);
  if (got != status || study != NULL || strstr(vn_last_error(), mention) == NULL) {
    fprintf(stderr,
            "%s:%d: vn_study_create_with_data returned %d (expected %d), out %s; vn_last_error \"%s\" should mention \"%s\"\n",
            __FILE__, line, (int)got, (int)status, study == NULL ? "NULL" : "not NULL", vn_last_error(), mention);
    ++failures;
  }
  if (got == VN_OK) vn_study_free(study);
}

static void data_errors(vn_context *ctx, struct synthetic *d) {
  const char *clf =
      "{\"sampler\": {\"plugin\": \"random\", \"seed\": 2},"
      " \"objective\": {\"cv\": {\"task\": \"classification\", \"model\": \"logistic\","
      "   \"splitter\": {\"plugin\": \"stratified\", \"options\": {\"n_splits\": 3}}}}}";
  const char *with_file =
      "{\"objective\": {\"cv\": {\"task\": \"classification\", \"model\": \"logistic\","
      "   \"data\": \"data.csv\", \"target\": \"y\"}}}";
  static const char *const names[kFeatures] = {"alpha", "beta", "noise"};
  static const char *const null_name[kFeatures] = {"alpha", NULL, "noise"};
  vn_data_arrays arrays = arrays_of(d, d->label);
  vn_data_arrays bad;
  vn_study *study = NULL;
  double keep;
  double one_class[kRows];
  int64_t bad_folds[kRows];
  int i;

  /* Sanity: the base arrays and config are fine, so each refusal below is about its one change. */
  REQUIRE_OK(vn_study_create_with_data(ctx, clf, &arrays, &study));
  vn_study_free(study);

  /* Non-finite values name the row and the feature. */
  keep = d->x[7 * kFeatures + 2];
  d->x[7 * kFeatures + 2] = nan("");
  expect_data_fails(ctx, clf, &arrays, VN_E_INVALID, "row 7, feature 2", __LINE__);
  EXPECT_MESSAGE("NaN");
  bad = arrays;
  bad.feature_names = names;
  expect_data_fails(ctx, clf, &bad, VN_E_INVALID, "'noise'", __LINE__);
  d->x[7 * kFeatures + 2] = INFINITY;
  expect_data_fails(ctx, clf, &arrays, VN_E_INVALID, "row 7, feature 2", __LINE__);
  EXPECT_MESSAGE("infinite");
  d->x[7 * kFeatures + 2] = keep;
  keep = d->label[11];
  d->label[11] = nan("");
  expect_data_fails(ctx, clf, &arrays, VN_E_INVALID, "target of row 11", __LINE__);
  d->label[11] = keep;

  /* A config that also names a file, or a column, or whose objective is not cv. */
  expect_data_fails(ctx, with_file, &arrays, VN_E_INVALID, "objective.cv.", __LINE__);
  EXPECT_MESSAGE("data");
  expect_data_fails(ctx,
                    "{\"objective\": {\"cv\": {\"task\": \"classification\", \"model\": \"logistic\", \"groups\": \"g\"}}}",
                    &arrays, VN_E_INVALID, "objective.cv.groups", __LINE__);
  expect_data_fails(ctx, "{\"space\": [{\"name\": \"x\", \"type\": \"float\", \"low\": 0, \"high\": 1}]}", &arrays,
                    VN_E_INVALID, "cv", __LINE__);
  expect_data_fails(ctx, "{\"objective\": {\"cv\": {\"task\": \"classification\", \"model\": \"no-such-model\"}}}",
                    &arrays, VN_E_NOT_FOUND, "no-such-model", __LINE__);
  expect_data_fails(ctx, "{\"objective\": {\"cv\": {", &arrays, VN_E_INVALID, "line", __LINE__);

  /* struct_size from an older, smaller vn_data_arrays. */
  bad = arrays;
  bad.struct_size = 8;
  expect_data_fails(ctx, clf, &bad, VN_E_INCOMPATIBLE, "struct_size is 8", __LINE__);
  EXPECT_MESSAGE("sizeof(vn_data_arrays)");
  bad.struct_size = 0;
  expect_data_fails(ctx, clf, &bad, VN_E_INCOMPATIBLE, "struct_size", __LINE__);

  /* Shapes and pointers. */
  bad = arrays;
  bad.n_rows = 0;
  expect_data_fails(ctx, clf, &bad, VN_E_INVALID, "no rows", __LINE__);
  bad = arrays;
  bad.n_features = 0;
  expect_data_fails(ctx, clf, &bad, VN_E_INVALID, "no features", __LINE__);
  bad = arrays;
  bad.features = NULL;
  expect_data_fails(ctx, clf, &bad, VN_E_INVALID, "features", __LINE__);
  bad = arrays;
  bad.target = NULL;
  expect_data_fails(ctx, clf, &bad, VN_E_INVALID, "target", __LINE__);
  bad = arrays;
  bad.feature_names = null_name;
  expect_data_fails(ctx, clf, &bad, VN_E_INVALID, "feature_names[1]", __LINE__);

  /* Values the columns cannot hold: one class; a fold id below -1. */
  for (i = 0; i < kRows; ++i) one_class[i] = 4.0;
  bad = arrays;
  bad.target = one_class;
  expect_data_fails(ctx, clf, &bad, VN_E_INVALID, "class", __LINE__);
  for (i = 0; i < kRows; ++i) bad_folds[i] = i % 3;
  bad_folds[40] = -5;
  bad = arrays;
  bad.folds = bad_folds;
  expect_data_fails(ctx, clf, &bad, VN_E_INVALID, "row 40", __LINE__);

  /* NULL arguments, each refused by name of the function. */
  study = (vn_study *)&study;
  EXPECT_STATUS(vn_study_create_with_data(NULL, clf, &arrays, &study), VN_E_INVALID);
  EXPECT_MESSAGE("vn_study_create_with_data: ctx");
  EXPECT(study == NULL);
  EXPECT_STATUS(vn_study_create_with_data(ctx, NULL, &arrays, &study), VN_E_INVALID);
  EXPECT_MESSAGE("config_json");
  EXPECT_STATUS(vn_study_create_with_data(ctx, clf, NULL, &study), VN_E_INVALID);
  EXPECT_MESSAGE("data is NULL");
  EXPECT_STATUS(vn_study_create_with_data(ctx, clf, &arrays, NULL), VN_E_INVALID);
}

static void test_data(vn_context *ctx) {
  struct synthetic *d = (struct synthetic *)malloc(sizeof *d);
  if (d == NULL) exit(1);
  make_synthetic(d);
  data_classification(ctx, d);
  data_regression(ctx, d);
  data_folds_and_groups(ctx, d);
  data_errors(ctx, d);
  free(d);
}

int main(void) {
  vn_context *ctx = NULL;
  REQUIRE_OK(vn_context_new(kContextOptions, &ctx));
  test_journal(ctx);
  test_data(ctx);
  vn_context_free(ctx);

  return expectations_result("test_c_api_storage_data");
}
