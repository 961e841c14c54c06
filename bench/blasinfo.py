#!/usr/bin/env python3
"""Which OpenBLAS kernel and thread count the JVM's native BLAS runs with, as one JSON object.

dev.ludovic.netlib's JNI shim dlopens libblas.so.3 (on Debian an alternatives link, e.g. to
openblas-pthread/libblas.so.3). This loads the same library in this process, under the same environment
(OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE, OPENBLAS_NUM_THREADS), on the same CPU, so OpenBLAS's runtime kernel choice
is the one the JVM gets. Prints {"library": null} when no libblas.so.3 can be loaded.

  blasinfo.py [LIB]            the JVM's side, as above
  blasinfo.py --match PEER     the same OpenBLAS kernel and thread count on both sides (issue 7): prints the
                               OPENBLAS_CORETYPE to run both sides with, or a one-line reason on stderr, exit 2

--match: without OPENBLAS_CORETYPE each side keeps the kernel its own OpenBLAS picks (on an AMD Zen 3: Debian's
0.3.21 "Zen", the peer's 0.3.31 "Haswell"; the peer ignores OPENBLAS_CORETYPE=Zen and honours Haswell, as Debian's
does). So when OPENBLAS_CORETYPE is unset the kernel chosen is the one the peer reports; when it is set, it is kept
as the caller's choice. Both sides are then asked under that environment, and a run whose two sides differ in
kernel or thread count is refused (OPENBLAS_NUM_THREADS unset: each side's OpenBLAS default, checked all the same),
as is one where a side's kernel or thread count cannot be told (reported as unknown).
bench/rhs.sh runs --match (unless its caller has matched: SKIP_MATCH=1); bench/side_by_side.py imports match();
bench/rhs_table.py imports mismatch() and peer_runtime().
"""
import ctypes
import json
import os
import subprocess
import sys

ENV_VARS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--match":
        if len(sys.argv) != 3:
            print("usage: blasinfo.py --match PEER_DIR", file=sys.stderr)
            return 2
        env, _, _, problem = match(sys.argv[2], dict(os.environ), os.environ.get("OPENBLAS_CORETYPE") or None)
        if problem:
            print("blasinfo: " + problem, file=sys.stderr)
            return 2
        print(env["OPENBLAS_CORETYPE"])
        return 0
    name = sys.argv[1] if len(sys.argv) > 1 else "libblas.so.3"
    print(json.dumps(library_info(name)))
    return 0


def library_info(name="libblas.so.3"):
    """Kernel, configuration and threads of the OpenBLAS `name` loaded in this process."""
    out = {"env": {v: os.environ.get(v) for v in ENV_VARS}}
    try:
        lib = ctypes.CDLL(name)
    except OSError as exc:
        out["library"] = None
        out["error"] = str(exc)
        return out
    out["library"] = os.path.realpath(_mapped_path(name) or name)
    for key, fn_name, restype in (("corename", "openblas_get_corename", ctypes.c_char_p),
                                  ("config", "openblas_get_config", ctypes.c_char_p),
                                  ("num_threads", "openblas_get_num_threads", ctypes.c_int)):
        fn = getattr(lib, fn_name, None)
        if fn is None:
            out[key] = None
            continue
        fn.restype = restype
        value = fn()
        out[key] = value.decode() if isinstance(value, bytes) else value
    return out


def java_side(env):
    """library_info() of the JVM's libblas.so.3 in a fresh process under `env` (OpenBLAS reads its environment
    once, when loaded)."""
    proc = subprocess.run([sys.executable, os.path.abspath(__file__)], env=env, capture_output=True, text=True,
                          timeout=120)
    try:
        return json.loads(proc.stdout)
    except ValueError:
        last = (proc.stderr.strip().splitlines() or [""])[-1]
        return {"library": None, "error": "blasinfo.py failed (exit %d): %s" % (proc.returncode, last)}


def peer_side(peer, env):
    """The peer's runtime BLAS (peer_runtime() of peer_rhs_bench.blas_info()) in a fresh process under `env`."""
    proc = subprocess.run(
        [sys.executable, "-c", "import json, sys; sys.path.insert(0, sys.argv[1]); import peer_rhs_bench as p; "
         "print(json.dumps(p.blas_info()))", peer],
        env=env, capture_output=True, text=True, timeout=120)
    try:
        return peer_runtime(json.loads(proc.stdout.strip().splitlines()[-1]))
    except (ValueError, IndexError):
        last = (proc.stderr.strip().splitlines() or [""])[-1]
        return {"error": "peer_rhs_bench.blas_info() in %s failed (exit %d): %s" % (peer, proc.returncode, last)}


def peer_runtime(blas_info):
    """The runtime BLAS the peer ran with: the first `runtime` entry of peer_rhs_bench.blas_info() (the `blas`
    object of its JSON; {} when it lists none), with `corename` whichever way it was learnt: its ctypes fallback
    says `corename`, threadpoolctl says `architecture` (and `version`, no `config`)."""
    entry = dict((blas_info.get("runtime") or [{}])[0] or {})
    if entry.get("corename") is None and entry.get("architecture") is not None:
        entry["corename"] = entry["architecture"]
    if entry.get("config") is None and entry.get("version") is not None:
        entry["config"] = "OpenBLAS %s" % entry["version"]
    return entry


def mismatch(peer, java):
    """Why the two sides are not shown to run the same OpenBLAS kernel and thread count (they differ, or a side's
    is unknown), or None when they are."""
    if java.get("library") is None:
        return "the JVM's side has no native BLAS (libblas.so.3: %s)" % java.get("error")
    pk, jk = peer.get("corename"), java.get("corename")
    if pk is None or jk is None:
        return "cannot tell the OpenBLAS kernels (peer %s, java %s)" % (known(pk), known(jk))
    if pk.lower() != jk.lower():
        return "OpenBLAS kernels differ: peer %s, java %s" % (pk, jk)
    # an unknown count is no evidence of the same count, even on both sides: refused as unknown, not as different
    pt, jt = peer.get("num_threads"), java.get("num_threads")
    if pt is None or jt is None:
        return "cannot tell the OpenBLAS thread counts (peer %s, java %s)" % (known(pt), known(jt))
    if pt != jt:
        return "OpenBLAS thread counts differ: peer %s, java %s" % (pt, jt)
    return None


def known(value):
    """A value as printed in a report: "unknown" for None (a count or kernel that could not be told)."""
    return "unknown" if value is None else value


def match(peer, env, coretype=None):
    """(env with OPENBLAS_CORETYPE set, peer info, java info, problem or None): OPENBLAS_CORETYPE is `coretype`
    when given (an explicit choice, kept as is), else the kernel the peer reports under `env`; both sides are
    then asked under the new environment, and `problem` says why they still differ."""
    env = dict(env)
    if not coretype:
        first = peer_side(peer, env)
        coretype = first.get("corename")
        if not coretype:
            return env, first, {}, "cannot learn the peer's OpenBLAS kernel: %s" % (first.get("error") or first)
    env["OPENBLAS_CORETYPE"] = coretype
    p, j = peer_side(peer, env), java_side(env)
    problem = mismatch(p, j)
    if problem:
        problem += " (with OPENBLAS_CORETYPE=%s, OPENBLAS_NUM_THREADS=%s)" % (
            coretype, env.get("OPENBLAS_NUM_THREADS") or "unset")
    return env, p, j, problem


def _mapped_path(name):
    """The file the dynamic loader mapped for `name` (Linux)."""
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1]
                if path.startswith("/") and os.path.basename(path).startswith(name.split(".so")[0]):
                    return path
    except OSError:
        pass
    return None


if __name__ == "__main__":
    sys.exit(main())
