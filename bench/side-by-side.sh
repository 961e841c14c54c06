#!/usr/bin/env bash
# `dl simulate --json` against ../shared/peer/peer_gradient_flow.py (NumPy/SciPy), from the same --save-init
# directory, alternating, with the same OpenBLAS kernel and threads; prints each run, the medians, the ratios
# against issue 7's targets (the ratio of the two sides' medians) and a summary; exits 1 if a target is not met,
# 2 if the run is refused (the two sides' OpenBLAS kernels or thread counts differ, a bad option, a failed build).
#
#   bench/side-by-side.sh                                   # all cases, 3 alternating runs each
#   bench/side-by-side.sh --cases default,gd --repeats 5
#   bench/side-by-side.sh --threads 1 --coretype SkylakeX   # OPENBLAS_NUM_THREADS / OPENBLAS_CORETYPE for both
#   bench/side-by-side.sh --java-opts=-Ddeeplinear.products=ejml      # (the = is needed: the value starts with -)
#   bench/side-by-side.sh --peer /path/to/peer              # the peer scripts elsewhere than ../shared/peer
#
# Builds the jars first, every time (`mvn -q -B -DskipTests package`, incremental: a jar older than the tree would
# otherwise be measured silently); needs python3 with numpy and scipy, and the peer scripts in ../shared/peer
# (relative to the repository root). Cases and targets: see bench/side_by_side.py. Without --coretype (and without
# OPENBLAS_CORETYPE in the environment) OPENBLAS_CORETYPE is set to the kernel the peer's OpenBLAS picks, which
# Debian's OpenBLAS then runs too; a given kernel is kept. Both sides' kernels and thread counts are printed, and a
# run where they differ is refused (exit 2). The rest of the OPENBLAS_* environment is passed to both unchanged.
# The rhs case's bench/rhs.sh neither builds again (SKIP_BUILD=1, exported below) nor matches the kernels again
# (SKIP_MATCH=1, from bench/side_by_side.py, which has matched them).
set -euo pipefail
cd "$(dirname "$0")/.."
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) export OPENBLAS_NUM_THREADS="${2:?side-by-side: --threads needs a value}"; shift 2 ;;
    --coretype) export OPENBLAS_CORETYPE="${2:?side-by-side: --coretype needs a value}"; shift 2 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
mvn -q -B -DskipTests package || {
  rc=$?; echo "side-by-side: the build failed (mvn -q -B -DskipTests package, exit $rc)" >&2; exit 2; }
if [ ! -f dl-examples/target/dl.jar ]; then
  echo "side-by-side: dl-examples/target/dl.jar is missing after the build" >&2
  exit 2
fi
# the build above made dl-bench's jar too: bench/rhs.sh (the rhs case) need not build again
export SKIP_BUILD=1
exec python3 bench/side_by_side.py ${ARGS[@]+"${ARGS[@]}"}
