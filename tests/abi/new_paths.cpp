// A new plugin's view, in C++: the audience folders (<vernier/plugin/...>, <vernier/sdk/...>) give exactly
// the ABI layout, and the deprecated paths included after them, the SDK's too, are no-ops.
#include "vernier/plugin/dataset.h"
#include "vernier/plugin/model.h"
#include "vernier/plugin/plugin.h"
#include "vernier/plugin/sampler.h"
#include "vernier/plugin/space.h"
#include "vernier/plugin/splitter.h"
#include "vernier/plugin/surrogate.h"
#include "vernier/sdk/plugin.hpp"
#include "vernier/sdk/unit_cube.hpp"
#include "vernier/status.h"
#include "vernier/vernier.h"

#include "vernier/dataset.h"
#include "vernier/model.h"
#include "vernier/plugin.h"
#include "vernier/plugin_sdk.hpp"
#include "vernier/sampler.h"
#include "vernier/sdk/space.hpp"
#include "vernier/space.h"
#include "vernier/splitter.h"
#include "vernier/surrogate.h"

#define VN_LAYOUT_CHECK vn_layout_check_new_paths_cxx
#define VN_LAYOUT_LABEL "new include paths, C++"
#include "layout_check.inc"
