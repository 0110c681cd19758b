/* Vernier C ABI: cross-validation splitters (kfold, stratified, group, timeseries, predefined). */
#ifndef VERNIER_SPLITTER_H
#define VERNIER_SPLITTER_H

#include "dataset.h"
#include "plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VN_SPLIT_UNUSED     0u
#define VN_SPLIT_TRAIN      1u
#define VN_SPLIT_VALIDATION 2u

typedef struct vn_splitter_vtable {
  uint32_t struct_size;          /* sizeof(vn_splitter_vtable) as the plugin was built */
  /* [instance] How many splits split() yields over the given rows (the training part only, ascending).
   * data and rows are [host-owned] here and in split(). seed drives any shuffling (VN-ABI-8) and is the same for n_splits and every split of one study. */
  vn_status (*n_splits)(void *self, const vn_dataset *data, const uint64_t *rows, uint64_t n_rows,
                        uint64_t seed, uint32_t *out_n_splits);
  /* [instance] Assign each of rows[0..n_rows) to VN_SPLIT_TRAIN, VN_SPLIT_VALIDATION or VN_SPLIT_UNUSED
   * for split number `split` (0-based). out_assignment is caller-allocated, n_rows bytes. The host
   * passes only training rows: the held-out test part never reaches a splitter. */
  vn_status (*split)(void *self, const vn_dataset *data, const uint64_t *rows, uint64_t n_rows,
                     uint64_t seed, uint32_t split, uint8_t *out_assignment);
  const char *(*last_error)(void *self); /* [instance] as in sampler.h */
  void (*destroy)(void *self);           /* [instance] */
} vn_splitter_vtable;

#ifdef __cplusplus
}
#endif
#endif /* VERNIER_SPLITTER_H */
