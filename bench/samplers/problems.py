"""The benchmark problems of bench/problems.json as Python objectives, for the peers (Optuna) that run
them in this process, and as Vernier study configs, for our samplers.

Synthetic problems are implemented here and checked against the test points stored with each problem
(relative 1e-9), so a transcription error stops the benchmark instead of skewing it. HPO problems are
scikit-learn pipelines cross-validated on the fixed folds of the dataset (see `loss_definition` in
problems.json); they need scikit-learn, which lives outside the default Python path (.ci/install-deps).
"""
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PROBLEMS_JSON = os.path.join(REPO, "bench", "problems.json")
PYDEPS = os.environ.get("VERNIER_PYDEPS", "/opt/vernier-pydeps") + "/usr/lib/python3/dist-packages"
# Where the datasets of the HPO problems are looked for, in order (`data_csv` is relative to the suite).
DATA_DIRS = [os.path.join(REPO, "bench", "data"), os.path.join(REPO, "examples", "data"),
             os.path.join(REPO, "..", "shared", "data")]


def _branin(p):
    x0, x1 = p["x0"], p["x1"]
    b, c, r, s, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 6.0, 10.0, 1 / (8 * math.pi)
    return (x1 - b * x0 * x0 + c * x0 - r) ** 2 + s * (1 - t) * math.cos(x0) + s


_H6_ALPHA = [1.0, 1.2, 3.0, 3.2]
_H6_A = [[10.0, 3.0, 17.0, 3.5, 1.7, 8.0], [0.05, 10.0, 17.0, 0.1, 8.0, 14.0],
         [3.0, 3.5, 1.7, 10.0, 17.0, 8.0], [17.0, 8.0, 0.05, 10.0, 0.1, 14.0]]
_H6_P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
         [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]


def _hartmann6(p):
    x = [p["x%d" % j] for j in range(6)]
    total = 0.0
    for i in range(4):
        inner = sum(_H6_A[i][j] * (x[j] - _H6_P[i][j]) ** 2 for j in range(6))
        total += _H6_ALPHA[i] * math.exp(-inner)
    return -total


def _ackley5(p):
    x = [p["x%d" % j] for j in range(5)]
    n = len(x)
    a = -20.0 * math.exp(-0.2 * math.sqrt(sum(v * v for v in x) / n))
    b = -math.exp(sum(math.cos(2 * math.pi * v) for v in x) / n)
    return a + b + 20.0 + math.e


def _rosenbrock4(p):
    x = [p["x%d" % j] for j in range(4)]
    return sum(100.0 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(3))


def _mixed_sphere(problem):
    centres, offsets = problem["mixed_centers"], problem["mixed_offsets"]

    def f(p):
        c = centres[p["cat"]]
        return (sum((p["x%d" % i] - c[i]) ** 2 for i in range(3)) + (math.log10(p["lr"]) + 2) ** 2
                + ((p["k"] - 7) / 3) ** 2 + offsets[p["cat"]])
    return f


_SYNTHETIC = {"branin": lambda pr: _branin, "hartmann6": lambda pr: _hartmann6, "ackley5": lambda pr: _ackley5,
              "rosenbrock4": lambda pr: _rosenbrock4, "mixed_sphere": _mixed_sphere}


def _find_data(relative):
    name = os.path.basename(relative)
    for d in DATA_DIRS:
        path = os.path.normpath(os.path.join(d, name))
        if os.path.exists(path):
            return path
    raise FileNotFoundError("dataset %s not found in %s" % (name, ", ".join(DATA_DIRS)))


def _hpo_objective(problem):
    """1 - mean CV score of the problem's scikit-learn pipeline on its fixed folds."""
    if PYDEPS not in sys.path:
        sys.path.append(PYDEPS)
    import numpy as np
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    data = np.genfromtxt(_find_data(problem["data_csv"]), delimiter=",", names=True)
    names = data.dtype.names
    X = np.column_stack([data[n] for n in names if n != "target"])
    y = data["target"]
    folds_table = np.genfromtxt(_find_data(problem["folds_csv"]), delimiter=",", names=True)
    folds = folds_table["fold"].astype(int)[np.argsort(folds_table["row"])]
    if problem["name"] == "svc_breast_cancer":
        from sklearn.svm import SVC
        y = y.astype(int)

        def make(p):
            return make_pipeline(StandardScaler(), SVC(kernel="rbf", C=p["C"], gamma=p["gamma"]))

        def score(model, Xv, yv):
            return float(np.mean(model.predict(Xv) == yv))
    elif problem["name"] == "ridge_diabetes":
        from sklearn.linear_model import Ridge
        from sklearn.metrics import r2_score

        def make(p):
            return make_pipeline(StandardScaler(), Ridge(alpha=p["alpha"]))

        def score(model, Xv, yv):
            return float(r2_score(yv, model.predict(Xv)))
    else:
        raise NotImplementedError("no Python objective for HPO problem %s" % problem["name"])

    def f(p):
        scores = []
        for k in range(5):
            train, test = folds != k, folds == k
            model = make(p).fit(X[train], y[train])
            scores.append(score(model, X[test], y[test]))
        return 1.0 - float(np.mean(scores))
    return f


class Problem:
    def __init__(self, spec):
        self.spec = spec
        self.name = spec["name"]
        self.kind = spec["kind"]
        self.params = spec["params"]
        self.f_opt = spec.get("f_opt")
        self._objective = None

    def objective(self):
        """The loss as a function of a dict of parameter values, checked against the stored test points."""
        if self._objective is None:
            f = _SYNTHETIC[self.name](self.spec) if self.kind == "synthetic" else _hpo_objective(self.spec)
            for point in self.spec.get("test_points", []):
                got, want = f(point["params"]), point["loss"]
                if not abs(got - want) <= 1e-9 * max(1.0, abs(want)):
                    raise AssertionError("%s: loss %r at %r, problems.json says %r" % (self.name, got, point["params"], want))
            self._objective = f
        return self._objective

    def score(self, best_loss):
        """What the tables compare: simple regret for synthetic problems, the best CV loss for HPO ones."""
        if best_loss is None:
            return None
        return best_loss - self.f_opt if self.kind == "synthetic" else best_loss

    def vernier_space(self):
        space = []
        for p in self.params:
            q = {"name": p["name"], "type": p["type"]}
            if p["type"] == "categorical":
                q["choices"] = p["choices"]
            else:
                q["low"], q["high"] = p["low"], p["high"]
                if p.get("log"):
                    q["log"] = True
                if p.get("step") is not None:
                    q["step"] = p["step"]
            space.append(q)
        return space

    def data_with_folds(self):
        """The problem's dataset with its fixed folds appended as a column `fold` (what Vernier's cv objective
        reads with the `predefined` splitter). One file per problem in the temporary directory, shared by every
        run and process and rewritten only when missing, so benchmark runs leave nothing new behind."""
        import csv
        import tempfile
        path = os.path.join(tempfile.gettempdir(), "vernier-bench-%s-with-folds.csv" % self.name)
        if not os.path.exists(path):
            with open(_find_data(self.spec["folds_csv"])) as f:
                fold_of = {int(r["row"]): r["fold"] for r in csv.DictReader(f)}
            handle, partial = tempfile.mkstemp(prefix=self.name + "-", suffix=".csv")
            with open(_find_data(self.spec["data_csv"])) as src, os.fdopen(handle, "w", newline="") as dst:
                reader, writer = csv.reader(src), csv.writer(dst)
                writer.writerow(next(reader) + ["fold"])
                for i, row in enumerate(reader):
                    writer.writerow(row + [fold_of[i]])
            os.replace(partial, path)  # whole or not at all, whichever process writes it first
        return path

    def vernier_objective(self, overrides):
        """The study config's objective (and space) for this problem: the built-in function for synthetic
        problems; for HPO problems the entry of hpo_objectives.json, with {data_csv}, {folds_csv} and
        {data_with_folds} replaced by absolute paths."""
        if self.kind == "synthetic":
            return {"objective": {"function": self.name}}
        entry = overrides.get(self.name)
        if entry is None:
            raise LookupError("no Vernier objective for %s in bench/samplers/hpo_objectives.json" % self.name)
        text = json.dumps(entry)
        try:
            for key in ("data_csv", "folds_csv"):
                text = text.replace("{%s}" % key, _find_data(self.spec[key]))
            if "{data_with_folds}" in text:
                text = text.replace("{data_with_folds}", self.data_with_folds())
        except (FileNotFoundError, KeyError) as e:
            raise LookupError("dataset of %s: %s" % (self.name, e))
        config = json.loads(text)
        config.setdefault("space", self.vernier_space())
        return config

    def optuna_params(self, trial):
        values = {}
        for p in self.params:
            if p["type"] == "categorical":
                values[p["name"]] = trial.suggest_categorical(p["name"], p["choices"])
            elif p["type"] == "int":
                values[p["name"]] = trial.suggest_int(p["name"], p["low"], p["high"], log=bool(p.get("log")))
            else:
                values[p["name"]] = trial.suggest_float(p["name"], p["low"], p["high"], log=bool(p.get("log")),
                                                        step=p.get("step"))
        return values


def load(names=None):
    with open(PROBLEMS_JSON) as f:
        suite = json.load(f)
    problems = [Problem(p) for p in suite["problems"]]
    if names:
        known = {p.name for p in problems}
        unknown = [n for n in names if n not in known]
        if unknown:
            raise SystemExit("unknown problem(s): %s (known: %s)" % (", ".join(unknown), ", ".join(sorted(known))))
        problems = [p for p in problems if p.name in names]
    return problems
