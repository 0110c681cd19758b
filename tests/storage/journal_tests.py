#!/usr/bin/env python3
"""End-to-end tests of the journal storage against Optuna: one case per ctest test.

Usage: journal_tests.py CASE --vernier PATH --library LIBVERNIER --plugin-dir DIR

Optuna (Debian's python3-optuna for /usr/bin/python3) reads what Vernier writes and writes what Vernier
reads; `vernier tune` is killed with SIGKILL at random moments (delays from a seeded RNG) and resumed;
three `vernier tune` processes and one Optuna process share one journal. No test waits on a clock for
its verdict: they read the journal and the processes' exits.
"""
import ctypes
import json
import math
import os
import random
import signal
import subprocess
import sys
import tempfile
import warnings

warnings.simplefilter("ignore")  # Optuna's experimental/deprecation warnings
import optuna  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.ERROR)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from case_main import Failure, cases_of, run_case  # noqa: E402
ARGS = None


def expect(cond, what, detail=""):
    if not cond:
        raise Failure(what + (f"\n  {detail}" if detail else ""))


def environment():
    env = {k: v for k, v in os.environ.items() if k != "VERNIER_PLUGIN_PATH"}
    env["VERNIER_PLUGIN_PATH"] = ARGS.plugin_dir
    return env


def vernier(*args, cwd=None, check=True, preexec_fn=None):
    r = subprocess.run([ARGS.vernier, *args], capture_output=True, text=True, env=environment(), cwd=cwd,
                       timeout=120, preexec_fn=preexec_fn)
    if check:
        expect(r.returncode == 0, f"vernier {' '.join(args)} succeeds",
               f"exit {r.returncode}\n  stdout: {r.stdout[-2000:]!r}\n  stderr: {r.stderr[-2000:]!r}")
    return r


def expect_error(r, *mentions):
    expect(r.returncode == 1, "exit status 1", f"exit {r.returncode}, stderr {r.stderr!r}")
    expect(r.stderr.splitlines()[-1].startswith("vernier: error: "), "a 'vernier: error:' message", r.stderr)
    for m in mentions:
        expect(m in r.stderr, f"the error mentions {m!r}", r.stderr)


def optuna_storage(path):
    if hasattr(optuna.storages, "journal") and hasattr(optuna.storages.journal, "JournalFileBackend"):
        return optuna.storages.JournalStorage(optuna.storages.journal.JournalFileBackend(path))  # Optuna 4
    return optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(path))  # Optuna 3.1


def load(path, name):
    return optuna.load_study(study_name=name, storage=optuna_storage(path))


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f)
    return path


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


MIXED_SPACE = [
    {"name": "lr", "type": "float", "low": 1e-4, "high": 1.0, "log": True},
    {"name": "momentum", "type": "float", "low": 0.0, "high": 0.9},
    {"name": "dropout", "type": "float", "low": 0.0, "high": 0.5, "step": 0.1},
    {"name": "layers", "type": "int", "low": 1, "high": 6},
    {"name": "width", "type": "int", "low": 8, "high": 256, "log": True},
    {"name": "batch", "type": "int", "low": 16, "high": 128, "step": 16},
    {"name": "optimizer", "type": "categorical", "choices": ["sgd", "adam", "rmsprop"]},
    {"name": "bias", "type": "categorical", "choices": [True, False]},
    {"name": "gamma", "type": "float", "low": 0.5, "high": 0.99,
     "condition": {"parent": "optimizer", "values": ["sgd"]}},
]


def expected_distribution(p):
    D = optuna.distributions
    if p["type"] == "categorical":
        return D.CategoricalDistribution(p["choices"])
    if p["type"] == "int":
        return D.IntDistribution(p["low"], p["high"], log=p.get("log", False), step=p.get("step", 1))
    return D.FloatDistribution(p["low"], p["high"], log=p.get("log", False), step=p.get("step"))


def suggest_mixed(trial):
    """The same space through Optuna's define-by-run API."""
    params = {
        "lr": trial.suggest_float("lr", 1e-4, 1.0, log=True),
        "momentum": trial.suggest_float("momentum", 0.0, 0.9),
        "dropout": trial.suggest_float("dropout", 0.0, 0.5, step=0.1),
        "layers": trial.suggest_int("layers", 1, 6),
        "width": trial.suggest_int("width", 8, 256, log=True),
        "batch": trial.suggest_int("batch", 16, 128, step=16),
        "optimizer": trial.suggest_categorical("optimizer", ["sgd", "adam", "rmsprop"]),
        "bias": trial.suggest_categorical("bias", [True, False]),
    }
    if params["optimizer"] == "sgd":
        params["gamma"] = trial.suggest_float("gamma", 0.5, 0.99)
    return params


def score(params):
    """A deterministic objective of the mixed space (the command objective computes the same)."""
    s = math.log10(params["lr"]) ** 2 + params["momentum"] + params["dropout"] + params["layers"] / 6
    s += params["width"] / 256 + params["batch"] / 128 + {"sgd": 0.1, "adam": 0.0, "rmsprop": 0.2}[params["optimizer"]]
    s += 0.05 if params["bias"] else 0.0
    return s + params.get("gamma", 0.0)


OBJECTIVE_SCRIPT = """
import json, math, sys
p = json.load(sys.stdin)
s = math.log10(p["lr"]) ** 2 + p["momentum"] + p["dropout"] + p["layers"] / 6
s += p["width"] / 256 + p["batch"] / 128 + {"sgd": 0.1, "adam": 0.0, "rmsprop": 0.2}[p["optimizer"]]
s += 0.05 if p["bias"] else 0.0
print(s + p.get("gamma", 0.0))
"""


def tuned_journal(d, name, trials=3):
    """The journal <name>.journal in `d` after `vernier tune` ran `trials` trials of study `name` over the
    mixed space: (its path, the config, its bytes)."""
    journal = os.path.join(d, name + ".journal")
    config = mixed_config(d, name, journal, trials)
    vernier("tune", config)
    return journal, config, read_bytes(journal)


def mixed_config(d, name, journal, trials, file_name=None, **extra):
    script = os.path.join(d, "objective.py")
    with open(script, "w") as f:
        f.write(OBJECTIVE_SCRIPT)
    config = {"name": name, "space": MIXED_SPACE, "sampler": {"plugin": "random", "seed": 3},
              "objective": {"command": ["/usr/bin/python3", script], "pass": "json"}, "trials": trials,
              "storage": journal}
    config.update(extra)
    return write_json(os.path.join(d, file_name or name + ".json"), config)


# ---- the C API through ctypes ------------------------------------------------------------------------------

class Api:
    def __init__(self):
        lib = ctypes.CDLL(ARGS.library)
        P = ctypes.c_void_p
        lib.vn_last_error.restype = ctypes.c_char_p
        lib.vn_context_new.argtypes = [ctypes.c_char_p, ctypes.POINTER(P)]
        lib.vn_study_create.argtypes = [P, ctypes.c_char_p, ctypes.POINTER(P)]
        lib.vn_study_open.argtypes = [P, ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(P)]
        lib.vn_study_ask.argtypes = [P, ctypes.POINTER(P)]
        lib.vn_study_tell.argtypes = [P, P, ctypes.c_int32, ctypes.c_double]
        lib.vn_trial_report.argtypes = [P, ctypes.c_int64, ctypes.c_double]
        lib.vn_trial_params_json.argtypes = [P, ctypes.POINTER(ctypes.c_void_p)]
        lib.vn_trial_number.argtypes = [P]
        lib.vn_trial_number.restype = ctypes.c_int64
        lib.vn_trial_free.argtypes = [P]
        lib.vn_study_free.argtypes = [P]
        lib.vn_context_free.argtypes = [P]
        lib.vn_free.argtypes = [P]
        lib.vn_study_trials_json.argtypes = [P, ctypes.POINTER(ctypes.c_void_p)]
        lib.vn_study_set_attr.argtypes = [P, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int32]
        self.lib = lib
        self.ctx = P()
        self.check(lib.vn_context_new(json.dumps({"plugin_path": [ARGS.plugin_dir], "default_paths": False}).encode(),
                                      ctypes.byref(self.ctx)))

    def check(self, status):
        if status != 0:
            raise Failure(f"C API status {status}: {self.lib.vn_last_error().decode()}")

    def take(self, ptr):
        text = ctypes.string_at(ptr).decode()
        self.lib.vn_free(ptr)
        return text

    def create(self, config):
        study = ctypes.c_void_p()
        self.check(self.lib.vn_study_create(self.ctx, json.dumps(config).encode(), ctypes.byref(study)))
        return study

    def open(self, path, name):
        study = ctypes.c_void_p()
        self.check(self.lib.vn_study_open(self.ctx, path.encode(), name.encode(), ctypes.byref(study)))
        return study

    def ask(self, study):
        trial = ctypes.c_void_p()
        self.check(self.lib.vn_study_ask(study, ctypes.byref(trial)))
        out = ctypes.c_void_p()
        self.check(self.lib.vn_trial_params_json(trial, ctypes.byref(out)))
        return trial, json.loads(self.take(out))

    def trials(self, study):
        out = ctypes.c_void_p()
        self.check(self.lib.vn_study_trials_json(study, ctypes.byref(out)))
        return json.loads(self.take(out))


# ---- cases -------------------------------------------------------------------------------------------------

def case_vernier_to_optuna():
    """A study Vernier wrote loads in Optuna with the same trials, values, distributions, states,
    intermediate values; Optuna then continues it."""
    api = Api()
    with tempfile.TemporaryDirectory() as d:
        journal = os.path.join(d, "shared.journal")
        config = {"name": "from-vernier", "direction": "maximize", "space": MIXED_SPACE,
                  "sampler": {"plugin": "random", "seed": 9}, "storage": journal}
        study = api.create(config)
        for i in range(30):
            trial, params = api.ask(study)
            number = api.lib.vn_trial_number(trial)
            expect(number == i, "numbers count from 0", str(number))
            if i % 3 == 0:
                for step in range(3):
                    api.check(api.lib.vn_trial_report(trial, step, score(params) * (step + 1) / 3))
            state = 2 if i % 7 == 6 else 3 if i % 11 == 10 else 1  # pruned, failed, complete
            api.check(api.lib.vn_study_tell(study, trial, state, score(params)))
            api.lib.vn_trial_free(trial)
        api.check(api.lib.vn_study_set_attr(study, b"note", b"{\"by\": \"vernier\"}", 0))  # VN_ATTR_USER
        mine = api.trials(study)
        api.lib.vn_study_free(study)
        # A second study in the same journal, through the command line.
        vernier("tune", mixed_config(d, "second", journal, 6))

        loaded = load(journal, "from-vernier")
        expect(loaded.direction == optuna.study.StudyDirection.MAXIMIZE, "the direction")
        expect(loaded.user_attrs == {"note": {"by": "vernier"}}, "the study's user attribute", str(loaded.user_attrs))
        trials = loaded.get_trials(deepcopy=False)
        expect(len(trials) == 30, "30 trials", str(len(trials)))
        states = {"complete": optuna.trial.TrialState.COMPLETE, "pruned": optuna.trial.TrialState.PRUNED,
                  "failed": optuna.trial.TrialState.FAIL}
        for ours, theirs in zip(mine, trials):
            where = f"trial {ours['number']}"
            expect(theirs.number == ours["number"], where + ": number")
            expect(theirs.state == states[ours["state"]], where + ": state", f"{theirs.state} vs {ours['state']}")
            expect(theirs.params == ours["params"], where + ": parameters", f"{theirs.params} vs {ours['params']}")
            for p in MIXED_SPACE:
                if p["name"] in theirs.params:
                    expect(theirs.distributions[p["name"]] == expected_distribution(p),
                           where + f": distribution of {p['name']}", str(theirs.distributions[p["name"]]))
            if ours["state"] == "complete":
                expect(theirs.value == ours["value"], where + ": value", f"{theirs.value} vs {ours['value']}")
            elif ours["state"] == "pruned" and ours["intermediate"]:
                expect(theirs.value == ours["intermediate"]["2"], where + ": a pruned trial's value is its last report")
            else:
                expect(theirs.value is None, where + ": no value", str(theirs.value))
            expect({str(k): v for k, v in theirs.intermediate_values.items()} == ours["intermediate"],
                   where + ": intermediate values", f"{theirs.intermediate_values} vs {ours['intermediate']}")
            expect(("gamma" in theirs.params) == (theirs.params["optimizer"] == "sgd"), where + ": the condition")
        second = load(journal, "second")
        expect(len(second.trials) == 6 and all(t.state == optuna.trial.TrialState.COMPLETE for t in second.trials),
               "the second study of the journal: 6 complete trials")
        for t in second.trials:
            expect(abs(t.value - score(t.params)) < 1e-9, "its values are the command objective's")
        # Optuna continues Vernier's study with the same distributions, on the same file.
        loaded.optimize(lambda t: score(suggest_mixed(t)), n_trials=5)
        expect(len(load(journal, "from-vernier").trials) == 35, "Optuna added 5 trials")


def optuna_made_study(journal, name, n):
    """An Optuna study of the mixed space: complete, pruned, failed (one half-way) trials."""
    study = optuna.create_study(study_name=name, storage=optuna_storage(journal),
                                sampler=optuna.samplers.RandomSampler(seed=1))

    def objective(trial):
        if trial.number == 4:
            trial.suggest_float("lr", 1e-4, 1.0, log=True)
            raise RuntimeError("failed half-way")
        params = suggest_mixed(trial)
        if trial.number % 5 == 2:
            trial.report(score(params), 0)
            raise optuna.TrialPruned()
        return score(params)

    study.optimize(objective, n_trials=n, catch=(RuntimeError,))
    return study


def case_optuna_to_vernier():
    """Vernier resumes a study Optuna made and runs it to its budget; Optuna can go on after."""
    api = Api()
    with tempfile.TemporaryDirectory() as d:
        journal = os.path.join(d, "optuna.journal")
        optuna_made_study(journal, "from-optuna", 12)
        before = {t.number: (t.state, t.value, t.params) for t in load(journal, "from-optuna").trials}
        r = vernier("tune", mixed_config(d, "from-optuna", journal, 25), "--json")
        expect("resumed" in r.stderr.splitlines()[0] and "12 finished" in r.stderr, "announced as resumed", r.stderr)
        study = load(journal, "from-optuna")
        trials = study.trials
        expect(len(trials) == 25, "the budget counts Optuna's trials: 25 in all", str(len(trials)))
        for t in trials:
            if t.number in before:
                expect(before[t.number] == (t.state, t.value, t.params), f"Optuna's trial {t.number} unchanged")
            else:
                expect(t.state == optuna.trial.TrialState.COMPLETE, f"Vernier's trial {t.number} complete")
                expect(abs(t.value - score(t.params)) < 1e-9, f"trial {t.number}: the objective's value")
                for p in MIXED_SPACE:
                    if p["name"] in t.params:
                        expect(expected_distribution(p)._contains(t.distributions[p["name"]].to_internal_repr(t.params[p["name"]])),
                               f"trial {t.number}: {p['name']} in its distribution")
        expect(set(study.system_attrs) >= {"vernier:space", "vernier:sampler", "vernier:seed"},
               "Vernier recorded its settings for the next resume", str(study.system_attrs))
        study.optimize(lambda t: score(suggest_mixed(t)), n_trials=3)
        expect(len(load(journal, "from-optuna").trials) == 28, "Optuna goes on after Vernier")

        # The C API opens a study Optuna made without any config (space from the distributions).
        journal2 = os.path.join(d, "plain.journal")
        plain = optuna.create_study(study_name="plain", storage=optuna_storage(journal2))
        plain.optimize(lambda t: t.suggest_float("x", -2, 2) ** 2 + t.suggest_int("k", 0, 3), n_trials=4)
        handle = api.open(journal2, "plain")
        trial, params = api.ask(handle)
        expect(set(params) == {"x", "k"} and -2 <= params["x"] <= 2, "asked in the derived space", str(params))
        api.check(api.lib.vn_study_tell(handle, trial, 1, params["x"] ** 2 + params["k"]))
        api.lib.vn_trial_free(trial)
        api.lib.vn_study_free(handle)
        expect(len(load(journal2, "plain").trials) == 5, "the trial is in Optuna's study")

        # A config whose space differs from the distributions Optuna stored is refused, naming them.
        space = [dict(p) for p in MIXED_SPACE]
        space[3]["high"] = 7
        journal3 = os.path.join(d, "other.journal")
        optuna_made_study(journal3, "other", 6)
        untouched = read_bytes(journal3)
        r = vernier("tune", mixed_config(d, "other", journal3, 10, "other-space.json", space=space), check=False)
        expect_error(r, "layers", "other", "another program")
        expect(read_bytes(journal3) == untouched, "a refused resume writes nothing")


def finished_trials(journal, name):
    try:
        study = load(journal, name)
    except KeyError:
        return {}
    return {t.number: (t.state.name, t.value, t.params) for t in study.trials if t.state.is_finished()}


def kill_and_resume(config, d, name, rounds, seed, bytes_between=(2_000, 30_000)):
    """kill -9 `vernier tune CONFIG` (run in d) at random moments, `rounds` times, then the same command
    to the end: nothing finished is lost, the budget completes, nothing is left running or behind, every
    trial killed mid-run is failed as interrupted and retried once by the next trial made, with its
    parameters, and the trials that are not left out are an uninterrupted run's, parameters and values
    in order, for every sampler (docs/storage.md, "What a resume reproduces"). Returns the final trials."""
    rng = random.Random(seed)
    reference = os.path.join(d, "reference.journal")
    vernier("tune", config, "--storage", reference, cwd=d)
    expected = [(t.params, t.value) for t in load(reference, name).trials]
    journal = os.path.join(d, name + ".journal")
    size = lambda: os.path.getsize(journal) if os.path.exists(journal) else 0  # noqa: E731
    kept, kills = {}, 0
    for round_ in range(rounds):
        p = subprocess.Popen([ARGS.vernier, "tune", config], env=environment(), cwd=d,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        # A random moment to die, measured in journal bytes written rather than in seconds, so a fast
        # or a loaded machine kills mid-run all the same.
        target = size() + rng.randint(*bytes_between)
        while p.poll() is None and size() < target:
            pass
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            kills += 1
        _, err = p.communicate()
        expect(p.returncode in (0, -signal.SIGKILL), f"round {round_}: only killed, never failing", err)
        now = finished_trials(journal, name)
        for number, trial in kept.items():
            expect(now.get(number) == trial, f"round {round_}: trial {number} finished before a kill is kept",
                   f"{trial} then {now.get(number)}")
        kept = now
    expect(kills >= rounds // 2, "most rounds were killed mid-run", f"{kills} kills")
    vernier("tune", config, cwd=d)
    final = load(journal, name).trials
    expect(not any(t.state == optuna.trial.TrialState.RUNNING for t in final), "nothing left running")
    at_end = finished_trials(journal, name)
    for number, trial in kept.items():
        expect(at_end[number] == trial, f"trial {number} kept to the end")
    retried = {}
    for t in final:
        for n in t.system_attrs.get("retry_history", [])[-1:]:  # the trial it re-runs (the others, its chain)
            expect(n not in retried, f"trial {n} retried once", f"by {retried.get(n)} and {t.number}")
            retried[n] = t.number
    for t in final:
        if t.state == optuna.trial.TrialState.FAIL:
            expect("stopped" in t.system_attrs.get("fail_reason", ""), f"trial {t.number} failed: its worker died")
            expect(t.system_attrs.get("vernier:interrupted") is True, f"trial {t.number}: marked interrupted")
            if t.params:  # killed after its parameters were written: the next trial made retries them
                retry = final[retried[t.number]]
                expect(retry.number == t.number + 1 and retry.params == t.params,
                       f"trial {t.number}: retried by the next trial with its parameters", str(retry))
    kept = [(t.params, t.value) for t in final if t.state != optuna.trial.TrialState.FAIL]
    expect(kept == expected[:len(kept)] and len(kept) == len(expected), "the uninterrupted run's trials, in order",
           "\n".join(f"{a} | {b}" for a, b in zip(kept, expected) if a != b)[:2000])
    # The lock and the leases of the killed processes do not linger.
    expect(not os.path.exists(journal + ".lock"), "no lock left")
    expect(not os.path.exists(journal + ".leases"), "no lease left")
    return final


def case_kill_and_resume():
    """kill -9 at random moments, repeated, then the same command: see kill_and_resume."""
    with tempfile.TemporaryDirectory() as d:
        config = write_json(os.path.join(d, "h.json"), {
            "name": "crash", "objective": {"function": "hartmann6"}, "sampler": {"plugin": "random", "seed": 11},
            "trials": 250, "storage": {"path": "crash.journal", "lock_grace": 5}})
        final = kill_and_resume(config, d, "crash", rounds=8, seed=20240611)
        expect(sum(t.state.is_finished() for t in final) >= 250, "the budget completes")


OPTUNA_WORKER = """
import sys, warnings
warnings.simplefilter("ignore")
import optuna
sys.path.insert(0, sys.argv[3])
from journal_tests import optuna_storage, suggest_mixed, score
optuna.logging.set_verbosity(optuna.logging.ERROR)
study = optuna.load_study(study_name="shared", storage=optuna_storage(sys.argv[1]))
budget = int(sys.argv[2])
study.optimize(lambda t: score(suggest_mixed(t)), n_trials=budget,
               callbacks=[optuna.study.MaxTrialsCallback(budget, states=None)])
"""


def case_workers():
    """Three `vernier tune` processes and one Optuna process on one journal finish the budget together."""
    with tempfile.TemporaryDirectory() as d:
        journal = os.path.join(d, "shared.journal")
        budget = 40
        config = mixed_config(d, "shared", journal, budget)
        vernier("tune", config, "--trials", "1")  # the study exists before the Optuna worker loads it
        script = os.path.join(d, "optuna_worker.py")
        with open(script, "w") as f:
            f.write(OPTUNA_WORKER)
        procs = [subprocess.Popen([ARGS.vernier, "tune", config, "-v"], env=environment(), cwd=d,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
        procs.append(subprocess.Popen([sys.executable, script, journal, str(budget), os.path.dirname(__file__)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        outputs = [p.communicate(timeout=100) for p in procs]
        for p, (out, err) in zip(procs, outputs):
            expect(p.returncode == 0, "every worker succeeds", err[-2000:])
        trials = load(journal, "shared").trials
        numbers = [t.number for t in trials]
        expect(numbers == list(range(len(trials))), "trial numbers are distinct and contiguous")
        finished = [t for t in trials if t.state.is_finished()]
        expect(budget <= len(finished) <= budget + 4, "the budget is met, overshooting by at most the workers' last trials",
               str(len(finished)))
        expect(all(t.state == optuna.trial.TrialState.COMPLETE for t in trials), "every trial complete")
        for t in trials:
            expect(abs(t.value - score(t.params)) < 1e-9, f"trial {t.number}: its own objective value")
        # Every trial a Vernier worker reported is in the journal as it reported it: no lost records.
        reported = {}
        for out, err in outputs[:3]:
            for line in err.splitlines():
                parts = line.split()
                if len(parts) >= 5 and parts[1] == "trial" and parts[3] == "complete":
                    expect(int(parts[2]) not in reported, f"trial {parts[2]} run by one worker only")
                    reported[int(parts[2])] = float(parts[4])
        expect(len(reported) >= 3, "the Vernier workers ran trials", str(reported))
        for number, value in reported.items():
            expect(abs(trials[number].value - value) < 1e-5 * max(1, abs(value)), f"trial {number} as reported")
        creators = {t.system_attrs.get("vernier:worker") for t in trials}
        expect(len(creators - {None}) >= 2 and None in creators, "trials from several Vernier workers and Optuna's",
               str(creators))


def case_refused_resume():
    with tempfile.TemporaryDirectory() as d:
        journal, config, before = tuned_journal(d, "refuse")
        expect_error(vernier("tune", mixed_config(d, "refuse", journal, 3, "max.json", direction="maximize"), check=False),
                     "direction", "refuse", journal)
        space = [dict(p) for p in MIXED_SPACE]
        space[1]["high"] = 0.8
        expect_error(vernier("tune", mixed_config(d, "refuse", journal, 3, "space.json", space=space), check=False),
                     "search space", "momentum")
        expect_error(vernier("tune", config, "--seed", "4", check=False), "seed 3")
        expect(read_bytes(journal) == before, "refused resumes write nothing")
        r = vernier("tune", config, "--trials", "5")
        expect("resumed" in r.stderr and "3 finished" in r.stderr, "the same config resumes", r.stderr)


def case_not_a_journal():
    with tempfile.TemporaryDirectory() as d:
        data = os.path.join(d, "data.csv")
        with open(data, "w") as f:
            f.write("x,y\n1,2\n")
        config = mixed_config(d, "nj", data, 2)
        expect_error(vernier("tune", config, check=False), "not a journal", data)
        expect_error(vernier("studies", data, check=False), "not a journal", data)
        expect_error(vernier("show", data, check=False), "not a journal")
        expect(read_bytes(data) == b"x,y\n1,2\n", "the file is untouched")
        expect_error(vernier("studies", os.path.join(d, "missing.journal"), check=False), "does not exist")


def case_show_and_studies():
    with tempfile.TemporaryDirectory() as d:
        config = mixed_config(d, "alpha", "./", 5)  # a directory: the journal is alpha.journal in it
        vernier("tune", config, cwd=d)
        journal = os.path.join(d, "alpha.journal")
        expect(os.path.exists(journal), "the journal is named after the study")
        optuna_made_study(journal, "beta", 4)
        r = vernier("studies", journal)
        expect("alpha" in r.stdout and "beta" in r.stdout and "another program" in r.stdout, "both studies listed", r.stdout)
        listed = json.loads(vernier("studies", journal, "--json").stdout)
        expect([s["name"] for s in listed["studies"]] == ["alpha", "beta"], "in creation order")
        shown = json.loads(vernier("show", journal, "--study", "alpha", "--json").stdout)
        values = [t["value"] for t in shown["trials"]]
        expect(values == sorted(values) and len(values) == 5, "best first (minimize)", str(values))
        by_number = json.loads(vernier("show", "alpha", "--order", "number", "--json", cwd=d).stdout)
        expect([t["number"] for t in by_number["trials"]] == list(range(5)), "by number, from the study name")
        table = vernier("show", "alpha", cwd=d).stdout
        expect("lr" in table and "optimizer" in table and "complete" in table, "a table of trials", table)
        expect_error(vernier("show", journal, "--study", "gamma", check=False), "gamma", "'alpha'", "'beta'")
        expect_error(vernier("show", journal, check=False), "several studies")
        expect_error(vernier("show", "nothing-here", cwd=d, check=False), "nothing-here")


def as_nobody():
    """Root ignores file permissions: run as nobody to meet them (a non-root user meets them anyway)."""
    if os.geteuid() == 0:
        os.setgid(65534)
        os.setgroups([])
        os.setuid(65534)


def case_read_only():
    with tempfile.TemporaryDirectory() as d:
        os.chmod(d, 0o755)
        journal, config, before = tuned_journal(d, "ro")
        os.chmod(journal, 0o444)
        expect_error(vernier("tune", config, "--trials", "5", check=False, preexec_fn=as_nobody), journal,
                     "Permission denied")
        expect("ro" in vernier("studies", journal, preexec_fn=as_nobody).stdout, "reading needs no write access")
        os.chmod(journal, 0o666)  # the file writable, its directory not: the lock cannot be created
        os.chmod(d, 0o555)
        try:
            expect_error(vernier("tune", config, "--trials", "5", check=False, preexec_fn=as_nobody), journal + ".lock")
        finally:
            os.chmod(d, 0o755)
        expect(read_bytes(journal) == before, "nothing written, nothing damaged")


def case_full_disk():
    import resource
    with tempfile.TemporaryDirectory() as d:
        journal, config, before = tuned_journal(d, "full")

        def small_disk():  # the file may grow by 200 bytes: less than one trial's record
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) + 200, len(before) + 200))
        r = vernier("tune", config, "--trials", "6", check=False, preexec_fn=small_disk)
        expect_error(r, journal, "the journal is unchanged")
        expect(read_bytes(journal) == before, "nothing already written is damaged")
        expect(len(load(journal, "full").trials) == 3, "Optuna still reads it")
        vernier("tune", config, "--trials", "6")
        expect(len(load(journal, "full").trials) == 6, "and the study goes on once there is room")


def case_lock_timeout():
    with tempfile.TemporaryDirectory() as d:
        journal = os.path.join(d, "locked.journal")
        config = mixed_config(d, "locked", {"path": journal, "lock_timeout": 0.5, "lock_grace": None}, 3)
        with open(journal + ".lock", "w"):
            pass  # held by someone (Optuna's JournalFileOpenLock)
        r = vernier("tune", config, check=False)
        expect_error(r, journal + ".lock", "within 0.5 s")
        expect(os.path.exists(journal + ".lock"), "someone else's lock is not removed")


def case_stale_locks():
    with tempfile.TemporaryDirectory() as d:
        journal = os.path.join(d, "stale.journal")
        config = mixed_config(d, "stale", {"path": journal, "lock_grace": 1}, 3)
        os.symlink(journal, journal + ".lock")  # Optuna's symlink lock, left by a killed process
        r = vernier("tune", config)
        expect("taken over as stale" in r.stderr, "the stale lock is taken over after the grace period", r.stderr)
        # A lock left by a killed Vernier process is taken over at once (its pid is gone).
        child = subprocess.Popen(["/bin/true"])
        child.wait()
        with open(journal + ".lock", "w") as f:
            f.write(f"vernier pid={child.pid} host={os.uname().nodename} owner=0000\n")
        r = vernier("tune", config, "--trials", "5", "-v")
        expect("which is gone" in r.stderr, "taken over at once", r.stderr)
        expect(len(load(journal, "stale").trials) == 5, "the study went on")


CASES = cases_of(globals())


def main():
    def set_args(args):
        global ARGS
        ARGS = args
    return run_case("journal_tests", CASES, ["--vernier", "--library", "--plugin-dir"], set_args=set_args)


if __name__ == "__main__":
    sys.exit(main())
