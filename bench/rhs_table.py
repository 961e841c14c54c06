#!/usr/bin/env python3
"""Table of the right-hand side: JMH's RhsBenchmark (JSON) against peer_rhs_bench.py (JSON runs), with GFLOP/s.

usage: rhs_table.py JMH_JSON PEER_JSON [PEER_JSON ...] [--blas BLASINFO_JSON] [--sizes N,N,...] [--backends B,...]

Java: microseconds per GradientEngine.evaluate, JMH's mean (+- its 99.9% error) and the best (lowest) of its
measurement iterations; 6 n^3 flops. Peer: NumPy's preallocated right-hand side (rhs_out) and plain DGEMM, each
as the median and the best of its batches, the better over the peer runs given. Two ratios to NumPy's DGEMM
GFLOP/s: mean against median, and best against best. On a busy machine (other processes competing for the two
cores) the best-of figures are the ones least disturbed, and the fairer comparison.

The verdict (issue 7's target: >= 70% at n >= 256) is the worst ratio over n >= 256, best against best. It rests on
every size asked for (--sizes, bench/rhs.sh's SIZES) and every backend (--backends): one missing from JMH's or the
peer's output makes the table incomplete, as does a time that cannot divide (a JMH time, or the peer's DGEMM
GFLOP/s, missing, zero or negative: that size is left out and named). The last line printed is one JSON object,
{"rhs_verdict": ...}, with the unrounded ratios (the table's percentages are rounded for reading;
bench/side_by_side.py judges the JSON), whether the target is met, and the problem if any. Exit 0 when the table is
complete, met or not; 2 when a size or backend is missing or unusable, the two sides ran different OpenBLAS kernels
or thread counts or either cannot be told (--blas against the peer's JSON), or the arguments or files are bad (one
line on stderr, no table).
"""
import argparse
import json
import math
import sys

from blasinfo import known, mismatch, peer_runtime

TARGET = 0.7


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr (exit 2)."""

    def error(self, message):
        self.exit(2, "rhs_table: %s (see %s --help)\n" % (message, self.prog))


def _sizes(text):
    try:
        return [int(x) for x in text.split(",") if x]
    except ValueError:
        raise argparse.ArgumentTypeError("expected sizes N,N,..., not %r" % text)


def _load(path):
    """The JSON in `path`; an unreadable file or bad JSON is a one-line error (exit 2)."""
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as exc:
        print("rhs_table: cannot read %s: %s" % (path, exc), file=sys.stderr)
        sys.exit(2)


def gflops(n, us):
    """GFLOP/s of one right-hand side (6 n^3 flops) taking `us` microseconds."""
    return 6.0 * n ** 3 / us / 1e3


def _positive(x):
    return isinstance(x, (int, float)) and 0 < x < math.inf


def main(argv):
    parser = _Parser(prog="rhs_table.py", description=__doc__.split("\n")[0])
    parser.add_argument("jmh", metavar="JMH_JSON", help="JMH's -rf json output of RhsBenchmark")
    parser.add_argument("peers", metavar="PEER_JSON", nargs="+", help="peer_rhs_bench.py --json output, one per run")
    parser.add_argument("--blas", metavar="BLASINFO_JSON",
                   help="bench/blasinfo.py's output: the JVM's OpenBLAS, checked against the peer's")
    parser.add_argument("--sizes", metavar="N,N,...", type=_sizes,
                   help="every size the verdict needs (default: every size either side has)")
    parser.add_argument("--backends", metavar="B,...", type=lambda text: [x for x in text.split(",") if x],
                   help="every backend the verdict needs (default: those JMH has)")
    args = parser.parse_intermixed_args(argv)
    sizes, backends = args.sizes, args.backends
    jmh = _load(args.jmh)
    peers = [_load(path) for path in args.peers]
    blas = _load(args.blas) if args.blas is not None else None
    problems = []
    # a time that cannot divide (missing, zero, negative): a problem of its own, not also a missing result
    unusable_java, unusable_peer = set(), set()     # (backend, n); n
    java = {}
    for run in jmh:
        if not run["benchmark"].endswith("RhsBenchmark.evaluate"):
            continue
        n = int(run["params"]["n"])
        backend = run["params"]["backend"]
        metric = run["primaryMetric"]
        secondary = run.get("secondaryMetrics", {})
        alloc = (secondary.get("gc.alloc.rate.norm") or secondary.get("\u00b7gc.alloc.rate.norm") or {}).get("score")
        raw = [x for fork in metric.get("rawData", []) for x in fork]
        best = min(raw) if raw else metric.get("score")
        if not (_positive(metric.get("score")) and _positive(best)):
            problems.append("JMH's time for backend %s at n = %d is not a positive time (mean %s, best %s)"
                            % (backend, n, metric.get("score"), best))
            unusable_java.add((backend, n))
            continue
        # the error is the string "NaN" when too few iterations ran to estimate it (printed as nan)
        java.setdefault(backend, {})[n] = (metric["score"], float(metric["scoreError"]), alloc, best)
    best = {}
    for peer in peers:
        for row in peer["rows"]:
            n = row["n"]
            b = best.setdefault(n, {"dgemm_gflops": 0.0, "rhs_out_us": float("inf"),
                                    "rhs_out_us_min": float("inf"), "dgemm_gflops_best": 0.0})
            b["rhs_out_us"] = min(b["rhs_out_us"], row.get("rhs_out_us", float("inf")))
            b["rhs_out_us_min"] = min(b["rhs_out_us_min"], row.get("rhs_out_us_min", float("inf")))
            b["dgemm_gflops"] = max(b["dgemm_gflops"], row.get("dgemm_gflops", 0.0))
            b["dgemm_gflops_best"] = max(b["dgemm_gflops_best"], row.get("dgemm_gflops_best", 0.0))
    for n, b in sorted(best.items()):
        if not (_positive(b["dgemm_gflops"]) and _positive(b["dgemm_gflops_best"])):
            problems.append("the peer's DGEMM GFLOP/s at n = %d is missing or not positive (median %s, best %s)"
                            % (n, b["dgemm_gflops"], b["dgemm_gflops_best"]))
            unusable_peer.add(n)
            del best[n]
    if peers:
        run = peer_runtime(peers[0]["blas"])
        print("peer BLAS : %s, kernel %s, %s threads; env %s" % (
            run.get("config"), known(run.get("corename")), known(run.get("num_threads")), json.dumps(peers[0]["env"])))
        print("load      : " + ", ".join("%s -> %s" % (p.get("loadavg_before"), p.get("loadavg_after"))
                                         for p in peers))
    if blas:
        print("java BLAS : %s (%s), kernel %s, %s threads" % (
            blas.get("config"), blas.get("library"), known(blas.get("corename")), known(blas.get("num_threads"))))
        for peer in peers:
            problem = mismatch(peer_runtime(peer["blas"]), blas)
            if problem:
                problems.append(problem)
                print("NOT LIKE WITH LIKE: " + problem)
                break
    for backend, rows in java.items():
        print()
        print("backend = %s   (us per call; GF/s = 6 n^3 / time; 'best' = least disturbed iteration or batch)"
              % backend)
        print("%6s %11s %9s %11s %9s %9s | %12s %12s %9s %9s | %9s %9s | %9s" % (
            "n", "java_us", "+-", "java_best", "GF/s", "GF/s_best", "numpy_rhs_us", "numpy_best", "dgemm_GF",
            "dgemm_bst", "ratio", "ratio_bst", "alloc_B"))
        for n in sorted(rows):
            us, err, alloc, best_us = rows[n]
            gf, gbest = gflops(n, us), gflops(n, best_us)
            p = best.get(n)
            a = "-" if alloc is None else "%.3f" % alloc
            if p:
                print("%6d %11.2f %9.2f %11.2f %9.2f %9.2f | %12.2f %12.2f %9.2f %9.2f | %8.0f%% %8.0f%% | %9s" % (
                    n, us, err, best_us, gf, gbest, p["rhs_out_us"], p["rhs_out_us_min"], p["dgemm_gflops"],
                    p["dgemm_gflops_best"], 100.0 * gf / p["dgemm_gflops"],
                    100.0 * gbest / p["dgemm_gflops_best"], a))
            else:
                print("%6d %11.2f %9.2f %11.2f %9.2f %9.2f | %12s %12s %9s %9s | %9s %9s | %9s" % (
                    n, us, err, best_us, gf, gbest, "-", "-", "-", "-", "-", "-", a))
    # every size asked for, on both sides, for every backend: a verdict on fewer sizes is no verdict
    wanted = sizes if sizes is not None else sorted(set(best) | {n for rows in java.values() for n in rows})
    for backend in (backends if backends is not None else list(java)):
        missing = [n for n in wanted if n not in java.get(backend, {}) and (backend, n) not in unusable_java]
        if missing:
            problems.append("JMH has no result for backend %s at n = %s" % (backend, ", ".join(map(str, missing))))
    missing = [n for n in wanted if n not in best and n not in unusable_peer]
    if missing:
        problems.append("the peer has no result at n = %s" % ", ".join(map(str, missing)))
    target = [n for n in wanted if n >= 256]
    if not target:
        problems.append("no size >= 256 asked for")
    verdict = {"target": TARGET, "sizes": target, "backends": {}, "problem": "; ".join(problems) or None}
    for backend, rows in java.items():
        ok = [n for n in target if n in rows and n in best]
        if ok:
            worst = min(gflops(n, rows[n][0]) / best[n]["dgemm_gflops"] for n in ok)
            worst_best = min(gflops(n, rows[n][3]) / best[n]["dgemm_gflops_best"] for n in ok)
            met = worst_best >= TARGET and not problems
            # the verdict compares best with best: windows of the same length, each side's least disturbed one
            print("\n%s: worst java/numpy-DGEMM GFLOP/s ratio at n >= 256, best against best: %.0f%% (mean against"
                  " median: %.0f%%) (target %.0f%%): %s" % (backend, 100 * worst_best, 100 * worst, 100 * TARGET,
                                                         "met" if met else "NOT met"))
            verdict["backends"][backend] = {"worst_best": worst_best, "worst_mean": worst, "met": met}
    for problem in problems:
        print("rhs_table: " + problem, file=sys.stderr)
        print("incomplete or unfair: " + problem)
    # the unrounded figures, machine-readable, last (the percentages above are rounded)
    print(json.dumps({"rhs_verdict": verdict}))
    return 2 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
