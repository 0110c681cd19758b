/* Vernier C ABI: sampler plugins (search strategies). */
#ifndef VERNIER_SAMPLER_H
#define VERNIER_SAMPLER_H

#include "plugin.h"
#include "space.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vn_sampler_vtable {
  uint32_t struct_size;          /* sizeof(vn_sampler_vtable) as the plugin was built */
  /* [instance] Propose `count` trials at once, numbered trial_numbers[0..count) (caller-owned).
   * space and history are [host-owned] (VN-ABI-6); history holds every earlier trial, the running ones
   * included, so that a batch or a parallel worker never gets a point twice.
   * out is caller-allocated, count x space->n_params, row-major; the sampler writes internal values:
   * inside [low, high], on the step grid, categoricals as a choice index, NaN exactly for inactive
   * conditional parameters.
   * Determinism (VN-ABI-8): the result depends only on the instance's config, seed, space, history and
   * trial_numbers; randomness is derived from (seed, trial number), never from a clock or global state.
   * seed is the study's sampler seed, the same on every call of one study (a resumed study included).
   * A batch may differ from the same trials asked one at a time (a batch spreads its points).
   * Returns VN_OK, or VN_E_EXHAUSTED when fewer than `count` points are left to propose (a finished
   * grid; the host then asks again with count 1), or another negative status with last_error() set.
   * On error out's content is unspecified. */
  vn_status (*suggest)(void *self, const vn_space *space, const vn_history *history, uint64_t seed,
                       const int64_t *trial_numbers, uint32_t count, double *out);
  /* [instance] The message of the last failed call on self, [plugin-owned] until the next call on self;
   * "" when there is none. Never NULL. */
  const char *(*last_error)(void *self);
  /* [instance] Free the instance. self is not used afterwards. */
  void (*destroy)(void *self);
} vn_sampler_vtable;

#ifdef __cplusplus
}
#endif
#endif /* VERNIER_SAMPLER_H */
