/* Deprecated include path, kept until ABI 2; include <vernier/plugin/model.h>.
 * <vernier/model.h> only forwards there (docs/abi.md, "Which header is whose"). Define
 * VERNIER_WARN_DEPRECATED_INCLUDES to have the compiler point out each use. */
#ifndef VERNIER_DEPRECATED_MODEL_H
#define VERNIER_DEPRECATED_MODEL_H

#ifdef VERNIER_WARN_DEPRECATED_INCLUDES
#pragma message("<vernier/model.h> is deprecated: include <vernier/plugin/model.h>")
#endif
#include "plugin/model.h"

#endif /* VERNIER_DEPRECATED_MODEL_H */
