// Deprecated include path, kept until ABI 2; include <vernier/sdk/unit_cube.hpp>.
// <vernier/sdk/space.hpp> only forwards there (docs/abi.md, "Which header is whose"). Define
// VERNIER_WARN_DEPRECATED_INCLUDES to have the compiler point out each use.
#ifndef VERNIER_DEPRECATED_SDK_SPACE_HPP
#define VERNIER_DEPRECATED_SDK_SPACE_HPP

#ifdef VERNIER_WARN_DEPRECATED_INCLUDES
#pragma message("<vernier/sdk/space.hpp> is deprecated: include <vernier/sdk/unit_cube.hpp>")
#endif
#include "unit_cube.hpp"

#endif // VERNIER_DEPRECATED_SDK_SPACE_HPP
