/* Deprecated include path, kept until ABI 2; include <vernier/plugin/splitter.h>.
 * <vernier/splitter.h> only forwards there (docs/abi.md, "Which header is whose"). Define
 * VERNIER_WARN_DEPRECATED_INCLUDES to have the compiler point out each use. */
#ifndef VERNIER_DEPRECATED_SPLITTER_H
#define VERNIER_DEPRECATED_SPLITTER_H

#ifdef VERNIER_WARN_DEPRECATED_INCLUDES
#pragma message("<vernier/splitter.h> is deprecated: include <vernier/plugin/splitter.h>")
#endif
#include "plugin/splitter.h"

#endif /* VERNIER_DEPRECATED_SPLITTER_H */
