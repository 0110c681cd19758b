/* An out-of-tree sampler plugin in plain C99, built only against an installed Vernier (its headers,
 * through find_package(vernier) or pkg-config). It is the smallest complete sampler a plugin author
 * would write: uniform random search, its randomness derived from (seed, trial number) alone so that
 * suggestions are reproducible (VN-ABI-8), no options, one exported symbol (VN-ABI-1).
 *
 * The tests install Vernier, build this file against the installation, and check that the installed
 * `vernier` discovers it, tunes with it and that `vernier check` passes it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* MY_SAMPLER_OLD_INCLUDES builds this same sampler the way a plugin written before the headers had
 * audience folders includes them: by the deprecated flat path, which must keep working until ABI 2
 * (docs/abi.md, "Which header is whose"). MY_SAMPLER_NAME names the component, so that both builds can
 * sit in one plugin directory. */
#ifdef MY_SAMPLER_OLD_INCLUDES
#include <vernier/sampler.h>
#else
#include <vernier/plugin/sampler.h>
#endif
#ifndef MY_SAMPLER_NAME
#define MY_SAMPLER_NAME "my_sampler"
#endif

typedef struct my_sampler {
  const vn_host *host; /* kept for logging; valid for the instance's life */
} my_sampler;

/* splitmix64: a tiny, well-mixed generator; one stream per (seed, trial number, parameter). */
static uint64_t mix(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* A uniform double in [0, 1) from the top 53 bits. */
static double uniform(uint64_t seed, int64_t trial, uint32_t param) {
  uint64_t z = mix(mix(seed) ^ mix((uint64_t)trial + 0x632be59bd9b4e019ULL) ^ ((uint64_t)param << 32));
  return (double)(z >> 11) * (1.0 / 9007199254740992.0);
}

static double clamp(double v, double low, double high) { return v < low ? low : v > high ? high : v; }

static double draw(const vn_param *p, double u) {
  double v;
  if (p->type == VN_PARAM_CATEGORICAL) return clamp(floor(u * p->n_choices), 0, p->n_choices - 1.0);
  if ((p->flags & VN_PARAM_LOG) != 0) {
    /* Widen an int's range by half a unit each side so that its end values are as likely as the rest. */
    double lo = p->type == VN_PARAM_INT ? p->low - 0.5 : p->low, hi = p->type == VN_PARAM_INT ? p->high + 0.5 : p->high;
    if (lo <= 0) lo = p->low;
    v = exp(log(lo) + u * (log(hi) - log(lo)));
  } else if ((p->flags & VN_PARAM_STEP) != 0) {
    double n = floor((p->high - p->low) / p->step + 0.5); /* the grid has n + 1 points */
    return clamp(p->low + clamp(floor(u * (n + 1)), 0, n) * p->step, p->low, p->high);
  } else {
    v = p->low + u * (p->high - p->low);
  }
  if ((p->flags & VN_PARAM_STEP) != 0) v = p->low + floor((v - p->low) / p->step + 0.5) * p->step;
  return clamp(v, p->low, p->high);
}

/* A conditional parameter is active when its parent is active and takes one of active_when. */
static int is_active(const vn_param *p, const double *row) {
  uint32_t i;
  double parent;
  if (p->parent < 0) return 1;
  parent = row[p->parent];
  if (isnan(parent)) return 0;
  for (i = 0; i < p->n_active_when; ++i)
    if ((double)p->active_when[i] == parent) return 1;
  return 0;
}

static vn_status suggest(void *self, const vn_space *space, const vn_history *history, uint64_t seed,
                         const int64_t *trial_numbers, uint32_t count, double *out) {
  uint32_t t, j;
  (void)self;
  (void)history; /* random search ignores the past */
  for (t = 0; t < count; ++t) {
    double *row = out + (size_t)t * space->n_params;
    for (j = 0; j < space->n_params; ++j) {
      const vn_param *p = &space->params[j];
      row[j] = is_active(p, row) ? draw(p, uniform(seed, trial_numbers[t], j)) : NAN;
    }
  }
  return VN_OK;
}

static const char *last_error(void *self) {
  (void)self;
  return ""; /* suggest never fails */
}

static void destroy(void *self) { free(self); }

static const vn_sampler_vtable kVtable = {sizeof(vn_sampler_vtable), suggest, last_error, destroy};

static void copy_error(char *err, size_t cap, const char *message) {
  size_t n;
  if (err == NULL || cap == 0) return;
  n = strlen(message) < cap - 1 ? strlen(message) : cap - 1;
  memcpy(err, message, n);
  err[n] = '\0';
}

static const char *skip_space(const char *c) {
  while (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r') ++c;
  return c;
}

/* This sampler takes no options: config_json must be an empty JSON object. Otherwise writes into err
 * a message naming the first option given (VN-ABI-3: unknown options are refused by name). */
static int check_no_options(const char *json, char *err, size_t cap) {
  char key[128];
  size_t n = 0;
  const char *c = skip_space(json);
  if (*c == '{') {
    c = skip_space(c + 1);
    if (*c == '}' && *skip_space(c + 1) == '\0') return 1;
    if (*c == '"') { /* the first key, escapes copied as they are: it is only shown */
      for (++c; *c != '\0' && *c != '"' && n + 2 < sizeof key; ++c) {
        if (*c == '\\' && c[1] != '\0') key[n++] = *c++;
        key[n++] = *c;
      }
      key[n] = '\0';
      snprintf(err, cap, "unknown option '%s': " MY_SAMPLER_NAME " takes no options", key);
      return 0;
    }
  }
  snprintf(err, cap, MY_SAMPLER_NAME " expects its options as a JSON object, got '%.60s'", json);
  return 0;
}

static vn_status create(const vn_component *component, const vn_host *host, const char *config_json,
                        void **out_instance, const void **out_vtable, char *err, size_t err_cap) {
  my_sampler *s;
  (void)component;
  if (config_json == NULL) {
    copy_error(err, err_cap, "config_json is NULL");
    return VN_E_INVALID;
  }
  if (!check_no_options(config_json, err, err_cap)) return VN_E_INVALID;
  s = (my_sampler *)malloc(sizeof *s);
  if (s == NULL) {
    copy_error(err, err_cap, "out of memory");
    return VN_E_NOMEM;
  }
  s->host = host;
  *out_instance = s;
  *out_vtable = &kVtable;
  return VN_OK;
}

static const vn_component kComponent = {
    sizeof(vn_component), VN_KIND_SAMPLER, MY_SAMPLER_NAME, "0.1.0",
    "Uniform random search, written in C outside the Vernier tree",
    "{\"seedless\": false, \"options\": {}}", NULL, create};

static const vn_component *const kComponents[] = {&kComponent};

static const vn_plugin_entry kEntry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR, 1, kComponents};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == VN_ABI_MAJOR ? &kEntry : NULL;
}
