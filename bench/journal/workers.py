#!/usr/bin/env python3
"""Many workers on one journal, with no kill: how many trials are lost or failed (issue 11, item 2).

Each round starts W concurrent `vernier tune` processes (hartmann6, random sampler, a budget of T trials)
on a fresh journal and counts the trials that are not complete at the end, or missing from the budget.
Before the lease fix, a worker starting while another created its lease could remove it, and every trial
of that live worker was failed as "stopped" (9 of 3124 trials in 2 of 130 rounds, 8 workers).

    /usr/bin/python3 bench/journal/workers.py --vernier BUILD/bin/vernier \\
        --plugin-dir BUILD/lib/vernier/plugins [--rounds 130] [--workers 8] [--trials 24]

The short version runs in ctest (journal_fault_workers_stress, 6 rounds). On demand only: 130 rounds take
a few minutes on two cores. Exits 1 at the first round that lost a trial.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "journal"))
from fault_tests import Failure, run_workers_rounds  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vernier", required=True)
    parser.add_argument("--plugin-dir", required=True)
    parser.add_argument("--rounds", type=int, default=130)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--trials", type=int, default=24)
    args = parser.parse_args()
    start = time.perf_counter()

    def report(round_, n, bad, codes):
        if round_ % 10 == 9 or bad:
            print(f"round {round_ + 1}: {n} trials, not complete {bad}, exits {codes}", flush=True)
    try:
        total, lost = run_workers_rounds(os.path.abspath(args.vernier), os.path.abspath(args.plugin_dir), args.rounds,
                                         workers=args.workers, trials_per_round=args.trials, report=report)
    except Failure as e:
        print(f"FAILED: {e}")
        return 1
    print(f"{args.rounds} rounds x {args.workers} workers: {total} trials, {lost} lost or failed "
          f"({time.perf_counter() - start:.0f} s)")
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
