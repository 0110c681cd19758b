/* Deliberately broken surrogates, each of which the surrogate suite must catch (test_broken_surrogates.cpp):
 *  - "ignores-data": a valid vtable whose predictions never depend on the data (mean 0, variance 1), so it
 *    neither reproduces observations nor knows where it has seen data (surrogate.interpolates, ...);
 *  - "negative-variance": predicts a variance of -1 (surrogate.h: var >= 0);
 *  - "overruns": writes one mean past the m it was asked for (VN-ABI-6, surrogate.buffers).
 * Plain C99 on the C headers alone, like a third-party surrogate. */
#include <stdlib.h>
#include <string.h>

#include "vernier/plugin/surrogate.h"

typedef struct broken {
  int kind;   /* 0 ignores-data, 1 negative-variance, 2 overruns */
  int fitted;
  char error[64];
} broken;

static vn_status fit(void *self, const vn_space *space, uint64_t n, const double *X, const double *y, uint64_t seed) {
  broken *b = (broken *)self;
  (void)space; (void)n; (void)X; (void)y; (void)seed;
  b->fitted = 1;
  b->error[0] = '\0';
  return VN_OK;
}

static vn_status predict(void *self, uint64_t m, const double *Xq, double *mean, double *var) {
  broken *b = (broken *)self;
  uint64_t i;
  (void)Xq;
  if (!b->fitted) {
    strcpy(b->error, "predict before fit");
    return VN_E_STATE;
  }
  for (i = 0; i < m; ++i) {
    mean[i] = 0.0;
    var[i] = b->kind == 1 ? -1.0 : 1.0;
  }
  if (b->kind == 2) mean[m] = 0.0;
  return VN_OK;
}

static const char *last_error(void *self) { return ((broken *)self)->error; }
static void destroy(void *self) { free(self); }

static const vn_surrogate_vtable vtable = {sizeof(vn_surrogate_vtable), fit, predict, last_error, destroy};

static int has_unknown_option(const char *config) {
  /* Every option is unknown: anything but an empty object is refused. */
  const char *c = config;
  while (*c == ' ' || *c == '{' || *c == '\n' || *c == '\t') ++c;
  return *c != '}' && *c != '\0';
}

static vn_status create(const vn_component *component, const vn_host *host, const char *config, void **out,
                        const void **out_vtable, char *err, size_t err_cap) {
  broken *b;
  (void)host;
  if (has_unknown_option(config)) {
    const char *prefix = "unknown option in ";
    size_t n = strlen(prefix) + strlen(config) + 1;
    if (err != NULL && err_cap >= n) {
      strcpy(err, prefix);
      strcat(err, config);
    } else if (err != NULL && err_cap > 0) {
      err[0] = '\0';
    }
    return VN_E_INVALID;
  }
  b = (broken *)calloc(1, sizeof *b);
  if (b == NULL) return VN_E_NOMEM;
  b->kind = strcmp(component->name, "ignores-data") == 0 ? 0 : strcmp(component->name, "negative-variance") == 0 ? 1 : 2;
  *out = b;
  *out_vtable = &vtable;
  return VN_OK;
}

static const vn_component ignores_data = {sizeof(vn_component), VN_KIND_SURROGATE, "ignores-data", "1.0.0",
                                          "predicts mean 0, variance 1 whatever it saw", "{\"options\": {}}", NULL, create};
static const vn_component negative_variance = {sizeof(vn_component), VN_KIND_SURROGATE, "negative-variance", "1.0.0",
                                               "predicts a variance of -1", "{\"options\": {}}", NULL, create};
static const vn_component overruns = {sizeof(vn_component), VN_KIND_SURROGATE, "overruns", "1.0.0",
                                      "writes one mean past its output", "{\"options\": {}}", NULL, create};
static const vn_component *const components[] = {&ignores_data, &negative_variance, &overruns};
static const vn_plugin_entry entry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR, 3, components};

VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) {
  return host_abi_major == VN_ABI_MAJOR ? &entry : NULL;
}
