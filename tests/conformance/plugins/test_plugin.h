/* What every planted test plugin shares: the entry table of a one-component library, its exported entry
 * point, and a create() that always refuses. Each planted library keeps in its own file only what makes
 * it broken (or odd); this header and broken_common.h / mini_model.h hold the rest. */
#ifndef VERNIER_TESTS_TEST_PLUGIN_H
#define VERNIER_TESTS_TEST_PLUGIN_H

#include <stdio.h>

#include "vernier/plugin/plugin.h"

/* The entry table test_plugin_entry, listing `component` alone and declaring ABI abi_major.abi_minor. */
#define TEST_PLUGIN_TABLE(component, abi_major, abi_minor)                     \
  static const vn_component *const test_plugin_components[] = {&(component)}; \
  static const vn_plugin_entry test_plugin_entry = {sizeof(vn_plugin_entry), abi_major, abi_minor, 1, test_plugin_components};

/* A library of today's ABI with one component, whose entry point answers the host's major only (VN-ABI-2). */
#define TEST_PLUGIN_EXPORT_ONE(component)                                                  \
  TEST_PLUGIN_TABLE(component, VN_ABI_MAJOR, VN_ABI_MINOR)                                 \
  VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) { \
    return host_abi_major == VN_ABI_MAJOR ? &test_plugin_entry : NULL;                     \
  }

/* A create() named fn that refuses every config with `status` and the text `message`. */
#define TEST_PLUGIN_REFUSING_CREATE(fn, status, message)                                                        \
  static vn_status fn(const vn_component *self, const vn_host *host, const char *config_json, void **out_instance, \
                      const void **out_vtable, char *err, size_t err_cap) {                                      \
    (void)self;                                                                                                  \
    (void)host;                                                                                                  \
    (void)config_json;                                                                                           \
    (void)out_instance;                                                                                          \
    (void)out_vtable;                                                                                            \
    snprintf(err, err_cap, "%s", message);                                                                       \
    return status;                                                                                               \
  }

#endif /* VERNIER_TESTS_TEST_PLUGIN_H */
