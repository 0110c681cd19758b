/* Broken on purpose (VN-ABI-6): fit copies the whole dataset, and predict reads each query row from
 * that copy by its index instead of from the dataset it is given. Predicting rows of fit's dataset (or
 * of a copy in other memory with the same row indices) still works, so only predicting another dataset
 * shows it, which is what the cv objective does when it scores the held-out test part. */
#define MINI_MODEL_QUERY_FROM_FIT_COPY
#include "mini_model.h"

MINI_MODEL_PLUGIN("broken-row-cache", "a deliberately broken test model")
