/* Broken on purpose (VN-ABI-1): a working sampler whose library exports a second symbol (built without
 * the version script). Only the one-exported-symbol check, and `nm -D`, can tell. */
#include "broken_common.h"

MINI_SAMPLER_PLUGIN("broken-extra-symbol", mini_suggest)

/* The bug: a helper that should have stayed hidden. */
VN_PLUGIN_EXPORT int vernier_plugin_helper(void) { return 7; }
