#!/usr/bin/env python3
"""Vernier's grid search against scikit-learn's GridSearchCV, in the same run (issue 4, item 8).

The same 10 x 10 grid of an RBF SVM on Breast Cancer Wisconsin (C log-spaced in [1e-3, 1e3], gamma in
[1e-5, 1e1]), the same folds (5-fold StratifiedKFold without shuffling: Vernier's "stratified" splitter
reproduces it exactly), standardisation fitted per fold, accuracy, all 569 rows (no test part), one
process thread each. GridSearchCV runs with n_jobs=1 and refit=False (Vernier does no refit without a test
part either). Reported: both best CV scores (they must be equal), the best parameters, the wall times
(median of --repeat runs, each side alternating), the CPU times (user + system; steadier than wall
time on a busy machine) and the ratios GridSearchCV / Vernier.

Usage: bench/gridsearch/run.py --vernier build/bin/vernier [--repeat 3] [--jobs 2]
Needs scikit-learn on PYTHONPATH (see .ci/install-deps: /opt/vernier-pydeps/usr/lib/python3/dist-packages).
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "examples", "data", "breast_cancer.csv")
N_SPLITS = 5
C_RANGE, GAMMA_RANGE, POINTS = (1e-3, 1e3), (1e-5, 1e1), 10


def vernier_config():
    return {
        "name": "gridsearch-bench",
        "objective": {"cv": {"data": os.path.abspath(DATA), "target": "target", "task": "classification", "model": "svm",
                             "splitter": {"plugin": "stratified", "options": {"n_splits": N_SPLITS}},
                             "metric": "accuracy", "test_size": 0, "standardize": True, "seed": 0}},
        "space": [{"name": "C", "type": "float", "low": C_RANGE[0], "high": C_RANGE[1], "log": True},
                  {"name": "gamma", "type": "float", "low": GAMMA_RANGE[0], "high": GAMMA_RANGE[1], "log": True}],
        "sampler": {"plugin": "grid", "options": {"points_per_axis": POINTS}},
        "storage": ":memory:",
        "trials": POINTS * POINTS,
    }


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_vernier(exe, config_path, extra):
    start, cpu = time.perf_counter(), children_cpu()
    out = subprocess.run([exe, "tune", config_path, "--json"] + extra, capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - start, children_cpu() - cpu
    if out.returncode != 0:
        sys.exit(f"vernier failed ({out.returncode}):\n{out.stderr}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["trials"]["complete"] == POINTS * POINTS, result["trials"]
    return elapsed, cpu, result["best_value"], result["best_params"]


def run_sklearn(X, y):
    from sklearn.model_selection import GridSearchCV, StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC
    grid = {"svc__C": np.logspace(np.log10(C_RANGE[0]), np.log10(C_RANGE[1]), POINTS),
            "svc__gamma": np.logspace(np.log10(GAMMA_RANGE[0]), np.log10(GAMMA_RANGE[1]), POINTS)}
    search = GridSearchCV(make_pipeline(StandardScaler(), SVC(kernel="rbf")), grid, scoring="accuracy",
                          cv=StratifiedKFold(N_SPLITS), n_jobs=1, refit=False)
    start, cpu = time.perf_counter(), time.process_time()
    search.fit(X, y)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return elapsed, cpu, search.best_score_, search.best_params_, search.cv_results_


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vernier", required=True, help="the vernier executable")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each side (median reported)")
    parser.add_argument("--jobs", type=int, default=0, help="also time `vernier tune --jobs N` when the CLI has it")
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    table = np.genfromtxt(DATA, delimiter=",", names=True)
    names = table.dtype.names
    X = np.column_stack([table[n] for n in names if n != "target"])
    y = table["target"].astype(int)

    with tempfile.TemporaryDirectory() as tmp:
        config_path = os.path.join(tmp, "gridsearch.json")
        with open(config_path, "w") as f:
            json.dump(vernier_config(), f)
        vernier_times, sklearn_times, jobs_times = [], [], []
        vernier_cpu, sklearn_cpu = [], []
        for _ in range(args.repeat):
            t, c, v_best, v_params = run_vernier(args.vernier, config_path, [])
            vernier_times.append(t)
            vernier_cpu.append(c)
            t, c, s_best, s_params, results = run_sklearn(X, y)
            sklearn_times.append(t)
            sklearn_cpu.append(c)
        if args.jobs > 1:
            help_text = subprocess.run([args.vernier, "tune", "--help"], capture_output=True, text=True).stdout
            if "--jobs" in help_text:
                for _ in range(args.repeat):
                    t, _, j_best, _ = run_vernier(args.vernier, config_path, ["--jobs", str(args.jobs)])
                    jobs_times.append(t)
                    assert abs(j_best - v_best) < 1e-12, (j_best, v_best)
            else:
                print(f"(vernier tune has no --jobs option yet: parallel timing skipped)")

    v_t, s_t = statistics.median(vernier_times), statistics.median(sklearn_times)
    same = abs(v_best - s_best) < 1e-12
    # Grid points at the best score on the scikit-learn side (ties are common on a 10 x 10 grid).
    tied = [dict(C=float(p["svc__C"]), gamma=float(p["svc__gamma"]))
            for p, s in zip(results["params"], results["mean_test_score"]) if abs(s - s_best) < 1e-12]
    print(f"grid: {POINTS} x {POINTS} (C x gamma), {N_SPLITS}-fold stratified CV, standardised, breast_cancer {X.shape[0]} x {X.shape[1]}")
    print(f"vernier      best CV accuracy {v_best:.12f} at C={v_params['C']:.6g}, gamma={v_params['gamma']:.6g}; "
          f"wall {v_t:.3f} s (runs: {', '.join(f'{t:.3f}' for t in vernier_times)})")
    print(f"GridSearchCV best CV accuracy {s_best:.12f} at C={s_params['svc__C']:.6g}, gamma={s_params['svc__gamma']:.6g}; "
          f"wall {s_t:.3f} s (runs: {', '.join(f'{t:.3f}' for t in sklearn_times)})")
    print(f"same best score: {'yes' if same else 'NO'} ({len(tied)} grid point(s) reach it)")
    v_c, s_c = statistics.median(vernier_cpu), statistics.median(sklearn_cpu)
    print(f"speed-up (GridSearchCV time / vernier time), single-threaded: {s_t / v_t:.2f}x wall, "
          f"{s_c / v_c:.2f}x CPU (vernier {v_c:.3f} s, GridSearchCV {s_c:.3f} s)")
    if jobs_times:
        j_t = statistics.median(jobs_times)
        print(f"vernier --jobs {args.jobs}: wall {j_t:.3f} s; speed-up vs GridSearchCV n_jobs=1: {s_t / j_t:.2f}x")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
