"""One optimisation run of one sampler on one problem, for each kind of sampler the harness knows:

  {"vernier": {"plugin": NAME, "options": {...}}}  a Vernier sampler plugin, through the built `vernier tune
                                                     CONFIG --json` (the function objective for synthetic
                                                     problems, hpo_objectives.json for HPO ones);
  {"optuna": {"sampler": CLASS, "kwargs": {...}}}   a sampler of optuna.samplers, on the Python objective.

With --objective python (run.py), Vernier samplers are driven instead through the C API (ctypes: ask, the
Python objective the peers use, tell), so HPO problems can be measured before Vernier's own cv objective
exists, and every sampler sees the very same objective code.

Each returns the best loss found (None, with the reason, when the run could not be made)."""
import json
import os
import subprocess
import tempfile
import warnings

import problems as problem_suite

HERE = os.path.dirname(os.path.abspath(__file__))
HPO_OBJECTIVES = os.path.join(HERE, "hpo_objectives.json")


def _hpo_overrides():
    with open(HPO_OBJECTIVES) as f:
        return {k: v for k, v in json.load(f).items() if not k.startswith("_")}


def run_vernier(vernier, spec, problem, seed, trials):
    try:
        config = problem.vernier_objective(_hpo_overrides())
    except LookupError as e:
        return None, str(e)
    # An HPO entry may say its objective reports a score (accuracy, R^2: higher is better) rather than a loss.
    value_is = config.pop("value_is", "loss")
    config.update({"name": "bench-%s-%s-%d" % (problem.name, spec["plugin"], seed),
                   "sampler": {"plugin": spec["plugin"], "seed": seed, "options": spec.get("options", {})},
                   "trials": trials})
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(config, f)
        path = f.name
    try:
        # ":memory:": each run is a fresh study; a journal left in the working directory would be resumed
        # by the next run of the same name instead.
        done = subprocess.run([vernier, "tune", path, "--json", "--storage", ":memory:"], capture_output=True,
                              text=True)
    finally:
        os.unlink(path)
    if done.returncode != 0:
        message = (done.stderr.strip() or done.stdout.strip()).splitlines()
        return None, message[-1] if message else "vernier exited with status %d" % done.returncode
    best = json.loads(done.stdout.strip().splitlines()[-1]).get("best_value")
    if best is not None and value_is == "score":
        best = 1.0 - best
    return best, None


def run_vernier_ctypes(libvernier, spec, problem, seed, trials):
    import ctypes
    try:
        f = problem.objective()
    except (ImportError, FileNotFoundError) as e:
        return None, "objective unavailable: %s" % e
    lib = ctypes.CDLL(libvernier)
    P, status = ctypes.c_void_p, ctypes.c_int32
    for name, restype, argtypes in [
            ("vn_last_error", ctypes.c_char_p, []), ("vn_free", None, [P]),
            ("vn_context_new", status, [ctypes.c_char_p, ctypes.POINTER(P)]), ("vn_context_free", None, [P]),
            ("vn_study_create", status, [P, ctypes.c_char_p, ctypes.POINTER(P)]), ("vn_study_free", None, [P]),
            ("vn_study_ask", status, [P, ctypes.POINTER(P)]),
            ("vn_study_tell", status, [P, P, ctypes.c_int32, ctypes.c_double]), ("vn_trial_free", None, [P]),
            ("vn_trial_params_json", status, [P, ctypes.POINTER(P)])]:
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = restype, argtypes
    config = {"name": "bench", "space": problem.vernier_space(),
              "sampler": {"plugin": spec["plugin"], "seed": seed, "options": spec.get("options", {})}}
    ctx, study = P(), P()
    if lib.vn_context_new(None, ctypes.byref(ctx)) != 0:
        return None, lib.vn_last_error().decode()
    try:
        if lib.vn_study_create(ctx, json.dumps(config).encode(), ctypes.byref(study)) != 0:
            return None, lib.vn_last_error().decode()
        best = None
        for _ in range(trials):
            trial, text = P(), P()
            if lib.vn_study_ask(study, ctypes.byref(trial)) != 0:
                return None, lib.vn_last_error().decode()
            lib.vn_trial_params_json(trial, ctypes.byref(text))
            params = json.loads(ctypes.string_at(text).decode())
            lib.vn_free(text)
            loss = f(params)
            lib.vn_study_tell(study, trial, 1, loss)  # VN_TRIAL_COMPLETE
            lib.vn_trial_free(trial)
            best = loss if best is None else min(best, loss)
        return best, None
    finally:
        lib.vn_study_free(study)
        lib.vn_context_free(ctx)


def _quiet_optuna():
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
    return optuna


def make_optuna_sampler(spec, seed, extra_kwargs=None):
    optuna = _quiet_optuna()
    kwargs = dict(spec.get("kwargs", {}))
    kwargs.update(extra_kwargs or {})
    return getattr(optuna.samplers, spec["sampler"])(seed=seed, **kwargs)


def run_optuna(spec, problem, seed, trials):
    optuna = _quiet_optuna()
    try:
        f = problem.objective()
    except (ImportError, FileNotFoundError) as e:
        return None, "objective unavailable: %s" % e
    study = optuna.create_study(sampler=make_optuna_sampler(spec, seed))
    study.optimize(lambda trial: f(problem.optuna_params(trial)), n_trials=trials)
    return study.best_value, None


def run_one(task):
    """task: (sampler name, sampler entry, problem name, seed, trials, vernier path, objective) -> a result
    dict, objective being "vernier" (Vernier's own, through the CLI) or "python" (through ctypes).
    A module-level function so a process pool can run it."""
    name, entry, problem_name, seed, trials, vernier, objective = task
    problem = problem_suite.load([problem_name])[0]
    if "vernier" in entry and objective == "python":
        libvernier = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(vernier))), "lib", "libvernier.so")
        best, error = run_vernier_ctypes(libvernier, entry["vernier"], problem, seed, trials)
    elif "vernier" in entry:
        best, error = run_vernier(vernier, entry["vernier"], problem, seed, trials)
    elif "optuna" in entry:
        best, error = run_optuna(entry["optuna"], problem, seed, trials)
    else:
        best, error = None, "sampler entry needs a 'vernier' or an 'optuna' key"
    return {"sampler": name, "problem": problem_name, "seed": seed, "best_loss": best,
            "score": problem.score(best), "error": error}
