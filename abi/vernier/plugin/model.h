/* Vernier C ABI: model adapters (ridge, logistic, svm, xgboost, ...). */
#ifndef VERNIER_MODEL_H
#define VERNIER_MODEL_H

#include "dataset.h"
#include "plugin.h"
#include "space.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vn_model_vtable {
  uint32_t struct_size;          /* sizeof(vn_model_vtable) as the plugin was built */
  /* [instance] Fit on the rows `rows[0..n_rows)` of data, and read no other row of data (VN-ABI-10: in
   * cross-validation the other rows would be the validation fold's; the cv objective hands fit a view of
   * the fold's training rows alone, rows = 0..n_rows-1 of it, but a model must not rely on a host being
   * that careful). Hyperparameters `hparams`: the model's
   * own space (space->n_params internal values, NaN = inactive), named by space; they override the
   * same names in config_json; a name the model does not know is VN_E_INVALID. seed drives any
   * randomness (subsampling, initialisation; VN-ABI-8). All arguments [host-owned]: the model copies
   * what it keeps, never a pointer into data. One instance is fitted many times (every fold of every
   * trial): a fit replaces the previous one entirely, and a failed fit leaves no usable fit (predict
   * then returns VN_E_STATE).
   * Returns VN_OK, VN_E_UNSUPPORTED for a task the model cannot do, VN_E_NUMERIC, ... */
  vn_status (*fit)(void *self, const vn_dataset *data, const uint64_t *rows, uint64_t n_rows,
                   const vn_space *space, const double *hparams, uint64_t seed);
  /* [instance] Predict rows of data after fit (before: VN_E_STATE). data and rows are [host-owned], and
   * data may be another view than fit's (the cv objective hands predict a view of the rows to score alone:
   * a fold's validation rows, or the held-out test part after the refit), with the same task, n_features
   * and n_classes. predict never reads data->target (VN-ABI-10): the host fills it with NaN (the array is
   * there, so a model built against an older header that checks it for NULL still works), and a model
   * must not refuse a NaN target here. out is caller-allocated with
   * out_len doubles: regression n_rows values; classification n_rows x data->n_classes class
   * probabilities, row-major, each row summing to 1, with a column for every class even when a class
   * was absent from the training rows. out_len other than that is VN_E_INVALID. */
  vn_status (*predict)(void *self, const vn_dataset *data, const uint64_t *rows, uint64_t n_rows,
                       double *out, uint64_t out_len);
  const char *(*last_error)(void *self); /* [instance] as in sampler.h */
  void (*destroy)(void *self);           /* [instance] */
} vn_model_vtable;

#ifdef __cplusplus
}
#endif
#endif /* VERNIER_MODEL_H */
