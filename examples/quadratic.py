#!/usr/bin/env python3
"""A stand-in for a training script, for examples/command.json.

Vernier runs it once per trial as `python3 quadratic.py --lr 0.01 --depth 4 --optimizer adam` and reads
the score from the last line of its output, so it may print anything before that, as a real training
script prints its progress. The score is a quadratic bowl with its minimum 0 at lr = 10^-2.5,
depth = 6, optimizer adam.
"""
import argparse
import math
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lr", type=float, required=True)
    parser.add_argument("--depth", type=int, required=True)
    parser.add_argument("--optimizer", choices=["sgd", "adam"], required=True)
    args = parser.parse_args()

    print(f"training with lr={args.lr:g} depth={args.depth} optimizer={args.optimizer}")
    score = (math.log10(args.lr) + 2.5) ** 2 + 0.1 * (args.depth - 6) ** 2
    score += 0.0 if args.optimizer == "adam" else 0.5
    print("done")
    print(score)  # the last line: what Vernier records
    return 0


if __name__ == "__main__":
    sys.exit(main())
