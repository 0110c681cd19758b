#!/usr/bin/env python3
"""Fault injection and hostile input for the journal storage: one case per ctest test.

Usage: fault_tests.py CASE --vernier PATH --library LIBVERNIER --plugin-dir DIR

Faults are injected, never waited for: strace delays a syscall or kills the process at its Nth call of
one (strace -e inject=...), a zombie is made with waitid(WNOWAIT), and processes synchronise on files
appearing and on their exits. The shared helpers (running `vernier`, loading with Optuna) are
journal_tests.py's.
"""
import ctypes
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journal_tests as jt  # noqa: E402
from case_main import cases_of, run_case  # noqa: E402 (journal_tests put tests/support on sys.path)
from journal_tests import Failure, expect, expect_error, load, optuna, optuna_storage, read_bytes, vernier, write_json  # noqa: E402,F401


def strict_json(text):
    """Parses JSON as the standard defines it: Python's json would accept NaN and Infinity."""
    def refuse(word):
        raise Failure(f"not JSON: {word} in {text[:300]!r}")
    return json.loads(text, parse_constant=refuse)


def strace():
    path = shutil.which("strace")
    expect(path is not None, "strace is installed (.ci/install-deps)")
    return path


def square_config(d, name, journal, trials, **extra):
    """A one-parameter study whose command objective prints x * x."""
    script = os.path.join(d, "square.py")
    with open(script, "w") as f:
        f.write("import json, sys\nx = json.load(sys.stdin)['x']\nprint(x * x)\n")
    config = {"name": name, "space": [{"name": "x", "type": "float", "low": -2.0, "high": 2.0}],
              "sampler": {"plugin": "random", "seed": 4},
              "objective": {"command": ["/usr/bin/python3", script], "pass": "json"}, "trials": trials,
              "storage": journal}
    config.update(extra)
    return write_json(os.path.join(d, name + ".json"), config)


def hartmann_config(d, name, trials, sampler=None, **extra):
    config = {"name": name, "objective": {"function": "hartmann6"},
              "sampler": sampler or {"plugin": "random", "seed": 11}, "trials": trials,
              "storage": {"path": name + ".journal", "lock_grace": 5}}
    config.update(extra)
    return write_json(os.path.join(d, name + ".json"), config)


# ---- infinities -----------------------------------------------------------------------------------------

INFINITE_STUDY = """
import sys, warnings
warnings.simplefilter("ignore")
import optuna
sys.path.insert(0, sys.argv[2])
from journal_tests import optuna_storage
optuna.logging.set_verbosity(optuna.logging.ERROR)
study = optuna.create_study(study_name="inf", storage=optuna_storage(sys.argv[1]),
                            sampler=optuna.samplers.RandomSampler(seed=2))
def objective(trial):
    x = trial.suggest_float("x", -2, 2)
    trial.set_user_attr("big", float("inf"))
    trial.set_user_attr("odd", float("nan"))
    trial.report(float("-inf"), 0)
    return float("-inf") if trial.number == 1 else x * x
study.optimize(objective, n_trials=3)
study.set_user_attr("floor", float("-inf"))
"""


def case_infinities():
    """Optuna writes Infinity, -Infinity and NaN in values, intermediate values and attributes: Vernier
    reads them, every JSON it gives is valid (non-finite numbers as "inf", "-inf", "nan"), and it
    resumes a study whose best value is -inf."""
    with tempfile.TemporaryDirectory() as d:
        journal = os.path.join(d, "inf.journal")
        script = os.path.join(d, "make.py")
        with open(script, "w") as f:
            f.write(INFINITE_STUDY)
        subprocess.run([sys.executable, script, journal, os.path.dirname(os.path.abspath(__file__))], check=True)
        expect(b"-Infinity" in read_bytes(journal), "Optuna wrote -Infinity")

        listed = strict_json(vernier("studies", journal, "--json").stdout)
        expect(listed["studies"][0]["best"] == {"number": 1, "value": "-inf"}, "the best value -inf", str(listed))
        expect("-inf" in vernier("studies", journal).stdout, "and in the table")
        shown = strict_json(vernier("show", journal, "--json").stdout)
        first = shown["trials"][0]
        expect(first["number"] == 1 and first["value"] == "-inf", "best first: -inf", str(first))
        expect(first["intermediate"] == {"0": "-inf"}, "an intermediate -inf", str(first))
        expect(first["user_attrs"]["big"] == "inf", "an attribute inf", str(first["user_attrs"]))
        expect(first["user_attrs"]["odd"] is None, "an attribute NaN is read as null", str(first["user_attrs"]))
        expect(shown["user_attrs"] == {"floor": "-inf"}, "a study attribute -inf", str(shown["user_attrs"]))
        table = vernier("show", journal).stdout
        expect(table.splitlines()[2].split()[:3] == ["1", "complete", "-inf"], "the table: trial 1 first", table)

        # Resume it: the run finishes, its summary is valid JSON, and Optuna still reads the study.
        r = vernier("tune", square_config(d, "inf", journal, 6), "--json")
        summary = strict_json(r.stdout.splitlines()[-1])
        expect(summary["best_value"] == "-inf" and summary["best_trial"] == 1, "the summary's best is -inf", r.stdout)
        study = load(journal, "inf")
        expect(len(study.trials) == 6 and study.best_value == float("-inf"), "Optuna reads the resumed study")

        # Through the C API: every JSON it returns is valid, and an infinite attribute written by
        # Vernier is read by Optuna as one.
        api = jt.Api()
        handle = api.open(journal, "inf")
        for name in ("vn_study_trials_json", "vn_study_summary_json", "vn_study_attrs_json"):
            fn = getattr(api.lib, name)
            fn.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
            out = ctypes.c_void_p()
            api.check(fn(handle, ctypes.byref(out)))
            strict_json(api.take(out))
        api.check(api.lib.vn_study_set_attr(handle, b"ceiling", b"1e999", 0))
        api.lib.vn_study_attrs_json.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
        out = ctypes.c_void_p()
        api.check(api.lib.vn_study_attrs_json(handle, ctypes.byref(out)))
        attrs = strict_json(api.take(out))
        expect(attrs["user"]["ceiling"] == "inf" and attrs["user"]["floor"] == "-inf", "attributes through C", str(attrs))
        api.lib.vn_study_free(handle)
        expect(load(journal, "inf").user_attrs["ceiling"] == float("inf"), "Optuna reads Vernier's Infinity")


# ---- a whole last record without its newline ------------------------------------------------------------

def case_unterminated_record():
    """A complete last record without its '\\n' is a record (Optuna reads it): show counts it, and the
    next writer ends the line instead of cutting the record, so a complete trial stays complete."""
    with tempfile.TemporaryDirectory() as d:
        journal = os.path.join(d, "n.journal")
        config = square_config(d, "n", journal, 3)
        vernier("tune", config)
        text = read_bytes(journal)
        expect(text.endswith(b"\n"), "Vernier ends its records")
        with open(journal, "wb") as f:
            f.write(text[:-1])
        expect(all(t.state == optuna.trial.TrialState.COMPLETE for t in load(journal, "n").trials),
               "Optuna reads the unterminated record")
        shown = json.loads(vernier("show", journal, "--json").stdout)
        expect([t["state"] for t in shown["trials"]] == ["complete"] * 3, "vernier show does too", str(shown["trials"]))
        r = vernier("tune", config, "--trials", "5")
        expect("torn" not in r.stderr, "nothing is cut", r.stderr)
        trials = load(journal, "n").trials
        expect([t.state for t in trials] == [optuna.trial.TrialState.COMPLETE] * 5, "every trial complete, none failed",
               str([t.state for t in trials]))
        expect(read_bytes(journal).startswith(text), "the record kept, with its end of line")


# ---- not a regular file ---------------------------------------------------------------------------------

def case_fifo():
    """A journal path that is a named pipe is refused at once, by every command, never waited on."""
    with tempfile.TemporaryDirectory() as d:
        fifo = os.path.join(d, "pipe.journal")
        os.mkfifo(fifo)
        # A command that opened the pipe for reading would wait for a writer: this guard is one, so that
        # such a command fails the checks below instead of hanging the suite.
        stop = threading.Event()

        def writer():
            while not stop.is_set():
                fd = os.open(fifo, os.O_WRONLY)
                os.close(fd)
        guard = threading.Thread(target=writer, daemon=True)
        guard.start()
        try:
            for args in (["studies", fifo], ["show", fifo], ["tune", square_config(d, "p", fifo, 2)],
                         ["tune", square_config(d, "q", os.path.join(d, "q.journal"), 2), "--storage", fifo]):
                expect_error(vernier(*args, check=False), f"journal '{fifo}' is a named pipe (FIFO), not a regular file")
        finally:
            stop.set()
            fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # lets the guard's last open return
            guard.join()
            os.close(fd)


# ---- locks and leases -----------------------------------------------------------------------------------

def case_zombie_holder():
    """A lock whose holder is a zombie (ended, not reaped by its parent) is taken over at once: kill(pid, 0)
    calls it alive, /proc/PID/stat says Z."""
    with tempfile.TemporaryDirectory() as d:
        journal = os.path.join(d, "z.journal")
        config = square_config(d, "z", {"path": journal, "lock_timeout": 20}, 3)  # the grace stays 30 s
        holder = subprocess.Popen(["/bin/true"])
        os.waitid(os.P_PID, holder.pid, os.WEXITED | os.WNOWAIT)  # ended, left unreaped: a zombie
        with open(f"/proc/{holder.pid}/stat") as f:
            expect(f.read().rsplit(")", 1)[1].split()[0] == "Z", "the holder is a zombie")
        with open(journal + ".lock", "w") as f:
            f.write(f"vernier pid={holder.pid} host={os.uname().nodename} owner=0000\n")
        r = vernier("tune", config, "-v")
        holder.wait()
        expect(f"process {holder.pid}, which is gone" in r.stderr, "taken over at once", r.stderr)
        expect(len(load(journal, "z").trials) == 3, "the study ran")


def kill_at_lock_release(journal, args, cwd, nth):
    """Runs `vernier ARGS` under strace, killed (SIGKILL) when it starts releasing the journal's lock
    for the nth time (its nth rename of JOURNAL.lock): the lock file is still there, its holder gone."""
    cmd = [strace(), "-f", "-qq", "-o", "/dev/null", "-P", journal + ".lock", "-e", "trace=rename,renameat,renameat2",
           "-e", f"inject=rename,renameat,renameat2:signal=SIGKILL:when={nth}", jt.ARGS.vernier, *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=jt.environment(), cwd=cwd, timeout=120)


def case_killed_holding_lock():
    """A worker killed while it holds the lock: the next worker takes the lock over at once (its holder's
    pid is gone), and no trial finished before the kill is lost."""
    with tempfile.TemporaryDirectory() as d:
        config = hartmann_config(d, "held", 30)
        journal = os.path.join(d, "held.journal")
        kept = {}
        for nth in (3, 6, 11, 16):
            r = kill_at_lock_release(journal, ["tune", config], d, nth)
            expect(r.returncode != 0, f"killed at its lock release {nth}", r.stderr)
            expect(os.path.exists(journal + ".lock"), "it died holding the lock")
            now = jt.finished_trials(journal, "held")
            expect(all(now.get(n) == t for n, t in kept.items()), "finished trials are kept")
            kept = now
            r = vernier("tune", config, "--trials", str(len(now) + 2), "-v", cwd=d)
            expect("which is gone; taken over" in r.stderr, "the lock is taken over at once", r.stderr)
            kept = jt.finished_trials(journal, "held")
        r = vernier("tune", config, cwd=d)
        trials = load(journal, "held").trials
        expect(sum(t.state.is_finished() for t in trials) >= 30, "the budget completes")
        expect(not os.path.exists(journal + ".lock") and not os.path.exists(journal + ".leases"), "nothing left behind")


def case_killed_taking_lock():
    """A worker killed while it takes the lock (at its first write to the lock file, at the link() that
    publishes it) leaves no lock file without an owner line: the next worker, which never takes over a
    lock it cannot judge ("lock_grace": null), gets the lock at once, and nothing is left behind."""
    with tempfile.TemporaryDirectory() as d:
        journal = os.path.join(d, "taking.journal")
        config = hartmann_config(d, "taking", 2, storage={"path": journal, "lock_grace": None, "lock_timeout": 10})
        trials = 2
        for syscalls in ("write", "link,linkat"):
            cmd = [strace(), "-f", "-qq", "-o", "/dev/null", "-P", journal + ".lock", "-e", "trace=" + syscalls,
                   "-e", f"inject={syscalls}:signal=SIGKILL:when=1", jt.ARGS.vernier, "tune", config,
                   "--trials", str(trials + 2)]
            r = subprocess.run(cmd, capture_output=True, text=True, env=jt.environment(), cwd=d, timeout=120)
            if syscalls.startswith("link"):
                expect(r.returncode != 0, "killed at the link() that publishes the lock file", r.stderr)
            expect(not os.path.exists(journal + ".lock") or os.path.getsize(journal + ".lock") > 0,
                   f"killed at {syscalls}: no lock file without its owner line")
            trials += 2
            r = vernier("tune", config, "--trials", str(trials), cwd=d, check=False)
            expect(r.returncode == 0, f"killed at {syscalls}: the next worker takes the lock", r.stderr)
            left = sorted(n for n in os.listdir(d) if n.startswith("taking.journal.lock"))
            expect(left == [], f"killed at {syscalls}: nothing left beside the journal", left)


def lease_file(journal):
    leases = journal + ".leases"
    return [n for n in (os.listdir(leases) if os.path.isdir(leases) else []) if not n.startswith(".")]


GATED_OBJECTIVE = """
import json, sys
x = json.load(sys.stdin)["x"]
with open(sys.argv[1], "rb", buffering=0) as gate:  # a named pipe: blocks until the test writes a byte
    gate.read(1)
print(x * x)
"""


def case_lease_race():
    """The issue's reproduction, made to show every time: worker A's lease is slow to be locked (strace
    delays its first flock by 3 s) and worker B starts meanwhile, its start-up scan judging every lease.
    Then each of A and B runs one trial held open by a gate, and worker C, starting while both run,
    judges their trials: none may be taken for a dead worker's and failed."""
    with tempfile.TemporaryDirectory() as d:
        journal = os.path.join(d, "race.journal")
        gate = os.path.join(d, "gate")
        os.mkfifo(gate)
        script = os.path.join(d, "gated.py")
        with open(script, "w") as f:
            f.write(GATED_OBJECTIVE)
        config = square_config(d, "race", journal, 3, objective={"command": ["/usr/bin/python3", script, gate],
                                                                "pass": "json"})
        tune = [jt.ARGS.vernier, "tune", config, "-v"]
        run = lambda cmd: subprocess.Popen(cmd, cwd=d, env=jt.environment(), stdout=subprocess.PIPE,  # noqa: E731
                                           stderr=subprocess.PIPE, text=True)
        created = lambda: read_bytes(journal).count(b'"op_code": 4') if os.path.exists(journal) else 0  # noqa: E731
        a = run([strace(), "-f", "-qq", "-o", "/dev/null", "-e", "trace=flock",
                 "-e", "inject=flock:delay_enter=3000000:when=1", *tune])
        # A's lease file appears (before its lock without the fix, after it with the fix): B starts.
        while not lease_file(journal) and a.poll() is None:
            pass
        b = run(tune)
        while created() < 2 and a.poll() is None and b.poll() is None:
            pass
        c = run(tune)  # judges A's and B's running trials before it runs its own
        while created() < 3 and c.poll() is None:
            pass
        fd = os.open(gate, os.O_WRONLY)  # every trial waits at the gate: a byte for each lets them all go
        os.write(fd, b"abc")
        outputs = {name: p.communicate(timeout=120) for name, p in (("A", a), ("B", b), ("C", c))}
        os.close(fd)  # only now: a trial that opened the gate late still finds its byte
        trials = load(journal, "race").trials
        failed = {t.number: t.system_attrs.get("fail_reason") for t in trials if t.state == optuna.trial.TrialState.FAIL}
        detail = "\n".join(f"{n}: {err[-600:]}" for n, (_, err) in outputs.items())
        expect(not failed, "no live worker's trial is failed", f"failed {failed}\n{detail}")
        expect(len(trials) == 3 and all(t.state == optuna.trial.TrialState.COMPLETE for t in trials),
               "three complete trials, one per worker", detail)
        expect(all(p.returncode == 0 for p in (a, b, c)), "every worker succeeds", detail)


def run_workers_rounds(vernier_path, plugin_dir, rounds, workers=8, trials_per_round=24, seed=1, report=None):
    """`workers` concurrent `vernier tune` processes on one fresh journal, `rounds` times, with no kill:
    returns (trials, lost) where lost counts trials failed or missing. Shared with bench/journal."""
    env = {k: v for k, v in os.environ.items() if k != "VERNIER_PLUGIN_PATH"}
    env["VERNIER_PLUGIN_PATH"] = plugin_dir
    total = lost = 0
    rng = random.Random(seed)
    for round_ in range(rounds):
        with tempfile.TemporaryDirectory() as d:
            config = write_json(os.path.join(d, "w.json"), {
                "name": "w", "objective": {"function": "hartmann6"},
                "sampler": {"plugin": "random", "seed": rng.randint(0, 10**6)}, "trials": trials_per_round,
                "storage": "w.journal"})
            procs = [subprocess.Popen([vernier_path, "tune", config], cwd=d, env=env, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE, text=True) for _ in range(workers)]
            errors = [p.communicate(timeout=300)[1] for p in procs]
            codes = [p.returncode for p in procs]
            trials = load(os.path.join(d, "w.journal"), "w").trials
            bad = [t.number for t in trials if t.state != optuna.trial.TrialState.COMPLETE]
            short = max(0, trials_per_round - len(trials))
            total += len(trials)
            lost += len(bad) + short
            if report:
                report(round_, len(trials), bad, codes)
            if any(codes) or bad or short:
                detail = "\n".join(e[-500:] for e in errors if e)
                raise Failure(f"round {round_}: exits {codes}, not complete {bad}, {short} missing\n{detail}")
    return total, lost


def case_workers_stress():
    """8 concurrent workers on one journal, round after round, no kill: no trial is failed or lost
    (bench/journal/workers.py runs the long version)."""
    total, lost = run_workers_rounds(jt.ARGS.vernier, jt.ARGS.plugin_dir, rounds=6)
    expect(lost == 0 and total >= 6 * 24, "no trial lost", f"{lost} of {total}")


# ---- kill -9 at random journal offsets ------------------------------------------------------------------

def case_kill_gp():
    """kill -9 at random moments of a GP-sampler study, then resume: nothing finished is lost, the budget
    completes, and the trials not left out are the uninterrupted run's (the GP learns from the history,
    which shows it no killed trial)."""
    with tempfile.TemporaryDirectory() as d:
        config = hartmann_config(d, "gp", 40, sampler={"plugin": "gp", "seed": 3, "options": {"n_startup_trials": 8}})
        final = jt.kill_and_resume(config, d, "gp", rounds=5, seed=7, bytes_between=(1_000, 8_000))
        expect(sum(t.state.is_finished() for t in final) >= 40, "the budget completes")


def case_kill_cv():
    """kill -9 at random moments of a cross-validated study (ridge on diabetes), then resume: nothing
    finished is lost, the trials not left out are the uninterrupted run's, the test score is kept."""
    examples = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples")
    with tempfile.TemporaryDirectory() as d:
        shutil.copy(os.path.join(examples, "data", "diabetes.csv"), os.path.join(d, "diabetes.csv"))
        config = write_json(os.path.join(d, "cv.json"), {
            "name": "cv", "objective": {"cv": {
                "data": "diabetes.csv", "target": "target", "task": "regression", "model": "ridge",
                "splitter": {"plugin": "kfold", "options": {"n_splits": 5, "shuffle": True}},
                "metric": "rmse", "test_size": 0.2, "standardize": True, "seed": 0}},
            "sampler": {"plugin": "random", "seed": 5}, "trials": 60,
            "storage": {"path": "cv.journal", "lock_grace": 5}})
        final = jt.kill_and_resume(config, d, "cv", rounds=6, seed=8, bytes_between=(2_000, 12_000))
        expect(sum(t.state.is_finished() for t in final) >= 60, "the budget completes")
        expect("vernier:test_score" in load(os.path.join(d, "cv.journal"), "cv").system_attrs, "the test score is kept")


# ---- a trial killed mid-run, retried ---------------------------------------------------------------------

# Blocks the trial whose number the file ARMED holds: writes its pid to REACHED, then waits on a named
# pipe nobody writes to, until the test kills it. Otherwise prints a value that depends on the parameters only.
BLOCKING_OBJECTIVE = """
import json, os, sys
params = json.load(sys.stdin)
armed, reached, gate = sys.argv[1:4]
victim = open(armed).read() if os.path.exists(armed) else None
if victim == os.environ["VERNIER_TRIAL_NUMBER"]:
    with open(reached + ".tmp", "w") as f:
        f.write(str(os.getpid()))
    os.rename(reached + ".tmp", reached)
    with open(gate, "rb", buffering=0) as g:
        g.read(1)
    sys.exit(3)
x, y = params["x"], params["y"]
print((x - 0.3) ** 2 + (y + 0.5) ** 2 + (0.1 if params["kind"] == "b" else 0.0))
"""


def blocking_config(d, name, journal, trials, sampler):
    script = os.path.join(d, "blocking.py")
    with open(script, "w") as f:
        f.write(BLOCKING_OBJECTIVE)
    gate = os.path.join(d, "gate")
    if not os.path.exists(gate):
        os.mkfifo(gate)
    args = [os.path.join(d, "armed"), os.path.join(d, "reached"), gate]
    return write_json(os.path.join(d, name + ".json"), {
        "name": name, "trials": trials, "sampler": sampler, "storage": {"path": journal, "lock_grace": 5},
        "space": [{"name": "x", "type": "float", "low": -2.0, "high": 2.0},
                  {"name": "y", "type": "float", "low": -2.0, "high": 2.0},
                  {"name": "kind", "type": "categorical", "choices": ["a", "b"]}],
        "objective": {"command": ["/usr/bin/python3", script, *args], "pass": "json"}})


def kill_mid_trial(d, config, victim):
    """Runs `vernier tune CONFIG` armed: kill -9 it while trial `victim` runs (the objective says when,
    by writing its pid), then kills the objective too. No clock: the file appears, or vernier ended."""
    armed, reached = os.path.join(d, "armed"), os.path.join(d, "reached")
    with open(armed, "w") as f:
        f.write(str(victim))
    p = subprocess.Popen([jt.ARGS.vernier, "tune", config], cwd=d, env=jt.environment(),
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while not os.path.exists(reached) and p.poll() is None:
        pass
    if p.poll() is not None:
        raise Failure("vernier ended before its victim trial: " + p.communicate()[1])
    p.send_signal(signal.SIGKILL)
    with open(reached) as f:  # first: the objective holds vernier's stderr open
        os.kill(int(f.read()), signal.SIGKILL)
    p.communicate()
    os.remove(armed)
    os.remove(reached)


def case_kill_mid_trial():
    """docs/storage.md, "What a resume reproduces": kill -9 while trial 6 runs, then resume. Trial 6 is
    failed as interrupted, trial 7 retries it with its parameters (Optuna's failed_trial/retry_history),
    the budget counts only the others, and the trials that are not left out are the uninterrupted run's,
    parameters and values, in order, for random and tpe (which learns from the history). Then the same
    with the retry killed too: trial 8 retries the chain."""
    victim, budget = 6, 12
    samplers = {"random": {"plugin": "random", "seed": 9},
                "tpe": {"plugin": "tpe", "seed": 9, "options": {"n_startup_trials": 3}},
                "random-chain": {"plugin": "random", "seed": 9}}
    for label, sampler in samplers.items():
        with tempfile.TemporaryDirectory() as d:
            journal = os.path.join(d, "k.journal")
            config = blocking_config(d, "k", journal, budget, sampler)
            vernier("tune", config, "--storage", os.path.join(d, "reference.journal"), cwd=d)
            reference = load(os.path.join(d, "reference.journal"), "k").trials
            kill_mid_trial(d, config, victim)
            if label == "random-chain":
                kill_mid_trial(d, config, victim + 1)  # the retry, killed in turn
            vernier("tune", config, cwd=d)
            trials = load(journal, "k").trials
            where = f"{label}: "
            killed = trials[victim]
            expect(killed.state == optuna.trial.TrialState.FAIL and "stopped" in killed.system_attrs.get("fail_reason", ""),
                   where + "the killed trial is failed, its worker stopped", str(killed))
            expect(killed.system_attrs.get("vernier:interrupted") is True, where + "and marked interrupted")
            chain = [victim, victim + 1] if label == "random-chain" else [victim]
            retry = trials[chain[-1] + 1]
            expect(optuna.storages.RetryFailedTrialCallback.retried_trial_number(retry) == victim and
                   retry.system_attrs.get("retry_history") == chain, where + "the next trial retries it, as Optuna's",
                   str(retry.system_attrs))
            expect(retry.params == killed.params, where + "with its parameters", f"{retry.params} vs {killed.params}")
            kept = [t for t in trials if t.number not in chain]
            expect(len(kept) == budget and all(t.state == optuna.trial.TrialState.COMPLETE for t in kept),
                   where + "the budget counts the others, all complete", str([(t.number, t.state) for t in trials]))
            expect([(t.params, t.value) for t in kept] == [(t.params, t.value) for t in reference],
                   where + "the uninterrupted run's trials, in order",
                   "\n".join(f"{a.params} {a.value} | {b.params} {b.value}" for a, b in zip(kept, reference)))


def case_kill_mid_trial_workers():
    """The retry is made exactly once when two workers resume at the same time."""
    with tempfile.TemporaryDirectory() as d:
        journal = os.path.join(d, "w.journal")
        config = blocking_config(d, "w", journal, 10, {"plugin": "random", "seed": 3})
        kill_mid_trial(d, config, 4)
        procs = [subprocess.Popen([jt.ARGS.vernier, "tune", config], cwd=d, env=jt.environment(),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        errors = [p.communicate(timeout=120)[1] for p in procs]
        expect(all(p.returncode == 0 for p in procs), "both workers succeed", "\n".join(errors))
        trials = load(journal, "w").trials
        retries = [t.number for t in trials if 4 in t.system_attrs.get("retry_history", [])]
        expect(len(retries) == 1, "exactly one retry of the killed trial", str(retries))
        expect(trials[retries[0]].params == trials[4].params, "with its parameters")
        complete = sum(t.state == optuna.trial.TrialState.COMPLETE for t in trials)
        expect(complete >= 10 and trials[4].state == optuna.trial.TrialState.FAIL, "the budget completes",
               str([(t.number, t.state) for t in trials]))


OPTUNA_RETRY = """
import sys, warnings
warnings.simplefilter("ignore")
import optuna
sys.path.insert(0, sys.argv[2])
from journal_tests import optuna_storage
optuna.logging.set_verbosity(optuna.logging.ERROR)
study = optuna.load_study(study_name="o", storage=optuna_storage(sys.argv[1]))
x = optuna.distributions.FloatDistribution(-2.0, 2.0)
study.add_trial(optuna.trial.create_trial(state=optuna.trial.TrialState.FAIL, params={"x": 0.5}, distributions={"x": x},
                                          system_attrs={"vernier:interrupted": True}))
optuna.storages.RetryFailedTrialCallback()(study, study.trials[-1])
"""


def case_optuna_retry():
    """A failed trial Optuna's RetryFailedTrialCallback retried (a waiting trial naming it in
    retry_history) is understood: it does not count toward Vernier's budget, and Vernier does not retry
    it a second time; Optuna's waiting retry is left for Optuna."""
    with tempfile.TemporaryDirectory() as d:
        journal = os.path.join(d, "o.journal")
        config = square_config(d, "o", journal, 3)
        vernier("tune", config)
        script = os.path.join(d, "retry.py")
        with open(script, "w") as f:
            f.write(OPTUNA_RETRY)
        subprocess.run([sys.executable, script, journal, os.path.dirname(os.path.abspath(__file__))], check=True)
        vernier("tune", config, "--trials", "6")
        trials = load(journal, "o").trials
        states = [t.state.name for t in trials]
        expect(states == ["COMPLETE"] * 3 + ["FAIL", "WAITING"] + ["COMPLETE"] * 3,
               "the failed trial is not counted: three more trials", str(states))
        expect(not any(3 in t.system_attrs.get("retry_history", []) for t in trials[5:]), "and not retried again",
               str([t.system_attrs for t in trials[5:]]))


CASES = cases_of(globals())


def main():
    return run_case("fault_tests", CASES, ["--vernier", "--library", "--plugin-dir"],
                    set_args=lambda args: setattr(jt, "ARGS", args))


if __name__ == "__main__":
    sys.exit(main())
