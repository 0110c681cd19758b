/* A sampler plugin written in plain C99 against the C headers alone (no SDK, no C++): the proof that the
 * ABI needs nothing but a C compiler. Each value is a uniform draw hashed from (seed, trial number,
 * parameter index), mapped to the parameter the same way the SDK does: log scale, step grids, ints,
 * categoricals, and NaN for inactive conditional parameters. It takes no options. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vernier/plugin/sampler.h"

typedef struct c_sampler {
  char last_error[256]; /* last_error() returns this: "" until a call fails */
} c_sampler;

/* SplitMix64's finaliser: every input bit affects every output bit. */
static uint64_t mix64(uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/* Uniform in [0, 1) from (seed, trial, parameter): the top 53 bits of the hash. */
static double unit_draw(uint64_t seed, int64_t trial, uint32_t param) {
  uint64_t h = mix64(mix64(seed ^ 0x5bd1e9955bd1e995ULL) ^ (uint64_t)trial);
  h = mix64(h ^ (0x9e3779b97f4a7c15ULL * ((uint64_t)param + 1u)));
  return (double)(h >> 11) * (1.0 / 9007199254740992.0);
}

static double clamp(double v, double low, double high) { return v < low ? low : (v > high ? high : v); }

/* Maps u in [0, 1) to a valid internal value of p (space.h invariants hold: the host validated the space). */
static double from_unit(const vn_param *p, double u) {
  if (p->type == VN_PARAM_CATEGORICAL) {
    double k = floor(u * (double)p->n_choices);
    return clamp(k, 0.0, (double)p->n_choices - 1.0);
  }
  if (p->flags & VN_PARAM_LOG) {
    double v = exp(log(p->low) + u * (log(p->high) - log(p->low)));
    if (p->type == VN_PARAM_INT) v = floor(v + 0.5);
    return clamp(v, p->low, p->high);
  }
  if (p->flags & VN_PARAM_STEP) {
    double last = floor((p->high - p->low) / p->step + 0.5); /* grid points are 0..last */
    double k = clamp(floor(u * (last + 1.0)), 0.0, last);
    return k == last ? p->high : p->low + k * p->step; /* the last point exactly `high` */
  }
  return clamp(p->low + u * (p->high - p->low), p->low, p->high);
}

/* Parents come before children, so row[parent] is final when its children are decided. */
static int is_active(const vn_param *p, const double *row) {
  uint32_t i;
  double gate;
  if (p->parent < 0) return 1;
  gate = row[p->parent];
  if (isnan(gate)) return 0;
  for (i = 0; i < p->n_active_when; ++i)
    if ((double)p->active_when[i] == gate) return 1;
  return 0;
}

static vn_status fail(c_sampler *s, vn_status status, const char *message) {
  snprintf(s->last_error, sizeof s->last_error, "%s", message);
  return status;
}

static vn_status c_suggest(void *self, const vn_space *space, const vn_history *history, uint64_t seed,
                           const int64_t *trial_numbers, uint32_t count, double *out) {
  c_sampler *s = (c_sampler *)self;
  uint32_t row, j;
  (void)history; /* draws depend on (seed, trial number) only (VN-ABI-8) */
  if (space == NULL || out == NULL || (count > 0 && trial_numbers == NULL))
    return fail(s, VN_E_INVALID, "c-hash: suggest: NULL argument");
  for (row = 0; row < count; ++row) {
    double *x = out + (size_t)row * space->n_params;
    for (j = 0; j < space->n_params; ++j) {
      const vn_param *p = &space->params[j];
      x[j] = is_active(p, x) ? from_unit(p, unit_draw(seed, trial_numbers[row], j)) : NAN;
    }
  }
  return VN_OK;
}

static const char *c_last_error(void *self) { return ((c_sampler *)self)->last_error; }

static void c_destroy(void *self) { free(self); }

static const vn_sampler_vtable c_vtable = {sizeof(vn_sampler_vtable), c_suggest, c_last_error, c_destroy};

static const char *skip_space(const char *s) {
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') ++s;
  return s;
}

/* This sampler takes no options: only an empty JSON object is accepted; otherwise the message names the
 * first key, as plugin.h asks of unknown options. */
static vn_status check_config(const char *config_json, char *err, size_t err_cap) {
  const char *s = skip_space(config_json);
  const char *key, *end;
  if (*s != '{') {
    snprintf(err, err_cap, "c-hash: the config must be a JSON object");
    return VN_E_INVALID;
  }
  s = skip_space(s + 1);
  if (*s == '}' && *skip_space(s + 1) == '\0') return VN_OK;
  if (*s != '"') {
    snprintf(err, err_cap, "c-hash: the config must be a JSON object");
    return VN_E_INVALID;
  }
  key = s + 1;
  end = strchr(key, '"');
  if (end == NULL) end = key + strlen(key);
  snprintf(err, err_cap, "c-hash: unknown option \"%.*s\" (this sampler takes no options)", (int)(end - key), key);
  return VN_E_INVALID;
}

static vn_status c_create(const vn_component *self, const vn_host *host, const char *config_json,
                          void **out_instance, const void **out_vtable, char *err, size_t err_cap) {
  c_sampler *s;
  vn_status status;
  (void)self;
  (void)host;
  if (out_instance == NULL || out_vtable == NULL || config_json == NULL) {
    snprintf(err, err_cap, "c-hash: create: NULL argument");
    return VN_E_INVALID;
  }
  status = check_config(config_json, err, err_cap);
  if (status != VN_OK) return status;
  s = (c_sampler *)calloc(1, sizeof *s);
  if (s == NULL) {
    snprintf(err, err_cap, "c-hash: out of memory");
    return VN_E_NOMEM;
  }
  *out_instance = s;
  *out_vtable = &c_vtable;
  return VN_OK;
}

static const vn_component c_component = {
    sizeof(vn_component), VN_KIND_SAMPLER, "c-hash", "1.0.0",
    "uniform draws hashed from (seed, trial number); written in plain C99", "{\"options\": {}}", NULL, c_create};

static const vn_component *const c_components[] = {&c_component};

static const vn_plugin_entry c_entry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR, 1, c_components};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == VN_ABI_MAJOR ? &c_entry : NULL;
}
