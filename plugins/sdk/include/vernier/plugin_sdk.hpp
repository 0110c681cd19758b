// Deprecated include path, kept until ABI 2; include <vernier/sdk/plugin.hpp>.
// <vernier/plugin_sdk.hpp> only forwards there (docs/abi.md, "Which header is whose"). Define
// VERNIER_WARN_DEPRECATED_INCLUDES to have the compiler point out each use.
#ifndef VERNIER_DEPRECATED_PLUGIN_SDK_HPP
#define VERNIER_DEPRECATED_PLUGIN_SDK_HPP

#ifdef VERNIER_WARN_DEPRECATED_INCLUDES
#pragma message("<vernier/plugin_sdk.hpp> is deprecated: include <vernier/sdk/plugin.hpp>")
#endif
#include "sdk/plugin.hpp"

#endif // VERNIER_DEPRECATED_PLUGIN_SDK_HPP
