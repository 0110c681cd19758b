"""Cross-check of Vernier's model plugins against scikit-learn on the same cross-validation folds.

crosscheck_driver (C++) fits Vernier's ridge, logistic, knn and svm plugins on the folds of
examples/data/*.folds.csv (standardised per fold on the training rows when a case says so) and prints its
predictions; this script fits scikit-learn's counterparts on the same folds and compares predictions and
fold scores:
  - ridge: predictions and CV R^2 to 1e-6 relative;
  - logistic: probabilities to 1e-4, the same predicted classes, CV accuracy and log loss to 1e-3, against
    scikit-learn run to the optimum (newton-cholesky for two classes, lbfgs for more, tol 1e-12): its lbfgs
    defaults stop early on ill-conditioned problems (C = 100 here: a higher objective, probabilities 5e-4 off);
  - knn: the same probabilities (to 1e-9) and predictions;
  - svm: the same predicted classes as SVC.predict (so the same accuracy), ROC AUC of Vernier's scores equal
    to that of SVC.decision_function, SVR predictions to 1e-3 relative; Platt probabilities (probability=true)
    close to SVC(probability=True)'s (both use internal random folds, so only loosely);
and the losses of bench/problems.json's test points (svc_breast_cancer, ridge_diabetes) are reproduced.
Exit status 0 when everything agrees; each disagreement is printed.
"""
import argparse
import json
import math
import subprocess
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, log_loss, r2_score, roc_auc_score
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC, SVR

# id, model, data, task, standardize, Vernier config, hyperparameters, scikit-learn estimator, comparison
def cases():
    out = []
    def add(id, model, data, task, std, config, hparams, estimator, compare):
        out.append(dict(id=id, model=model, data=data, task=task, standardize=std, config=config,
                        hparams=hparams, estimator=estimator, compare=compare))
    for alpha in (1.0, 28.7617, 0.000269506, 1000.0):
        add(f"ridge alpha={alpha} std", "ridge", "diabetes", "regression", True, {}, {"alpha": alpha},
            Ridge(alpha=alpha), "regression_exact")
    add("ridge alpha=0.01 raw", "ridge", "diabetes", "regression", False, {}, {"alpha": 0.01},
        Ridge(alpha=0.01), "regression_exact")
    add("ridge no intercept", "ridge", "diabetes", "regression", True, {"fit_intercept": False}, {"alpha": 3.0},
        Ridge(alpha=3.0, fit_intercept=False), "regression_exact")
    for C in (0.01, 1.0, 100.0):
        add(f"logistic C={C} breast_cancer", "logistic", "breast_cancer", "classification", True, {}, {"C": C},
            LogisticRegression(C=C, solver="newton-cholesky", tol=1e-12, max_iter=1000), "probabilities")
    for C in (0.1, 10.0):
        add(f"logistic C={C} wine (multinomial)", "logistic", "wine", "classification", True, {}, {"C": C},
            LogisticRegression(C=C, tol=1e-12, max_iter=100000), "probabilities")
    add("logistic C=1 wine lbfgs", "logistic", "wine", "classification", True, {"solver": "lbfgs"}, {"C": 1.0},
        LogisticRegression(C=1.0, tol=1e-12, max_iter=100000), "probabilities")
    for k, w, p, data in ((5, "uniform", 2, "breast_cancer"), (15, "distance", 1, "breast_cancer"),
                          (7, "distance", 2, "wine"), (4, "uniform", 3, "wine")):
        add(f"knn k={k} {w} p={p} {data}", "knn", data, "classification", True, {},
            {"n_neighbors": k, "weights": w, "p": float(p)},
            KNeighborsClassifier(n_neighbors=k, weights=w, p=p, algorithm="brute"), "probabilities_exact")
    for k, w, p in ((10, "uniform", 2), (5, "distance", 1.5)):
        add(f"knn regression k={k} {w} p={p}", "knn", "diabetes", "regression", True, {},
            {"n_neighbors": k, "weights": w, "p": float(p)},
            KNeighborsRegressor(n_neighbors=k, weights=w, p=p, algorithm="brute"), "regression_exact")
    for C, gamma in ((12.4197, 2.10342e-05), (0.0209971, 0.000127712), (1.0, 0.01), (1000.0, 0.1), (10.0, 1.0)):
        add(f"svc C={C} gamma={gamma}", "svm", "breast_cancer", "classification", True, {}, {"C": C, "gamma": gamma},
            SVC(C=C, gamma=gamma), "labels")
    add("svc defaults (gamma scale)", "svm", "breast_cancer", "classification", True, {}, {},
        SVC(), "labels")
    add("svc linear C=0.1", "svm", "breast_cancer", "classification", True, {}, {"kernel": "linear", "C": 0.1},
        SVC(kernel="linear", C=0.1), "labels")
    add("svc poly degree 3", "svm", "breast_cancer", "classification", True, {}, {"kernel": "poly", "degree": 3, "C": 3.0},
        SVC(kernel="poly", degree=3, C=3.0), "labels")
    add("svc wine one-vs-one", "svm", "wine", "classification", True, {}, {"C": 10.0, "gamma": 0.05},
        SVC(C=10.0, gamma=0.05), "labels")
    add("svr diabetes", "svm", "diabetes", "regression", True, {}, {"C": 100.0, "epsilon": 5.0},
        SVR(C=100.0, epsilon=5.0), "regression_close")
    add("svc platt breast_cancer", "svm", "breast_cancer", "classification", True, {"probability": True}, {"C": 1.0, "gamma": 0.01},
        SVC(C=1.0, gamma=0.01, probability=True, random_state=0), "platt")
    add("svc platt wine", "svm", "wine", "classification", True, {"probability": True}, {"C": 10.0, "gamma": 0.05},
        SVC(C=10.0, gamma=0.05, probability=True, random_state=0), "platt")
    return out


def load(data_dir, name):
    table = np.genfromtxt(f"{data_dir}/{name}.csv", delimiter=",", skip_header=1)
    folds = np.genfromtxt(f"{data_dir}/{name}.folds.csv", delimiter=",", skip_header=1, dtype=int)
    fold_of = np.empty(len(table), dtype=int)
    fold_of[folds[:, 0]] = folds[:, 1]
    return table[:, :-1], table[:, -1], fold_of


class Report:
    def __init__(self):
        self.failures = []

    def check(self, ok, message):
        if not ok:
            self.failures.append(message)
            print("FAIL", message)


def relative(a, b):
    return abs(a - b) / max(1e-300, abs(b))


def compare_case(case, ours, X, y, fold_of, report):
    cid, kind = case["id"], case["compare"]
    classify = case["task"] == "classification"
    n_classes = int(y.max()) + 1 if classify else 0
    ours_scores, theirs_scores, notes, gaps = [], [], [], [0.0]
    sk_seconds = 0.0
    for fold in ours["folds"]:
        k = fold["fold"]
        test = np.array(fold["test_rows"])
        assert np.array_equal(test, np.flatnonzero(fold_of == k)), f"{cid}: fold {k} rows differ"
        train = np.flatnonzero(fold_of != k)
        est = case["estimator"]
        model = make_pipeline(StandardScaler(), est) if case["standardize"] else est
        start = time.perf_counter()
        model.fit(X[train], y[train])
        sk_seconds += time.perf_counter() - start
        mine = np.array(fold["predictions"], dtype=float)
        where = f"{cid}, fold {k}"
        if not classify:
            theirs = model.predict(X[test])
            scale = max(1.0, np.abs(theirs).max())
            tol = 1e-6 if kind == "regression_exact" else 1e-3
            gap = np.abs(mine - theirs).max() / scale
            gaps.append(gap)
            report.check(gap <= tol, f"{where}: predictions differ by {gap:.3g} (relative to the largest), over {tol:g}")
            ours_scores.append(r2_score(y[test], mine))
            theirs_scores.append(r2_score(y[test], theirs))
            continue
        labels = mine.argmax(axis=1)
        theirs_labels = model.predict(X[test]).astype(int)
        if kind == "platt":  # classes by the largest probability on both sides (SVC.predict uses the decision)
            theirs_labels = model.classes_[model.predict_proba(X[test]).argmax(axis=1)].astype(int)
        ours_scores.append(accuracy_score(y[test], labels))
        theirs_scores.append(accuracy_score(y[test], theirs_labels))
        if kind in ("probabilities", "probabilities_exact"):
            theirs = np.zeros_like(mine)
            theirs[:, model.classes_.astype(int)] = model.predict_proba(X[test])
            tol = 1e-9 if kind == "probabilities_exact" else 1e-4
            gap = np.abs(mine - theirs).max()
            gaps.append(gap)
            report.check(gap <= tol, f"{where}: probabilities differ by {gap:.3g}, over {tol:g}")
            report.check(np.array_equal(labels, theirs_labels), f"{where}: predicted classes differ")
            ll_ours = log_loss(y[test], mine, labels=range(n_classes))
            ll_theirs = log_loss(y[test], theirs, labels=range(n_classes))
            report.check(relative(ll_ours, ll_theirs) <= 1e-3, f"{where}: log loss {ll_ours} vs {ll_theirs}")
        elif kind == "labels":
            report.check(np.array_equal(labels, theirs_labels),
                         f"{where}: predicted classes differ in {np.sum(labels != theirs_labels)} rows")
            if n_classes == 2:
                auc_ours = roc_auc_score(y[test], mine[:, 1])
                auc_theirs = roc_auc_score(y[test], model.decision_function(X[test]))
                report.check(abs(auc_ours - auc_theirs) <= 1e-9, f"{where}: ROC AUC {auc_ours} vs {auc_theirs}")
        elif kind == "platt":
            theirs = model.predict_proba(X[test])
            ll_ours = log_loss(y[test], mine, labels=range(n_classes))
            ll_theirs = log_loss(y[test], theirs, labels=range(n_classes))
            notes.append(f"log loss {ll_ours:.4f} vs {ll_theirs:.4f}")
            # Both calibrate on internal random folds of their own, so only a loose agreement is expected.
            report.check(abs(ll_ours - ll_theirs) <= 0.05 + 0.25 * ll_theirs, f"{where}: Platt log loss {ll_ours} vs {ll_theirs}")
            gap = np.abs(mine - theirs).max()
            report.check(gap <= 0.25, f"{where}: Platt probabilities differ by {gap:.3g}")
    mean_ours, mean_theirs = float(np.mean(ours_scores)), float(np.mean(theirs_scores))
    tol = 1e-6 if kind == "regression_exact" else 1e-3
    report.check(abs(mean_ours - mean_theirs) <= tol * max(1.0, abs(mean_theirs)),
                 f"{cid}: mean CV score {mean_ours} vs scikit-learn {mean_theirs}")
    metric = "accuracy" if classify else "R^2"
    print(f"{cid:45s} CV {metric} {mean_ours:.10f} sklearn {mean_theirs:.10f}"
          + (f"  max gap {max(gaps):.1e}" if kind not in ("labels", "platt") else "  same labels" if kind == "labels" else "")
          + f"  fit {ours['fit_seconds'] * 1e3:6.1f} ms (sklearn {sk_seconds * 1e3:6.1f} ms)"
          + ("  " + "; ".join(notes) if notes else ""))
    return mean_ours


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--driver", required=True)
    parser.add_argument("--plugins", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--problems", required=True)
    args = parser.parse_args()

    all_cases = cases()
    request = {"cases": [{k: c[k] for k in ("id", "model", "data", "task", "standardize", "config", "hparams")}
                         for c in all_cases]}
    run = subprocess.run([args.driver, args.plugins, args.data], input=json.dumps(request), capture_output=True,
                         text=True)
    if run.returncode != 0:
        print(run.stderr)
        sys.exit(f"crosscheck_driver failed with status {run.returncode}")
    results = {r["id"]: r for r in json.loads(run.stdout)["cases"]}

    report = Report()
    datasets = {}
    means = {}
    for case in all_cases:
        if case["data"] not in datasets:
            datasets[case["data"]] = load(args.data, case["data"])
        X, y, fold_of = datasets[case["data"]]
        means[case["id"]] = compare_case(case, results[case["id"]], X, y, fold_of, report)

    # bench/problems.json: loss = 1 - mean CV score, computed there by scikit-learn 1.2.1.
    problems = {p["name"]: p for p in json.load(open(args.problems))["problems"]}
    for point in problems["svc_breast_cancer"]["test_points"]:
        cid = f"svc C={point['params']['C']} gamma={point['params']['gamma']}"
        loss = 1 - means[cid]
        report.check(abs(loss - point["loss"]) <= 1e-12, f"svc_breast_cancer {point['params']}: loss {loss} vs {point['loss']}")
        print(f"svc_breast_cancer {point['params']}: loss {loss:.12f}, problems.json {point['loss']:.12f}")
    for point in problems["ridge_diabetes"]["test_points"]:
        cid = f"ridge alpha={point['params']['alpha']} std"
        loss = 1 - means[cid]
        report.check(relative(loss, point["loss"]) <= 1e-6, f"ridge_diabetes {point['params']}: loss {loss} vs {point['loss']}")
        print(f"ridge_diabetes {point['params']}: loss {loss:.12f}, problems.json {point['loss']:.12f}")

    if report.failures:
        print(f"{len(report.failures)} disagreement(s) with scikit-learn")
        sys.exit(1)
    print(f"{len(all_cases)} cases agree with scikit-learn")


if __name__ == "__main__":
    main()
