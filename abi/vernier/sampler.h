/* Deprecated include path, kept until ABI 2; include <vernier/plugin/sampler.h>.
 * <vernier/sampler.h> only forwards there (docs/abi.md, "Which header is whose"). Define
 * VERNIER_WARN_DEPRECATED_INCLUDES to have the compiler point out each use. */
#ifndef VERNIER_DEPRECATED_SAMPLER_H
#define VERNIER_DEPRECATED_SAMPLER_H

#ifdef VERNIER_WARN_DEPRECATED_INCLUDES
#pragma message("<vernier/sampler.h> is deprecated: include <vernier/plugin/sampler.h>")
#endif
#include "plugin/sampler.h"

#endif /* VERNIER_DEPRECATED_SAMPLER_H */
