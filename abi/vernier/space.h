/* Deprecated include path, kept until ABI 2; include <vernier/plugin/space.h>.
 * <vernier/space.h> only forwards there (docs/abi.md, "Which header is whose"). Define
 * VERNIER_WARN_DEPRECATED_INCLUDES to have the compiler point out each use. */
#ifndef VERNIER_DEPRECATED_SPACE_H
#define VERNIER_DEPRECATED_SPACE_H

#ifdef VERNIER_WARN_DEPRECATED_INCLUDES
#pragma message("<vernier/space.h> is deprecated: include <vernier/plugin/space.h>")
#endif
#include "plugin/space.h"

#endif /* VERNIER_DEPRECATED_SPACE_H */
