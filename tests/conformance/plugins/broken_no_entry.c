/* Broken on purpose (VN-ABI-1): a shared library that does not export vernier_plugin_entry, as any
 * ordinary library in a plugin directory would. Discovery must skip it with the reason. */
#include "vernier/plugin/plugin.h"

VN_PLUGIN_EXPORT int not_a_vernier_plugin(void) { return 42; }
