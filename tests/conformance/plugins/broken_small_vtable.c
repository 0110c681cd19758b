/* Broken on purpose (VN-ABI-2): the vtable's struct_size stops before destroy, smaller than the ABI 1.0
 * vn_sampler_vtable, as from a plugin writer who set it by hand. The host must refuse the instance
 * without calling through (or destroying with) members beyond struct_size, so the instance is static:
 * a refused instance is never destroyed. */
#include <stddef.h>

#include "broken_common.h"

static const vn_sampler_vtable vtable = {offsetof(vn_sampler_vtable, destroy), mini_suggest, mini_last_error,
                                         mini_destroy};
static mini_sampler the_instance; /* never written: last_error stays "" */

static vn_status create(const vn_component *self, const vn_host *host, const char *config_json, void **out_instance,
                        const void **out_vtable, char *err, size_t err_cap) {
  vn_status status = mini_check_config(config_json, err, err_cap);
  (void)self;
  (void)host;
  if (status != VN_OK) return status;
  *out_instance = &the_instance;
  *out_vtable = &vtable;
  return VN_OK;
}

static const vn_component component = MINI_COMPONENT("broken-small-vtable", create);
TEST_PLUGIN_EXPORT_ONE(component)
