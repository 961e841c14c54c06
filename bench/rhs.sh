#!/usr/bin/env bash
# The right-hand side of gradient flow in Java (JMH RhsBenchmark) against NumPy's (peer_rhs_bench.py), in one run:
# peer, Java, peer again, all with the same OpenBLAS kernel and thread count; prints sizes, times, GFLOP/s and the
# ratio to NumPy's DGEMM (the issue's target: >= 70% at n >= 256), which OpenBLAS kernel each side ran, and last
# one JSON line {"rhs_verdict": ...} with the unrounded ratios (bench/rhs_table.py).
#
#   bench/rhs.sh                       # defaults below
#   SIZES=256,512 BACKENDS=preferred,ejml JMH_OPTS="-f 1 -wi 5 -i 10 -w 1s -r 1s" bench/rhs.sh
#   GC=1 bench/rhs.sh                  # adds JMH's GC profiler: alloc_B/op per evaluate
#   SKIP_BUILD=1 SKIP_MATCH=1 OPENBLAS_CORETYPE=Haswell bench/rhs.sh   # what a caller already did, not again
#
# Builds dl-bench/target/benchmarks.jar first, every time (`mvn -q -B -pl dl-bench -am package -DskipTests`,
# incremental), so that the jar measured is the tree's; SKIP_BUILD=1 skips it when the caller has just built the
# tree (bench/side-by-side.sh does), and only checks that the jar is there.
# Environment: without OPENBLAS_CORETYPE, it is set to the kernel the peer's OpenBLAS picks (bench/blasinfo.py
# --match; each side's own choice may differ, e.g. Zen for Debian's 0.3.21 and Haswell for the peer's 0.3.31 on an
# AMD Zen 3); a given OPENBLAS_CORETYPE is kept. OPENBLAS_NUM_THREADS / OPENBLAS_L2_SIZE are passed to both sides
# unchanged. A run whose two sides would differ in kernel or thread count is refused (exit 2, the reason on stderr).
# SKIP_MATCH=1 skips --match when the caller has matched the two sides under this environment already
# (bench/side_by_side.py does) and needs OPENBLAS_CORETYPE set; the table still compares the kernel and thread count
# each side reports with this run (bench/rhs_table.py --blas) and refuses a difference.
# Exit 0 when every size was measured on both sides (the verdict, met or not, is in the output); 2 when the table
# is incomplete or unfair; a failing step's exit code otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-8,16,32,64,128,256,512,1024}
BACKENDS=${BACKENDS:-preferred}
# 15 measurement iterations of at least 20 ms, as the peer times 15 batches of at least 20 ms (--repeats,
# --min-batch-s), so that best against best compares windows of the same length
JMH_OPTS=${JMH_OPTS:--f 1 -wi 5 -i 15 -w 200ms -r 20ms}
PEER=${PEER:-../shared/peer}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
if [ ! -f "$PEER/peer_rhs_bench.py" ]; then
  echo "rhs: PEER=$PEER: expected the directory of peer_rhs_bench.py (default ../shared/peer)" >&2; exit 2
fi
if [ "${SKIP_BUILD:-0}" = 1 ]; then
  if [ ! -f dl-bench/target/benchmarks.jar ]; then
    echo "rhs: SKIP_BUILD=1 but dl-bench/target/benchmarks.jar is missing" >&2; exit 2
  fi
else
  mvn -q -B -pl dl-bench -am package -DskipTests || {
    rc=$?; echo "rhs: the build failed (mvn -q -B -pl dl-bench -am package -DskipTests, exit $rc)" >&2; exit 2; }
fi
if [ "${SKIP_MATCH:-0}" = 1 ]; then
  if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
    echo "rhs: SKIP_MATCH=1 needs OPENBLAS_CORETYPE, the kernel the caller matched the two sides on" >&2; exit 2
  fi
else
  CORETYPE=$(python3 bench/blasinfo.py --match "$PEER") || exit 2
  export OPENBLAS_CORETYPE="$CORETYPE"
fi
PROF=()
if [ "${GC:-0}" = 1 ]; then PROF=(-prof gc); fi
python3 bench/blasinfo.py > "$OUT/blas.json"
python3 "$PEER/peer_rhs_bench.py" --json --sizes "$SIZES" --peak-sizes '' > "$OUT/peer1.json"
# shellcheck disable=SC2086
java -jar dl-bench/target/benchmarks.jar RhsBenchmark -p n="$SIZES" -p backend="$BACKENDS" $JMH_OPTS \
  ${PROF[@]+"${PROF[@]}"} -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.log" 2>&1 || {
  rc=$?; echo "rhs: JMH failed (exit $rc); the end of $OUT/jmh.log:" >&2; tail -n 40 "$OUT/jmh.log" >&2; exit "$rc"; }
python3 "$PEER/peer_rhs_bench.py" --json --sizes "$SIZES" --peak-sizes '' > "$OUT/peer2.json"
echo "(raw results in $OUT)"
rc=0
python3 bench/rhs_table.py "$OUT/jmh.json" "$OUT/peer1.json" "$OUT/peer2.json" --blas "$OUT/blas.json" \
  --sizes "$SIZES" --backends "$BACKENDS" || rc=$?
exit "$rc"
