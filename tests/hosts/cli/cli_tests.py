#!/usr/bin/env python3
"""End-to-end tests of the `vernier` command: one test case per ctest test.

Usage: cli_tests.py CASE --vernier PATH --examples DIR --plugin-dir DIR [--library PATH.so]
Each case runs the built binary as a user would and checks its exit status, stdout and stderr.
VERNIER_PLUGIN_PATH is removed from the environment so that only the build tree's plugins count.
"""
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))
from case_main import Failure, cases_of, run_case  # noqa: E402

ARGS = None


def expect(cond, what, result=None):
    if not cond:
        detail = ""
        if result is not None:
            detail = f"\n  exit {result.returncode}\n  stdout: {result.stdout!r}\n  stderr: {result.stderr!r}"
        raise Failure(what + detail)


def run(*args, env=None, cwd=None, timeout=120):
    environment = {k: v for k, v in os.environ.items() if k != "VERNIER_PLUGIN_PATH"}
    environment.update(env or {})
    if cwd is None:  # `vernier tune` keeps its journal in the working directory: a fresh one per run
        with tempfile.TemporaryDirectory() as fresh:
            return subprocess.run([ARGS.vernier, *args], capture_output=True, text=True, env=environment, cwd=fresh,
                                  timeout=timeout)
    return subprocess.run([ARGS.vernier, *args], capture_output=True, text=True, env=environment, cwd=cwd,
                          timeout=timeout)


def last_json(result):
    """The JSON object on the last line of stdout, as `vernier tune --json` promises."""
    lines = result.stdout.strip().splitlines()
    expect(lines, "stdout is empty", result)
    try:
        return json.loads(lines[-1])
    except ValueError as e:
        raise Failure(f"last line of stdout is not JSON ({e})\n  stdout: {result.stdout!r}")


def expect_error(result, *mentions, status=1):
    """A clear error: the exit status, `vernier: error:` on stderr, naming each of `mentions`."""
    expect(result.returncode == status, f"exit status {status} expected", result)
    expect(result.stderr.startswith("vernier: error: "), "stderr starts with 'vernier: error: '", result)
    for m in mentions:
        expect(m in result.stderr, f"the error mentions {m!r}", result)
    expect(result.stdout == "", "nothing on stdout on error", result)


def example(name):
    return os.path.join(ARGS.examples, name)


def write(directory, name, text, mode=0o644):
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)
    return path


def plugin_paths():
    result = run("plugins", "--json")
    expect(result.returncode == 0, "vernier plugins --json succeeds", result)
    return {p["name"]: p["path"] for p in json.loads(result.stdout)["plugins"]}


# ---- cases -------------------------------------------------------------------------------------------

def case_plugins():
    result = run("plugins", "--json")
    expect(result.returncode == 0, "vernier plugins --json succeeds", result)
    report = json.loads(result.stdout)
    plugin_dir = os.path.realpath(ARGS.plugin_dir)
    found = {p["name"]: p for p in report["plugins"]}
    for name in ("grid", "random"):
        expect(name in found, f"{name} is listed", result)
        p = found[name]
        expect(p["kind"] == "sampler" and p["version"] and p["summary"], f"{name} has kind, version, summary")
        expect(os.path.dirname(os.path.realpath(p["path"])) == plugin_dir, f"{name} comes from {plugin_dir}", result)
        expect(isinstance(p["options"], dict), f"{name} has its options")
    expect(isinstance(report["skipped"], list), "skipped libraries are reported", result)

    human = run("plugins")
    expect(human.returncode == 0, "vernier plugins succeeds", human)
    for text in ("KIND", "NAME", "VERSION", "PATH", "grid", "random", "searched:"):
        expect(text in human.stdout, f"the table shows {text!r}", human)


def case_tune_hartmann6():
    result = run("tune", example("hartmann6.json"), "--trials", "20", "--json", "--seed", "1")
    expect(result.returncode == 0, "tune succeeds", result)
    r = last_json(result)
    expect(r["study"] == "hartmann6-random" and r["direction"] == "minimize", "study name and direction", result)
    expect(r["trials"] == {"complete": 20, "pruned": 0, "failed": 0, "running": 0}, "20 complete trials", result)
    expect(r["best_value"] < 0, "hartmann6's best value is negative", result)
    expect(sorted(r["best_params"]) == [f"x{i}" for i in range(6)], "the problem's own space", result)
    expect(r["seed"] == 1 and r["sampler"] == "random" and 0 <= r["best_trial"] < 20, "seed, sampler, best trial",
           result)
    expect(result.stderr.startswith("study 'hartmann6-random' in journal ") and result.stderr.count("\n") == 1,
           "the first line says where the study is kept; no progress output when stderr is not a terminal", result)


def case_tune_seeds():
    a = run("tune", example("hartmann6.json"), "--trials", "20", "--json", "--seed", "1")
    b = run("tune", example("hartmann6.json"), "--trials", "20", "--json", "--seed", "1")
    c = run("tune", example("hartmann6.json"), "--trials", "20", "--json", "--seed", "2")
    for r in (a, b, c):
        expect(r.returncode == 0, "tune succeeds", r)
    expect(a.stdout == b.stdout, "the same seed gives identical JSON", b)
    expect(last_json(c)["seed"] == 2, "--seed 2 is reported", c)
    expect(last_json(a)["best_value"] != last_json(c)["best_value"], "another seed gives other trials", c)


def case_tune_human():
    result = run("tune", example("hartmann6.json"), "--trials", "5", "-v")
    expect(result.returncode == 0, "tune succeeds", result)
    for text in ("best trial", "5 complete", "x0 = "):
        expect(text in result.stdout, f"the summary shows {text!r}", result)
    trial_lines = [l for l in result.stderr.splitlines() if re.match(r"\[\d+/\d+\] trial ", l)]
    expect(len(trial_lines) == 5, "-v without a terminal prints one line per trial on stderr", result)


def case_tune_command_example():
    with tempfile.TemporaryDirectory() as elsewhere:  # relative paths resolve from the config, not the cwd
        result = run("tune", example("command.json"), "--json", cwd=elsewhere)
    expect(result.returncode == 0, "tune succeeds", result)
    r = last_json(result)
    expect(r["trials"]["complete"] == 30 and r["trials"]["failed"] == 0, "30 complete trials", result)
    p = r["best_params"]
    expect(1e-4 <= p["lr"] <= 1 and isinstance(p["depth"], int) and p["optimizer"] in ("sgd", "adam"),
           "best parameters of every type", result)


def case_tune_grid_example():
    result = run("tune", example("grid-branin.json"), "--trials", "150", "--json")
    expect(result.returncode == 0, "tune succeeds", result)
    r = last_json(result)
    expect(r["trials"]["complete"] == 100, "a 10 x 10 grid: 100 trials, then exhausted", result)
    expect(r["exhausted"] is True, "the result says the search space was exhausted", result)
    expect(0.397887 <= r["best_value"] < 5, "the grid comes close to branin's minimum", result)
    human = run("tune", example("grid-branin.json"), "--trials", "150")
    expect("search space exhausted" in human.stdout, "and so does the human summary, without a terminal", human)
    within = last_json(run("tune", example("grid-branin.json"), "--json"))
    expect(within["exhausted"] is False, "a budget the grid fills is not an exhausted run")


def case_failing_trials():
    with tempfile.TemporaryDirectory() as d:
        # Reads its parameters as JSON on stdin; trial n: n % 4 == 0 exits 3, n % 4 == 1 prints no
        # number, trial 2 hangs past the timeout, the others print a score.
        write(d, "flaky.py", """
import json, os, sys, time
params = json.load(sys.stdin)
n = int(os.environ["VERNIER_TRIAL_NUMBER"])
print("starting", params)
if n % 4 == 0:
    sys.exit(3)
if n % 4 == 1:
    print("not-a-number")
    sys.exit(0)
if n == 2:
    time.sleep(30)
print(params["x"] ** 2)
""")
        write(d, "flaky.json", json.dumps({
            "name": "flaky", "space": [{"name": "x", "type": "float", "low": -1, "high": 1}],
            "objective": {"command": [sys.executable, "flaky.py"], "pass": "json", "timeout": 2},
            "sampler": {"plugin": "random", "seed": 1}, "trials": 12}))
        result = run("tune", os.path.join(d, "flaky.json"), "--json")
        expect(result.returncode == 0, "the study completes despite failed trials", result)
        r = last_json(result)
        # failed: 0, 1, 2 (timeout), 4, 5, 8, 9
        expect(r["trials"] == {"complete": 5, "pruned": 0, "failed": 7, "running": 0}, "7 failed, 5 complete",
               result)
        human = run("tune", os.path.join(d, "flaky.json"), "--trials", "2")
        expect(human.returncode == 0 and "last failure: trial 1:" in human.stdout, "the human summary says why",
               human)
        expect("no trial completed" in human.stdout, "and that no trial completed", human)


def case_malformed_config():
    with tempfile.TemporaryDirectory() as d:
        path = write(d, "broken.json", '{"name": "broken",\n  "space": [}\n')
        expect_error(run("tune", path), "broken.json", "line 2", "column")


def case_config_read_exactly():
    """The CLI reads configs and the core's reports itself (to apply --seed and --storage, and to print): a
    number must come through exactly (Boost.JSON 1.81's own parser reads 13.387664401253275 one ulp off),
    and a repeated key must still reach the core, which refuses it (the last-one-wins rule would hide it)."""
    with tempfile.TemporaryDirectory() as d:
        bound = "13.387664401253275"
        path = write(d, "exact.json", '{"name": "exact", "trials": 2, "objective": {"function": "branin"},'
                     ' "sampler": {"plugin": "random", "seed": 1}, "space": [{"name": "x0", "type": "float",'
                     ' "low": -5, "high": ' + bound + '}, {"name": "x1", "type": "float", "low": 0, "high": 15}]}')
        tuned = run("tune", path, "--seed", "2", cwd=d)
        expect(tuned.returncode == 0, "vernier tune succeeds", tuned)
        shown = run("show", "exact", "--json", cwd=d)
        expect(shown.returncode == 0, "vernier show succeeds", shown)
        space = json.loads(shown.stdout)["system_attrs"]["vernier:space"]
        expect(repr(space[0]["high"]) == bound, f"the stored bound is {bound} exactly", shown)
        expect(f'"high": {bound}' in shown.stdout, f"show prints {bound} as written", shown)

        repeated = write(d, "repeated.json", '{"name": "repeated", "trials": 2, "trials": 3,'
                         ' "objective": {"function": "branin"}}')
        for extra in ([], ["--seed", "4"]):
            expect_error(run("tune", repeated, *extra, cwd=d), "repeated.json", 'duplicate key "trials"', "line 1")


def case_missing_config():
    expect_error(run("tune", "/nonexistent/study.json"), "/nonexistent/study.json", "No such file")


def case_unknown_plugin():
    with tempfile.TemporaryDirectory() as d:
        path = write(d, "s.json", json.dumps({"objective": {"function": "branin"}, "sampler": "annealing",
                                              "trials": 3}))
        expect_error(run("tune", path), "annealing", "random", "grid")
        # --seed turns the string form into an object; the error must be the same.
        expect_error(run("tune", path, "--seed", "3"), "annealing", "random")


def case_missing_program():
    with tempfile.TemporaryDirectory() as d:
        path = write(d, "s.json", json.dumps({
            "space": [{"name": "x", "type": "float", "low": 0, "high": 1}],
            "objective": {"command": ["./no-such-trainer.sh"]}, "trials": 3}))
        expect_error(run("tune", path), "no-such-trainer.sh")
        path = write(d, "t.json", json.dumps({
            "space": [{"name": "x", "type": "float", "low": 0, "high": 1}],
            "objective": {"command": "no-such-program-in-path --fast"}, "trials": 3}))
        expect_error(run("tune", path), "no-such-program-in-path")


def case_missing_plugin_dir():
    expect_error(run("--plugin-path", "/nonexistent/plugins", "plugins"), "/nonexistent/plugins")
    expect_error(run("plugins", "--plugin-path", "/nonexistent/plugins2"), "/nonexistent/plugins2")
    with tempfile.TemporaryDirectory() as d:  # an empty but real directory is fine
        os.chmod(d, 0o755)
        result = run("--plugin-path", d, "plugins", "--json")
        expect(result.returncode == 0 and d in json.loads(result.stdout)["search_path"], "the directory is searched",
               result)


def case_unsafe_plugin_dir():
    with tempfile.TemporaryDirectory() as private:  # 0700: nobody else can reach what is inside
        d = os.path.join(private, "shared-plugins")
        os.mkdir(d)
        os.chmod(d, 0o777 | stat.S_ISVTX)  # world-writable: refused on purpose unless the user opts in
        refused = run("--plugin-path", d, "plugins", "--json")
        expect(refused.returncode == 0, "an unsafe directory is skipped, not fatal", refused)
        skipped = json.loads(refused.stdout)["skipped"]
        expect(any(s["path"] == d and "writable" in s["reason"] for s in skipped), "skipped with the reason",
               refused)
        accepted = run("--plugin-path", d, "--allow-unsafe-plugin-dirs", "plugins", "--json")
        expect(accepted.returncode == 0, "accepted with the flag", accepted)
        expect(not any(s["path"] == d for s in json.loads(accepted.stdout)["skipped"]), "not skipped", accepted)


def build_tree_scratch():
    """A private temporary directory in the build tree: trusted as a plugin directory's parent, unlike
    anything under /tmp (world-writable)."""
    return tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.realpath(ARGS.vernier)))


def case_plugin_trust():
    """Plugin code is loaded only from where nobody but root and the user can change it (the resolved file
    and every directory above it), relative or empty path entries are refused, and a bundled component is
    replaced only with VERNIER_REPLACE_BUNDLED=1. `vernier plugins` names every refusal with its reason."""
    bundled = os.path.join(os.path.realpath(ARGS.plugin_dir), "libvernier-random.so")
    with build_tree_scratch() as scratch:
        os.chmod(scratch, 0o755)
        safe = os.path.join(scratch, "safe")
        os.mkdir(safe, 0o755)
        copy = os.path.join(safe, "libmy-random.so")
        with open(bundled, "rb") as src, open(copy, "wb") as dst:
            dst.write(src.read())
        os.chmod(copy, 0o777)  # world-writable library in a safe directory
        refused = run("plugins", env={"VERNIER_PLUGIN_PATH": f".::{safe}"})
        expect(refused.returncode == 0, "refusals are listed, not fatal", refused)
        for text in (".: the relative plugin path entry '.' is refused",
                     "(empty entry): an empty plugin path entry is refused",
                     f"{copy}: library refused: '{copy}' is writable by others (mode 0777)"):
            expect(text in refused.stdout, f"`vernier plugins` lists {text!r}", refused)

        os.chmod(copy, 0o755)  # now safe, but named like the bundled random
        shadowed = run("plugins", "--json", env={"VERNIER_PLUGIN_PATH": safe})
        report = json.loads(shadowed.stdout)
        random = [p for p in report["plugins"] if p["name"] == "random"]
        expect(len(random) == 1 and os.path.realpath(random[0]["path"]) == bundled and random[0]["bundled"],
               "the bundled random stays", shadowed)
        expect(any(s["path"] == copy and "is bundled with Vernier" in s["reason"] for s in report["skipped"]),
               "the copy is skipped, saying why", shadowed)

        replaced = run("plugins", env={"VERNIER_PLUGIN_PATH": safe, "VERNIER_REPLACE_BUNDLED": "1"})
        expect(replaced.returncode == 0, "replacing on request works", replaced)
        expect(f"vernier: warning: {copy} replaces the bundled sampler named 'random'" in replaced.stderr,
               "the replacement is logged", replaced)
        expect(f"note: sampler 'random' replaces the bundled one from" in replaced.stdout, "and shown", replaced)


def alive(pid):
    """Whether a process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_for_file(path, process, timeout=60):
    """Waits (polling) until `path` exists; fails if the process ends first or the timeout passes."""
    deadline = time.monotonic() + timeout
    while not os.path.exists(path):
        if process.poll() is not None:
            raise Failure(f"vernier ended before {path} appeared: {process.communicate()}")
        if time.monotonic() > deadline:
            process.kill()
            raise Failure(f"{path} did not appear within {timeout} s: {process.communicate()}")
        time.sleep(0.05)


def case_interrupt():
    """SIGINT and SIGTERM stop `vernier tune` cleanly: the objective's whole process group is killed (not
    left running orphaned), the trial under way is recorded as failed, earlier trials are kept, the exit
    status is 128 + the signal, and the same command resumes the study."""
    fixture = os.path.join(os.path.dirname(ARGS.examples), "tests", "fixtures", "train_forever.sh")
    for sig in (signal.SIGINT, signal.SIGTERM):
        with tempfile.TemporaryDirectory() as d:
            pid_file = os.path.join(d, "grandchild.pid")
            # Trials 0 and 1 finish at once (score.txt exists only after them); trial 2 trains "forever".
            script = write(d, "trainer.sh", f"""#!/bin/sh
n=$(cat {d}/count 2>/dev/null || echo 0); echo $((n + 1)) > {d}/count
if [ "$n" -lt 2 ]; then echo "$n.5"; exit 0; fi
exec {fixture} --pid-file {pid_file}
""", mode=0o755)
            config = write(d, "study.json", json.dumps({
                "name": "interrupted", "space": [{"name": "x", "type": "float", "low": 0, "high": 1}],
                "objective": {"command": [script]}, "sampler": {"plugin": "random", "seed": 1}, "trials": 4}))
            environment = {k: v for k, v in os.environ.items() if k != "VERNIER_PLUGIN_PATH"}
            process = subprocess.Popen([ARGS.vernier, "tune", config, "--storage", "s.journal"], cwd=d,
                                       env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            wait_for_file(pid_file, process)
            with open(pid_file) as f:
                grandchild = int(f.read())
            expect(alive(grandchild), "the objective's grandchild runs")
            process.send_signal(sig)
            out, err = process.communicate(timeout=60)
            result = subprocess.CompletedProcess(process.args, process.returncode, out, err)
            expect(process.returncode == 128 + sig, f"exit status 128 + {sig.name}", result)
            expect(f"interrupted by {sig.name}" in err, "stderr says it was interrupted, and by what", result)
            expect(not alive(grandchild), "the grandchild was killed with its process group", result)
            shown = run("show", os.path.join(d, "s.journal"), "--study", "interrupted", "--json", cwd=d)
            expect(shown.returncode == 0, "vernier show reads the journal", shown)
            trials = json.loads(shown.stdout)["trials"]
            states = {t["number"]: t["state"] for t in trials}
            expect(states == {0: "complete", 1: "complete", 2: "failed"}, f"two kept, one failed: {states}", shown)
            expect([t for t in trials if t["number"] == 2][0].get("message") == "interrupted", "the failure says why",
                   shown)
            with open(os.path.join(d, "count"), "w") as f:
                f.write("0\n")  # the resumed run's trials finish at once
            resumed = run("tune", config, "--storage", "s.journal", "--json", cwd=d)
            expect(resumed.returncode == 0, "the same command resumes", resumed)
            counts = last_json(resumed)["trials"]
            # The interrupted trial is not counted and is re-run first, with its parameters (docs/storage.md).
            expect(counts["complete"] == 4 and counts["failed"] == 1, f"budget completed: {counts}", resumed)
            shown = json.loads(run("show", os.path.join(d, "s.journal"), "--study", "interrupted", "--json", cwd=d).stdout)
            params = {t["number"]: t["params"] for t in shown["trials"]}
            expect(params[3] == params[2], "trial 3 re-runs the interrupted trial 2", str(params))


def case_check_random():
    path = plugin_paths()["random"]
    result = run("check", path)
    expect(result.returncode == 0, "vernier check passes the random plugin", result)
    expect("PASS" in result.stdout and "FAIL " not in result.stdout, "every check passes", result)
    expect("PASSED" in result.stdout.splitlines()[-1], "a final verdict", result)
    as_json = run("check", path, "--json")
    expect(as_json.returncode == 0 and json.loads(as_json.stdout)["passed"] is True, "the JSON verdict", as_json)


def case_check_not_a_plugin():
    with tempfile.TemporaryDirectory() as d:
        result = run("check", os.path.join(d, "libnothing.so"))
        expect(result.returncode == 1, "a missing library does not pass", result)
        expect("libnothing.so" in result.stdout + result.stderr, "and it is named", result)


def case_check_broken():
    """A library exporting a second symbol (built by tests/conformance) fails VN-ABI-1, by number."""
    expect(ARGS.library, "--library names the broken plugin")
    result = run("check", ARGS.library)
    expect(result.returncode == 1, "vernier check fails it", result)
    lines = result.stdout.splitlines()
    expect(any(l.strip().startswith("FAIL  library.one_symbol") and l.endswith("[VN-ABI-1]") for l in lines),
           "the failure names the check and the numbered rule", result)
    expect(lines[-1].startswith("FAILED: "), "a final verdict", result)


# ---- partial trials (docs/storage.md) ----------------------------------------------------------------

def optuna_journal(path):
    """Optuna's JournalStorage on `path` (Optuna 4 and Debian's 3.1 name the file backend differently)."""
    import warnings
    import optuna
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)  # JournalStorage in Optuna 3.1
    if hasattr(optuna.storages, "journal") and hasattr(optuna.storages.journal, "JournalFileBackend"):
        return optuna, optuna.storages.JournalStorage(optuna.storages.journal.JournalFileBackend(path))
    return optuna, optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(path))


def case_partial_optuna_trial():
    """An Optuna worker's complete trial holding only x0 of hartmann6's six parameters, better than any
    full trial: it used to end every run in SIGSEGV (it was the first complete trial, and the result read
    its missing parameters). It counts for the budget, and is never the best, refitted or shown to samplers."""
    with tempfile.TemporaryDirectory() as d:
        journal = os.path.join(d, "shared.journal")
        optuna, storage = optuna_journal(journal)
        # The study is Vernier's (its space recorded) before the Optuna worker writes into it: a study
        # Optuna made is refused outright when a complete trial does not fit. Vernier adopts Optuna's
        # study with one failed trial, which is the budget of 1, so no trial of Vernier's runs.
        study = optuna.create_study(study_name="hartmann6-random", storage=storage, direction="minimize")
        study.tell(study.ask(), state=optuna.trial.TrialState.FAIL)
        adopt = run("tune", example("hartmann6.json"), "--storage", journal, "--trials", "1", "--json")
        expect(adopt.returncode == 0 and last_json(adopt)["trials"]["complete"] == 0, "Vernier adopts the study", adopt)
        trial = study.ask()
        trial.suggest_float("x0", 0.0, 1.0)
        study.tell(trial, -10.0)  # below hartmann6's minimum -3.32237: the first complete trial, and the best
        result = run("tune", example("hartmann6.json"), "--storage", journal, "--trials", "16", "--json")
        expect(result.returncode == 0, "tune finishes the study", result)
        r = last_json(result)
        expect(r["trials"] == {"complete": 15, "pruned": 0, "failed": 1, "running": 0},
               "the partial trial counts for the budget: 14 more trials", result)
        expect(r["best_trial"] != 0 and r["best_value"] > -3.33, "the partial trial is not the best", result)
        expect(sorted(r["best_params"]) == [f"x{i}" for i in range(6)], "the best has every parameter", result)
        expect(r["partial"] == 1, "the result counts the partial trial", result)
        human = run("tune", example("hartmann6.json"), "--storage", journal, "--trials", "16")
        expect(human.returncode == 0 and "1 of the complete trials are partial" in human.stdout,
               "the summary says why a better value is not the best", human)
        shown = run("show", journal, "--json")
        expect(shown.returncode == 0, "show reads the journal", shown)
        trials = json.loads(shown.stdout)["trials"]
        best = next(t for t in trials if t["number"] == r["best_trial"])
        expect(best["params"] == r["best_params"] and best["value"] == r["best_value"],
               "the result is the best trial's own parameters and value", shown)


def case_partial_trial_conditional():
    """A trial missing only parameters its condition switches off is whole: it can be the best. One
    missing a parameter that is active in it is partial: never the best, whatever its value."""
    with tempfile.TemporaryDirectory() as d:
        journal = os.path.join(d, "cond.journal")
        optuna, storage = optuna_journal(journal)
        study = optuna.create_study(study_name="cond", storage=storage, direction="minimize")
        whole = study.ask()
        whole.suggest_categorical("kind", ["a", "b"])  # Optuna's random choice: either branch, see below
        whole.suggest_float("x", 0.0, 1.0)
        kind = whole.params["kind"]
        if kind == "b":
            whole.suggest_float("y", 0.0, 1.0)  # active when kind is "b": a whole trial suggests it
        study.tell(whole, -1.0)
        config = write(d, "cond.json", json.dumps({
            "name": "cond", "direction": "minimize",
            "space": [{"name": "kind", "type": "categorical", "choices": ["a", "b"]},
                      {"name": "x", "type": "float", "low": 0.0, "high": 1.0},
                      {"name": "y", "type": "float", "low": 0.0, "high": 1.0,
                       "condition": {"parent": "kind", "values": ["b"]}}],
            "objective": {"command": [sys.executable, "-c", "print(5.0)"]},
            "sampler": {"plugin": "random", "seed": 3}, "trials": 6}))
        # Vernier adopts Optuna's study (the whole trial fits: its budget of 1 is met), then an Optuna
        # worker writes a partial trial into Vernier's study.
        adopt = run("tune", config, "--storage", journal, "--trials", "1", "--json")
        expect(adopt.returncode == 0 and last_json(adopt)["best_trial"] == 0, "Vernier adopts the study", adopt)
        partial = study.ask()
        partial.suggest_categorical("kind", ["a", "b"])
        study.tell(partial, -2.0)  # "x" is always active, and missing
        result = run("tune", config, "--storage", journal, "--json")
        expect(result.returncode == 0, "tune finishes the study", result)
        r = last_json(result)
        expect(r["trials"]["complete"] == 6, "six complete trials in all", result)
        expect(r["best_trial"] == 0 and r["best_value"] == -1.0, "the whole trial is the best", result)
        expect(r["best_params"]["kind"] == kind and sorted(r["best_params"]) == sorted(whole.params),
               "with its own parameters", result)


# ---- control characters in human-readable output -----------------------------------------------------

CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # C0 (but newline), DEL, C1 once decoded


def expect_no_controls(result, what):
    for stream, text in (("stdout", result.stdout), ("stderr", result.stderr)):
        found = CONTROL.search(text)
        expect(found is None, f"{what}: no raw control character on {stream} (found {found and found.group()!r})",
               result)


def case_control_characters():
    """Names, choices and messages with terminal escape sequences are shown escaped (\\x1b), never raw,
    by tune, show and studies; JSON output escapes them and reads back to the same strings."""
    name, param, choice = "evil\x1b[2J\x1b]0;pwned\x07", "p\x1b[31m\x7f", "\u009b1;1H"
    with tempfile.TemporaryDirectory() as d:
        journal = os.path.join(d, "evil.journal")
        config = write(d, "evil.json", json.dumps({
            "name": name,
            "space": [{"name": param, "type": "float", "low": 0.0, "high": 1.0},
                      {"name": "k", "type": "categorical", "choices": [choice, "plain"]}],
            "objective": {"command": [sys.executable, "-c", "print(1.0)"]},
            "sampler": {"plugin": "random", "seed": 1}, "trials": 3}))
        tune = run("tune", config, "--storage", journal, "-v")
        expect(tune.returncode == 0, "tune succeeds", tune)
        expect_no_controls(tune, "tune")
        expect("evil\\x1b[2J\\x1b]0;pwned\\x07" in tune.stdout, "the study name is shown escaped", tune)
        expect("p\\x1b[31m\\x7f = " in tune.stdout, "the parameter name is shown escaped", tune)

        for args in (("show", journal), ("studies", journal)):
            shown = run(*args)
            expect(shown.returncode == 0, f"{args[0]} succeeds", shown)
            expect_no_controls(shown, args[0])
            expect("evil\\x1b[2J" in shown.stdout, f"{args[0]} shows the name escaped", shown)
        shown = run("show", journal, "--order", "number")
        expect("p\\x1b[31m\\x7f" in shown.stdout, "show's header escapes the parameter name", shown)

        for args in (("tune", config, "--storage", journal, "--trials", "4", "--json"), ("show", journal, "--json"),
                     ("studies", journal, "--json")):
            out = run(*args)
            expect(out.returncode == 0, f"{args[0]} --json succeeds", out)
            expect_no_controls(out, f"{args[0]} --json")
            report = json.loads(out.stdout.strip().splitlines()[-1])
            names = [report["study"]] if "study" in report else [s["name"] for s in report["studies"]]
            expect(names == [name], f"{args[0]} --json gives the name back exactly", out)
        best = last_json(run("tune", config, "--storage", journal, "--trials", "4", "--json"))["best_params"]
        expect(set(best) == {param, "k"}, "JSON keys read back exactly", best)

        # An error message quoting the config's text.
        bad = write(d, "bad.json", json.dumps({"name": "bad", "space": [{"name": "x", "type": "float", "low": 0, "high": 1}],
                                               "sampler": {"plugin": "rand\x1b[2Jom"}}))
        error = run("tune", bad)
        expect(error.returncode == 1 and "rand\\x1b[2Jom" in error.stderr, "the error names the plugin escaped", error)
        expect_no_controls(error, "the error")
        # A path holding byte 0x9b, not UTF-8 (CSI to a terminal in an 8-bit locale): shown as \\x9b.
        missing = run("tune", os.path.join(d, "\udc9b[2J.json"))
        expect(missing.returncode == 1 and "\\x9b[2J.json" in missing.stderr, "the error shows the byte escaped", missing)

        # What another program writes into the journal: a study name, a parameter name with a
        # bidirectional override, a choice, and a failed trial's reason with ESC, BEL and a C1 control (NEL).
        optuna, storage = optuna_journal(journal)
        other = optuna.create_study(study_name="o\x1b[5mther", storage=storage)
        failed = other.ask()
        failed.suggest_categorical("c\u202e", ["\x1b[8m"])
        other._storage.set_trial_system_attr(failed._trial_id, "fail_reason", "boom\x1b]0;owned\x07\u0085")
        other.tell(failed, state=optuna.trial.TrialState.FAIL)
        studies = run("studies", journal)
        expect(studies.returncode == 0 and "o\\x1b[5mther" in studies.stdout, "studies escapes Optuna's name", studies)
        expect_no_controls(studies, "studies")
        shown = run("show", journal, "--study", "o\x1b[5mther")
        expect(shown.returncode == 0, "show finds the study by its raw name", shown)
        expect_no_controls(shown, "show")
        for text in ("boom\\x1b]0;owned\\x07\\u0085", "c\\u202e", "\\x1b[8m"):
            expect(text in shown.stdout, f"show escapes {text!r}", shown)
        # vernier check names the library it checks: a file name is text from outside too.
        library = os.path.join(d, "lib\x1b[2Jevil.so")
        shutil.copy(os.path.join(ARGS.plugin_dir, "libvernier-random.so"), library)
        checked = run("check", library)
        expect(checked.returncode == 0 and "lib\\x1b[2Jevil.so" in checked.stdout, "check escapes the library's name", checked)
        expect_no_controls(checked, "check")

def expect_check_report(result, failing, words):
    """`vernier check` failed the library: exit 1, `failing` among the FAIL lines with each of `words`, every
    check of the suite listed, and the verdict as the last line."""
    expect(result.returncode == 1, "vernier check fails it (and is not killed)", result)
    lines = result.stdout.splitlines()
    fail_lines = [l for l in lines if l.strip().startswith(f"FAIL  {failing} ")]
    expect(fail_lines, f"{failing} is reported failed", result)
    for word in words:
        expect(word in fail_lines[0], f"its failure says {word!r}", result)
    for check in ("sampler.create", "sampler.determinism", "sampler.threads", "sampler.buffers"):
        expect(any(f"  {check}  " in l for l in lines), f"the report still lists {check}", result)
    expect(re.match(r"FAILED: \d+ of \d+ checks fail", lines[-1]), "the suite's verdict is the last line", result)


def case_check_segfault():
    """A plugin that segfaults is a failed check naming the signal, never a dead checker."""
    expect_check_report(run("check", ARGS.library), "sampler.bounds", ["crashed", "SIGSEGV"])


def case_check_abort():
    expect_check_report(run("check", ARGS.library), "sampler.bounds", ["crashed", "SIGABRT"])


def case_check_overrun():
    """A sampler writing one row past its output: sampler.buffers fails (once "double free or corruption")."""
    result = run("check", ARGS.library)
    expect_check_report(result, "sampler.buffers", ["past the end", "[VN-ABI-6]"])
    expect("crashed" not in result.stdout, "nothing crashed", result)


def case_usage():
    result = run("--version")
    expect(result.returncode == 0 and result.stdout.startswith("vernier "), "--version", result)
    expect(run().returncode == 2, "no command is a usage error")
    expect(run("tune").returncode == 2, "tune without CONFIG is a usage error")
    expect(run("frobnicate").returncode == 2, "an unknown command is a usage error")
    r = run("tune", example("hartmann6.json"), "--trials", "0")
    expect(r.returncode == 2 and r.stderr.startswith("vernier: error: "), "--trials 0 is refused", r)
    help_text = run("--help")
    expect(help_text.returncode == 0 and all(c in help_text.stdout for c in ("tune", "plugins", "check")),
           "--help lists the commands", help_text)


CASES = cases_of(globals())


def main():
    def set_args(args):
        global ARGS
        ARGS = args
    return run_case("cli_tests", CASES, ["--vernier", "--examples", "--plugin-dir"],
                    {"--library": "a plugin library for the check_broken case"}, set_args)


if __name__ == "__main__":
    sys.exit(main())
