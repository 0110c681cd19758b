"""Every Vernier metric against sklearn.metrics on random inputs.

Usage: test_metrics_vs_sklearn.py METRIC_EVAL
Random cases (binary and 3- and 5-class probabilities, with ties and near-certain predictions; regression
values, some with constant truth) are scored by metric_eval (the core's metrics) and by scikit-learn; the
two must agree to 1e-9 relative (1e-12 absolute), and where scikit-learn has no value (an AUC with a class
absent), Vernier must report an error.
"""
import json
import subprocess
import sys
import warnings

import numpy as np
from sklearn import metrics as skm

RNG = np.random.default_rng(20240917)


def probabilities(n, k, ties):
    p = RNG.dirichlet(np.ones(k) * 0.7, size=n)
    if ties:  # round so that scores tie, the case where AUC conventions differ
        p = np.round(p, 1)
        p = np.where(p.sum(axis=1, keepdims=True) == 0, 1.0 / k, p)
        p = p / p.sum(axis=1, keepdims=True)
    if RNG.random() < 0.3:  # near-certain, wrong or right: exercises log loss clipping
        p[0] = np.eye(k)[RNG.integers(k)]
    return p


def classification_cases():
    for k in (2, 3, 5):
        for trial in range(25):
            n = int(RNG.integers(5, 60))
            y = RNG.integers(0, k, size=n)
            y[:k] = np.arange(k)  # every class present (AUC needs it); labels shuffled below
            RNG.shuffle(y)
            p = probabilities(n, k, ties=trial % 3 == 0)
            yield k, y, p
    # A class absent from the true labels: defined for most metrics, not for ROC AUC.
    y = np.array([0, 1, 0, 1, 0, 1])
    yield 3, y, probabilities(6, 3, ties=False)


def as_text(values):
    """Numbers as text that reads back to the same doubles (JSON parsers need not round correctly)."""
    return " ".join(repr(float(v)) for v in np.ravel(values))


def sklearn_score(name, y, p, k):
    labels = list(range(k))
    pred = p.argmax(axis=1) if k > 0 else None
    if name == "accuracy":
        return skm.accuracy_score(y, pred)
    if name == "balanced_accuracy":
        return skm.balanced_accuracy_score(y, pred)
    if name == "log_loss":
        return skm.log_loss(y, p, labels=labels)
    if name == "roc_auc":
        if len(set(y.tolist())) < k:
            return None  # undefined: scikit-learn raises
        return skm.roc_auc_score(y, p[:, 1]) if k == 2 else skm.roc_auc_score(y, p, multi_class="ovr", average="macro")
    if name == "f1":
        return skm.f1_score(y, pred, zero_division=0)
    if name == "f1_macro":
        return skm.f1_score(y, pred, average="macro", zero_division=0)
    if name == "rmse":
        return skm.mean_squared_error(y, p, squared=False)
    if name == "mae":
        return skm.mean_absolute_error(y, p)
    if name == "r2":
        return skm.r2_score(y, p)
    raise ValueError(name)


def main():
    warnings.simplefilter("ignore")  # scikit-learn warns on absent classes; the values are what is compared
    exe = sys.argv[1]
    cases, expected = [], []
    for k, y, p in classification_cases():
        for name in ("accuracy", "balanced_accuracy", "log_loss", "roc_auc", "f1_macro") + (("f1",) if k == 2 else ()):
            cases.append({"metric": name, "n_classes": k, "y_true": as_text(y), "predictions": as_text(p)})
            expected.append(sklearn_score(name, y, p, k))
    for trial in range(40):
        n = int(RNG.integers(2, 50))
        y = RNG.normal(size=n) * 10 if trial % 10 else np.full(n, 3.0)
        pred = y + RNG.normal(size=n) if trial % 7 else np.copy(y)
        for name in ("rmse", "mae", "r2"):
            cases.append({"metric": name, "n_classes": 0, "y_true": as_text(y), "predictions": as_text(pred)})
            expected.append(sklearn_score(name, y, pred, 0))
    text = "".join(json.dumps(c) + "\n" for c in cases)
    out = subprocess.run([exe], input=text, capture_output=True, text=True, check=True).stdout.splitlines()
    assert len(out) == len(cases), (len(out), len(cases))
    failures = 0
    for case, want, got in zip(cases, expected, out):
        if want is None:
            ok = got.startswith("error:")
        else:
            ok = not got.startswith("error:") and abs(float(got) - want) <= 1e-12 + 1e-9 * abs(want)
        if not ok:
            failures += 1
            print(f"MISMATCH {case['metric']} k={case['n_classes']} n={len(case['y_true'].split())}: vernier {got}, sklearn {want}")
    counts = {}
    for c in cases:
        counts[c["metric"]] = counts.get(c["metric"], 0) + 1
    print(f"{len(cases)} cases ({', '.join(f'{m} {n}' for m, n in sorted(counts.items()))}), {failures} mismatches")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
