/* Vernier host API: what C, C++ and FFI programs call to run studies.
 *
 * Opaque handles in the style of SQLite and libgit2:
 *   vn_context  plugin search path, the registry of discovered plugins, logging;
 *   vn_study    a search space, a direction, a sampler and a storage;
 *   vn_trial    one trial being evaluated (ask -> getters/report -> tell).
 *
 * Errors: every fallible function returns a vn_status (status.h). The message of the last failure on
 * the calling thread is vn_last_error() (thread-local, library-owned, valid until the next failing call
 * on that thread; a successful call leaves it as it was). On failure, a function that returns a
 * handle or a string through `*out` leaves it NULL; other outputs are left unchanged.
 * Threading: a vn_context may be shared by threads; a vn_study and its trials are used by one thread at
 * a time (parallel workers use one study handle each, sharing a storage). Tags on the functions:
 *   [thread-safe]  may be called from any thread, at the same time as other calls;
 *   [context]      thread-safe on one vn_context, but not during vn_context_free;
 *   [study]        one thread at a time per study (its trials included); distinct studies in parallel;
 *   [async-signal-safe]  may also be called from a signal handler.
 * Lifetimes: handles are freed by their own *_free function, children before parents: every trial of
 * a study before (or after, but never used after) vn_study_free; every study before vn_context_free.
 * Strings returned through char ** are allocated by Vernier, owned by the caller and freed with
 * vn_free(). Strings passed in are read during the call only. */
#ifndef VERNIER_VERNIER_H
#define VERNIER_VERNIER_H

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(VERNIER_BUILDING)
#define VN_API __declspec(dllexport)
#elif defined(_WIN32)
#define VN_API __declspec(dllimport)
#elif defined(__GNUC__)
#define VN_API __attribute__((visibility("default")))
#else
#define VN_API
#endif

typedef struct vn_context vn_context;
typedef struct vn_study vn_study;
typedef struct vn_trial vn_trial;

/* ---- library ---------------------------------------------------------------------------------- */

/* [thread-safe] "1.2.3"; static. */
VN_API const char *vn_version(void);
/* [thread-safe] The message of the last failed call on this thread; "" if none. Never NULL. The string
 * stays valid until the next failing call on this thread. */
VN_API const char *vn_last_error(void);
/* [thread-safe] Free a string or buffer returned by Vernier. NULL is allowed. */
VN_API void vn_free(void *ptr);

/* ---- context: plugin discovery ---------------------------------------------------------------- */

/* [thread-safe] Create a context. options_json may be NULL or a JSON object:
 *   {"plugin_path": ["dir", ...],   absolute directories, searched after VERNIER_PLUGIN_PATH
 *    "default_paths": true,         false: ignore VERNIER_PLUGIN_PATH and the install directory
 *    "allow_unsafe_dirs": false,    true: skip the owner and mode checks of plugin files and directories
 *    "log_level": "warning"}        debug, info, warning, error: least severity printed on stderr
 * Discovery happens here: every shared library in those directories that exports
 * vernier_plugin_entry is loaded; a broken or incompatible one is skipped with its reason (see
 * vn_context_plugins_json), never fatal. A listed directory that does not exist is an error. */
VN_API vn_status vn_context_new(const char *options_json, vn_context **out);
/* Free the context, unloading its plugins. Every study created from it must be freed first, and no
 * other call may be using it. NULL is allowed. */
VN_API void vn_context_free(vn_context *ctx);
/* [context] Load the plugin library at `path` now (as `vernier check` does). Its components join the
 * registry; a component of the same kind and name as one already there replaces it for later lookups.
 * It may run while other threads create studies or instances from the same context; a component it
 * replaces stays usable by instances already created (a library stays loaded until the context is
 * freed).
 * Fails (VN_E_NOT_FOUND, VN_E_INCOMPATIBLE, VN_E_INVALID) with a message naming the file and reason. */
VN_API vn_status vn_context_load_plugin(vn_context *ctx, const char *path);
/* [context] JSON report of discovery: {"plugins": [{"kind", "name", "version", "summary", "path", "options",
 * "default_space"}...], "skipped": [{"path", "reason"}...], "search_path": [...]}. Free with vn_free. */
VN_API vn_status vn_context_plugins_json(vn_context *ctx, char **out_json);

/* [context] Run the conformance suite of its kind against every component of the plugin library at `path`, plus
 * the library-level checks (one exported symbol, entry and descriptors), as `vernier check` does.
 * The library is loaded privately: the context's registry is not changed. Report, freed with vn_free:
 *   {"path", "passed": bool, "checks": [{"id", "rule", "title", "passed", "level", "message"}...],
 *    "components": [{"kind", "name", "passed", "checks": [...]}...]}
 * "rule" is the numbered ABI rule ("VN-ABI-3") or the kind's header ("sampler.h") whose contract the
 * check enforces; "level" is "error" or "warning" (a failed warning does not fail the verdict).
 * Returns VN_OK whenever the suite ran, whatever its verdict; a broken library is a failed check. */
VN_API vn_status vn_check_plugin(vn_context *ctx, const char *path, char **out_report_json);

/* ---- study ------------------------------------------------------------------------------------ */

/* [context] Create a study from a JSON config (docs/config.md):
 *   {"name": "...", "direction": "minimize" | "maximize",
 *    "space": [{"name": "lr", "type": "float", "low": 1e-4, "high": 1, "log": true}, ...],
 *    "sampler": {"plugin": "random", "seed": 1, "options": {...}},
 *    "objective": {...}, "trials": 100}
 * Only name, direction and space are required here; "objective" and "trials" are used by
 * vn_study_run. The config is validated whole; the first problem found is reported with its JSON
 * path (and line and column for malformed JSON). */
VN_API vn_status vn_study_create(vn_context *ctx, const char *config_json, vn_study **out);
/* [study] Free the study and its storage handle. Trials still running stay recorded as running (another
 * worker, or a later run, fails them once their lease expires). Trial handles of the study must not be
 * used afterwards, only freed. NULL is allowed. */
VN_API void vn_study_free(vn_study *study);

/* [study] Ask the sampler for a new trial. On VN_E_EXHAUSTED the sampler has nothing left to propose
 * (a finished grid) and *out is NULL; the study is simply done. The trial is recorded as running; the
 * handle belongs to the caller, who frees it with vn_trial_free (after vn_study_tell, or instead of it:
 * then the trial stays running). */
VN_API vn_status vn_study_ask(vn_study *study, vn_trial **out);
/* [study] Finish a trial: state VN_TRIAL_COMPLETE with its objective value, VN_TRIAL_PRUNED (value ignored,
 * the last reported value is kept) or VN_TRIAL_FAILED. A complete trial with a NaN or infinite value
 * is recorded as failed and VN_E_INVALID is returned saying so. Telling a finished trial twice is
 * VN_E_STATE. The trial handle stays valid until vn_trial_free. */
VN_API vn_status vn_study_tell(vn_study *study, vn_trial *trial, int32_t state, double value);
/* [study] Free a trial handle (it does not change the recorded trial). NULL is allowed. */
VN_API void vn_trial_free(vn_trial *trial);

/* The objective callback of vn_study_optimize: evaluate `trial`, store the objective in *value and
 * return the state to record (VN_TRIAL_COMPLETE, VN_TRIAL_PRUNED or VN_TRIAL_FAILED; any other
 * non-negative value is recorded as failed). A negative return (a vn_status) stops the loop: the trial
 * is recorded as failed and vn_study_optimize returns that status. `trial` is [host-owned]: valid only
 * during the call; read it and report on it, but neither tell nor free it (the loop does both). */
typedef int32_t (*vn_objective_fn)(vn_trial *trial, void *user, double *value);
/* [study] Run ask -> objective -> tell n_trials times (fewer if the sampler is exhausted). A failed
 * trial (a NaN or infinite value included) does not stop the loop. user is passed through untouched;
 * the callback runs on the calling thread. */
VN_API vn_status vn_study_optimize(vn_study *study, uint64_t n_trials, vn_objective_fn objective,
                                   void *user);
/* [study] Run the config's own objective ("function", "command" or "cv") until the study holds
 * `n_trials` finished trials (0: the config's "trials"). progress, if not NULL, is called on the
 * calling thread after each trial with a one-line summary, [host-owned]: valid during that call. */
typedef void (*vn_progress_fn)(const char *line, void *user);
VN_API vn_status vn_study_run(vn_study *study, uint64_t n_trials, vn_progress_fn progress, void *user);

/* [study] Number of trials in a given VN_TRIAL_* state (0 for a state no trial has), or of all trials
 * when state is -1. On error (a NULL study, a storage that cannot be read) 0, with vn_last_error set. */
VN_API uint64_t vn_study_count(const vn_study *study, int32_t state);
/* [study] The best complete trial that holds a whole point of the space (a partial trial, e.g. written by
 * an Optuna worker that suggested only some parameters, is never the best; docs/storage.md): its number and
 * objective value (in the study's direction). VN_E_NOT_FOUND when no such trial is complete. */
VN_API vn_status vn_study_best(const vn_study *study, int64_t *number, double *value);
/* [study] JSON summary: {"study", "direction", "trials": {"complete": n, ...}, "best": {"number", "value",
 * "params"} | null}. Free with vn_free. */
VN_API vn_status vn_study_summary_json(const vn_study *study, char **out_json);
/* [study] Every trial as JSON: [{"number", "state", "value", "params": {...}, "intermediate": {...}}].
 * Free with vn_free. */
VN_API vn_status vn_study_trials_json(const vn_study *study, char **out_json);

/* ---- trial ------------------------------------------------------------------------------------ */

/* [study] The trial's number in its study (0, 1, ...); -1 for a NULL trial. */
VN_API int64_t vn_trial_number(const vn_trial *trial);
/* [study] Typed getters by parameter name. VN_E_NOT_FOUND for an unknown name, VN_E_INVALID for a getter of
 * the wrong type, VN_E_STATE for a conditional parameter inactive in this trial (see is_active). */
VN_API vn_status vn_trial_get_float(const vn_trial *trial, const char *name, double *out);
VN_API vn_status vn_trial_get_int(const vn_trial *trial, const char *name, int64_t *out);
/* [study] *out points to the choice string (space.h names number and bool choices by their JSON text),
 * owned by the study, valid until the study is freed. */
VN_API vn_status vn_trial_get_categorical(const vn_trial *trial, const char *name, const char **out);
/* [study] 1 if the parameter is active in this trial, 0 if inactive; VN_E_NOT_FOUND for an unknown name. */
VN_API vn_status vn_trial_is_active(const vn_trial *trial, const char *name, int32_t *out);
/* [study] The trial's active parameters as a JSON object {"name": value}. Free with vn_free. */
VN_API vn_status vn_trial_params_json(const vn_trial *trial, char **out_json);
/* [study] Record an intermediate value at a step (for pruning and learning curves). NaN is refused. */
VN_API vn_status vn_trial_report(vn_trial *trial, int64_t step, double value);
/* [study] 1 if the study's pruner says to stop this trial now, else 0 (no pruner: always 0). */
VN_API int32_t vn_trial_should_prune(const vn_trial *trial);

/* ---- journal storage (docs/storage.md) --- appended in ABI 1.1 ------------------------------- */
/* A study config's "storage" names a journal file in Optuna's JournalStorage format: vn_study_create
 * then creates the study there, or resumes the stored one of the same name (refused, naming the
 * difference, when its direction, space, sampler, seed or objective differ; docs/storage.md). Without
 * "storage" (or with ":memory:") a study lives in memory only. Several processes may share one journal.
 * Paths are UTF-8 file names, relative to the working directory (a config's "storage" is relative to
 * the config's directory instead). On failure every function below leaves *out NULL. */

/* [context] Open a study stored in the journal at `journal_path` without a config: its stored space, sampler and
 * seed (for a study Optuna made: a space derived from its trials' distributions, and the random
 * sampler). study_name may be NULL when the journal holds exactly one study. The study can then be
 * asked, told and run like any other (vn_study_run needs an objective: use vn_study_create with a
 * config for that); free it with vn_study_free before its context.
 * Errors: VN_E_NOT_FOUND for a missing file, or an unknown study (the message names the studies the
 * journal holds); VN_E_INVALID for a file that is not a journal, or a NULL name when the journal holds
 * several studies (it names them); VN_E_IO when the file cannot be read. */
VN_API vn_status vn_study_open(vn_context *ctx, const char *journal_path, const char *study_name, vn_study **out);
/* [thread-safe] The studies of a journal, read without a lock and without changing anything:
 * {"path", "studies": [{"name", "direction", "trials": {"complete", "pruned", "failed", "running",
 *  "waiting"}, "best": {"number", "value"} | null, "vernier": bool}], "warnings": [...]}.
 * "warnings" lists corrupt lines (with their line numbers) that were skipped. Free with vn_free.
 * Errors as vn_study_open's for the file. */
VN_API vn_status vn_journal_list_json(const char *journal_path, char **out_json);
/* [thread-safe] One study of a journal with every trial (study_name NULL: the only one): {"path",
 * "study", "direction", "vernier", "user_attrs", "system_attrs", "trials": [{"number", "state", "value",
 * "params", "intermediate", "datetime_start", "datetime_complete", "message", "user_attrs",
 * "system_attrs"}], "warnings"}. Free with vn_free. Errors as vn_study_open's. */
VN_API vn_status vn_journal_study_json(const char *journal_path, const char *study_name, char **out_json);

/* The two kinds of study attribute, as Optuna has them. */
#define VN_ATTR_USER 0   /* for people: notes, tags */
#define VN_ATTR_SYSTEM 1 /* for programs; keys starting with "vernier:" are Vernier's own and refused */
/* [study] Set a study attribute: `key` a non-empty UTF-8 string, `value_json` any JSON value, `kind`
 * VN_ATTR_USER or VN_ATTR_SYSTEM. Kept by the storage (in a journal as Optuna's study user or system
 * attribute, so Optuna sees it; in memory until the study is freed). Setting a key again replaces its
 * value; of two workers setting one key, the later write wins. Errors: VN_E_INVALID for an empty or
 * reserved key, malformed JSON or an unknown kind; VN_E_IO when the journal cannot be written. */
VN_API vn_status vn_study_set_attr(vn_study *study, const char *key, const char *value_json, int32_t kind);
/* [study] The study's attributes, including those other workers set since: {"user": {...}, "system":
 * {...}}. Free with vn_free. */
VN_API vn_status vn_study_attrs_json(const vn_study *study, char **out_json);

/* ---- in-memory data for the cv objective (docs/config.md, "cv") --- appended in ABI 1.1 -------- */

/* Arrays an embedding program already holds, handed to the cv objective instead of a CSV file. Every
 * array is read, checked and copied during vn_study_create_with_data: none needs to outlive the call. */
typedef struct vn_data_arrays {
  uint32_t struct_size;              /* sizeof(vn_data_arrays) as the caller was built */
  uint32_t n_features;
  uint64_t n_rows;
  const double *features;            /* n_rows x n_features, row-major, finite */
  const char *const *feature_names;  /* n_features UTF-8 names, or NULL for "x0", "x1", ... */
  const double *target;              /* n_rows, finite: class labels (any distinct values, ordered
                                      * numerically) or regression values */
  const int64_t *groups;             /* n_rows group ids for the group splitter, or NULL; with groups the
                                      * held-out test part takes whole groups unless "test_split" says otherwise */
  const int64_t *folds;              /* n_rows fold ids 0..k-1 (-1: always train) for "predefined", or NULL */
} vn_data_arrays;

/* [context] Create a study like vn_study_create whose config has a "cv" objective without "data" (nor "target",
 * "groups", "folds", "categorical", "drop": the arrays bring their own columns), evaluated on `data`.
 * The held-out test part is drawn from these rows as from a file's. A journal study resumed this way
 * is checked against the data it was tuned on, by content: other arrays are refused.
 * Errors: VN_E_INCOMPATIBLE when data->struct_size is smaller than ABI 1.1's vn_data_arrays;
 * VN_E_INVALID for NULL or empty arrays, NaN or infinite values (naming the row and feature), a target
 * of one class, fold ids below -1, or a config that names a file or columns; then vn_study_create's. */
VN_API vn_status vn_study_create_with_data(vn_context *ctx, const char *config_json, const vn_data_arrays *data,
                                           vn_study **out);

/* ---- interruption --- appended in ABI 1.2 ----------------------------------------------------- */

/* [thread-safe] [async-signal-safe] Stop every vn_study_run and vn_study_optimize under way in this
 * process, on any thread; meant to be called from a SIGINT or SIGTERM handler (`vernier tune` does). As
 * with SQLite's sqlite3_interrupt, a run that starts later is not affected, nor is anything when no run
 * is under way. vn_study_run stops before its next trial, between the folds of a "cv" trial, or at once
 * while a "command" objective's program runs: that program is killed with its whole process group. The
 * trial under way is recorded as failed with the message "interrupted" and the system attribute
 * "vernier:interrupted": it does not count toward the budget, and the next ask re-runs its parameters
 * (docs/storage.md, "What a resume reproduces"); every trial finished before is
 * kept, and running the study again resumes it (the final refit of a "cv" objective included; a refit
 * already under way runs to its end). vn_study_optimize stops before asking its next trial (a trial its
 * callback is evaluating is told as usual). Either returns VN_E_INTERRUPTED when a request came while
 * it ran, even during its last trial. From Python (ctypes), whose signal handlers do not run
 * during a foreign call, run the study in a thread and call vn_interrupt on KeyboardInterrupt. */
VN_API void vn_interrupt(void);

#ifdef __cplusplus
}
#endif
#endif /* VERNIER_VERNIER_H */
