// vn_check_plugin: the conformance suite of core/conformance behind the C API (`vernier check`).
#include "conformance/check.hpp"
#include "base/error.hpp"  // handles.hpp uses sdk::firewall without including it
#include "c_api/handles.hpp"

using namespace vernier;

extern "C" {

VN_API vn_status vn_check_plugin(vn_context *ctx, const char *path, char **out_report_json) {
  return capi::call([&] {
    if (out_report_json != nullptr) *out_report_json = nullptr;  // as vernier.h promises for every failure
    capi::require(ctx != nullptr && path != nullptr && out_report_json != nullptr, "vn_check_plugin: NULL argument");
    // The library is loaded into a private registry: ctx's plugins stay as they are, whatever the verdict.
    *out_report_json = capi::duplicate_json(conformance::check_plugin_library(path));
  });
}

}
