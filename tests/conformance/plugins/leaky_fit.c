/* Leaky on purpose (VN-ABI-10): fit learns from every row of the dataset view, not only from the rows it
 * is given. Handed the whole training part with the fold's rows, as the cv objective once did, it would know
 * the validation fold's labels. The conformance suite must fail it on model.fit_reads_only_its_rows, and
 * the cv objective must give it nothing to learn from (tests/objectives/cv/test_cv_model_views.cpp). */
#define MINI_MODEL_FIT_WHOLE_VIEW
#include "mini_model.h"

MINI_MODEL_PLUGIN("leaky-fit", "a deliberately leaky test model")
