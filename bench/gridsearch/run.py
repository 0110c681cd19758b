#!/usr/bin/env python3
"""Vernier's grid search against scikit-learn's GridSearchCV, in the same run (issue 4, item 8; issue 12, item 10).

The same 10 x 10 grid of an RBF SVM on Breast Cancer Wisconsin (C log-spaced in [1e-3, 1e3], gamma in
[1e-5, 1e1]), the same folds (5-fold StratifiedKFold without shuffling: Vernier's "stratified" splitter
reproduces it exactly), standardisation fitted per fold, accuracy, all 569 rows (no test part), one
process thread each. GridSearchCV runs with n_jobs=1 and refit=False (Vernier does no refit without a test
part either).

Both sides run as child processes, interleaved (vernier, sklearn, vernier, sklearn, ...), so that a change in
the machine's load hits both alike, and are measured the same way: the child's CPU time (user + system, from
the parent's RUSAGE_CHILDREN) and wall time, each including its process start-up and data loading. The
scikit-learn child also reports the CPU and wall time of search.fit alone (without Python's start-up and the
imports). Reported: both best CV scores (they must be equal), the best parameters, every run's times, and
the ratio GridSearchCV / Vernier of each interleaved pair (median, min and max over --repeat pairs), for
whole processes and for scikit-learn's fit alone against the whole vernier process.

Usage: bench/gridsearch/run.py --vernier build/bin/vernier [--repeat 5] [--jobs 2]
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


def load_data():
    table = np.genfromtxt(DATA, delimiter=",", names=True)
    names = table.dtype.names
    X = np.column_stack([table[n] for n in names if n != "target"])
    y = table["target"].astype(int)
    return X, y


def sklearn_child():
    """The scikit-learn side, in a process of its own: prints its results and the time of search.fit alone."""
    from sklearn.model_selection import GridSearchCV, StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC
    warnings.simplefilter("ignore")
    X, y = load_data()
    grid = {"svc__C": np.logspace(np.log10(C_RANGE[0]), np.log10(C_RANGE[1]), POINTS),
            "svc__gamma": np.logspace(np.log10(GAMMA_RANGE[0]), np.log10(GAMMA_RANGE[1]), POINTS)}
    search = GridSearchCV(make_pipeline(StandardScaler(), SVC(kernel="rbf")), grid, scoring="accuracy",
                          cv=StratifiedKFold(N_SPLITS), n_jobs=1, refit=False)
    start, cpu = time.perf_counter(), time.process_time()
    search.fit(X, y)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    results = search.cv_results_
    tied = [dict(C=float(p["svc__C"]), gamma=float(p["svc__gamma"]))
            for p, s in zip(results["params"], results["mean_test_score"]) if abs(s - search.best_score_) < 1e-12]
    print(json.dumps({"fit_wall": elapsed, "fit_cpu": cpu, "best": float(search.best_score_),
                      "params": {k: float(v) for k, v in search.best_params_.items()}, "tied": len(tied),
                      "rows": X.shape[0], "features": X.shape[1]}))


def run_sklearn():
    start, cpu = time.perf_counter(), children_cpu()
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--sklearn-child"], capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - start, children_cpu() - cpu
    if out.returncode != 0:
        sys.exit(f"the scikit-learn child failed ({out.returncode}):\n{out.stderr}")
    return elapsed, cpu, json.loads(out.stdout.strip().splitlines()[-1])


def build_type(exe):
    """The CMake build type of the build tree holding exe (bin/vernier), or '?'."""
    cache = os.path.join(os.path.dirname(os.path.abspath(exe)), "..", "CMakeCache.txt")
    try:
        for line in open(cache):
            if line.startswith("CMAKE_BUILD_TYPE:"):
                return line.split("=", 1)[1].strip() or "(none)"
    except OSError:
        pass
    return "?"


def spread(values):
    return f"median {statistics.median(values):.2f}x, min {min(values):.2f}x, max {max(values):.2f}x"


def main():
    if sys.argv[1:] == ["--sklearn-child"]:
        return sklearn_child()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vernier", required=True, help="the vernier executable")
    parser.add_argument("--repeat", type=int, default=5, help="interleaved pairs of runs (median, min and max reported)")
    parser.add_argument("--jobs", type=int, default=0, help="also time `vernier tune --jobs N` when the CLI has it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        config_path = os.path.join(tmp, "gridsearch.json")
        with open(config_path, "w") as f:
            json.dump(vernier_config(), f)
        v_wall, v_cpu, s_wall, s_cpu, s_fit_wall, s_fit_cpu, jobs_times = [], [], [], [], [], [], []
        for _ in range(args.repeat):
            t, c, v_best, v_params = run_vernier(args.vernier, config_path, [])
            v_wall.append(t)
            v_cpu.append(c)
            t, c, sk = run_sklearn()
            s_wall.append(t)
            s_cpu.append(c)
            s_fit_wall.append(sk["fit_wall"])
            s_fit_cpu.append(sk["fit_cpu"])
        if args.jobs > 1:
            help_text = subprocess.run([args.vernier, "tune", "--help"], capture_output=True, text=True).stdout
            if "--jobs" in help_text:
                for _ in range(args.repeat):
                    t, _, j_best, _ = run_vernier(args.vernier, config_path, ["--jobs", str(args.jobs)])
                    jobs_times.append(t)
                    assert abs(j_best - v_best) < 1e-12, (j_best, v_best)
            else:
                print(f"(vernier tune has no --jobs option yet: parallel timing skipped)")

    s_best, s_params = sk["best"], sk["params"]
    same = abs(v_best - s_best) < 1e-12
    runs = lambda values: ", ".join(f"{v:.3f}" for v in values)
    print(f"grid: {POINTS} x {POINTS} (C x gamma), {N_SPLITS}-fold stratified CV, standardised, "
          f"breast_cancer {sk['rows']} x {sk['features']}; vernier build type {build_type(args.vernier)}; "
          f"load average before the runs {os.getloadavg()[0]:.1f}")
    print(f"vernier      best CV accuracy {v_best:.12f} at C={v_params['C']:.6g}, gamma={v_params['gamma']:.6g}")
    print(f"GridSearchCV best CV accuracy {s_best:.12f} at C={s_params['svc__C']:.6g}, gamma={s_params['svc__gamma']:.6g}")
    print(f"same best score: {'yes' if same else 'NO'} ({sk['tied']} grid point(s) reach it)")
    print(f"vernier process         CPU s: {runs(v_cpu)}; wall s: {runs(v_wall)}")
    print(f"GridSearchCV process    CPU s: {runs(s_cpu)}; wall s: {runs(s_wall)}")
    print(f"GridSearchCV fit alone  CPU s: {runs(s_fit_cpu)}; wall s: {runs(s_fit_wall)}")
    pairs = lambda a, b: [x / y for x, y in zip(a, b)]
    print(f"speed-up per interleaved pair, CPU, whole processes:             {spread(pairs(s_cpu, v_cpu))}")
    print(f"speed-up per interleaved pair, CPU, GridSearchCV fit alone:      {spread(pairs(s_fit_cpu, v_cpu))}")
    print(f"speed-up per interleaved pair, wall, whole processes:            {spread(pairs(s_wall, v_wall))}")
    print(f"speed-up per interleaved pair, wall, GridSearchCV fit alone:     {spread(pairs(s_fit_wall, v_wall))}")
    if jobs_times:
        j_t = statistics.median(jobs_times)
        print(f"vernier --jobs {args.jobs}: wall {j_t:.3f} s; speed-up vs GridSearchCV fit alone (n_jobs=1): "
              f"{statistics.median(s_fit_wall) / j_t:.2f}x")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
