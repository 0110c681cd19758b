#!/usr/bin/python3
"""The HPO problems of bench/problems.json (svc_breast_cancer, ridge_diabetes) for the GP sampler's benchmark.

The shared harness (bench/samplers/run.py) takes their Vernier configs from bench/samplers/hpo_objectives.json,
whose entries predate the cv objective's schema (they name a folds *file*; the cv objective reads a fold-id
*column*). Until those entries are updated this script measures the HPO problems itself, in the same way:
it writes the dataset with the problem's fixed folds as a column `fold` (to a temporary directory), runs
`vernier tune` with the cv objective and the `predefined` splitter on it, and runs Optuna's samplers on the
harness's own Python objective (scikit-learn on the same folds). Both report the mean 5-fold CV loss
(1 - accuracy, 1 - R^2); the `vernier` side is checked against the Python objective at its best point.

  /usr/bin/python3 bench/gp/hpo.py --build BUILD_DIR [--seeds 10] [--trials 50] [--samplers gp,optuna-tpe-mv,...]

Prints the median best CV loss per problem and sampler, and for gp the wins/ties/losses against each peer
(two-sided Mann-Whitney U, p < 0.05, as the harness does)."""
import argparse
import concurrent.futures
import csv
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "samplers"))

import problems as problem_suite  # noqa: E402
import runners  # noqa: E402
import stats  # noqa: E402

PROBLEMS = {  # the cv objective for each problem (bench/problems.json: its `model` and `metric`)
    "svc_breast_cancer": {"task": "classification", "model": "svm", "model_options": {"kernel": "rbf"},
                          "metric": "accuracy"},
    "ridge_diabetes": {"task": "regression", "model": "ridge", "metric": "r2"},
}


def with_fold_column(problem, directory):
    """The problem's dataset with its fixed folds appended as a column `fold`; returns the file's path."""
    raw = problem.spec
    data = problem_suite._find_data(raw["data_csv"])
    folds = problem_suite._find_data(raw["folds_csv"])
    with open(folds) as f:
        fold_of = {int(r["row"]): r["fold"] for r in csv.DictReader(f)}
    path = os.path.join(directory, problem.name + ".csv")
    with open(data) as src, open(path, "w", newline="") as dst:
        reader, writer = csv.reader(src), csv.writer(dst)
        writer.writerow(next(reader) + ["fold"])
        for i, row in enumerate(reader):
            writer.writerow(row + [fold_of[i]])
    return path


def run_vernier(vernier, data_csv, problem, sampler, seed, trials):
    spec = dict(PROBLEMS[problem.name])
    cv = {"data": data_csv, "target": "target", "folds": "fold", "splitter": "predefined", "standardize": True,
          "test_size": 0}
    cv.update(spec)
    config = {"name": "hpo", "direction": "maximize", "objective": {"cv": cv}, "space": problem.params,
              "sampler": {"plugin": sampler["plugin"], "seed": seed, "options": sampler.get("options", {})},
              "trials": trials}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(config, f)
        path = f.name
    try:
        done = subprocess.run([vernier, "tune", path, "--json", "--storage", ":memory:"], capture_output=True, text=True)
    finally:
        os.unlink(path)
    if done.returncode != 0:
        return None, (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    return 1.0 - out["best_value"], out["best_params"]


def task(args):
    kind, name, entry, problem_name, seed, trials, vernier, data_csv = args
    problem = problem_suite.load([problem_name])[0]
    if kind == "vernier":
        loss, detail = run_vernier(vernier, data_csv, problem, entry, seed, trials)
        return name, problem_name, seed, loss, detail
    loss, error = runners.run_optuna(entry, problem, seed, trials)
    return name, problem_name, seed, loss, error


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", required=True)
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--config", default=os.path.join(HERE, "samplers.json"))
    parser.add_argument("--samplers", help="comma-separated names of the config (default: all)")
    args = parser.parse_args()
    with open(args.config) as f:
        samplers = json.load(f)["samplers"]
    if args.samplers:
        samplers = {n: samplers[n] for n in args.samplers.split(",")}
    vernier = os.path.join(args.build, "bin", "vernier")
    directory = tempfile.mkdtemp(prefix="vernier-hpo-")
    problems = problem_suite.load(list(PROBLEMS))
    tasks = []
    for problem in problems:
        data_csv = with_fold_column(problem, directory)
        for name, entry in samplers.items():
            kind = "vernier" if "vernier" in entry else "optuna"
            for seed in range(args.seeds):
                tasks.append((kind, name, entry[kind], problem.name, seed, args.trials, vernier, data_csv))
    with concurrent.futures.ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(task, tasks))

    # Our objective must be the harness's: check the first gp run's best point with the Python objective.
    for name, problem_name, seed, loss, detail in results:
        if samplers[name].get("vernier") and loss is not None and isinstance(detail, dict):
            problem = problem_suite.load([problem_name])[0]
            python_loss = problem.objective()(detail)
            if abs(python_loss - loss) > 1e-9:
                print("WARNING: %s: vernier's CV loss %.12g differs from scikit-learn's %.12g at %s"
                      % (problem_name, loss, python_loss, detail))
            break

    losses = {}
    for name, problem_name, seed, loss, detail in results:
        if loss is None:
            print("not measured: %s / %s seed %d: %s" % (problem_name, name, seed, detail))
        else:
            losses.setdefault((problem_name, name), []).append(loss)
    names = list(samplers)
    print("Median best CV loss (1 - accuracy, 1 - R^2) over %d seeds, %d trials\n" % (args.seeds, args.trials))
    print("%-18s" % "problem" + "".join("%15s" % n for n in names))
    for problem in problems:
        row = ["%.5f" % stats.median(losses[(problem.name, n)]) if (problem.name, n) in losses else "-" for n in names]
        print("%-18s" % problem.name + "".join("%15s" % r for r in row))
    print()
    for ours in [n for n in names if "vernier" in samplers[n]]:
        for peer in samplers[ours].get("against", []):
            if peer not in samplers:
                continue
            tally = {"win": 0, "tie": 0, "loss": 0}
            for problem in problems:
                a, b = losses.get((problem.name, ours)), losses.get((problem.name, peer))
                if a and b:
                    tally[stats.verdict(a, b)[0]] += 1
            print("%s vs %s: %d wins / %d ties / %d losses" % (ours, peer, tally["win"], tally["tie"], tally["loss"]))


if __name__ == "__main__":
    main()
