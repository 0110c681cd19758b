/* Vernier C ABI: a read-only view of a dataset, handed to models and splitters. */
#ifndef VERNIER_DATASET_H
#define VERNIER_DATASET_H

#include "../status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VN_TASK_REGRESSION     0u
#define VN_TASK_CLASSIFICATION 1u

/* [host-owned] during the call that receives it (VN-ABI-6): the host hands the arrays it holds (loaded
 * from a file, or copied from an embedding program's arrays), without copying them per call. A reader
 * checks struct_size (VN-ABI-2) before reading fields. */
typedef struct vn_dataset {
  uint32_t struct_size;          /* sizeof(vn_dataset) as the host was built */
  uint32_t task;                 /* VN_TASK_REGRESSION or VN_TASK_CLASSIFICATION */
  uint64_t n_rows;
  uint32_t n_features;
  uint32_t n_classes;            /* classification: classes are 0..n_classes-1; regression: 0 */
  const double *features;        /* n_rows x n_features, row-major; finite (the host refuses NaN) */
  const char *const *feature_names; /* n_features UTF-8 names, never NULL */
  const double *target;          /* n_rows; the class index 0..n_classes-1 for classification. In a view
                                  * handed to a model's predict, every target is NaN (model.h, VN-ABI-10) */
  const int64_t *groups;         /* n_rows group ids, or NULL (a splitter that needs them: VN_E_INVALID) */
  const int64_t *folds;          /* n_rows predefined fold ids 0..k-1 (-1: always train), or NULL */
  /* Rows are in the dataset's original order; the host hands splitters row indices in ascending order,
   * so a time-series splitter may rely on it. A model's view holds only the rows it may read (VN-ABI-10):
   * fit's its training rows, predict's the rows to score; folds is NULL in a model's view. */
} vn_dataset;

#ifdef __cplusplus
}
#endif
#endif /* VERNIER_DATASET_H */
