#!/usr/bin/env python3
"""Table of the right-hand side: JMH's RhsBenchmark (JSON) against peer_rhs_bench.py (JSON runs), with GFLOP/s.

usage: rhs_table.py JMH_JSON PEER_JSON [PEER_JSON ...] [--blas BLASINFO_JSON]

Java: microseconds per GradientEngine.evaluate, JMH's mean (+- its 99.9% error) and the best (lowest) of its
measurement iterations; 6 n^3 flops. Peer: NumPy's preallocated right-hand side (rhs_out) and plain DGEMM, each
as the median and the best of its batches, the better over the peer runs given. Two ratios to NumPy's DGEMM
GFLOP/s: mean against median, and best against best. On a busy machine (other processes competing for the two
cores) the best-of figures are the ones least disturbed, and the fairer comparison.
"""
import json
import sys


def main(argv):
    blas = None
    if "--blas" in argv:
        i = argv.index("--blas")
        with open(argv[i + 1]) as f:
            blas = json.load(f)
        argv = argv[:i] + argv[i + 2:]
    with open(argv[0]) as f:
        jmh = json.load(f)
    peers = []
    for path in argv[1:]:
        with open(path) as f:
            peers.append(json.load(f))
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
        best = min(raw) if raw else metric["score"]
        # the error is the string "NaN" when too few iterations ran to estimate it (printed as nan)
        java.setdefault(backend, {})[n] = (metric["score"], float(metric["scoreError"]), alloc, best)
    best = {}
    for peer in peers:
        for row in peer["rows"]:
            n = row["n"]
            b = best.setdefault(n, {"rhs_out_gflops": 0.0, "dgemm_gflops": 0.0, "rhs_out_us": float("inf"),
                                    "rhs_out_us_min": float("inf"), "dgemm_gflops_best": 0.0})
            b["rhs_out_gflops"] = max(b["rhs_out_gflops"], row.get("rhs_out_gflops", 0.0))
            b["rhs_out_us"] = min(b["rhs_out_us"], row.get("rhs_out_us", float("inf")))
            b["rhs_out_us_min"] = min(b["rhs_out_us_min"], row.get("rhs_out_us_min", float("inf")))
            b["dgemm_gflops"] = max(b["dgemm_gflops"], row["dgemm_gflops"])
            b["dgemm_gflops_best"] = max(b["dgemm_gflops_best"], row.get("dgemm_gflops_best", 0.0))
    if peers:
        run = peers[0]["blas"].get("runtime") or [{}]
        print("peer BLAS : %s, kernel %s, %s threads; env %s" % (
            run[0].get("config"), run[0].get("corename"), run[0].get("num_threads"), json.dumps(peers[0]["env"])))
        print("load      : " + ", ".join("%s -> %s" % (p.get("loadavg_before"), p.get("loadavg_after"))
                                         for p in peers))
    if blas:
        print("java BLAS : %s (%s), kernel %s, %s threads" % (
            blas.get("config"), blas.get("library"), blas.get("corename"), blas.get("num_threads")))
    for backend, rows in java.items():
        print()
        print("backend = %s   (us per call; GF/s = 6 n^3 / time; 'best' = least disturbed iteration or batch)"
              % backend)
        print("%6s %11s %9s %11s %9s %9s | %12s %12s %9s %9s | %9s %9s | %9s" % (
            "n", "java_us", "+-", "java_best", "GF/s", "GF/s_best", "numpy_rhs_us", "numpy_best", "dgemm_GF",
            "dgemm_bst", "ratio", "ratio_bst", "alloc_B"))
        for n in sorted(rows):
            us, err, alloc, best_us = rows[n]
            gflops = 6.0 * n ** 3 / us / 1e3
            gbest = 6.0 * n ** 3 / best_us / 1e3
            p = best.get(n)
            a = "-" if alloc is None else "%.3f" % alloc
            if p:
                print("%6d %11.2f %9.2f %11.2f %9.2f %9.2f | %12.2f %12.2f %9.2f %9.2f | %8.0f%% %8.0f%% | %9s" % (
                    n, us, err, best_us, gflops, gbest, p["rhs_out_us"], p["rhs_out_us_min"], p["dgemm_gflops"],
                    p["dgemm_gflops_best"], 100.0 * gflops / p["dgemm_gflops"],
                    100.0 * gbest / p["dgemm_gflops_best"], a))
            else:
                print("%6d %11.2f %9.2f %11.2f %9.2f %9.2f | %12s %12s %9s %9s | %9s %9s | %9s" % (
                    n, us, err, best_us, gflops, gbest, "-", "-", "-", "-", "-", "-", a))
    target = [n for n in sorted(best) if n >= 256]
    for backend, rows in java.items():
        ok = [n for n in target if n in rows]
        if ok:
            worst = min(6.0 * n ** 3 / rows[n][0] / 1e3 / best[n]["dgemm_gflops"] for n in ok)
            worst_best = min(6.0 * n ** 3 / rows[n][3] / 1e3 / best[n]["dgemm_gflops_best"] for n in ok)
            # the verdict compares best with best: windows of the same length, each side's least disturbed one
            print("\n%s: worst java/numpy-DGEMM GFLOP/s ratio at n >= 256, best against best: %.0f%% (mean against"
                  " median: %.0f%%) (target 70%%): %s" % (backend, 100 * worst_best, 100 * worst,
                                                         "met" if worst_best >= 0.7 else "NOT met"))


if __name__ == "__main__":
    main(sys.argv[1:])
