/* Deprecated include path, kept until ABI 2; include <vernier/plugin/dataset.h>.
 * <vernier/dataset.h> only forwards there (docs/abi.md, "Which header is whose"). Define
 * VERNIER_WARN_DEPRECATED_INCLUDES to have the compiler point out each use. */
#ifndef VERNIER_DEPRECATED_DATASET_H
#define VERNIER_DEPRECATED_DATASET_H

#ifdef VERNIER_WARN_DEPRECATED_INCLUDES
#pragma message("<vernier/dataset.h> is deprecated: include <vernier/plugin/dataset.h>")
#endif
#include "plugin/dataset.h"

#endif /* VERNIER_DEPRECATED_DATASET_H */
