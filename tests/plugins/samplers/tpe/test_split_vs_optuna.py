#!/usr/bin/python3
"""Cross-check: on the same history, Vernier's TPE splits trials into "below" and "above" exactly as
Optuna's TPESampler does (Debian's Optuna 3.1: optuna.samplers._tpe.sampler._get_observation_pairs and
_split_observation_pairs).

Usage: test_split_vs_optuna.py PATH/TO/tpe_split_dump

Random histories mix complete trials (with ties, +-inf and 1e300), pruned trials (several steps, NaN
reports, none at all), running and failed ones, under several gamma, caps and constant-liar settings. Exits
non-zero on the first disagreement, printing the history.
"""
import math
import random
import subprocess
import sys
import warnings

import optuna
from optuna.distributions import FloatDistribution
from optuna.samplers._tpe.sampler import _get_observation_pairs, _split_observation_pairs
from optuna.trial import TrialState, create_trial

VN_STATES = {TrialState.RUNNING: 0, TrialState.COMPLETE: 1, TrialState.PRUNED: 2, TrialState.FAIL: 3}
VALUES = [0.0, 1.0, 1.0, 2.5, -3.0, 1e300, -1e300, float("inf"), float("-inf"), 0.25]


def random_trial(rng, distributions):
    state = rng.choices([TrialState.COMPLETE, TrialState.PRUNED, TrialState.RUNNING, TrialState.FAIL],
                        weights=[5, 3, 1, 1])[0]
    params = {"x": rng.random()}
    if state == TrialState.COMPLETE:
        return create_trial(state=state, value=rng.choice(VALUES), params=params, distributions=distributions)
    if state == TrialState.PRUNED:
        steps = rng.sample(range(6), rng.randint(0, 3))
        reports = {s: (float("nan") if rng.random() < 0.15 else rng.choice(VALUES[:7])) for s in steps}
        return create_trial(state=state, params=params, distributions=distributions, intermediate_values=reports)
    return create_trial(state=state, params=params, distributions=distributions)


def optuna_split(study, gamma, max_below, liar):
    _, scores, _ = _get_observation_pairs(study, ["x"], liar)
    n = sum(s < float("inf") for s, _ in scores)
    n_below = min(int(math.ceil(gamma * n)), max_below)  # Optuna's default_gamma, with our gamma and cap
    below, above = _split_observation_pairs(scores, n_below, None)
    states = (TrialState.COMPLETE, TrialState.PRUNED) + ((TrialState.RUNNING,) if liar else ())
    numbers = [t.number for t in study.get_trials(deepcopy=False, states=states)]
    return sorted(numbers[i] for i in below), sorted(numbers[i] for i in above)


def block(trials, gamma, max_below, liar):
    """One history in split_dump's input format."""
    lines = ["%r %d %d %d" % (gamma, max_below, int(liar), len(trials))]
    for t in trials:
        step, report = -1, float("nan")
        if t.intermediate_values:
            step = max(t.intermediate_values)
            report = t.intermediate_values[step]
        value = t.value if t.state == TrialState.COMPLETE else float("nan")
        lines.append("%d %r %d %r" % (VN_STATES[t.state], value, step, report))
    return "\n".join(lines) + "\n"


def vernier_splits(dump, blocks):
    """All histories through one run of split_dump: [(below, above), ...]."""
    out = subprocess.run([dump], input="".join(blocks), capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    sides = [[int(w) for w in line.split()[1:]] for line in lines]
    return [(sides[i], sides[i + 1]) for i in range(0, len(sides), 2)]


def main(dump):
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    warnings.filterwarnings("ignore")
    rng = random.Random(20240917)
    distributions = {"x": FloatDistribution(0.0, 1.0)}
    cases = []  # (description, trials, Optuna's split, split_dump's input)
    for case in range(150):
        trials = [random_trial(rng, distributions) for _ in range(rng.randint(0, 60))]
        study = optuna.create_study()
        study.add_trials(trials)
        trials = study.get_trials(deepcopy=False)
        for gamma, max_below, liar in [(0.1, 25, True), (0.1, 25, False), (0.25, 3, True), (0.5, 25, False),
                                       (1.0, 1000, True), (0.3, 7, True)]:
            what = "case %d (gamma %r, max_below %d, constant_liar %s)" % (case, gamma, max_below, liar)
            cases.append((what, trials, optuna_split(study, gamma, max_below, liar), block(trials, gamma, max_below, liar)))
    got_all = vernier_splits(dump, [c[3] for c in cases])
    if len(got_all) != len(cases):
        print("split_dump answered %d histories of %d" % (len(got_all), len(cases)))
        return 1
    for (what, trials, want, _), got in zip(cases, got_all):
        if got != want:
            print("%s: Vernier %r, Optuna %r" % (what, got, want))
            for t in trials:
                print("  #%d %s value=%r intermediate=%r" % (t.number, t.state.name, t.value, t.intermediate_values))
            return 1
    checked = len(cases)
    print("%d splits identical to Optuna %s's" % (checked, optuna.__version__))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
