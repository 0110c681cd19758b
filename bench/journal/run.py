#!/usr/bin/env python3
"""The cost of the journal storage, Vernier against Optuna's JournalStorage in the same run.

For each tool: N trials of ask + tell with a random sampler on the same 6-parameter space (4 floats, one
log; an int; a categorical), written to a fresh journal; then the time to open that journal and replay it
(Vernier: resuming the study with vn_study_create; Optuna: JournalStorage + load_study + its trials); and
Vernier replaying Optuna's journal. Both are driven from this Python process (Vernier through ctypes on
libvernier), so the loop overhead is the same.

    /usr/bin/python3 bench/journal/run.py --library BUILD/lib/libvernier.so \\
        --plugin-dir BUILD/lib/vernier/plugins [--trials 10000] [--dir /dev/shm]

--dir is where the journals go: the default /dev/shm (tmpfs) makes fsync free, so the figures are the
format's and the code's cost; on a disk, Optuna's fsync of every record (Vernier fsyncs once per trial)
adds a disk flush each. On demand only (not in ctest): about two minutes at 10,000 trials.
"""
import argparse
import ctypes
import json
import os
import shutil
import sys
import tempfile
import time
import warnings

warnings.simplefilter("ignore")


class Timer:
    """Wall-clock and CPU time (this process) of a phase: the machine may be shared, CPU time is not."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


import optuna  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.ERROR)

SPACE = [
    {"name": "x0", "type": "float", "low": -5, "high": 5},
    {"name": "x1", "type": "float", "low": -5, "high": 5},
    {"name": "x2", "type": "float", "low": 0, "high": 1},
    {"name": "lr", "type": "float", "low": 1e-5, "high": 1, "log": True},
    {"name": "n", "type": "int", "low": 1, "high": 100},
    {"name": "kind", "type": "categorical", "choices": ["a", "b", "c"]},
]


def objective(p):
    return p["x0"] ** 2 + p["x1"] ** 2 + p["x2"] + p["lr"] + p["n"] / 100 + {"a": 0, "b": 1, "c": 2}[p["kind"]]


def optuna_storage(path):
    if hasattr(optuna.storages, "journal") and hasattr(optuna.storages.journal, "JournalFileBackend"):
        return optuna.storages.JournalStorage(optuna.storages.journal.JournalFileBackend(path))
    return optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(path))


def run_optuna(path, n):
    study = optuna.create_study(study_name="bench", storage=optuna_storage(path),
                                sampler=optuna.samplers.RandomSampler(seed=1))
    with Timer() as trials:
        for _ in range(n):
            trial = study.ask()
            p = {"x0": trial.suggest_float("x0", -5, 5), "x1": trial.suggest_float("x1", -5, 5),
                 "x2": trial.suggest_float("x2", 0, 1), "lr": trial.suggest_float("lr", 1e-5, 1, log=True),
                 "n": trial.suggest_int("n", 1, 100), "kind": trial.suggest_categorical("kind", ["a", "b", "c"])}
            study.tell(trial, objective(p))
    with Timer() as replay:
        reopened = optuna.load_study(study_name="bench", storage=optuna_storage(path))
        count = len(reopened.trials)
    assert count == n, count
    return trials, replay


class Vernier:
    def __init__(self, library, plugin_dir):
        lib = ctypes.CDLL(library)
        P = ctypes.c_void_p
        lib.vn_last_error.restype = ctypes.c_char_p
        lib.vn_context_new.argtypes = [ctypes.c_char_p, ctypes.POINTER(P)]
        lib.vn_study_create.argtypes = [P, ctypes.c_char_p, ctypes.POINTER(P)]
        lib.vn_study_ask.argtypes = [P, ctypes.POINTER(P)]
        lib.vn_study_tell.argtypes = [P, P, ctypes.c_int32, ctypes.c_double]
        lib.vn_trial_get_float.argtypes = [P, ctypes.c_char_p, ctypes.POINTER(ctypes.c_double)]
        lib.vn_trial_get_int.argtypes = [P, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int64)]
        lib.vn_trial_get_categorical.argtypes = [P, ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p)]
        lib.vn_trial_free.argtypes = [P]
        lib.vn_study_free.argtypes = [P]
        lib.vn_study_count.argtypes = [P, ctypes.c_int32]
        lib.vn_study_count.restype = ctypes.c_uint64
        lib.vn_journal_list_json.argtypes = [ctypes.c_char_p, ctypes.POINTER(P)]
        lib.vn_free.argtypes = [P]
        self.lib, self.ctx = lib, P()
        self.check(lib.vn_context_new(json.dumps({"plugin_path": [plugin_dir], "default_paths": False}).encode(),
                                      ctypes.byref(self.ctx)))

    def check(self, status):
        if status != 0:
            sys.exit("vernier: " + self.lib.vn_last_error().decode())

    def create(self, path):
        study = ctypes.c_void_p()
        config = {"name": "bench", "space": SPACE, "sampler": {"plugin": "random", "seed": 1}, "storage": path}
        self.check(self.lib.vn_study_create(self.ctx, json.dumps(config).encode(), ctypes.byref(study)))
        return study

    def run(self, path, n):
        lib, study = self.lib, self.create(path)
        f, i, c = ctypes.c_double(), ctypes.c_int64(), ctypes.c_char_p()
        timer = Timer().__enter__()
        for _ in range(n):
            trial = ctypes.c_void_p()
            self.check(lib.vn_study_ask(study, ctypes.byref(trial)))
            p = {}
            for name in ("x0", "x1", "x2", "lr"):
                self.check(lib.vn_trial_get_float(trial, name.encode(), ctypes.byref(f)))
                p[name] = f.value
            self.check(lib.vn_trial_get_int(trial, b"n", ctypes.byref(i)))
            self.check(lib.vn_trial_get_categorical(trial, b"kind", ctypes.byref(c)))
            p["n"], p["kind"] = i.value, c.value.decode()
            self.check(lib.vn_study_tell(study, trial, 1, objective(p)))
            lib.vn_trial_free(trial)
        timer.__exit__()
        lib.vn_study_free(study)
        with Timer() as replay:
            reopened = self.create(path)  # resume: open, replay, check the stored study
            count = lib.vn_study_count(reopened, -1)
        lib.vn_study_free(reopened)
        assert count == n, count
        return timer, replay

    def replay_foreign(self, path):
        out = ctypes.c_void_p()
        with Timer() as replay:
            self.check(self.lib.vn_journal_list_json(path.encode(), ctypes.byref(out)))
        self.lib.vn_free(out)
        return replay


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", required=True)
    parser.add_argument("--plugin-dir", required=True)
    parser.add_argument("--trials", type=int, default=10000)
    parser.add_argument("--dir", default="/dev/shm" if os.path.isdir("/dev/shm") else None)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="vernier-journal-bench-", dir=args.dir)
    try:
        v = Vernier(args.library, args.plugin_dir)
        v_trial, v_replay = v.run(os.path.join(work, "vernier.journal"), args.trials)
        o_trial, o_replay = run_optuna(os.path.join(work, "optuna.journal"), args.trials)
        v_foreign = v.replay_foreign(os.path.join(work, "optuna.journal"))
        sizes = {k: os.path.getsize(os.path.join(work, k + ".journal")) for k in ("vernier", "optuna")}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"journal storage, {args.trials} trials, random sampler, 6 parameters, journals in {args.dir or 'the temp dir'}")
    print(f"  optuna {optuna.__version__}; journal sizes: vernier {sizes['vernier'] / 1e6:.1f} MB, "
          f"optuna {sizes['optuna'] / 1e6:.1f} MB")
    n = args.trials
    print(f"{'':40}{'vernier':>10}{'optuna':>10}{'optuna/vernier':>16}")
    for what, v, o, scale in (("ask + tell, mean per trial (ms)", v_trial, o_trial, 1e3 / n),
                              ("open and replay the journal (s)", v_replay, o_replay, 1)):
        for kind in ("wall", "cpu"):
            a, b = getattr(v, kind) * scale, getattr(o, kind) * scale
            print(f"{what + ', ' + kind:40}{a:10.3f}{b:10.3f}{b / a:16.1f}")
    print(f"{'vernier replaying the optuna journal (s)':40}{v_foreign.wall:10.3f}  (cpu {v_foreign.cpu:.3f})")


if __name__ == "__main__":
    main()
