// vn_context_*: plugin discovery and its report.
#include "base/error.hpp"
#include "base/json.hpp"
#include "c_api/handles.hpp"

using namespace vernier;

namespace {

RegistryOptions parse_options(const char *options_json) {
  RegistryOptions options;
  if (options_json == nullptr) return options;
  boost::json::object o = json::parse_object(options_json, "context options");
  json::reject_unknown_keys(o, "plugin_path,default_paths,allow_unsafe_dirs,log_level", "");
  if (const boost::json::array *path = json::get_array(o, "plugin_path", "")) {
    for (const auto &dir : *path) {
      if (!dir.is_string()) throw invalid_argument("plugin_path: expected strings, got " + json::type_name(dir));
      options.plugin_path.emplace_back(dir.as_string());
    }
  }
  options.default_paths = json::get_bool(o, "default_paths", "").value_or(true);
  options.allow_unsafe_dirs = json::get_bool(o, "allow_unsafe_dirs", "").value_or(false);
  if (auto level = json::get_string(o, "log_level", "")) {
    const char *names[] = {"debug", "info", "warning", "error"};
    options.log_level = -1;
    for (int32_t i = 0; i < 4; ++i)
      if (*level == names[i]) options.log_level = i;
    if (options.log_level < 0) throw invalid_argument("log_level: one of debug, info, warning, error");
  }
  return options;
}

}  // namespace

extern "C" {

VN_API vn_status vn_context_new(const char *options_json, vn_context **out) {
  return capi::call([&] {
    capi::require(out != nullptr, "vn_context_new: out is NULL");
    *out = nullptr;
    auto ctx = std::make_unique<vn_context>();
    ctx->registry = std::make_unique<Registry>(parse_options(options_json));
    *out = ctx.release();
  });
}

VN_API void vn_context_free(vn_context *ctx) { delete ctx; }

VN_API vn_status vn_context_load_plugin(vn_context *ctx, const char *path) {
  return capi::call([&] {
    capi::require(ctx != nullptr && path != nullptr, "vn_context_load_plugin: NULL argument");
    ctx->registry->load(path);
  });
}

VN_API vn_status vn_context_plugins_json(vn_context *ctx, char **out_json) {
  return capi::call([&] {
    if (out_json != nullptr) *out_json = nullptr;  // as vernier.h promises for every failure
    capi::require(ctx != nullptr && out_json != nullptr, "vn_context_plugins_json: NULL argument");
    *out_json = capi::duplicate_json(ctx->registry->report());
  });
}

}
