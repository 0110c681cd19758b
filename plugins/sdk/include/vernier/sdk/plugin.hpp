// Vernier plugin SDK for C++ authors: the exception firewall and the trampolines that turn a C++ class
// into the C vtables of <vernier/plugin/*.h> (VN-ABI-5). Header-only; built on the C headers alone.
//
// A sampler author writes
//
//   class MySampler : public vernier::sdk::Instance {
//    public:
//     MySampler(const vn_host *host, const char *config_json);            // throw on a bad option
//     void suggest(const vn_space &, const vn_history &, uint64_t seed,
//                  const int64_t *trial_numbers, uint32_t count, double *out);
//   };
//   static const vn_component kMine = vernier::sdk::component<MySampler, VN_KIND_SAMPLER>(
//       "mine", "1.0.0", "one line", R"({"options": {}})");
//   VERNIER_SDK_ENTRY(&kMine)
// Any exception becomes a status and a message:
// vernier::sdk::Error carries its own status, std::bad_alloc is VN_E_NOMEM, anything else VN_E_INTERNAL.
#ifndef VERNIER_SDK_PLUGIN_HPP
#define VERNIER_SDK_PLUGIN_HPP

#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

#include "vernier/plugin/model.h"
#include "vernier/plugin/sampler.h"
#include "vernier/plugin/splitter.h"
#include "vernier/plugin/surrogate.h"

namespace vernier::sdk {

// An error with the vn_status it should become at the ABI boundary.
class Error : public std::runtime_error {
 public:
  Error(vn_status status, const std::string &message) : std::runtime_error(message), status_(status) {}
  vn_status status() const noexcept { return status_; }

 private:
  vn_status status_;
};

inline Error invalid(const std::string &message) { return Error(VN_E_INVALID, message); }

// What a model or splitter must refuse rather than misread in a dataset view (dataset.h, VN-ABI-2): a
// struct older than ABI 1.0 (VN_E_INCOMPATIBLE), NULL arrays, a classification without classes
// (VN_E_INVALID). The task itself is the plugin's to judge (a model refuses one it cannot do with
// VN_E_UNSUPPORTED; a splitter may not care). The model and splitter trampolines below call it before the
// plugin's fit, predict, n_splits and split; a plugin written in C makes the same checks itself.
inline void check_dataset(const vn_dataset &data) {
  if (data.struct_size < VN_SIZE_THROUGH(vn_dataset, folds))
    throw Error(VN_E_INCOMPATIBLE, "dataset: struct_size " + std::to_string(data.struct_size) +
                                       " is smaller than ABI 1.0's vn_dataset");
  if (data.n_rows > 0 && (data.target == nullptr || (data.n_features > 0 && data.features == nullptr)))
    throw invalid("dataset: the view has NULL features or target");
  if (data.n_features > 0 && data.feature_names == nullptr) throw invalid("dataset: the view has NULL feature_names");
  if (data.task == VN_TASK_CLASSIFICATION && data.n_classes == 0)
    throw invalid("dataset: a classification dataset needs n_classes >= 1");
}

// Runs f() and converts any exception into a status, storing its message in `message`. Building the
// message may itself fail for lack of memory; then the message stays empty and the status says why.
template <class F>
vn_status firewall(std::string &message, F &&f) noexcept {
  auto keep = [&message](const char *text) noexcept {
    try {
      message = text;
    } catch (...) {
      message.clear();
    }
  };
  try {
    message.clear();
    f();
    return VN_OK;
  } catch (const Error &e) {
    keep(e.what());
    return e.status() < 0 ? e.status() : VN_E_INTERNAL;
  } catch (const std::bad_alloc &) {
    keep("out of memory");
    return VN_E_NOMEM;
  } catch (const std::exception &e) {
    keep("internal error: ");
    try {
      message += e.what();
    } catch (...) {
    }
    return VN_E_INTERNAL;
  } catch (...) {
    keep("internal error: unknown exception");
    return VN_E_INTERNAL;
  }
}

// Base of every instance: holds the last error message that last_error() returns.
class Instance {
 public:
  virtual ~Instance() = default;
  std::string last_error_;
  // Models: whether the last fit succeeded, kept by the trampolines so that predict after a failed fit is
  // VN_E_STATE whatever the model's own code does (model.h).
  bool sdk_fitted_ = false;
};

namespace detail {

inline void copy_message(const std::string &message, char *err, size_t err_cap) noexcept {
  if (err == nullptr || err_cap == 0) return;
  size_t n = message.size() < err_cap - 1 ? message.size() : err_cap - 1;
  // Never cut a UTF-8 sequence in half: back off over continuation bytes (10xxxxxx).
  if (n < message.size())
    while (n > 0 && (static_cast<unsigned char>(message[n]) & 0xC0) == 0x80) --n;
  std::memcpy(err, message.data(), n);
  err[n] = '\0';
}

template <class Impl>
Impl *self_of(void *self) noexcept {
  return static_cast<Impl *>(static_cast<Instance *>(self));
}

template <class Impl>
const char *last_error(void *self) noexcept {
  return self_of<Impl>(self)->last_error_.c_str();
}

template <class Impl>
void destroy(void *self) noexcept {
  delete self_of<Impl>(self);
}

template <class Impl>
vn_status create(const vn_host *host, const char *config_json, void **out_instance, const void **out_vtable,
                 const void *vtable, char *err, size_t err_cap) noexcept {
  std::string message;
  Impl *instance = nullptr;
  vn_status status = firewall(message, [&] {
    if (out_instance == nullptr || out_vtable == nullptr) throw invalid("create: NULL output pointer");
    if (host == nullptr || host->struct_size < VN_SIZE_THROUGH(vn_host, get_extension)) throw invalid("create: bad host");
    instance = new Impl(host, config_json != nullptr ? config_json : "{}");
  });
  if (status != VN_OK) {
    copy_message(message, err, err_cap);
    return status;
  }
  *out_instance = static_cast<Instance *>(instance);
  *out_vtable = vtable;
  return VN_OK;
}

}  // namespace detail

// The C vtables for an implementation class, one per kind. Each entry is a firewall.
template <class Impl>
const vn_sampler_vtable &sampler_vtable() {
  static const vn_sampler_vtable table = {
      sizeof(vn_sampler_vtable),
      [](void *self, const vn_space *space, const vn_history *history, uint64_t seed,
         const int64_t *trial_numbers, uint32_t count, double *out) noexcept -> vn_status {
        Impl *impl = detail::self_of<Impl>(self);
        return firewall(impl->last_error_, [&] {
          if (space == nullptr || history == nullptr || (count > 0 && (trial_numbers == nullptr || out == nullptr)))
            throw invalid("suggest: NULL argument");
          impl->suggest(*space, *history, seed, trial_numbers, count, out);
        });
      },
      &detail::last_error<Impl>, &detail::destroy<Impl>};
  return table;
}

template <class Impl>
const vn_surrogate_vtable &surrogate_vtable() {
  static const vn_surrogate_vtable table = {
      sizeof(vn_surrogate_vtable),
      [](void *self, const vn_space *space, uint64_t n, const double *X, const double *y,
         uint64_t seed) noexcept -> vn_status {
        Impl *impl = detail::self_of<Impl>(self);
        return firewall(impl->last_error_, [&] {
          if (space == nullptr || (n > 0 && (X == nullptr || y == nullptr))) throw invalid("fit: NULL argument");
          impl->fit(*space, n, X, y, seed);
        });
      },
      [](void *self, uint64_t m, const double *Xq, double *mean, double *var) noexcept -> vn_status {
        Impl *impl = detail::self_of<Impl>(self);
        return firewall(impl->last_error_, [&] {
          if (m > 0 && (Xq == nullptr || mean == nullptr || var == nullptr)) throw invalid("predict: NULL argument");
          impl->predict(m, Xq, mean, var);
        });
      },
      &detail::last_error<Impl>, &detail::destroy<Impl>};
  return table;
}

template <class Impl>
const vn_model_vtable &model_vtable() {
  static const vn_model_vtable table = {
      sizeof(vn_model_vtable),
      [](void *self, const vn_dataset *data, const uint64_t *rows, uint64_t n_rows, const vn_space *space,
         const double *hparams, uint64_t seed) noexcept -> vn_status {
        Impl *impl = detail::self_of<Impl>(self);
        impl->sdk_fitted_ = false;  // a failed fit leaves no usable fit, whatever was fitted before
        return firewall(impl->last_error_, [&] {
          if (data == nullptr || space == nullptr || (n_rows > 0 && rows == nullptr) ||
              (space->n_params > 0 && hparams == nullptr))
            throw invalid("fit: NULL argument");
          check_dataset(*data);
          impl->fit(*data, rows, n_rows, *space, hparams, seed);
          impl->sdk_fitted_ = true;
        });
      },
      [](void *self, const vn_dataset *data, const uint64_t *rows, uint64_t n_rows, double *out,
         uint64_t out_len) noexcept -> vn_status {
        Impl *impl = detail::self_of<Impl>(self);
        return firewall(impl->last_error_, [&] {
          if (data == nullptr || (n_rows > 0 && (rows == nullptr || out == nullptr))) throw invalid("predict: NULL argument");
          if (!impl->sdk_fitted_) throw Error(VN_E_STATE, "predict before a successful fit");
          check_dataset(*data);
          uint64_t width = data->task == VN_TASK_CLASSIFICATION ? data->n_classes : 1;
          if (out_len != n_rows * width)
            throw invalid("predict: out_len " + std::to_string(out_len) + " != " + std::to_string(n_rows * width));
          impl->predict(*data, rows, n_rows, out);
        });
      },
      &detail::last_error<Impl>, &detail::destroy<Impl>};
  return table;
}

template <class Impl>
const vn_splitter_vtable &splitter_vtable() {
  static const vn_splitter_vtable table = {
      sizeof(vn_splitter_vtable),
      [](void *self, const vn_dataset *data, const uint64_t *rows, uint64_t n_rows, uint64_t seed,
         uint32_t *out) noexcept -> vn_status {
        Impl *impl = detail::self_of<Impl>(self);
        return firewall(impl->last_error_, [&] {
          if (data == nullptr || out == nullptr || (n_rows > 0 && rows == nullptr)) throw invalid("n_splits: NULL argument");
          check_dataset(*data);
          *out = impl->n_splits(*data, rows, n_rows, seed);
        });
      },
      [](void *self, const vn_dataset *data, const uint64_t *rows, uint64_t n_rows, uint64_t seed, uint32_t split,
         uint8_t *out) noexcept -> vn_status {
        Impl *impl = detail::self_of<Impl>(self);
        return firewall(impl->last_error_, [&] {
          if (data == nullptr || (n_rows > 0 && (rows == nullptr || out == nullptr))) throw invalid("split: NULL argument");
          check_dataset(*data);
          impl->split(*data, rows, n_rows, seed, split, out);
        });
      },
      &detail::last_error<Impl>, &detail::destroy<Impl>};
  return table;
}

// The create() of a component whose implementation class is Impl, for the kind it is declared with.
template <class Impl, uint32_t Kind>
vn_status create_component(const vn_component *, const vn_host *host, const char *config_json,
                           void **out_instance, const void **out_vtable, char *err, size_t err_cap) noexcept {
  const void *vtable = nullptr;
  if constexpr (Kind == VN_KIND_SAMPLER) vtable = &sampler_vtable<Impl>();
  if constexpr (Kind == VN_KIND_SURROGATE) vtable = &surrogate_vtable<Impl>();
  if constexpr (Kind == VN_KIND_MODEL) vtable = &model_vtable<Impl>();
  if constexpr (Kind == VN_KIND_SPLITTER) vtable = &splitter_vtable<Impl>();
  static_assert(Kind >= VN_KIND_SAMPLER && Kind <= VN_KIND_SPLITTER, "unknown component kind");
  return detail::create<Impl>(host, config_json, out_instance, out_vtable, vtable, err, err_cap);
}

// A static component descriptor (VN-ABI-3) for an implementation class Impl of kind Kind. Impl must be
// constructible as Impl(const vn_host *, const char *config_json) and derive from Instance.
template <class Impl, uint32_t Kind>
constexpr vn_component component(const char *name, const char *version, const char *summary,
                                 const char *options_json, const char *default_space_json = nullptr) {
  return vn_component{sizeof(vn_component), Kind,          name, version, summary, options_json,
                      default_space_json,   &create_component<Impl, Kind>};
}

}  // namespace vernier::sdk

// Defines the one exported symbol (VN-ABI-1) for a library whose components are the arguments.
#define VERNIER_SDK_ENTRY(...)                                                                   \
  extern "C" VN_PLUGIN_EXPORT const vn_plugin_entry *vernier_plugin_entry(uint32_t host_abi_major) { \
    static const vn_component *const components[] = {__VA_ARGS__};                               \
    static const vn_plugin_entry entry = {sizeof(vn_plugin_entry), VN_ABI_MAJOR, VN_ABI_MINOR,       \
                                          sizeof(components) / sizeof(components[0]), components};  \
    return host_abi_major == VN_ABI_MAJOR ? &entry : nullptr;                                    \
  }

#endif  // VERNIER_SDK_PLUGIN_HPP
