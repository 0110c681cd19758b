/* Vernier C ABI: status codes and version numbers shared by hosts and plugins.
 *
 * Compiles as C99 and as C++17. Append-only: codes and macros are never renumbered
 * (VN-ABI-2). See docs/abi.md for the numbered rules quoted below as VN-ABI-n. */
#ifndef VERNIER_STATUS_H
#define VERNIER_STATUS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI version this header describes. A host accepts a plugin whose major equals its own;
 * a higher minor only appends fields and functions (VN-ABI-2). */
#define VN_ABI_MAJOR 1u
#define VN_ABI_MINOR 2u

/* Every fallible function returns a vn_status: 0 is success, negative values are errors (VN-ABI-5).
 * A status is an int32_t, never a C enum, so its size is fixed across compilers (VN-ABI-4). */
typedef int32_t vn_status;

#define VN_OK              0
#define VN_E_INVALID      (-1)  /* an argument, a config or an option is wrong; the message names it */
#define VN_E_UNSUPPORTED  (-2)  /* the component cannot do this (a parameter type, a task, an extension) */
#define VN_E_NUMERIC      (-3)  /* a numerical failure (a factorisation, a NaN where none may be) */
#define VN_E_EXHAUSTED    (-4)  /* nothing left to propose: a finished grid; not a failure of the study */
#define VN_E_NOMEM        (-5)  /* an allocation failed */
#define VN_E_INTERNAL     (-6)  /* a bug or an exception caught at the firewall */
#define VN_E_NOT_FOUND    (-7)  /* a named thing (parameter, plugin, file, study) does not exist */
#define VN_E_IO           (-8)  /* reading or writing a file or a process failed */
#define VN_E_INCOMPATIBLE (-9)  /* a plugin built for another ABI major, or a struct too small */
#define VN_E_STATE       (-10)  /* the call is not allowed now (telling a finished trial twice) */
#define VN_E_INTERRUPTED (-11)  /* vn_interrupt() stopped a running study (appended in ABI 1.2) */
/* Codes are appended in minor versions: every reader treats a negative code it does not know as an
 * error of unknown cause, never as success. Positive values are reserved: a host reads a positive
 * return from a plugin as VN_E_INTERNAL. */

/* Trial states, as stored and as seen by plugins in a vn_history (int32_t, append-only).
 * A plugin that meets a state it does not know treats the trial like a failed one (ignores it). */
#define VN_TRIAL_RUNNING  0
#define VN_TRIAL_COMPLETE 1
#define VN_TRIAL_PRUNED   2
#define VN_TRIAL_FAILED   3

/* Plugin kinds (uint32_t, append-only). Pruners and storages are appended when they come.
 * A host skips a component of a kind it does not know, and keeps the library's other components. */
#define VN_KIND_SAMPLER   1u
#define VN_KIND_SURROGATE 2u
#define VN_KIND_MODEL     3u
#define VN_KIND_SPLITTER  4u

/* Log severities for vn_host.log (int32_t, append-only). A host logs a severity it does not know as the
 * nearest one it knows (above VN_LOG_ERROR: an error; below VN_LOG_DEBUG: debug). */
#define VN_LOG_DEBUG   0
#define VN_LOG_INFO    1
#define VN_LOG_WARNING 2
#define VN_LOG_ERROR   3

/* Size of a struct up to and including member m: how a reader checks that a struct written against
 * another minor version has a member (VN-ABI-2): p->struct_size >= VN_SIZE_THROUGH(T, m). T is the
 * typedef name (vn_host, not struct vn_host). */
#ifdef __cplusplus /* the same size, without a C cast that strict C++ warnings (-Wold-style-cast) refuse */
#define VN_SIZE_THROUGH(T, m) (offsetof(T, m) + sizeof(T::m))
#else
#define VN_SIZE_THROUGH(T, m) (offsetof(T, m) + sizeof(((T *)0)->m))
#endif

#ifdef __cplusplus
}
#endif
#endif /* VERNIER_STATUS_H */
