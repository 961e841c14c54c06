#!/usr/bin/env bash
# The right-hand side of gradient flow in Java (JMH RhsBenchmark) against NumPy's (peer_rhs_bench.py), in one run:
# peer, Java, peer again, all with the same OpenBLAS environment; prints sizes, times, GFLOP/s and the ratio to
# NumPy's DGEMM (the issue's target: >= 70% at n >= 256), and which OpenBLAS kernel each side ran.
#
#   bench/rhs.sh                       # defaults below
#   SIZES=256,512 BACKENDS=preferred,ejml JMH_OPTS="-f 1 -wi 5 -i 10 -w 1s -r 1s" bench/rhs.sh
#   GC=1 bench/rhs.sh                  # adds JMH's GC profiler: alloc_B/op per evaluate
#
# Environment: OPENBLAS_NUM_THREADS / OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are passed to both sides unchanged;
# set them on the command line to compare like with like (e.g. `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE`).
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
if [ ! -f dl-bench/target/benchmarks.jar ]; then
  mvn -q -B -pl dl-bench -am package -DskipTests
fi
PROF=()
if [ "${GC:-0}" = 1 ]; then PROF=(-prof gc); fi
python3 bench/blasinfo.py > "$OUT/blas.json"
python3 "$PEER/peer_rhs_bench.py" --json --sizes "$SIZES" --peak-sizes '' > "$OUT/peer1.json"
# shellcheck disable=SC2086
java -jar dl-bench/target/benchmarks.jar RhsBenchmark -p n="$SIZES" -p backend="$BACKENDS" $JMH_OPTS \
  "${PROF[@]}" -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.log" 2>&1
python3 "$PEER/peer_rhs_bench.py" --json --sizes "$SIZES" --peak-sizes '' > "$OUT/peer2.json"
python3 bench/rhs_table.py "$OUT/jmh.json" "$OUT/peer1.json" "$OUT/peer2.json" --blas "$OUT/blas.json"
echo "(raw results in $OUT)"
