/* Vernier C ABI: the search space and trial history as plugins see them.
 *
 * Both are host-owned views, valid only during the call that receives them (VN-ABI-6);
 * a plugin that needs them later copies what it needs. */
#ifndef VERNIER_SPACE_H
#define VERNIER_SPACE_H

#include "../status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Parameter types (uint32_t, append-only). A plugin given a type or a flag bit it does not know returns
 * VN_E_UNSUPPORTED from the call that received it. */
#define VN_PARAM_FLOAT       0u
#define VN_PARAM_INT         1u
#define VN_PARAM_CATEGORICAL 2u

/* Parameter flags (bits of vn_param.flags). */
#define VN_PARAM_LOG  1u  /* sampled uniformly in log space; low > 0 */
#define VN_PARAM_STEP 2u  /* values are low + k*step, k integer; (high - low) is a multiple of step */

/* One parameter. Internal values are doubles: floats and ints as themselves, categoricals as the
 * index of the choice, and NaN for a conditional parameter that is inactive in a trial.
 *
 * Invariants the host guarantees (it validates every space before a plugin sees it):
 *  - low <= high and both are finite; with VN_PARAM_LOG, low > 0;
 *  - with VN_PARAM_STEP, step > 0 and (high - low) / step is an integer (to 1e-9 relative);
 *    ints always carry VN_PARAM_STEP (step 1 unless set) and integral low, high and step;
 *  - categoricals have n_choices >= 1, low == 0 and high == n_choices - 1;
 *  - a conditional parameter has parent >= 0, the index of an earlier categorical parameter,
 *    and is active exactly when the parent is active and its value is in active_when. */
/* vn_param is an array element without a struct_size, so its layout is frozen for ABI major 1:
 * per-parameter data added in a minor version goes into a new parallel array appended to vn_space. */
typedef struct vn_param {
  const char *name;              /* UTF-8, unique within the space */
  uint32_t type;                 /* VN_PARAM_FLOAT, VN_PARAM_INT or VN_PARAM_CATEGORICAL */
  uint32_t flags;                /* VN_PARAM_LOG | VN_PARAM_STEP */
  double low, high, step;        /* step is 0 unless VN_PARAM_STEP */
  uint32_t n_choices;            /* categoricals only, else 0 */
  const char *const *choices;    /* categoricals only, else NULL; UTF-8 text of each choice, a number or
                                  * bool choice as its JSON text ("3", "0.5", "true") */
  int32_t parent;                /* -1, or the index of the categorical gating this parameter */
  uint32_t n_active_when;        /* number of parent choice indices that activate it */
  const uint32_t *active_when;   /* those indices; NULL when parent is -1 */
} vn_param;

typedef struct vn_space {
  uint32_t struct_size;          /* sizeof(vn_space) as the host was built (VN-ABI-2) */
  uint32_t n_params;
  const vn_param *params;        /* n_params entries, parents before their children */
} vn_space;

/* All trials of a study in creation order, as a sampler sees them (VN-ABI-8).
 * Values are "lower is better": the host negates the objective of a maximised study. */
typedef struct vn_history {
  uint32_t struct_size;          /* sizeof(vn_history) as the host was built */
  uint32_t n_params;             /* equals the space's n_params */
  uint64_t n_trials;
  const int64_t *numbers;        /* n_trials trial numbers, increasing */
  const int32_t *states;         /* n_trials VN_TRIAL_* states */
  const double *params;          /* n_trials x n_params, row-major; NaN = inactive */
  const double *values;          /* n_trials; the objective of complete trials, NaN otherwise */
  const int64_t *last_step;      /* n_trials; last reported step of any trial, -1 if none (pruners, TPE) */
  const double *last_intermediate; /* n_trials; value reported at last_step, NaN if none; lower is better
                                    * like values (negated for a maximised study) */
} vn_history;

#ifdef __cplusplus
}
#endif
#endif /* VERNIER_SPACE_H */
