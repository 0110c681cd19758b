/* An old plugin's view, in C: the deprecated flat include paths (kept until ABI 2) give exactly the ABI
 * layout, and the new paths included after them are no-ops (no redefinition). */
#include "vernier/dataset.h"
#include "vernier/model.h"
#include "vernier/plugin.h"
#include "vernier/sampler.h"
#include "vernier/space.h"
#include "vernier/splitter.h"
#include "vernier/status.h"
#include "vernier/surrogate.h"
#include "vernier/vernier.h"

#include "vernier/plugin/dataset.h"
#include "vernier/plugin/model.h"
#include "vernier/plugin/plugin.h"
#include "vernier/plugin/sampler.h"
#include "vernier/plugin/space.h"
#include "vernier/plugin/splitter.h"
#include "vernier/plugin/surrogate.h"

#define VN_LAYOUT_CHECK vn_layout_check_old_paths_c
#define VN_LAYOUT_LABEL "old include paths, C"
#include "layout_check.inc"
