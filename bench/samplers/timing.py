"""Time per suggestion at a given history size, ours and Optuna's, on the same problem in the same process.

The history is made of `size` random trials: the sampler itself runs with its start-up phase set to `size`
trials (the entry's timing.startup_option, e.g. n_startup_trials), so its first model-based suggestion
sees exactly `size` complete trials. Then `asks` suggestions are timed one by one (each is told its value
before the next) and the median is reported. A suggestion is what a user waits for: for Vernier,
vn_study_ask (the core builds the history view and calls the plugin) plus reading the parameters, through
the C API with ctypes; for Optuna, study.ask() plus the trial.suggest_* calls, where its TPE samples."""
import ctypes
import json
import os
import time

from runners import make_optuna_sampler
from stats import median

VN_OK = 0
VN_TRIAL_COMPLETE = 1


class _Vernier:
    """The few C API functions timing needs (abi/vernier/vernier.h)."""

    def __init__(self, libvernier):
        lib = ctypes.CDLL(libvernier)
        P, status = ctypes.c_void_p, ctypes.c_int32
        for name, restype, argtypes in [
                ("vn_last_error", ctypes.c_char_p, []),
                ("vn_context_new", status, [ctypes.c_char_p, ctypes.POINTER(P)]),
                ("vn_context_free", None, [P]),
                ("vn_study_create", status, [P, ctypes.c_char_p, ctypes.POINTER(P)]),
                ("vn_study_free", None, [P]),
                ("vn_study_ask", status, [P, ctypes.POINTER(P)]),
                ("vn_study_tell", status, [P, P, ctypes.c_int32, ctypes.c_double]),
                ("vn_trial_free", None, [P]),
                ("vn_trial_get_float", status, [P, ctypes.c_char_p, ctypes.POINTER(ctypes.c_double)])]:
            fn = getattr(lib, name)
            fn.restype, fn.argtypes = restype, argtypes
        self.lib = lib

    def check(self, status, what):
        if status != VN_OK:
            raise RuntimeError("%s: %s" % (what, self.lib.vn_last_error().decode()))


def run_timed_study(libvernier, config, problem, trials, clock=time.process_time):
    """Runs `trials` trials of the study `config` (whose objective is `problem`, float parameters only)
    through the C API, each told its value before the next is asked. Returns the seconds each ask took by
    `clock` (vn_study_ask plus reading the parameters) and the values the trials were told, in order."""
    if any(p["type"] != "float" for p in problem.params):
        raise ValueError("timing reads float parameters only; %s has others" % problem.name)
    v = _Vernier(libvernier)
    lib = v.lib
    f = problem.objective()
    names = [p["name"].encode() for p in problem.params]
    ctx, study = ctypes.c_void_p(), ctypes.c_void_p()
    v.check(lib.vn_context_new(None, ctypes.byref(ctx)), "vn_context_new")
    v.check(lib.vn_study_create(ctx, json.dumps(config).encode(), ctypes.byref(study)), "vn_study_create")
    value = ctypes.c_double()
    times, values = [], []
    try:
        for _ in range(trials):
            trial = ctypes.c_void_p()
            start = clock()
            v.check(lib.vn_study_ask(study, ctypes.byref(trial)), "vn_study_ask")
            params = {}
            for name in names:
                v.check(lib.vn_trial_get_float(trial, name, ctypes.byref(value)), "vn_trial_get_float")
                params[name.decode()] = value.value
            times.append(clock() - start)
            values.append(f(params))
            v.check(lib.vn_study_tell(study, trial, VN_TRIAL_COMPLETE, values[-1]), "vn_study_tell")
            lib.vn_trial_free(trial)
    finally:
        lib.vn_study_free(study)
        lib.vn_context_free(ctx)
    return times, values


def time_vernier(libvernier, entry, problem, size, asks, seed):
    options = dict(entry["vernier"].get("options", {}))
    options[entry["timing"]["startup_option"]] = size
    config = {"name": "timing", "objective": {"function": problem.name},
              "sampler": {"plugin": entry["vernier"]["plugin"], "seed": seed, "options": options}}
    times, _ = run_timed_study(libvernier, config, problem, size + asks)
    return median(times[size:])


def time_optuna(entry, problem, size, asks, seed):
    import optuna
    f = problem.objective()
    sampler = make_optuna_sampler(entry["optuna"], seed, {entry["timing"]["startup_option"]: size})
    study = optuna.create_study(sampler=sampler)
    study.optimize(lambda trial: f(problem.optuna_params(trial)), n_trials=size)
    times = []
    for _ in range(asks):
        start = time.process_time()
        trial = study.ask()
        params = problem.optuna_params(trial)
        times.append(time.process_time() - start)
        study.tell(trial, f(params))
    return median(times)


def time_sampler(build, entry, problem, size, asks, seed):
    """Median seconds per suggestion after `size` trials."""
    if "timing" not in entry:
        raise ValueError("the sampler entry has no 'timing' (startup_option)")
    if "vernier" in entry:
        return time_vernier(os.path.join(build, "lib", "libvernier.so"), entry, problem, size, asks, seed)
    return time_optuna(entry, problem, size, asks, seed)
