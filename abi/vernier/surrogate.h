/* Deprecated include path, kept until ABI 2; include <vernier/plugin/surrogate.h>.
 * <vernier/surrogate.h> only forwards there (docs/abi.md, "Which header is whose"). Define
 * VERNIER_WARN_DEPRECATED_INCLUDES to have the compiler point out each use. */
#ifndef VERNIER_DEPRECATED_SURROGATE_H
#define VERNIER_DEPRECATED_SURROGATE_H

#ifdef VERNIER_WARN_DEPRECATED_INCLUDES
#pragma message("<vernier/surrogate.h> is deprecated: include <vernier/plugin/surrogate.h>")
#endif
#include "plugin/surrogate.h"

#endif /* VERNIER_DEPRECATED_SURROGATE_H */
