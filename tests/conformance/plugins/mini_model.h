/* A deliberately small but conformant model for the model-suite tests: one nearest neighbour (squared
 * Euclidean distance, ties to the earlier training row), regression or classification (a one-hot
 * probability row). It copies the training rows it needs at fit, refuses non-finite input naming the
 * row, accepts the one hyperparameter "unused" and the options "{}" only. A broken_*.c library includes it
 * and breaks exactly one thing through the MINI_MODEL_* hooks, so its report fails only where intended.
 * Everything is static, so a library that uses only part of it compiles without warnings. */
#ifndef VERNIER_TESTS_MINI_MODEL_H
#define VERNIER_TESTS_MINI_MODEL_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "broken_common.h"
#include "vernier/plugin/model.h"

typedef struct mini_model {
  char last_error[256];
  int fitted;
  uint32_t task, n_features, n_classes;
  uint64_t n_train;
  double *train_x; /* n_train x n_features, copied at fit */
  double *train_y; /* n_train */
  /* The whole fit dataset's features, copied at fit: used only by a library that defines
   * MINI_MODEL_QUERY_FROM_FIT_COPY (a bug: predict must read the view it is given). */
  uint64_t n_copied;
  double *copied_x;
} mini_model;

static void mini_model_reset(mini_model *m) {
  free(m->train_x);
  free(m->train_y);
  free(m->copied_x);
  m->train_x = m->train_y = m->copied_x = NULL;
  m->n_train = m->n_copied = 0;
  m->fitted = 0;
}

static vn_status mini_model_fail(mini_model *m, vn_status status, const char *message) {
  snprintf(m->last_error, sizeof m->last_error, "%s", message);
  return status;
}

/* VN_E_INVALID with "<call>: row <row> <problem>": the suite wants the row named. */
static vn_status mini_model_row_fail(mini_model *m, const char *call, uint64_t row, const char *problem) {
  snprintf(m->last_error, sizeof m->last_error, "%s: row %llu %s", call, (unsigned long long)row, problem);
  return VN_E_INVALID;
}

static vn_status mini_model_fit(void *self, const vn_dataset *data, const uint64_t *rows, uint64_t n_rows,
                                const vn_space *space, const double *hparams, uint64_t seed) {
  mini_model *m = (mini_model *)self;
  uint64_t i;
  uint32_t j, d = data->n_features;
  (void)hparams;
  (void)seed;
#ifdef MINI_MODEL_FIRST_FIT_ONLY
  if (m->fitted) return VN_OK; /* the bug: a later fit is ignored */
#endif
  mini_model_reset(m);
  for (j = 0; j < space->n_params; ++j)
    if (strcmp(space->params[j].name, "unused") != 0) {
      snprintf(m->last_error, sizeof m->last_error, "unknown hyperparameter '%s'", space->params[j].name);
      return VN_E_INVALID;
    }
  if (n_rows == 0) return mini_model_fail(m, VN_E_INVALID, "fit: no rows");
  for (i = 0; i < n_rows; ++i) {
    const uint64_t r = rows[i];
    if (r >= data->n_rows) return mini_model_row_fail(m, "fit", r, "is out of range");
    for (j = 0; j < d; ++j)
      if (!isfinite(data->features[r * d + j])) return mini_model_row_fail(m, "fit", r, "has a non-finite feature");
    if (!isfinite(data->target[r])) return mini_model_row_fail(m, "fit", r, "has a non-finite target");
  }
  m->train_x = (double *)malloc(n_rows * d * sizeof(double) + 1);
  m->train_y = (double *)malloc(n_rows * sizeof(double));
  m->copied_x = (double *)malloc(data->n_rows * d * sizeof(double) + 1);
  if (m->train_x == NULL || m->train_y == NULL || m->copied_x == NULL) {
    mini_model_reset(m);
    return mini_model_fail(m, VN_E_NOMEM, "fit: out of memory");
  }
#ifdef MINI_MODEL_FIT_WHOLE_VIEW
  /* The leak: every row of the view is learnt from, not just `rows` (a cross-validation host that handed
   * the whole training part would let it learn the validation fold's labels). Non-finite rows are skipped
   * so that the checks of non-finite input still see a clean refusal above. */
  n_rows = 0;
  m->train_x = (double *)realloc(m->train_x, data->n_rows * d * sizeof(double) + 1);
  m->train_y = (double *)realloc(m->train_y, data->n_rows * sizeof(double) + 1);
  if (m->train_x == NULL || m->train_y == NULL) {
    mini_model_reset(m);
    return mini_model_fail(m, VN_E_NOMEM, "fit: out of memory");
  }
  for (i = 0; i < data->n_rows; ++i) {
    memcpy(m->train_x + n_rows * d, data->features + i * d, d * sizeof(double));
    m->train_y[n_rows] = data->target[i];
    n_rows += isfinite(data->target[i]) ? 1 : 0;
  }
#else
  for (i = 0; i < n_rows; ++i) {
    memcpy(m->train_x + i * d, data->features + rows[i] * d, d * sizeof(double));
    m->train_y[i] = data->target[rows[i]];
  }
#endif
  memcpy(m->copied_x, data->features, data->n_rows * d * sizeof(double));
  m->n_copied = data->n_rows;
  m->n_train = n_rows;
  m->task = data->task;
  m->n_features = d;
  m->n_classes = data->n_classes;
  m->fitted = 1;
  return VN_OK;
}

static vn_status mini_model_predict(void *self, const vn_dataset *data, const uint64_t *rows, uint64_t n_rows,
                                    double *out, uint64_t out_len) {
  mini_model *m = (mini_model *)self;
  const uint32_t width = data->task == VN_TASK_CLASSIFICATION ? data->n_classes : 1;
  const uint32_t d = m->n_features;
  uint64_t i, t;
  uint32_t j;
  if (!m->fitted) return mini_model_fail(m, VN_E_STATE, "predict before fit");
  if (out_len != n_rows * width) return mini_model_fail(m, VN_E_INVALID, "predict: wrong out_len");
  for (i = 0; i < n_rows; ++i) {
    const uint64_t r = rows[i];
    const double *query;
    uint64_t best = 0;
    double best_distance = INFINITY;
    if (r >= data->n_rows) return mini_model_row_fail(m, "predict", r, "is out of range");
    for (j = 0; j < d; ++j)
      if (!isfinite(data->features[r * d + j]))
        return mini_model_row_fail(m, "predict", r, "has a non-finite feature");
#ifdef MINI_MODEL_QUERY_FROM_FIT_COPY
    /* The bug: the row index is taken to mean the fit dataset's row, read from the copy made at fit. */
    if (r >= m->n_copied) return mini_model_row_fail(m, "predict", r, "is out of range");
    query = m->copied_x + r * d;
#else
    query = data->features + r * d;
#endif
    for (t = 0; t < m->n_train; ++t) {
      double distance = 0;
      for (j = 0; j < d; ++j) distance += (query[j] - m->train_x[t * d + j]) * (query[j] - m->train_x[t * d + j]);
      if (distance < best_distance) {
        best_distance = distance;
        best = t;
      }
    }
#ifdef MINI_MODEL_PREDICT_PEEKS_TARGET
    /* The leak: a predicted row's own target, when the view holds a usable one, is the answer. */
    if (isfinite(data->target[r]) && (width == 1 || (data->target[r] >= 0 && data->target[r] < width))) {
      if (width == 1) {
        out[i] = data->target[r];
      } else {
        for (j = 0; j < width; ++j) out[i * width + j] = (double)j == data->target[r] ? 1.0 : 0.0;
      }
      continue;
    }
#endif
    if (width == 1) {
      out[i] = m->train_y[best];
    } else {
      for (j = 0; j < width; ++j) out[i * width + j] = (double)j == m->train_y[best] ? 1.0 : 0.0;
    }
  }
  return VN_OK;
}

static const char *mini_model_last_error(void *self) { return ((mini_model *)self)->last_error; }

static void mini_model_destroy(void *self) {
  mini_model_reset((mini_model *)self);
  free(self);
}

static const vn_model_vtable mini_model_vtable = {sizeof(vn_model_vtable), mini_model_fit, mini_model_predict,
                                                  mini_model_last_error, mini_model_destroy};

static vn_status mini_model_create(const vn_component *self, const vn_host *host, const char *config_json,
                                   void **out_instance, const void **out_vtable, char *err, size_t err_cap) {
  mini_model *m;
  vn_status status = mini_check_config(config_json, err, err_cap);
  (void)self;
  (void)host;
  if (status != VN_OK) return status;
  m = (mini_model *)calloc(1, sizeof *m);
  if (m == NULL) return VN_E_NOMEM;
  *out_instance = m;
  *out_vtable = &mini_model_vtable;
  return VN_OK;
}

#define MINI_MODEL_COMPONENT(name, summary)                                       \
  {sizeof(vn_component), VN_KIND_MODEL, name, "0.0.1", summary, "{\"options\": {}}", \
   "[{\"name\": \"unused\", \"type\": \"float\", \"low\": 0, \"high\": 1}]", mini_model_create}

/* A library whose one component is this mini model (with whatever MINI_MODEL_* hooks are defined). */
#define MINI_MODEL_PLUGIN(name, summary)                                          \
  static const vn_component mini_model_component = MINI_MODEL_COMPONENT(name, summary); \
  TEST_PLUGIN_EXPORT_ONE(mini_model_component)

#endif /* VERNIER_TESTS_MINI_MODEL_H */
