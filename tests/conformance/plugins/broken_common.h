/* A deliberately minimal but valid sampler for the broken-plugin tests: every active parameter at its
 * low end (a categorical's first choice), NaN for inactive ones, no options. Each broken_*.c library
 * takes it and breaks exactly one rule, so its conformance report fails only where intended.
 * Everything is static inline, so a library that uses only part of it compiles without warnings. */
#ifndef VERNIER_TESTS_BROKEN_COMMON_H
#define VERNIER_TESTS_BROKEN_COMMON_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_plugin.h"
#include "vernier/plugin/sampler.h"

typedef struct mini_sampler {
  char last_error[256];
} mini_sampler;

/* Parents come before children, so row[parent] is final when a child is decided. */
static inline int mini_is_active(const vn_param *p, const double *row) {
  uint32_t i;
  if (p->parent < 0) return 1;
  if (isnan(row[p->parent])) return 0;
  for (i = 0; i < p->n_active_when; ++i)
    if ((double)p->active_when[i] == row[p->parent]) return 1;
  return 0;
}

/* Fills count rows with the valid point "every parameter at low". */
static inline vn_status mini_suggest(void *self, const vn_space *space, const vn_history *history, uint64_t seed,
                                     const int64_t *trial_numbers, uint32_t count, double *out) {
  uint32_t row, j;
  (void)self;
  (void)history;
  (void)seed;
  (void)trial_numbers;
  for (row = 0; row < count; ++row) {
    double *x = out + (size_t)row * space->n_params;
    for (j = 0; j < space->n_params; ++j) x[j] = mini_is_active(&space->params[j], x) ? space->params[j].low : NAN;
  }
  return VN_OK;
}

static inline const char *mini_last_error(void *self) { return ((mini_sampler *)self)->last_error; }

static inline void mini_destroy(void *self) { free(self); }

/* Accepts only "{}" (after whitespace); otherwise names the first key as an unknown option. */
static inline vn_status mini_check_config(const char *config_json, char *err, size_t err_cap) {
  const char *s = config_json, *end;
  while (*s == ' ' || *s == '\n') ++s;
  if (*s == '{') ++s;
  while (*s == ' ' || *s == '\n') ++s;
  if (*s == '}') return VN_OK;
  if (*s == '"') ++s;
  end = strchr(s, '"');
  snprintf(err, err_cap, "unknown option \"%.*s\"", (int)(end != NULL ? end - s : 0), s);
  return VN_E_INVALID;
}

/* create() for a sampler whose vtable is `vtable`. */
static inline vn_status mini_create_with(const void *vtable, const char *config_json, void **out_instance,
                                         const void **out_vtable, char *err, size_t err_cap) {
  mini_sampler *s;
  vn_status status = mini_check_config(config_json, err, err_cap);
  if (status != VN_OK) return status;
  s = (mini_sampler *)calloc(1, sizeof *s);
  if (s == NULL) return VN_E_NOMEM;
  *out_instance = s;
  *out_vtable = vtable;
  return VN_OK;
}

/* The descriptor fields every broken sampler shares. */
#define MINI_COMPONENT(name, create) \
  {sizeof(vn_component), VN_KIND_SAMPLER, name, "0.0.1", "a deliberately broken test plugin", "{\"options\": {}}", NULL, create}

/* A create() named fn for a mini sampler whose vtable is `vtable`. */
#define MINI_SAMPLER_CREATE(fn, vtable)                                                                         \
  static vn_status fn(const vn_component *self, const vn_host *host, const char *config_json, void **out_instance, \
                      const void **out_vtable, char *err, size_t err_cap) {                                      \
    (void)self;                                                                                                  \
    (void)host;                                                                                                  \
    return mini_create_with(&(vtable), config_json, out_instance, out_vtable, err, err_cap);                      \
  }

/* The rest of a one-component broken sampler whose only faults are its suggest and last_error functions:
 * the vtable, create, descriptor, entry table and the exported entry point. */
#define MINI_SAMPLER_PLUGIN_WITH(name, suggest, last_error)                                                \
  static const vn_sampler_vtable mini_vtable = {sizeof(vn_sampler_vtable), suggest, last_error, mini_destroy}; \
  MINI_SAMPLER_CREATE(mini_create, mini_vtable)                                                            \
  static const vn_component mini_component = MINI_COMPONENT(name, mini_create);                            \
  TEST_PLUGIN_EXPORT_ONE(mini_component)

/* ... whose only fault is its suggest function. */
#define MINI_SAMPLER_PLUGIN(name, suggest) MINI_SAMPLER_PLUGIN_WITH(name, suggest, mini_last_error)

#endif /* VERNIER_TESTS_BROKEN_COMMON_H */
