/* Leaky on purpose (VN-ABI-10): predict answers a row's own target whenever the view holds a usable one,
 * and the nearest neighbour's otherwise. The conformance suite must fail it on
 * model.predict_ignores_targets, and the cv objective, which hands predict NaN targets, must give it
 * nothing to read (tests/objectives/cv/test_cv_model_views.cpp). */
#define MINI_MODEL_PREDICT_PEEKS_TARGET
#include "mini_model.h"

MINI_MODEL_PLUGIN("leaky-predict", "a deliberately leaky test model")
