#!/usr/bin/env bash
# `dl simulate --json` against ../shared/peer/peer_gradient_flow.py (NumPy/SciPy), from the same --save-init
# directory, alternating, with the same OpenBLAS kernel and threads; prints each run, the medians, the ratios
# against issue 7's targets and a summary; exits 1 if a target is not met.
#
#   bench/side-by-side.sh                                   # all cases, 3 alternating runs each
#   bench/side-by-side.sh --cases default,gd --repeats 5
#   bench/side-by-side.sh --threads 1 --coretype SkylakeX   # OPENBLAS_NUM_THREADS / OPENBLAS_CORETYPE for both
#   bench/side-by-side.sh --java-opts=-Ddeeplinear.products=ejml      # (the = is needed: the value starts with -)
#   bench/side-by-side.sh --peer /path/to/peer              # the peer scripts elsewhere than ../shared/peer
#
# Needs dl-examples/target/dl.jar (built here by `mvn -q -DskipTests package` if missing), python3 with numpy and
# scipy, and the peer scripts in ../shared/peer (relative to the repository root). Cases and targets: see
# bench/side_by_side.py. Without --coretype, each side keeps the kernel its OpenBLAS picks (both are printed;
# Debian's "Cooperlake" runs SkylakeX's DGEMM kernels); the OPENBLAS_* environment is passed to both unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) export OPENBLAS_NUM_THREADS="$2"; shift 2 ;;
    --coretype) export OPENBLAS_CORETYPE="$2"; shift 2 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
if [ ! -f dl-examples/target/dl.jar ]; then
  mvn -q -B -DskipTests package
fi
if [ ! -f dl-examples/target/dl.jar ]; then
  echo "side-by-side: dl-examples/target/dl.jar is missing after the build" >&2
  exit 2
fi
exec python3 bench/side_by_side.py "${ARGS[@]}"
