#!/usr/bin/python3
"""Sampler benchmark: our sampler plugins against Optuna's samplers on the problems of bench/problems.json,
same problems, seeds and budgets, in one run on one machine (README.md in this folder).

  /usr/bin/python3 bench/samplers/run.py --build BUILD_DIR [--seeds 10] [--trials 100]
      [--problems a,b] [--samplers tpe,optuna-tpe,...] [--objective vernier|python] [--jobs 1]
      [--no-quality] [--timing] [--json out.json] [--cache peers.jsonl] [--config samplers.json]

Prints, for the quality part: the median final score per problem and sampler (simple regret for synthetic
problems, best CV loss for HPO ones), then for each of our samplers its wins/ties/losses against each
sampler in its 'against' list, by a two-sided Mann-Whitney U test at p < 0.05 (a win: ours significantly
lower). For the timing part: the median time per suggestion at each history size, and the ratio peer / ours.
"""
import argparse
import concurrent.futures
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import problems as problem_suite  # noqa: E402
import runners  # noqa: E402
import stats  # noqa: E402
import timing  # noqa: E402


def load_samplers(path, selected):
    with open(path) as f:
        config = json.load(f)
    samplers = config["samplers"]
    if selected:
        unknown = [s for s in selected if s not in samplers]
        if unknown:
            raise SystemExit("unknown sampler(s): %s (samplers.json has: %s)" % (", ".join(unknown), ", ".join(samplers)))
        samplers = {name: samplers[name] for name in selected}
    return samplers, config["timing"]


def fmt(x, digits=3):
    if x is None:
        return "-"
    if isinstance(x, str):
        return x
    return "%.*g" % (digits, x) if abs(x) >= 1e-3 or x == 0 else "%.*e" % (digits - 1, x)


def digits_for(problem):
    """HPO losses near the optimum differ in the sixth or seventh digit: show eight."""
    return 8 if problem.kind == "hpo" else 3


def print_table(header, rows):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths)))
    print(line(header))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))
    print()


def _run_tasks(tasks, jobs, done_before, total, started):
    results = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        for r in pool.map(runners.run_one, tasks, chunksize=1):
            results.append(r)
            print("\r[%d/%d] %s %s seed %d  (%.0f s)   " % (done_before + len(results), total, r["problem"], r["sampler"],
                                                          r["seed"], time.time() - started),
                  end="", file=sys.stderr, flush=True)
    return results


def run_quality(args, samplers, problem_list):
    """Our samplers first; then the peers, on the problems at least one of ours could run (a peer's figures
    alone compare with nothing, and HPO problems cost minutes)."""
    ours = {n: e for n, e in samplers.items() if "vernier" in e}
    peers = {n: e for n, e in samplers.items() if "vernier" not in e}
    started = time.time()
    tasks = [(n, e, p.name, seed, args.trials, args.vernier, args.objective) for p in problem_list for n, e in ours.items()
             for seed in range(args.seeds)]
    total = len(tasks) + len(peers) * len(problem_list) * args.seeds
    results = _run_tasks(tasks, args.jobs, 0, total, started)
    runnable = {r["problem"] for r in results if r["error"] is None} if ours else {p.name for p in problem_list}
    peer_tasks = [(n, e, p.name, seed, args.trials, args.vernier, args.objective) for p in problem_list if p.name in runnable
                  for n, e in peers.items() for seed in range(args.seeds)]
    cache = _load_cache(args.cache)
    cached = [dict(cache[_cache_key(t)], sampler=t[0]) for t in peer_tasks if _cache_key(t) in cache]
    peer_tasks = [t for t in peer_tasks if _cache_key(t) not in cache]
    results += cached
    for p in problem_list:
        if p.name not in runnable:
            results += [{"sampler": n, "problem": p.name, "seed": seed, "best_loss": None, "score": None,
                         "error": "skipped: none of our samplers could run this problem"}
                        for n in peers for seed in range(args.seeds)]
    fresh = _run_tasks(peer_tasks, args.jobs, len(tasks), len(tasks) + len(peer_tasks), started)
    print(file=sys.stderr)
    if args.cache:
        with open(args.cache, "a") as f:
            for task, r in zip(peer_tasks, fresh):
                if r["error"] is None:
                    f.write(json.dumps({"key": _cache_key(task), "result": r}) + "\n")
    return results + fresh


def _cache_key(task):
    """A peer run is determined by its sampler entry, problem, seed and budget (and the peer's version)."""
    import optuna
    name, entry, problem, seed, trials = task[:5]
    return json.dumps([entry.get("optuna"), problem, seed, trials, optuna.__version__], sort_keys=True)


def _load_cache(path):
    cache = {}
    if path and os.path.exists(path):
        with open(path) as f:
            for line in f:
                record = json.loads(line)
                cache[record["key"]] = record["result"]
    return cache


def report_quality(args, samplers, problem_list, results):
    scores, errors = {}, {}
    for r in results:
        key = (r["problem"], r["sampler"])
        if r["error"] is not None or r["score"] is None:
            errors.setdefault(key, r["error"] or "no complete trial")
        else:
            scores.setdefault(key, []).append(r["score"])

    names = list(samplers)
    print("Median final score over %d seeds, %d trials (synthetic: simple regret = best loss - f_opt; hpo: best CV loss)\n"
          % (args.seeds, args.trials))
    rows = []
    for p in problem_list:
        rows.append([p.name] + [fmt(stats.median(scores[(p.name, s)]), digits_for(p)) if (p.name, s) in scores
                                else "not measured" for s in names])
    print_table(["problem"] + names, rows)

    verdicts = []
    for ours, entry in samplers.items():
        for peer in entry.get("against", []):
            if peer not in samplers:
                continue
            rows, tally = [], {"win": 0, "tie": 0, "loss": 0}
            for p in problem_list:
                a, b = scores.get((p.name, ours)), scores.get((p.name, peer))
                if not a or not b:
                    rows.append([p.name, "not measured", "-", "-", "-"])
                    continue
                v, pvalue = stats.verdict(a, b)
                tally[v] += 1
                rows.append([p.name, v, "%.3g" % pvalue, fmt(stats.median(a), digits_for(p)), fmt(stats.median(b), digits_for(p))])
                verdicts.append({"ours": ours, "peer": peer, "problem": p.name, "verdict": v, "p": pvalue,
                                 "median_ours": stats.median(a), "median_peer": stats.median(b)})
            print("%s vs %s: %d wins / %d ties / %d losses (two-sided Mann-Whitney U, p < 0.05)\n"
                  % (ours, peer, tally["win"], tally["tie"], tally["loss"]))
            print_table(["problem", "verdict", "p", "median " + ours, "median " + peer], rows)

    if errors:
        print("Not measured:")
        for (problem, sampler), why in sorted(errors.items()):
            print("  %s / %s: %s" % (problem, sampler, why))
        print()
    return verdicts


def run_timing(args, samplers, timing_config):
    problem = problem_suite.load([timing_config["problem"]])[0]
    sizes = args.sizes or timing_config["history_sizes"]
    asks = args.asks or timing_config["asks"]
    measured = {}
    wanted = set()
    for name, entry in samplers.items():
        for peer in entry.get("timing", {}).get("against", []):
            if peer in samplers:
                wanted.update([name, peer])
    for name in [n for n in samplers if n in wanted]:
        for size in sizes:
            print("timing %s at %d trials..." % (name, size), file=sys.stderr, flush=True)
            measured[(name, size)] = timing.time_sampler(args.build, samplers[name], problem, size, asks, seed=0)

    print("Time per suggestion on %s (median of %d suggestions after N random trials)\n" % (problem.name, asks))
    names = [n for n in samplers if n in wanted]
    print_table(["N"] + ["%s (ms)" % n for n in names],
                [[str(size)] + ["%.3f" % (measured[(n, size)] * 1e3) for n in names] for size in sizes])
    ratios = []
    for ours, entry in samplers.items():
        for peer in entry.get("timing", {}).get("against", []):
            if peer not in samplers:
                continue
            row = ["%s / %s" % (peer, ours)]
            for size in sizes:
                ratio = measured[(peer, size)] / measured[(ours, size)]
                row.append("%.0fx" % ratio)
                ratios.append({"ours": ours, "peer": peer, "size": size, "ratio": ratio,
                               "ours_s": measured[(ours, size)], "peer_s": measured[(peer, size)]})
            print_table(["ratio"] + ["N=%d" % s for s in sizes], [row])
    return ratios


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(problem_suite.REPO, "build"), help="Vernier build directory")
    parser.add_argument("--vernier", help="the vernier command (default: BUILD/bin/vernier)")
    parser.add_argument("--seeds", type=int, default=10, help="seeds 0..N-1 per sampler and problem (default 10)")
    parser.add_argument("--trials", type=int, default=100, help="trials per run (default 100)")
    parser.add_argument("--problems", help="comma-separated problem names (default: all of bench/problems.json)")
    parser.add_argument("--samplers", help="comma-separated sampler names (default: all of samplers.json)")
    parser.add_argument("--config", default=os.path.join(HERE, "samplers.json"), help="the samplers file (default: samplers.json here)")
    parser.add_argument("--cache", help="a JSON-lines file of peer (Optuna) results to reuse and extend: seeded peer "
                        "runs are deterministic, so iterating on our samplers need not rerun them")
    parser.add_argument("--objective", choices=["vernier", "python"], default="vernier",
                        help="how our samplers evaluate: Vernier's own objective through `vernier tune` (default), or "
                        "the peers' Python objective through the C API (measures HPO problems without the cv objective)")
    parser.add_argument("--jobs", type=int, default=1, help="runs in parallel (default 1)")
    parser.add_argument("--no-quality", action="store_true", help="skip the quality comparison")
    parser.add_argument("--timing", action="store_true", help="also measure time per suggestion")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], help="timing history sizes")
    parser.add_argument("--asks", type=int, help="timed suggestions per size")
    parser.add_argument("--json", help="write every result to this file")
    args = parser.parse_args()
    args.vernier = args.vernier or os.path.join(args.build, "bin", "vernier")
    if not os.path.exists(args.vernier):
        raise SystemExit("no vernier command at %s (build first, or pass --build/--vernier)" % args.vernier)

    samplers, timing_config = load_samplers(args.config, args.samplers.split(",") if args.samplers else None)
    problem_list = problem_suite.load(args.problems.split(",") if args.problems else None)
    out = {"seeds": args.seeds, "trials": args.trials, "samplers": samplers}
    if not args.no_quality:
        out["runs"] = run_quality(args, samplers, problem_list)
        out["verdicts"] = report_quality(args, samplers, problem_list, out["runs"])
    if args.timing:
        out["timing"] = run_timing(args, samplers, timing_config)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
