"""The `gp` surrogate against scikit-learn's GaussianProcessRegressor with the same fixed kernel.

Both get the same data, a Matern-5/2 ARD kernel times a constant (the signal variance) with fixed
hyperparameters, the same noise added to the training covariance (`alpha` in scikit-learn) and targets
standardised by their mean and population standard deviation (`normalize_y=True`). Their posterior means
and latent variances must then agree to 1e-8 relative. Inputs are floats on [0, 1], which the GP's
unit-cube encoding leaves unchanged.

usage: test_gp_vs_sklearn.py SURROGATE_EVAL PLUGIN_DIR   (scikit-learn must be importable)
"""
import json
import subprocess
import sys

import numpy as np
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern

TOLERANCE = 1e-8


def ours(tool, plugin_dir, space, X, y, Xq, options):
    request = {"surrogate": "gp", "options": options, "space": space,
               "X": X.tolist(), "y": y.tolist(), "Xq": Xq.tolist()}
    done = subprocess.run([tool, plugin_dir], input=json.dumps(request), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit("surrogate_eval failed: " + done.stderr)
    out = json.loads(done.stdout)
    return np.array(out["mean"]), np.array(out["var"])


def theirs(X, y, Xq, lengthscales, signal, noise):
    kernel = ConstantKernel(signal, constant_value_bounds="fixed") * Matern(
        length_scale=lengthscales, length_scale_bounds="fixed", nu=2.5)
    model = GaussianProcessRegressor(kernel=kernel, alpha=noise, normalize_y=True, optimizer=None)
    model.fit(X, y)
    mean, std = model.predict(Xq, return_std=True)
    return mean, std ** 2


def relative_error(a, b, scale):
    """Largest |a - b| relative to |b|, with `scale` as the floor of the denominator."""
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), scale)))


def main():
    tool, plugin_dir = sys.argv[1], sys.argv[2]
    rng = np.random.default_rng(20240917)
    cases = [  # (dimensions, observations, lengthscales, signal variance, noise variance)
        (1, 8, [0.3], 1.0, 1e-6),
        (2, 25, [0.2, 0.7], 1.5, 1e-4),
        (3, 40, [0.5, 0.15, 2.0], 0.8, 1e-2),
        (5, 60, [0.4, 0.9, 0.3, 1.2, 0.6], 2.0, 1e-3),
    ]
    worst = 0.0
    for d, n, lengthscales, signal, noise in cases:
        X = rng.random((n, d))
        y = np.sin(3 * X).sum(axis=1) + X[:, 0] ** 2 + 0.05 * rng.standard_normal(n)
        Xq = np.vstack([rng.random((30, d)), X[:5]])  # new points, and observed ones (variance near 0)
        space = [{"name": f"x{j}", "type": "float", "low": 0, "high": 1} for j in range(d)]
        options = {"lengthscales": lengthscales, "signal_variance": signal, "noise_variance": noise}
        mean, var = ours(tool, plugin_dir, space, X, y, Xq, options)
        ref_mean, ref_var = theirs(X, y, Xq, lengthscales, signal, noise)
        y_scale = float(np.std(y))
        mean_error = relative_error(mean, ref_mean, 1e-3 * y_scale)
        # The variance is compared relative to the prior variance where it is tiny (at observed points).
        var_error = relative_error(var, ref_var, 1e-3 * signal * y_scale ** 2)
        print(f"d={d} n={n}: mean {mean_error:.2e}, variance {var_error:.2e} (relative)")
        worst = max(worst, mean_error, var_error)
        if mean_error > TOLERANCE or var_error > TOLERANCE:
            print(f"FAIL: differs from scikit-learn by more than {TOLERANCE:g}")
            return 1
    print(f"OK: largest relative difference {worst:.2e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
