#!/usr/bin/python3
"""Time per suggestion of the gp sampler inside one running study, as a user experiences it.

The shared harness (bench/samplers/run.py --timing) times suggestions after N random start-up trials: a
history of space-filling points, and a model fitted once. Here the gp sampler runs one ordinary study of
Hartmann-6 (its default options: 10 Sobol' points, then the model) for 511 trials through the C API, and the
time of every ask (vn_study_ask + reading the parameters) is recorded; the report gives the median, the 90th
percentile and the maximum over the windows of 21 trials centred on 50, 200 and 500 observations. The
windows include the suggestions that refit the kernel's hyperparameters (every trial up to 100
observations, then every 10% more), so the median is what a study pays per trial and the maximum what its
slowest trial paid.

  /usr/bin/python3 bench/gp/timing_in_study.py --build BUILD_DIR [--trials 511] [--seed 0] [--options '{...}']
"""
import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "samplers"))

import problems as problem_suite  # noqa: E402
from timing import run_timed_study  # noqa: E402


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", required=True)
    parser.add_argument("--trials", type=int, default=511)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--problem", default="hartmann6")
    parser.add_argument("--options", default="{}", help="the gp sampler's options (JSON)")
    args = parser.parse_args()
    libvernier = os.path.join(args.build, "lib", "libvernier.so")
    problem = problem_suite.load([args.problem])[0]
    config = {"name": "gp-timing", "objective": {"function": problem.name},
              "sampler": {"plugin": "gp", "seed": args.seed, "options": json.loads(args.options)}}
    times, values = run_timed_study(libvernier, config, problem, args.trials, clock=time.perf_counter)
    best = min(values)
    print("gp sampler on %s, one study of %d trials (seed %d, options %s); final regret %.3g"
          % (problem.name, args.trials, args.seed, args.options, problem.score(best)))
    print("%12s %12s %12s %12s" % ("observations", "median ms", "p90 ms", "max ms"))
    for centre in (50, 200, 500):
        window = times[max(0, centre - 10):centre + 11]
        if len(window) < 21:
            continue
        print("%12d %12.1f %12.1f %12.1f" % (centre, 1e3 * percentile(window, 0.5), 1e3 * percentile(window, 0.9),
                                             1e3 * max(window)))
    print("total %.1f s for %d suggestions" % (sum(times), len(times)))


if __name__ == "__main__":
    main()
