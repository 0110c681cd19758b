/* Broken on purpose (VN-ABI-5): last_error() returns NULL, which sampler.h forbids ("" when there is no
 * error). Hosts guard against it; the conformance suite reports it. */
#include "broken_common.h"

static const char *null_last_error(void *self) {
  (void)self;
  return NULL;
}

MINI_SAMPLER_PLUGIN_WITH("broken-null-last-error", mini_suggest, null_last_error)
