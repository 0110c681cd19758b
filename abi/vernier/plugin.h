/* Deprecated include path, kept until ABI 2; include <vernier/plugin/plugin.h>.
 * <vernier/plugin.h> only forwards there (docs/abi.md, "Which header is whose"). Define
 * VERNIER_WARN_DEPRECATED_INCLUDES to have the compiler point out each use. */
#ifndef VERNIER_DEPRECATED_PLUGIN_H
#define VERNIER_DEPRECATED_PLUGIN_H

#ifdef VERNIER_WARN_DEPRECATED_INCLUDES
#pragma message("<vernier/plugin.h> is deprecated: include <vernier/plugin/plugin.h>")
#endif
#include "plugin/plugin.h"

#endif /* VERNIER_DEPRECATED_PLUGIN_H */
