#!/usr/bin/env python3
"""An Optuna worker joining the study that `vernier tune examples/command.json` keeps (docs/storage.md).

    vernier tune examples/command.json --storage shared.journal &
    vernier tune examples/command.json --storage shared.journal &      # a second Vernier worker
    python3 examples/optuna_worker.py shared.journal 10                # and Optuna, on the same study
    vernier show shared.journal                                        # every worker's trials

All of them append to the same journal under Optuna's lock file, so trial numbers never collide; each
sees the others' trials. It needs Optuna (Debian: python3-optuna).
"""
import math
import sys
import warnings

import optuna


def objective(trial):
    # The space of examples/command.json, with the same distributions, and quadratic.py's score.
    lr = trial.suggest_float("lr", 1e-4, 1, log=True)
    depth = trial.suggest_int("depth", 1, 10)
    optimizer = trial.suggest_categorical("optimizer", ["sgd", "adam"])
    return (math.log10(lr) + 2.5) ** 2 + 0.1 * (depth - 6) ** 2 + (0.0 if optimizer == "adam" else 0.5)


def main():
    warnings.simplefilter("ignore")  # JournalStorage is "experimental" in Optuna 3.1
    path, n_trials = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10
    if hasattr(optuna.storages, "journal") and hasattr(optuna.storages.journal, "JournalFileBackend"):
        storage = optuna.storages.JournalStorage(optuna.storages.journal.JournalFileBackend(path))  # Optuna 4
    else:
        storage = optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(path))  # Optuna 3.1
    study = optuna.create_study(study_name="quadratic-command", storage=storage, load_if_exists=True)
    study.optimize(objective, n_trials=n_trials)
    print(f"best value {study.best_value:g} (trial {study.best_trial.number})")


if __name__ == "__main__":
    main()
