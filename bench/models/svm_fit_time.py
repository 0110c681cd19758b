"""Wall time of one SVM fit, Vernier's svm plugin against scikit-learn's SVC, on breast_cancer (on demand).

Both fit libsvm's C-SVC on the same standardised training folds (the 5 folds of
examples/data/breast_cancer.folds.csv, 455 or 456 rows x 30 features); only the fit itself is timed
(scikit-learn's SVC.fit on arrays already scaled, Vernier's vn_model_vtable.fit as crosscheck_driver calls it).
Each setting is run `--repeats` times and the fastest run counts; the time per fit is that run's total over
the 5 folds divided by 5. Then the 10 x 10 C x gamma grid, fitted point after point by one Vernier instance
(as a study's trials are, so kernel matrices are reused across C), against SVC.fit on the same folds.

  PYTHONPATH=/opt/vernier-pydeps/usr/lib/python3/dist-packages /usr/bin/python3 bench/models/svm_fit_time.py \
      --driver BUILD/bin/crosscheck_driver --plugins BUILD/lib/vernier/plugins --data examples/data
"""
import argparse
import json
import subprocess
import time

import numpy as np
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

SETTINGS = [(1.0, None), (1.0, 0.01), (12.4197, 2.10342e-05), (1000.0, 0.1), (10.0, 1.0)]


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--driver", required=True)
    p.add_argument("--plugins", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--repeats", type=int, default=7)
    p.add_argument("--grid-repeats", type=int, default=2)
    a = p.parse_args()
    table = np.genfromtxt(f"{a.data}/breast_cancer.csv", delimiter=",", skip_header=1)
    X, y = table[:, :-1], table[:, -1]
    folds = np.genfromtxt(f"{a.data}/breast_cancer.folds.csv", delimiter=",", skip_header=1, dtype=int)
    fold_of = np.empty(len(y), dtype=int)
    fold_of[folds[:, 0]] = folds[:, 1]
    scaled, scaled_folds = [], []
    for k in range(5):
        train = fold_of != k
        scaler = StandardScaler().fit(X[train])
        scaled.append((scaler.transform(X[train]), y[train]))
        scaled_folds.append((scaler.transform(X[train]), y[train], scaler.transform(X[~train]), y[~train]))

    cases = []
    for C, gamma in SETTINGS:
        hp = {"C": C} if gamma is None else {"C": C, "gamma": gamma}
        for r in range(a.repeats):
            cases.append({"id": f"{C} {gamma} {r}", "model": "svm", "data": "breast_cancer", "task": "classification",
                          "standardize": True, "config": {}, "hparams": hp})
    out = subprocess.run([a.driver, a.plugins, a.data], input=json.dumps({"cases": cases}), capture_output=True,
                         text=True, check=True)
    ours = {}
    for c in json.loads(out.stdout)["cases"]:
        key = " ".join(c["id"].split()[:2])
        ours[key] = min(ours.get(key, float("inf")), c["fit_seconds"])

    print(f"{'C':>10} {'gamma':>12} {'Vernier ms/fit':>15} {'sklearn ms/fit':>15} {'ratio':>7}")
    for C, gamma in SETTINGS:
        best = float("inf")
        for _ in range(a.repeats):
            start = time.perf_counter()
            for Xs, ys in scaled:
                SVC(C=C, gamma="scale" if gamma is None else gamma).fit(Xs, ys)
            best = min(best, time.perf_counter() - start)
        mine = ours[f"{C} {gamma}"]
        print(f"{C:>10g} {str(gamma or 'scale'):>12} {mine / 5 * 1e3:>15.2f} {best / 5 * 1e3:>15.2f} {best / mine:>7.2f}")
    grid(a, scaled_folds)


def grid(a, scaled_folds):
    """The benchmark's 10 x 10 grid (C in [1e-3, 1e3], gamma in [1e-5, 10], log-spaced) on the 5 folds: one
    Vernier instance fits every point in turn, as a study's trials do (so kernels are reused across C), against
    SVC.fit on the same scaled folds. Fit time only (no scaling, scoring or study overhead on either side)."""
    Cs, gammas = np.logspace(-3, 3, 10), np.logspace(-5, 1, 10)
    points = [{"C": float(C), "gamma": float(g)} for g in gammas for C in Cs]
    case = {"id": "grid", "model": "svm", "data": "breast_cancer", "task": "classification", "standardize": True,
            "config": {}, "grid": points}
    mine = float("inf")
    for _ in range(a.grid_repeats):
        out = subprocess.run([a.driver, a.plugins, a.data], input=json.dumps({"cases": [case]}), capture_output=True,
                             text=True, check=True)
        result = json.loads(out.stdout)["cases"][0]
        mine = min(mine, result["fit_seconds"])
    theirs, best_theirs = float("inf"), 0.0
    for _ in range(a.grid_repeats):
        total, scores = 0.0, []
        for p in points:
            acc = 0.0
            for Xs, ys, Xt, yt in scaled_folds:
                start = time.perf_counter()
                model = SVC(C=p["C"], gamma=p["gamma"]).fit(Xs, ys)
                total += time.perf_counter() - start
                acc += np.mean(model.predict(Xt) == yt) / len(scaled_folds)
            scores.append(acc)
        theirs, best_theirs = min(theirs, total), max(scores)
    best_mine = max(result["accuracies"])
    print(f"grid 10x10 x 5 folds: Vernier {mine:.2f} s, sklearn SVC.fit {theirs:.2f} s, ratio {theirs / mine:.2f}; "
          f"best CV accuracy {best_mine:.6f} vs {best_theirs:.6f}")


if __name__ == "__main__":
    main()
