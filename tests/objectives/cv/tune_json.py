#!/usr/bin/env python3
"""`vernier tune` reports the whole test score of docs/config.md.

Usage: tune_json.py VERNIER test_rows CONFIG   --json keeps test_rows: the held-out rows, one per test row
       tune_json.py VERNIER unseen             test rows of a class, and cells of a level, that the
                                               training part lacks are counted (--json) and said (text)
"""
import json
import os
import subprocess
import sys
import tempfile


def tune(vernier, config, *extra):
    result = subprocess.run([vernier, "tune", config, "--trials", "2", "--storage", ":memory:", *extra],
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        sys.exit(f"vernier tune failed ({result.returncode}): {result.stderr}")
    return result.stdout


def test_score(vernier, config):
    return json.loads(tune(vernier, config, "--json").strip().splitlines()[-1])["test_score"]


def check_test_rows(vernier, config):
    test = test_score(vernier, config)
    rows = test.get("test_rows")
    if not isinstance(rows, list):
        sys.exit(f"test_score has no test_rows list: {test}")
    n_test, n_train = test["n_test"], test["n_train"]
    if len(rows) != n_test or len(set(rows)) != n_test:
        sys.exit(f"test_rows has {len(rows)} rows ({len(set(rows))} distinct), n_test is {n_test}")
    if not all(isinstance(r, int) and 0 <= r < n_train + n_test for r in rows):
        sys.exit(f"test_rows holds something other than row numbers below {n_train + n_test}: {rows}")
    print(f"test_rows: {n_test} distinct rows")


def check_unseen(vernier):
    with tempfile.TemporaryDirectory() as d:
        # 40 rows; the last 8 (the test part) of class "z" and, for 5 of them, of level "new".
        lines = ["a,c,y"]
        for i in range(40):
            level = "new" if i >= 35 else "pq"[i % 2]
            lines.append(f"{(i * 7) % 11 + (i % 2) * 3},{level},{'z' if i >= 32 else i % 2}")
        with open(os.path.join(d, "d.csv"), "w") as f:
            f.write("\n".join(lines) + "\n")
        config = os.path.join(d, "study.json")
        with open(config, "w") as f:
            json.dump({"name": "unseen", "sampler": {"plugin": "random", "seed": 1},
                       "objective": {"cv": {"data": "d.csv", "target": "y", "task": "classification", "categorical": ["c"],
                                            "model": "logistic", "splitter": {"plugin": "kfold", "options": {"n_splits": 3}},
                                            "test_size": 8, "test_split": "last"}}}, f)
        test = test_score(vernier, config)
        if test.get("unseen_class_rows") != 8 or test.get("unseen_level_cells") != 5:
            sys.exit(f"expected 8 unseen-class rows and 5 unseen-level cells: {test}")
        text = tune(vernier, config)
        for line in ("8 test rows have a class the training part lacks", "5 test cells have a categorical level the training part lacks"):
            if line not in text:
                sys.exit(f"the output does not say {line!r}:\n{text}")
    print("unseen classes and levels counted and said")


if __name__ == "__main__":
    if sys.argv[2] == "test_rows":
        check_test_rows(sys.argv[1], sys.argv[3])
    else:
        check_unseen(sys.argv[1])
