/* Vernier C ABI: surrogate models for Bayesian optimisation (a GP, a random forest, ...). */
#ifndef VERNIER_SURROGATE_H
#define VERNIER_SURROGATE_H

#include "plugin.h"
#include "space.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vn_surrogate_vtable {
  uint32_t struct_size;          /* sizeof(vn_surrogate_vtable) as the plugin was built */
  /* [instance] Fit to n observations: X is n x space->n_params internal values (NaN = inactive),
   * y is n objective values, lower is better. All [host-owned]; the surrogate copies what it keeps.
   * n may be 0 (predict then returns the prior). seed drives any randomness (VN-ABI-8). Inactive
   * (NaN) entries are the surrogate's to handle, e.g. by imputing a constant.
   * Returns VN_OK, VN_E_NUMERIC when the fit fails numerically, or another negative status. */
  vn_status (*fit)(void *self, const vn_space *space, uint64_t n, const double *X, const double *y,
                   uint64_t seed);
  /* [instance] Predict at m points Xq (m x n_params, [host-owned]); writes mean[m] and var[m]
   * (caller-allocated): the latent mean and variance of the objective, on the scale of y, var >= 0
   * (observation noise not included). Before a successful fit, or after a failed one: VN_E_STATE. */
  vn_status (*predict)(void *self, uint64_t m, const double *Xq, double *mean, double *var);
  const char *(*last_error)(void *self); /* [instance] as in sampler.h */
  void (*destroy)(void *self);           /* [instance] */
} vn_surrogate_vtable;

#ifdef __cplusplus
}
#endif
#endif /* VERNIER_SURROGATE_H */
