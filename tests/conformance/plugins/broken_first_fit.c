/* Broken on purpose (model.h: a fit replaces the previous one entirely): once fitted, a model ignores
 * every later fit and keeps predicting from the first. A study refits one instance on every fold, so
 * every fold after the first would be scored with the first fold's model. Repeating the same fit gives
 * the same predictions, so only fitting twice on different rows shows it. */
#define MINI_MODEL_FIRST_FIT_ONLY
#include "mini_model.h"

MINI_MODEL_PLUGIN("broken-first-fit", "a deliberately broken test model")
