#!/usr/bin/env python3
"""Table of the right-hand side: JMH's RhsBenchmark (JSON) against peer_rhs_bench.py (JSON runs), with GFLOP/s.

usage: rhs_table.py JMH_JSON PEER_JSON [PEER_JSON ...] [--blas BLASINFO_JSON]

Java: microseconds per GradientEngine.evaluate (JMH mean +- 99.9% error), 6 n^3 flops. Peer: NumPy's
preallocated right-hand side (rhs_out) and plain DGEMM, the best of the peer runs given (each a median of
batches), so the ratios are the conservative ones for the Java side.
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
        java.setdefault(backend, {})[n] = (metric["score"], metric["scoreError"], alloc)
    best = {}
    for peer in peers:
        for row in peer["rows"]:
            n = row["n"]
            b = best.setdefault(n, {"rhs_out_gflops": 0.0, "dgemm_gflops": 0.0, "rhs_out_us": float("inf")})
            b["rhs_out_gflops"] = max(b["rhs_out_gflops"], row.get("rhs_out_gflops", 0.0))
            b["rhs_out_us"] = min(b["rhs_out_us"], row.get("rhs_out_us", float("inf")))
            b["dgemm_gflops"] = max(b["dgemm_gflops"], row["dgemm_gflops"])
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
        print("backend = %s" % backend)
        print("%6s %12s %9s %9s %12s %9s %10s %11s %11s" % (
            "n", "java_us", "+-", "java_GF/s", "numpy_rhs_us", "rhs_GF/s", "dgemm_GF/s", "java/dgemm",
            "alloc_B/op"))
        for n in sorted(rows):
            us, err, alloc = rows[n]
            gflops = 6.0 * n ** 3 / us / 1e3
            p = best.get(n)
            if p:
                print("%6d %12.2f %9.2f %9.2f %12.2f %9.2f %10.2f %10.0f%% %11s" % (
                    n, us, err, gflops, p["rhs_out_us"], p["rhs_out_gflops"], p["dgemm_gflops"],
                    100.0 * gflops / p["dgemm_gflops"], "-" if alloc is None else "%.3f" % alloc))
            else:
                print("%6d %12.2f %9.2f %9.2f %12s %9s %10s %11s %11s" % (
                    n, us, err, gflops, "-", "-", "-", "-", "-" if alloc is None else "%.3f" % alloc))
    target = [n for n in sorted(best) if n >= 256]
    for backend, rows in java.items():
        ok = [n for n in target if n in rows]
        if ok:
            worst = min(6.0 * n ** 3 / rows[n][0] / 1e3 / best[n]["dgemm_gflops"] for n in ok)
            print("\n%s: worst java/numpy-DGEMM GFLOP/s ratio at n >= 256: %.0f%% (target 70%%): %s" % (
                backend, 100 * worst, "met" if worst >= 0.7 else "NOT met"))


if __name__ == "__main__":
    main(sys.argv[1:])
