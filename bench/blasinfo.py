#!/usr/bin/env python3
"""Which OpenBLAS kernel and thread count the JVM's native BLAS runs with, as one JSON object.

dev.ludovic.netlib's JNI shim dlopens libblas.so.3 (on Debian an alternatives link, e.g. to
openblas-pthread/libblas.so.3). This loads the same library in this process, under the same environment
(OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE, OPENBLAS_NUM_THREADS), on the same CPU, so OpenBLAS's runtime kernel choice
is the one the JVM gets. Prints {"library": null} when no libblas.so.3 can be loaded.
"""
import ctypes
import json
import os
import sys

ENV_VARS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "libblas.so.3"
    out = {"env": {v: os.environ.get(v) for v in ENV_VARS}}
    try:
        lib = ctypes.CDLL(name)
    except OSError as exc:
        out["library"] = None
        out["error"] = str(exc)
        print(json.dumps(out))
        return
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
    print(json.dumps(out))


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
    main()
