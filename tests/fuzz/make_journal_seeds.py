#!/usr/bin/env python3
"""Writes the seed corpus of the journal fuzz target (tests/fuzz/corpus/journal/): journals written by
Optuna's own JournalStorage (Debian's python3-optuna, /usr/bin/python3), covering what Optuna can put in
a journal, plus near-valid variants (a torn last line, a corrupt line in the middle). With --vernier, a
journal written by `vernier tune` is added. The generated files are committed; rerun this script to
refresh them (timestamps and worker ids differ from run to run, the shapes do not):

    /usr/bin/python3 tests/fuzz/make_journal_seeds.py [--vernier build/bin/vernier]
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import warnings

import optuna

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus", "journal")


def storage(path):
    if hasattr(optuna.storages, "journal") and hasattr(optuna.storages.journal, "JournalFileBackend"):
        return optuna.storages.JournalStorage(optuna.storages.journal.JournalFileBackend(path))  # Optuna 4
    return optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(path))  # Optuna 3.1


def every_kind_of_trial(path):
    """Every parameter distribution and trial state, intermediate values, attributes, an enqueued trial."""
    study = optuna.create_study(study_name="optuna-basic", storage=storage(path),
                                sampler=optuna.samplers.RandomSampler(seed=1))
    study.set_user_attr("note", "seed journal")
    study.set_system_attr("origin", {"made_by": "make_journal_seeds.py"})
    study.enqueue_trial({"lr": 0.01, "depth": 3})
    for i in range(6):
        trial = study.ask()
        lr = trial.suggest_float("lr", 1e-4, 1, log=True)
        depth = trial.suggest_int("depth", 1, 10)
        width = trial.suggest_int("width", 8, 64, step=8)
        dropout = trial.suggest_float("dropout", 0.0, 0.5, step=0.1)
        optimizer = trial.suggest_categorical("optimizer", ["sgd", "adam", 3, 0.5, True])
        trial.set_user_attr("i", i)
        value = (math.log10(lr) + 2) ** 2 + depth / 10 + width / 100 + dropout + (optimizer == "sgd")
        if i == 2:
            trial.report(value + 1, step=0)
            trial.report(value + 0.5, step=1)
            study.tell(trial, state=optuna.trial.TrialState.PRUNED)
        elif i == 3:
            study.tell(trial, state=optuna.trial.TrialState.FAIL)
        elif i == 5:
            pass  # left running
        else:
            trial.report(value, step=0)
            study.tell(trial, value)
    study.enqueue_trial({"lr": 0.5})  # left waiting


def multi_objective(path):
    study = optuna.create_study(study_name="optuna-multi", storage=storage(path), directions=["minimize", "maximize"],
                                sampler=optuna.samplers.RandomSampler(seed=2))
    study.optimize(lambda t: (t.suggest_float("x", -1, 1), t.suggest_float("y", 0, 2)), n_trials=3)


def infinities(path):
    """Optuna writes Infinity, -Infinity and NaN (Python's json), which JSON does not have."""
    study = optuna.create_study(study_name="optuna-inf", storage=storage(path), direction="maximize",
                                sampler=optuna.samplers.RandomSampler(seed=3))
    study.set_user_attr("limit", float("inf"))
    values = [float("-inf"), 1.5, float("inf")]
    for v in values:
        trial = study.ask()
        trial.suggest_float("x", -5, 5)
        trial.set_user_attr("nan", float("nan"))
        trial.report(float("-inf"), step=0)
        study.tell(trial, v)


def partial_trial(path):
    """A complete trial that suggested only x0 of hartmann6's six parameters (issue 11, failure 1)."""
    study = optuna.create_study(study_name="hartmann6", storage=storage(path))
    trial = study.ask()
    trial.suggest_float("x0", 0, 1)
    study.tell(trial, -1.0)


def deleted_and_recreated(path):
    s = storage(path)
    first = optuna.create_study(study_name="again", storage=s)
    first.optimize(lambda t: t.suggest_int("k", 0, 3), n_trials=2)
    optuna.delete_study(study_name="again", storage=s)
    second = optuna.create_study(study_name="again", storage=s, direction="maximize")
    second.optimize(lambda t: t.suggest_int("k", 0, 3), n_trials=2)
    other = optuna.create_study(study_name="other", storage=s)
    other.optimize(lambda t: t.suggest_categorical("c", ["a", "b", None]) == "a", n_trials=2)


def unterminated(source, path):
    """A complete last record without its newline (issue 11, failure 6): Optuna reads it as a record."""
    with open(source, "rb") as f:
        text = f.read()
    with open(path, "wb") as f:
        f.write(text.rstrip(b"\n"))


def near_valid(source, torn_path, corrupt_path):
    with open(source, "rb") as f:
        lines = f.read().splitlines(keepends=True)
    # A torn last line: a writer killed in the middle of a write.
    with open(torn_path, "wb") as f:
        f.writelines(lines[:-1])
        f.write(lines[-1][: len(lines[-1]) // 2])
    # A corrupt line in the middle (a disk error, a hand edit) that was a trial's creation.
    creation = next(i for i, line in enumerate(lines) if json.loads(line)["op_code"] == 4)
    with open(corrupt_path, "wb") as f:
        f.writelines(lines[:creation])
        f.write(lines[creation][:-5] + b"#&\n")
        f.writelines(lines[creation + 1:])


def vernier_written(vernier, path):
    config = os.path.join(HERE, "..", "..", "examples", "command.json")
    subprocess.run([vernier, "tune", config, "--storage", path, "--trials", "4"], check=True,
                   stdout=subprocess.DEVNULL, cwd=os.path.dirname(config))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vernier", help="a vernier binary, to add a journal Vernier wrote")
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # JournalStorage is "experimental" in Optuna 3.1
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        made = {}
        for name, write in [("optuna-basic", every_kind_of_trial), ("optuna-multi", multi_objective),
                            ("optuna-infinity", infinities), ("optuna-partial-trial", partial_trial),
                            ("optuna-deleted-study", deleted_and_recreated)]:
            made[name] = os.path.join(tmp, name + ".journal")
            write(made[name])
        near_valid(made["optuna-basic"], os.path.join(tmp, "optuna-torn-last-line.journal"),
                   os.path.join(tmp, "optuna-corrupt-creation.journal"))
        unterminated(made["optuna-partial-trial"], os.path.join(tmp, "optuna-complete-without-final-newline.journal"))
        if args.vernier:
            vernier_written(os.path.abspath(args.vernier), os.path.join(tmp, "vernier-command.journal"))
        for name in sorted(os.listdir(tmp)):
            if name.endswith(".journal"):
                # Named .jsonl: the repository ignores *.journal (the journals tests and users leave behind).
                target = os.path.join(OUT, name[: -len(".journal")] + ".jsonl")
                with open(os.path.join(tmp, name), "rb") as src, open(target, "wb") as dst:
                    dst.write(src.read())
                print("wrote", target)


if __name__ == "__main__":
    sys.exit(main())
