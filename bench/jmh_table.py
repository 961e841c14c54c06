#!/usr/bin/env python3
"""Prints JMH JSON results (-rf json) as a table: benchmark, parameters, mean +- error, best iteration, and
GFLOP/s where the benchmark has a flop count (GemmBenchmark: 2 n^3; RhsBenchmark: 6 n^3), plus
gc.alloc.rate.norm when JMH ran with -prof gc.

usage: jmh_table.py RESULT.json [RESULT.json ...]
"""
import json
import sys

FLOPS = {"GemmBenchmark.gemm": lambda n: 2.0 * n ** 3, "RhsBenchmark.evaluate": lambda n: 6.0 * n ** 3}
TO_SECONDS = {"ns/op": 1e-9, "us/op": 1e-6, "ms/op": 1e-3, "s/op": 1.0}


def main(paths):
    print("%-36s %-28s %12s %10s %12s %7s %9s %9s %9s" % (
        "benchmark", "params", "mean", "+-", "best", "unit", "GF/s", "GF/s_bst", "alloc_B"))
    for path in paths:
        with open(path) as f:
            runs = json.load(f)
        for run in runs:
            name = ".".join(run["benchmark"].split(".")[-2:])
            params = run.get("params", {})
            metric = run["primaryMetric"]
            raw = [x for fork in metric.get("rawData", []) for x in fork]
            best = min(raw) if raw else metric["score"]
            unit = metric["scoreUnit"]
            gf = gfb = "-"
            if name in FLOPS and "n" in params and unit in TO_SECONDS:
                flops = FLOPS[name](int(params["n"]))
                gf = "%.2f" % (flops / (metric["score"] * TO_SECONDS[unit]) / 1e9)
                gfb = "%.2f" % (flops / (best * TO_SECONDS[unit]) / 1e9)
            # JMH writes the error as the string "NaN" when too few iterations ran to estimate it: printed as nan
            secondary = run.get("secondaryMetrics", {})
            alloc = (secondary.get("gc.alloc.rate.norm") or secondary.get("\u00b7gc.alloc.rate.norm") or {}).get("score")
            print("%-36s %-28s %12.3f %10.3f %12.3f %7s %9s %9s %9s" % (
                name, ",".join("%s=%s" % kv for kv in sorted(params.items())), metric["score"],
                float(metric["scoreError"]), best, unit, gf, gfb,
                "-" if alloc is None else "%.3f" % alloc))


if __name__ == "__main__":
    main(sys.argv[1:])
