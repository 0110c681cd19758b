"""The bundled splitters' folds against scikit-learn's splitters on the same rows.

Usage: test_splitters_vs_sklearn.py SPLIT_EVAL
Without shuffling, kfold is KFold, stratified is StratifiedKFold, timeseries is TimeSeriesSplit (with gap,
max_train_size and test_size) and predefined is PredefinedSplit: the validation and training rows of every
split must be identical. group matches GroupKFold wherever groups have distinct sizes (GroupKFold's order
of equal-sized groups is that of an unstable sort), and always keeps groups whole.
"""
import json
import subprocess
import sys
import warnings

import numpy as np
from sklearn.model_selection import GroupKFold, KFold, PredefinedSplit, StratifiedKFold, TimeSeriesSplit

RNG = np.random.default_rng(7)


def sk_splits(splitter, n, y=None, groups=None):
    """scikit-learn's splits as (validation, train) row lists, or None where it refuses the case."""
    X = np.zeros((n, 1))
    try:
        return [(sorted(te.tolist()), sorted(tr.tolist())) for tr, te in splitter.split(X, y, groups)]
    except ValueError:
        return None


def main():
    warnings.simplefilter("ignore")
    exe = sys.argv[1]
    cases, expected, labels = [], [], []

    def add(label, case, want):
        if want is None:  # scikit-learn refuses it (e.g. every class smaller than n_splits): nothing to compare
            return
        case.setdefault("groups", None)
        case.setdefault("folds", None)
        case.setdefault("options", {})
        cases.append(case)
        expected.append(want)
        labels.append(label)

    for n in (10, 23, 101):
        y = RNG.integers(0, 3, size=n)
        y[:3] = [0, 1, 2]
        for k in (2, 3, 5):
            add(f"kfold n={n} k={k}", {"splitter": "kfold", "options": {"n_splits": k}, "task": "regression", "target": y.tolist()},
                sk_splits(KFold(k), n))
            add(f"stratified n={n} k={k}", {"splitter": "stratified", "options": {"n_splits": k}, "task": "classification", "target": y.tolist()},
                sk_splits(StratifiedKFold(k), n, y))
        y_skew = (RNG.random(n) < 0.15).astype(int)
        y_skew[:5] = [1, 1, 1, 0, 0]
        add(f"stratified skewed n={n}", {"splitter": "stratified", "options": {"n_splits": 3}, "task": "classification",
                                        "target": y_skew.tolist()}, sk_splits(StratifiedKFold(3), n, y_skew))
        for kwargs in ({"n_splits": 3}, {"n_splits": 4, "gap": 2}, {"n_splits": 2, "max_train_size": 5}, {"n_splits": 3, "test_size": 2}):
            add(f"timeseries n={n} {kwargs}", {"splitter": "timeseries", "options": kwargs, "task": "regression", "target": y.tolist()},
                sk_splits(TimeSeriesSplit(**kwargs), n))
        folds = RNG.integers(-1, 4, size=n)
        folds[:2] = [0, 1]
        add(f"predefined n={n}", {"splitter": "predefined", "task": "regression", "target": y.tolist(), "folds": folds.tolist()},
            [(sorted(te.tolist()), sorted(tr.tolist())) for tr, te in PredefinedSplit(folds).split()])
        # Groups of distinct sizes: the greedy assignment is then fully determined.
        sizes = list(range(1, 12))
        groups = np.repeat(np.arange(len(sizes)), sizes)
        RNG.shuffle(groups)
        m = len(groups)
        add(f"group n={m}", {"splitter": "group", "options": {"n_splits": 3}, "task": "regression", "target": [0.0] * m,
                             "groups": groups.tolist()}, sk_splits(GroupKFold(3), m, groups=groups))

    text = "".join(json.dumps(c) + "\n" for c in cases)
    out = subprocess.run([exe], input=text, capture_output=True, text=True, check=True).stdout.splitlines()
    assert len(out) == len(cases)
    failures = 0
    for label, want, line in zip(labels, expected, out):
        got = json.loads(line)
        if "error" in got:
            failures += 1
            print(f"ERROR {label}: {got['error']}")
            continue
        mine = [(sorted(v), sorted(t)) for v, t in zip(got["validation"], got["train"])]
        if mine != want:
            failures += 1
            print(f"MISMATCH {label}:\n  vernier {mine}\n  sklearn {want}")
    print(f"{len(cases)} cases, {failures} mismatches")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
