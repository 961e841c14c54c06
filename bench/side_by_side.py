#!/usr/bin/env python3
"""Side by side: `dl simulate --json` against the NumPy/SciPy peer, from the same initial state, in one run.

Run through bench/side-by-side.sh (which builds dl.jar if needed). For each case the peer first writes its
initial state (--save-init, with a one-step descent run so that this costs nothing), then the two programs run
alternately, --repeats times each, with the same environment (so the same OPENBLAS_NUM_THREADS and, with
--coretype, the same OpenBLAS kernel); wall_s is each program's own integration time (the peer's solve_ivp or
NumPy loop, the library's integration with no warm-up run). The two do the same work: the peer records no
samples, so `dl simulate` runs with `--samples 2` (the end points, which its report needs); both track the
half-time events. The medians are compared against the targets of issue 7, and the results are checked to
agree (loss, aligned modes, accepted and rejected steps). The median of the pairs' ratios (each peer run against
the Java run right after it) is printed for information: the two share the machine's state of the moment, which on
a shared host drifts more within minutes than the two programs differ.

Each `dl simulate` is a fresh JVM whose integration runs before the JIT has compiled it (a cold run, what a
one-off program sees); the targets are judged on those. For the short cases (default, gd) the script also runs
`dl simulate --warmup K` (K untimed runs of the same simulation in the same JVM first, --warm K, default 20; 0
skips) and prints that steady-state ratio for information: what a program that runs many simulations (a sweep,
the report) gets.

For the flow cases (default, big) it also runs `dl simulate --event-check T`, which checks the half-time events
at step ends only, as SciPy's solve_ivp does (the library's default also checks inside steps, every
min(T/100, 0.25/sigma_max), so that a crossing undone within one step is not missed; each step checked inside
costs the dense output's three extra evaluations), and prints that ratio for information: the same event work
on both sides (--no-step-end-events skips it).

Cases (--cases, comma-separated):
  default  32 x 32, rank 4, T = 10, rtol 1e-10 (the peer's defaults)  target: Java >= 4x faster
  big      256 x 256, rank 8, T = 5                                   target: Java >= 1.5x faster
  gd       descent, 32 x 32, lr 1e-3, 10,000 steps                    target: Java >= 2x faster
  rhs      one right-hand side, n = 256, 512, 1024 (bench/rhs.sh)     target: >= 70% of NumPy's DGEMM GFLOP/s
  heap     512 x 512 flow to T = 5, 1,000 samples of loss, modes and ranks (--ranks), java -Xmx1g
                                                                      target: completes
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

CASES = {
    "default": {"flags": [], "target": 4.0},
    "big": {"flags": ["--m", "256", "--n", "256", "--k", "256", "--rank", "8", "--T", "5"], "target": 1.5},
    "gd": {"flags": ["--gd", "--lr", "1e-3", "--T", "10"], "target": 2.0},
}


PROBLEM_FLAGS = ("--m", "--n", "--k", "--rank", "--sigmas", "--init-scale", "--seed")


def java_flags(flags):
    """The case's flags for `dl simulate --init-dir`, which takes the problem from the directory and refuses
    the flags that define it (issue 6's contract): those are dropped with their values."""
    out = []
    skip = False
    for f in flags:
        if skip:
            skip = False
        elif f in PROBLEM_FLAGS:
            skip = True
        else:
            out.append(f)
    return out


def run_json(cmd, env, timeout):
    """Runs a command and returns (the last JSON object it printed on stdout, stderr tail, exit code)."""
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    obj = None
    for line in proc.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                obj = json.loads(line)
            except ValueError:
                pass
    return obj, proc.stderr[-2000:], proc.returncode


def save_init(peer, flags, directory, env):
    """The peer's initial state for the case's problem (its --save-init) without a real run."""
    shape = [f for f in flags if f not in ("--gd",)]
    # drop the case's T/lr: one descent step of lr 1 is enough to write the same seeded draws
    cleaned = []
    skip = False
    for f in shape:
        if skip:
            skip = False
            continue
        if f in ("--T", "--lr"):
            skip = True
            continue
        cleaned.append(f)
    cmd = [sys.executable, os.path.join(peer, "peer_gradient_flow.py"), *cleaned, "--gd", "--lr", "1", "--T", "1",
           "--repeats", "1", "--no-events", "--save-init", directory]
    subprocess.run(cmd, env=env, check=True, capture_output=True, text=True, timeout=600)


def agreement(peer, java):
    """How far apart the two results are (relative loss, worst mode difference, steps)."""
    out = {}
    try:
        pl, jl = peer["final_loss"], java["final_loss"]
        out["final_loss_rel"] = abs(pl - jl) / max(abs(pl), 1e-300)
        out["s_T_maxdiff"] = max(abs(a - b) for a, b in zip(peer["s_T"], java["s_T"]))
        th = [(a, b) for a, b in zip(peer["t_half"], java["t_half"]) if a is not None and b is not None]
        out["t_half_maxdiff"] = max((abs(a - b) for a, b in th), default=None)
        out["steps"] = "%s/%s vs %s/%s" % (peer.get("n_steps"), peer.get("n_rejected"),
                                           java.get("n_steps"), java.get("n_rejected"))
    except (KeyError, TypeError, ValueError) as exc:
        out["error"] = "cannot compare: %r" % exc
    return out


def repeat_java(case, cmd, args, env):
    """A variant of a case's `dl simulate` run --repeats times: its JSON objects, up to the first that fails."""
    out = []
    for _ in range(args.repeats):
        obj, err, rc = run_json(cmd, env, args.timeout)
        if rc != 0 or obj is None:
            print("%s: %s failed (exit %d): %s" % (case, " ".join(cmd[cmd.index("simulate"):]), rc, err))
            break
        out.append(obj)
    return out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--jar", default="dl-examples/target/dl.jar")
    p.add_argument("--peer", default="../shared/peer",
                   help="directory of the peer scripts (default ../shared/peer, relative to the repository root)")
    p.add_argument("--cases", default="default,big,gd,rhs,heap")
    p.add_argument("--repeats", type=int, default=3, help="alternating runs of each side per case")
    p.add_argument("--java", default="java")
    p.add_argument("--java-opts", default="",
                   help="extra JVM options, space-separated; write --java-opts=-D... (the value starts with -); "
                        "the heap case puts its -Xmx1g after them")
    p.add_argument("--timeout", type=float, default=1800, help="seconds per process")
    p.add_argument("--warm", type=int, default=20,
                   help="untimed runs before a second, warm Java measurement of the short cases (0: none)")
    p.add_argument("--no-step-end-events", action="store_true",
                   help="skip the flow cases' runs with events checked at step ends only (--event-check T)")
    args = p.parse_args(argv)
    if not os.path.isfile(os.path.join(args.peer, "peer_gradient_flow.py")):
        print("side-by-side: --peer = %s: expected the directory of peer_gradient_flow.py and peer_rhs_bench.py "
              "(by default ../shared/peer beside the repository; give another with --peer DIR)" % args.peer,
              file=sys.stderr)
        return 2
    env = dict(os.environ)
    cases = [c for c in args.cases.split(",") if c]
    # the peer records no samples: the library records only the end points, which its report needs
    java_cmd = [args.java, *args.java_opts.split(), "-jar", args.jar, "simulate", "--json", "--samples", "2"]

    blas_peer = subprocess.run(
        [sys.executable, "-c", "import json, sys; sys.path.insert(0, sys.argv[1]); import peer_rhs_bench as p; "
         "r = p.blas_info().get('runtime') or [{}]; print(json.dumps(r[0]))", args.peer],
        env=env, capture_output=True, text=True).stdout.strip()
    blas_java = subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "blasinfo.py")],
                               env=env, capture_output=True, text=True).stdout.strip()
    print("peer OpenBLAS : " + blas_peer)
    print("java OpenBLAS : " + blas_java)
    print("env           : " + json.dumps({k: env.get(k) for k in (
        "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}))
    print("load average  : %s" % (os.getloadavg(),))
    print()

    summary = []
    informational = []
    with tempfile.TemporaryDirectory(prefix="dl-side-by-side-") as tmp:
        for case in cases:
            if case in CASES:
                spec = CASES[case]
                init = os.path.join(tmp, case)
                save_init(args.peer, spec["flags"], init, env)
                peer_cmd = [sys.executable, os.path.join(args.peer, "peer_gradient_flow.py"), *spec["flags"],
                            "--repeats", "1"]
                jcmd = [*java_cmd, *java_flags(spec["flags"]), "--init-dir", init]
                peers, javas = [], []
                for r in range(args.repeats):
                    po, perr, prc = run_json(peer_cmd, env, args.timeout)
                    jo, jerr, jrc = run_json(jcmd, env, args.timeout)
                    if prc != 0 or po is None:
                        print("%s: peer failed (exit %d): %s" % (case, prc, perr))
                        break
                    if jrc != 0 or jo is None:
                        print("%s: dl simulate failed (exit %d): %s" % (case, jrc, jerr))
                        break
                    peers.append(po)
                    javas.append(jo)
                    print("%-8s run %d: peer %.4f s, java %.4f s (%s)" % (
                        case, r + 1, po["wall_s"], jo["wall_s"], jo.get("backend")))
                if not peers or len(peers) != len(javas):
                    summary.append((case, None, spec["target"], "failed"))
                    continue
                pw = statistics.median(x["wall_s"] for x in peers)
                jw = statistics.median(x["wall_s"] for x in javas)
                ratio = pw / jw
                agree = agreement(peers[-1], javas[-1])
                print("%-8s median: peer %.4f s, java %.4f s, peer/java %.2fx (target >= %.1fx); agreement %s"
                      % (case, pw, jw, ratio, spec["target"], json.dumps(agree)))
                summary.append((case, ratio, spec["target"], "x faster"))
                # each peer run against the Java run right after it: the machine's speed drifts (on shared hosts by
                # 30% within minutes), and a pair shares its stretch where the two medians need not
                pairs = sorted(po["wall_s"] / jo["wall_s"] for po, jo in zip(peers, javas))
                print("%-8s pairs (information): peer/java %s, median %.2fx" % (
                    case, ", ".join("%.2fx" % r for r in pairs), statistics.median(pairs)))
                informational.append((case, statistics.median(pairs), "cold, median of the %d pairs' ratios"
                                      % len(pairs)))
                if args.warm > 0 and case in ("default", "gd"):
                    warm = [x["wall_s"] for x in repeat_java(case, [*jcmd, "--warmup", str(args.warm)], args, env)]
                    if warm:
                        ww = statistics.median(warm)
                        print("%-8s warm (--warmup %d, information): java %s s, median %.4f s, peer/java %.2fx"
                              % (case, args.warm, ", ".join("%.4f" % w for w in warm), ww, pw / ww))
                        informational.append((case, pw / ww, "warm, after %d untimed runs in the same JVM"
                                              % args.warm))
                if not args.no_step_end_events and "--gd" not in spec["flags"]:
                    span = spec["flags"][spec["flags"].index("--T") + 1] if "--T" in spec["flags"] else "10"
                    ends = repeat_java(case, [*jcmd, "--event-check", span], args, env)
                    if ends:
                        ew = statistics.median(x["wall_s"] for x in ends)
                        print("%-8s events at step ends as the peer (--event-check %s, information): java %s s, "
                              "median %.4f s, nfev %s (peer %s), peer/java %.2fx" % (
                                  case, span, ", ".join("%.4f" % x["wall_s"] for x in ends), ew,
                                  ends[-1].get("nfev"), peers[-1].get("nfev"), pw / ew))
                        informational.append((case, pw / ew, "cold, events at step ends (--event-check %s)"
                                              % span))
            elif case == "rhs":
                env_rhs = dict(env, SIZES="256,512,1024", PEER=os.path.abspath(args.peer))
                proc = subprocess.run(["bash", os.path.join(os.path.dirname(__file__), "rhs.sh")], env=env_rhs,
                                      capture_output=True, text=True, timeout=args.timeout)
                print(proc.stdout)
                worst = None
                for line in proc.stdout.splitlines():
                    if line.startswith("preferred: worst java/numpy-DGEMM"):   # best against best
                        worst = float(line.split("best against best:")[1].split("%")[0]) / 100
                summary.append((case, worst, 0.7, "of NumPy DGEMM"))
            elif case == "heap":
                init = os.path.join(tmp, "heap")
                flags = ["--m", "512", "--n", "512", "--k", "512", "--T", "5"]
                save_init(args.peer, flags, init, env)
                # -Xmx1g last among the JVM options: the JVM takes the last -Xmx, so --java-opts cannot widen it
                cmd = [args.java, *args.java_opts.split(), "-Xmx1g", "-jar", args.jar, "simulate", "--json",
                       *java_flags(flags), "--samples", "1000", "--ranks", "--init-dir", init]
                jo, jerr, jrc = run_json(cmd, env, args.timeout)
                ok = jrc == 0 and jo is not None
                print("heap     -Xmx1g 512 x 512 T = 5, 1000 samples (--ranks): exit %d, wall_s %s, final_loss %s, "
                      "rank_T %s, stable_rank_T %s%s" % (
                          jrc, jo and jo.get("wall_s"), jo and jo.get("final_loss"), jo and jo.get("rank_T"),
                          jo and jo.get("stable_rank_T"), "" if ok else ": " + jerr))
                summary.append((case, 1.0 if ok else 0.0, 1.0, "completed"))
            else:
                print("unknown case %s (known: %s, rhs, heap)" % (case, ", ".join(CASES)))
                return 2
            print()

    print("summary")
    failed = 0
    for case, value, target, unit in summary:
        met = value is not None and value >= target
        failed += 0 if met else 1
        shown = "-" if value is None else ("%.0f%%" % (100 * value) if unit == "of NumPy DGEMM" else
                                           ("yes" if value else "no") if unit == "completed" else "%.2fx" % value)
        print("  %-8s %-10s target %-8s %s" % (case, shown, ("%.0f%%" % (100 * target)) if unit == "of NumPy DGEMM"
                                               else ("yes" if unit == "completed" else "%.1fx" % target),
                                               "met" if met else "NOT met"))
    for case, value, what in informational:
        print("  %-8s %-10s %s (information, not a target)" % (case, "%.2fx" % value, what))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
