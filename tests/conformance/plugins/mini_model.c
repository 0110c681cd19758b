/* The mini model of mini_model.h without any bug: the baseline that passes the whole model suite, so the
 * broken_*model libraries built from it fail only on what they break. */
#include "mini_model.h"

MINI_MODEL_PLUGIN("mini-model", "a minimal nearest-neighbour test model")
