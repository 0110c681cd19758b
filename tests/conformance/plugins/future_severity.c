/* A valid sampler that logs at severities this host does not know: VN_LOG_ERROR + 1, as a plugin built
 * against a later minor that appended a severity would, and VN_LOG_DEBUG - 1. status.h lets minors
 * append severities, so the conformance report notes them at warning level and still passes. */
#include "broken_common.h"

static const vn_sampler_vtable vtable = {sizeof(vn_sampler_vtable), mini_suggest, mini_last_error, mini_destroy};

static vn_status create(const vn_component *self, const vn_host *host, const char *config_json, void **out_instance,
                        const void **out_vtable, char *err, size_t err_cap) {
  vn_status status = mini_create_with(&vtable, config_json, out_instance, out_vtable, err, err_cap);
  (void)self;
  if (status == VN_OK) {
    host->log(host, VN_LOG_ERROR + 1, "future-severity: created, logged at a severity from a later minor");
    host->log(host, VN_LOG_DEBUG - 1, "future-severity: created, logged below debug");
  }
  return status;
}

static const vn_component component = {sizeof(vn_component), VN_KIND_SAMPLER, "future-severity", "1.0.0",
                                       "a sampler that logs at unknown severities", "{\"options\": {}}", NULL, create};
TEST_PLUGIN_EXPORT_ONE(component)
