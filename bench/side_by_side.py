#!/usr/bin/env python3
"""Side by side: `dl simulate --json` against the NumPy/SciPy peer, from the same initial state, in one run.

Run through bench/side-by-side.sh (which first builds the jars, every time: `mvn -q -B -DskipTests package`,
incremental). For each case the peer first writes its initial state (--save-init, with a one-step descent run so
that this costs nothing), then the two programs run alternately, --repeats times each, with the same environment.

Same OpenBLAS kernel and thread count (issue 7): without OPENBLAS_CORETYPE (side-by-side.sh --coretype), each
side's OpenBLAS picks its own kernel (on an AMD Zen 3, Debian's 0.3.21 "Zen" for Java, the peer's 0.3.31
"Haswell"; the peer ignores OPENBLAS_CORETYPE=Zen), so the script sets OPENBLAS_CORETYPE to the kernel the peer
reports; a given one is kept.
Both sides' kernel and thread count (OPENBLAS_NUM_THREADS, side-by-side.sh --threads; unset: each side's default)
are then read
(bench/blasinfo.py, peer_rhs_bench.blas_info()) and printed, and a run where they differ is refused (exit 2).

wall_s is each program's own run time, no warm-up run: for a flow the peer's whole solve_ivp call and the library's
Simulation.run() (its set-up, integration, events and samples); for descent each side's loop. The two do the same
work: the peer records no samples, so `dl simulate` runs with `--samples 2` (the end points, which its report
needs); both track the half-time events.

Verdict: each side's median wall_s over its --repeats cold runs, and the ratio of the two medians (peer / Java)
against the target of issue 7. The median of the pairs' ratios (each peer run against the Java run right after
it) is printed for information only: the two share the machine's state of the moment, which on a shared host
drifts more within minutes than the two programs differ.

A case fails (NOT met, with the reason) when a run fails or times out (every repeat must complete: no medians over
fewer runs), when Java's status is not COMPLETED or the peer's solve_ivp status is not 0 (reached T; the reason is
its message), when a run's wall_s is missing or not a positive time (no ratio to take), when the problem echoed in
the two JSONs differs (mode, m, n, k, rank, T; rtol and atol for the flow, lr and the number of steps for descent;
sigmas to 1e-9 relative, as Java recovers them from the saved target), or when a Java run's results disagree with
the peer's run of the same pair beyond AGREE_RTOL = 1e-6: final loss relative, aligned modes s_T relative to
sigma_max, half-times relative to T (the same half-times missing on both sides). The runs agree to about 1e-9 in
loss, 1e-12 in modes and 1e-11 in half-times (BENCHMARKS.md 6.1), so 1e-6 leaves three orders of magnitude for
rounding (another BLAS kernel, another summation order), while a different problem, initial state or a run that went
wrong moves them by far more. Accepted and rejected steps are printed, not judged: the two DOP853s choose their
first step each their own way (default case: 68 accepted steps on both sides, 14 rejected by SciPy, 16 by the
library) with the same results.

Each `dl simulate` is a fresh JVM whose integration runs before the JIT has compiled it (a cold run, what a
one-off program sees); the targets are judged on those. For the short cases (default, gd) the script also runs
`dl simulate --warmup K` (K untimed runs of the same simulation in the same JVM first, --warm K, default 20; 0
skips) and prints that steady-state ratio for information: what a program that runs many simulations (a sweep,
the report) gets.

For the flow cases (default, big) it also runs `dl simulate --event-check T`, which checks the half-time events
at step ends only, as SciPy's solve_ivp does (the library's default also checks inside steps, every
min(T/100, 0.25/sigma_max), so that a crossing undone within one step is not missed; each step checked inside
costs the dense output's three extra evaluations), and prints that ratio for information: the same event work
on both sides (--no-step-end-events skips it). Those runs and the warm ones are checked as the timed ones; one
that fails is reported in the summary's information lines and does not change a verdict.

A case that fails or times out (--timeout, per process) is reported as failed with its reason and the script goes
on: the summary always prints. Exit 0 when every target is met, 1 otherwise, 2 when refused before running.

Cases (--cases, comma-separated):
  default  32 x 32, rank 4, T = 10, rtol 1e-10 (the peer's defaults)  target: Java >= 4x faster
  big      256 x 256, rank 8, T = 5                                   target: Java >= 1.5x faster
  gd       descent, 32 x 32, lr 1e-3, 10,000 steps                    target: Java >= 2x faster
  rhs      one right-hand side, n = 256, 512, 1024 (bench/rhs.sh)     target: >= 70% of NumPy's DGEMM GFLOP/s
           (the worst size, best against best, unrounded from bench/rhs_table.py's JSON line)
  heap     512 x 512 flow to T = 5, 1,000 samples of loss, modes and ranks (--ranks), java -Xmx1g
                                                                      target: completes
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import blasinfo  # noqa: E402  (bench/blasinfo.py)
import rhs_table  # noqa: E402  (bench/rhs_table.py: its target)

CASES = {
    "default": {"flags": [], "target": 4.0},
    "big": {"flags": ["--m", "256", "--n", "256", "--k", "256", "--rank", "8", "--T", "5"], "target": 1.5},
    "gd": {"flags": ["--gd", "--lr", "1e-3", "--T", "10"], "target": 2.0},
}
OTHER_CASES = ("rhs", "heap")
HEAP_FLAGS = ["--m", "512", "--n", "512", "--k", "512", "--T", "5"]
HEAP_SAMPLES = 1000

# results must agree to this, relative (see the docstring: observed 1e-9 in loss, 1e-12 in modes, 1e-11 in half-times)
AGREE_RTOL = 1e-6
# Java recovers the sigmas from the saved target (4.000000000000001 for 4)
SIGMAS_RTOL = 1e-9

PROBLEM_FLAGS = ("--m", "--n", "--k", "--rank", "--sigmas", "--init-scale", "--seed")


def drop_flags(flags, names):
    """The flags without those named (each with its value)."""
    out = []
    skip = False
    for f in flags:
        if skip:
            skip = False
        elif f in names:
            skip = True
        else:
            out.append(f)
    return out


def java_flags(flags):
    """The case's flags for `dl simulate --init-dir`, which takes the problem from the directory and refuses
    the flags that define it (issue 6's contract): those are dropped with their values."""
    return drop_flags(flags, PROBLEM_FLAGS)


def run_json(cmd, env, timeout):
    """Runs a command: (the last JSON object it printed on stdout, stderr tail, exit code); a timeout gives
    exit code None and says so in the stderr tail."""
    try:
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timed out after %g s" % timeout, None
    obj = None
    for line in proc.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                obj = json.loads(line)
            except ValueError:
                pass
    return obj, proc.stderr[-2000:].strip(), proc.returncode


def run_failure(obj, err, rc):
    """Why a run_json result is a failure, or None."""
    if rc is None:
        return err
    if rc != 0 or obj is None:
        return "exit %d%s: %s" % (rc, "" if obj is not None else ", no JSON", err or "(no stderr)")
    return None


def save_init(peer, flags, directory, env, timeout):
    """The peer's initial state for the case's problem (its --save-init) without a real run."""
    shape = [f for f in flags if f not in ("--gd",)]
    # drop the case's T/lr: one descent step of lr 1 is enough to write the same seeded draws
    cleaned = drop_flags(shape, ("--T", "--lr"))
    cmd = [sys.executable, os.path.join(peer, "peer_gradient_flow.py"), *cleaned, "--gd", "--lr", "1", "--T", "1",
           "--repeats", "1", "--no-events", "--save-init", directory]
    _, err, rc = run_json(cmd, env, min(timeout, 600))
    if rc != 0:
        raise CaseFailed("the peer's --save-init failed (%s)" % (err if rc is None else "exit %d: %s" % (rc, err)))


def time_failure(obj):
    """Why a run's wall_s is no time to take a ratio of (missing, not a number, not positive), or None."""
    if "wall_s" not in obj:
        return "no wall_s"
    wall = obj["wall_s"]
    if isinstance(wall, bool) or not isinstance(wall, (int, float)) or not 0 < wall < math.inf:
        return "wall_s %s is not a positive time" % json.dumps(wall)
    return None


def check_peer(peer):
    """Why a peer run does not count, or None: solve_ivp's status (0: reached T; -1: a step failed; descent reports
    none) and its time."""
    if peer.get("status") not in (None, 0):
        return "solve_ivp status %s: %s" % (peer.get("status"), peer.get("message"))
    return time_failure(peer)


class CaseFailed(Exception):
    """A case that cannot be judged; the message is the reason."""


def _close(a, b, rtol):
    return abs(a - b) <= rtol * max(abs(a), abs(b))


def problem_differs(peer, java):
    """Where the problem echoed in the two JSONs differs, or None."""
    diffs = []
    keys = ["mode", "m", "n", "k", "rank", "T"]
    keys += ["lr"] if peer.get("mode") == "gd" else ["rtol", "atol"]
    for key in keys:
        a, b = peer.get(key), java.get(key)
        same = a == b if isinstance(a, str) or a is None or b is None else _close(float(a), float(b), 1e-12)
        if not same:
            diffs.append("%s %s vs %s" % (key, a, b))
    if peer.get("mode") == "gd" and peer.get("n_steps") != java.get("steps"):
        diffs.append("steps %s vs %s" % (peer.get("n_steps"), java.get("steps")))
    ps, js = peer.get("sigmas") or [], java.get("sigmas") or []
    if len(ps) != len(js) or not all(_close(a, b, SIGMAS_RTOL) for a, b in zip(ps, js)):
        diffs.append("sigmas %s vs %s" % (ps, js))
    return ("the problems differ (peer vs java): " + ", ".join(diffs)) if diffs else None


def agreement(peer, java):
    """How far apart the two results are: relative loss, worst mode difference over sigma_max, worst half-time
    difference over T, and the steps (accepted/rejected, for information)."""
    pl, jl = float(peer["final_loss"]), float(java["final_loss"])
    scale = max(abs(float(s)) for s in peer["sigmas"])
    if len(peer["s_T"]) != len(java["s_T"]) or len(peer["t_half"]) != len(java["t_half"]):
        raise ValueError("s_T or t_half of different lengths")
    th = list(zip(peer["t_half"], java["t_half"]))
    return {
        "final_loss_rel": abs(pl - jl) / max(abs(pl), abs(jl), 1e-300),
        "s_T_rel": max((abs(a - b) for a, b in zip(peer["s_T"], java["s_T"])), default=0.0) / scale,
        "t_half_rel": max((abs(a - b) for a, b in th if a is not None and b is not None), default=0.0)
        / float(peer["T"]),
        "t_half_missing_differ": [i for i, (a, b) in enumerate(th) if (a is None) != (b is None)],
        "steps": "%s/%s vs %s/%s" % (peer.get("n_steps"), peer.get("n_rejected"),
                                     java.get("n_steps"), java.get("n_rejected")),
    }


def check_java(peer, java):
    """(agreement, or None; why the Java run does not count, or None): status, time, problem, results."""
    if java.get("status") != "COMPLETED":
        return None, "dl simulate status %s: %s" % (java.get("status"), java.get("failure"))
    untimed = time_failure(java)
    if untimed:
        return None, "dl simulate " + untimed
    differs = problem_differs(peer, java)
    if differs:
        return None, differs
    try:
        agree = agreement(peer, java)
    except (KeyError, TypeError, ValueError) as exc:
        return None, "cannot compare the results: %r" % exc
    bad = ["%s %.3g" % (k, agree[k]) for k in ("final_loss_rel", "s_T_rel", "t_half_rel") if agree[k] > AGREE_RTOL]
    if agree["t_half_missing_differ"]:
        bad.append("half-times missing on one side only, modes %s" % agree["t_half_missing_differ"])
    if bad:
        return agree, "the results disagree beyond %g: %s" % (AGREE_RTOL, ", ".join(bad))
    return agree, None


def java_variant(case, what, cmd, args, env, peer, peer_median, informational):
    """A variant of a case's `dl simulate`, for information only: run --repeats times, each checked against `peer`
    (a failure stops it). Appends (case, the ratio of the medians peer/java, `what`) to `informational`, or on a
    failure (case, None, `what`: the reason). Returns (its JSON objects, their median wall_s), or None on a failure."""
    runs = []
    for r in range(args.repeats):
        obj, err, rc = run_json(cmd, env, args.timeout)
        why = run_failure(obj, err, rc) or check_java(peer, obj)[1]
        if why:
            why = "%s, run %d: %s" % (" ".join(cmd[cmd.index("simulate"):]), r + 1, why)
            print("%-8s FAILED (information only): %s" % (case, why))
            informational.append((case, None, "%s: FAILED: %s" % (what, why)))
            return None
        runs.append(obj)
    median = statistics.median(x["wall_s"] for x in runs)
    informational.append((case, peer_median / median, what))
    return runs, median


def _seconds(runs):
    return ", ".join("%.4f" % x["wall_s"] for x in runs)


def flow_case(case, spec, args, env, tmp, java_cmd, informational):
    """One of CASES: the ratio of the medians (peer/Java); raises CaseFailed; appends information lines to
    `informational`."""
    init = os.path.join(tmp, case)
    save_init(args.peer, spec["flags"], init, env, args.timeout)
    peer_cmd = [sys.executable, os.path.join(args.peer, "peer_gradient_flow.py"), *spec["flags"], "--repeats", "1"]
    jcmd = [*java_cmd, *java_flags(spec["flags"]), "--init-dir", init]
    peers, javas = [], []
    for r in range(args.repeats):
        po, perr, prc = run_json(peer_cmd, env, args.timeout)
        why = run_failure(po, perr, prc) or check_peer(po)
        if why:
            raise CaseFailed("peer run %d failed: %s" % (r + 1, why))
        jo, jerr, jrc = run_json(jcmd, env, args.timeout)
        why = run_failure(jo, jerr, jrc)
        if why:
            raise CaseFailed("dl simulate run %d failed: %s" % (r + 1, why))
        agree, why = check_java(po, jo)
        jw = jo.get("wall_s")     # shown as it is when it is no number: check_java has said why
        print("%-8s run %d: peer %.4f s, java %s s (%s); agreement %s" % (
            case, r + 1, po["wall_s"], "%.4f" % jw if isinstance(jw, (int, float)) else jw, jo.get("backend"),
            json.dumps(agree)))
        if why:
            raise CaseFailed("run %d: %s" % (r + 1, why))
        peers.append(po)
        javas.append(jo)
    pw = statistics.median(x["wall_s"] for x in peers)
    jw = statistics.median(x["wall_s"] for x in javas)
    ratio = pw / jw
    print("%-8s median of %d: peer %.4f s, java %.4f s, ratio of the medians peer/java %.2fx (target >= %.1fx); "
          "results agree within %g" % (case, len(peers), pw, jw, ratio, spec["target"], AGREE_RTOL))
    # each peer run against the Java run right after it: the machine's speed drifts (on shared hosts by
    # 30% within minutes), and a pair shares its stretch where the two medians need not
    pairs = sorted(po["wall_s"] / jo["wall_s"] for po, jo in zip(peers, javas))
    print("%-8s pairs (information): peer/java %s, median %.2fx" % (
        case, ", ".join("%.2fx" % r for r in pairs), statistics.median(pairs)))
    informational.append((case, statistics.median(pairs), "cold, median of the %d pairs' ratios" % len(pairs)))
    # warm: the same runs after --warm untimed ones in the same JVM (what a sweep's later runs get)
    if args.warm > 0 and case in ("default", "gd"):
        warm = java_variant(case, "warm, after %d untimed runs in the same JVM" % args.warm,
                            [*jcmd, "--warmup", str(args.warm)], args, env, peers[-1], pw, informational)
        if warm:
            runs, ww = warm
            print("%-8s warm (--warmup %d, information): java %s s, median %.4f s, peer/java %.2fx"
                  % (case, args.warm, _seconds(runs), ww, pw / ww))
    # cold, with the half-time events checked at step ends only, as solve_ivp does: the same event work as the peer
    if not args.no_step_end_events and "--gd" not in spec["flags"]:
        span = spec["flags"][spec["flags"].index("--T") + 1] if "--T" in spec["flags"] else "10"
        ends = java_variant(case, "cold, events at step ends (--event-check %s)" % span,
                            [*jcmd, "--event-check", span], args, env, peers[-1], pw, informational)
        if ends:
            runs, ew = ends
            print("%-8s events at step ends as the peer (--event-check %s, information): java %s s, "
                  "median %.4f s, nfev %s (peer %s), peer/java %.2fx" % (
                      case, span, _seconds(runs), ew, runs[-1].get("nfev"), peers[-1].get("nfev"), pw / ew))
    return ratio


def rhs_case(args, env):
    """bench/rhs.sh at n = 256, 512, 1024: the worst best-against-best ratio, unrounded (rhs_table.py's JSON).
    `env` is main()'s, whose OpenBLAS kernel and thread count blasinfo.match() has checked already: rhs.sh does not
    match them again (SKIP_MATCH=1); it builds unless bench/side-by-side.sh did (SKIP_BUILD=1 in the environment)."""
    env_rhs = dict(env, SIZES="256,512,1024", PEER=os.path.abspath(args.peer), SKIP_MATCH="1")
    try:
        proc = subprocess.run(["bash", os.path.join(os.path.dirname(os.path.abspath(__file__)), "rhs.sh")],
                              env=env_rhs, capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        raise CaseFailed("bench/rhs.sh timed out after %g s" % args.timeout)
    print(proc.stdout.rstrip())
    verdict = None
    for line in proc.stdout.splitlines():
        if line.startswith('{"rhs_verdict"'):
            verdict = json.loads(line)["rhs_verdict"]
    if proc.returncode != 0:
        print("rhs.sh stderr:\n" + proc.stderr.rstrip())
        raise CaseFailed("bench/rhs.sh exit %d: %s" % (proc.returncode, (verdict or {}).get("problem") or
                                                        (proc.stderr.strip().splitlines() or ["(no stderr)"])[-1]))
    if verdict is None:
        raise CaseFailed("bench/rhs.sh printed no rhs_verdict line")
    if verdict.get("problem"):
        raise CaseFailed(verdict["problem"])
    preferred = verdict["backends"].get("preferred")
    if preferred is None:
        raise CaseFailed("no result for backend preferred (BACKENDS=%s)" % env.get("BACKENDS"))
    return preferred["worst_best"]


def heap_case(args, env, tmp):
    """The 512 x 512 flow with 1,000 samples of loss, modes and ranks in -Xmx1g: 1.0 when it completes."""
    init = os.path.join(tmp, "heap")
    save_init(args.peer, HEAP_FLAGS, init, env, args.timeout)
    # -Xmx1g last among the JVM options: the JVM takes the last -Xmx, so --java-opts cannot widen the heap
    cmd = [args.java, *args.java_opts.split(), "-Xmx1g", "-jar", args.jar, "simulate", "--json",
           *java_flags(HEAP_FLAGS), "--samples", str(HEAP_SAMPLES), "--ranks", "--init-dir", init]
    jo, jerr, jrc = run_json(cmd, env, args.timeout)
    why = run_failure(jo, jerr, jrc)
    jo = jo or {}
    print("heap     -Xmx1g 512 x 512 T = 5, %d samples (--ranks): exit %s, status %s, wall_s %s, final_loss %s, "
          "rank_T %s, stable_rank_T %s" % (HEAP_SAMPLES, jrc, jo.get("status"), jo.get("wall_s"),
                                           jo.get("final_loss"), jo.get("rank_T"), jo.get("stable_rank_T")))
    if why:
        raise CaseFailed("dl simulate failed: " + why)
    if jo.get("status") != "COMPLETED":
        raise CaseFailed("dl simulate status %s: %s" % (jo.get("status"), jo.get("failure")))
    echoed = {"m": 512, "n": 512, "k": 512, "T": 5.0, "samples": HEAP_SAMPLES}
    differs = ["%s %s (asked %s)" % (k, jo.get(k), v) for k, v in echoed.items() if jo.get(k) != v]
    if differs:
        raise CaseFailed("the run is not the case's: " + ", ".join(differs))
    if jo.get("rank_T") is None:
        raise CaseFailed("the run reported no ranks (rank_T)")
    return 1.0


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
    cases = [c for c in args.cases.split(",") if c]
    unknown = [c for c in cases if c not in CASES and c not in OTHER_CASES]
    if unknown:
        print("side-by-side: unknown case %s (known: %s)" % (", ".join(unknown), ", ".join([*CASES, *OTHER_CASES])),
              file=sys.stderr)
        return 2
    if args.repeats < 1:
        print("side-by-side: --repeats must be at least 1", file=sys.stderr)
        return 2
    if not os.path.isfile(os.path.join(args.peer, "peer_gradient_flow.py")):
        print("side-by-side: --peer = %s: expected the directory of peer_gradient_flow.py and peer_rhs_bench.py "
              "(by default ../shared/peer beside the repository; give another with --peer DIR)" % args.peer,
              file=sys.stderr)
        return 2

    # the same OpenBLAS kernel and thread count on both sides: a given OPENBLAS_CORETYPE is kept, else the peer's
    given = os.environ.get("OPENBLAS_CORETYPE") or None
    env, blas_peer, blas_java, problem = blasinfo.match(args.peer, dict(os.environ), given)
    print("peer OpenBLAS : " + json.dumps(blas_peer))
    print("java OpenBLAS : " + json.dumps(blas_java))
    print("env           : " + json.dumps({k: env.get(k) for k in blasinfo.ENV_VARS})
          + ("" if given else " (OPENBLAS_CORETYPE: the peer's kernel)"))
    print("load average  : %s" % (os.getloadavg(),))
    if problem:
        print("side-by-side: refused, not like with like: " + problem, file=sys.stderr)
        return 2
    print()

    # the peer records no samples: the library records only the end points, which its report needs
    java_cmd = [args.java, *args.java_opts.split(), "-jar", args.jar, "simulate", "--json", "--samples", "2"]
    summary = []          # (case, value or None, target, unit, reason or None)
    informational = []    # (case, value or None, what)
    with tempfile.TemporaryDirectory(prefix="dl-side-by-side-") as tmp:
        for case in cases:
            if case in CASES:
                target, unit = CASES[case]["target"], "x faster"
            elif case == "rhs":
                target, unit = rhs_table.TARGET, "of NumPy DGEMM"
            else:
                target, unit = 1.0, "completed"
            try:
                if case in CASES:
                    value = flow_case(case, CASES[case], args, env, tmp, java_cmd, informational)
                elif case == "rhs":
                    value = rhs_case(args, env)
                else:
                    value = heap_case(args, env, tmp)
                summary.append((case, value, target, unit, None))
            except (CaseFailed, subprocess.SubprocessError, OSError, ValueError, KeyError, TypeError) as exc:
                reason = str(exc) if isinstance(exc, CaseFailed) else "%s: %s" % (type(exc).__name__, exc)
                print("%-8s FAILED: %s" % (case, reason))
                summary.append((case, None, target, unit, reason))
            print()

    print("summary (verdict: the ratio of the medians, each side's median wall_s over its %d cold runs; the median "
          "of the pairs' ratios is information; rhs: the worst size, best against best)" % args.repeats)
    failed = 0
    for case, value, target, unit, reason in summary:
        met = reason is None and value is not None and value >= target
        failed += 0 if met else 1
        shown = "-" if value is None else ("%.1f%%" % (100 * value) if unit == "of NumPy DGEMM" else
                                           ("yes" if value else "no") if unit == "completed" else "%.2fx" % value)
        print("  %-8s %-10s target %-8s %s" % (case, shown, ("%.0f%%" % (100 * target)) if unit == "of NumPy DGEMM"
                                               else ("yes" if unit == "completed" else "%.1fx" % target),
                                               "met" if met else "NOT met" + (": " + reason if reason else "")))
    for case, value, what in informational:
        print("  %-8s %-10s %s (information, not a target)" % (case, "-" if value is None else "%.2fx" % value, what))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
