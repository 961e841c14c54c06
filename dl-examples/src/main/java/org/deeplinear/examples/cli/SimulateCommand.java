package org.deeplinear.examples.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initialization;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.products.ProductBackends;
import org.deeplinear.core.target.Spectrum;
import org.deeplinear.core.target.Target;
import org.deeplinear.examples.io.Csv;
import org.deeplinear.examples.io.InitDirectory;
import org.deeplinear.examples.io.Json;
import org.deeplinear.ode.IntegratorSettings;
import org.deeplinear.ode.RunStatistics;
import org.deeplinear.ode.SampleTimes;
import org.deeplinear.ode.Simulation;
import org.deeplinear.ode.SimulationException;
import org.deeplinear.ode.Trajectory;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.events.EventSpec;
import org.deeplinear.ode.observe.Observer;
import org.deeplinear.ode.observe.Observers;
import org.deeplinear.ode.observe.Series;
import org.deeplinear.spectral.ModeTracker;
import org.deeplinear.spectral.SingularValues;
import org.deeplinear.spectral.TrackerSettings;
import org.deeplinear.spectral.rank.EffectiveRanks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dl simulate}: gradient flow (or, with {@code --gd}, gradient descent) of {@code A = W U} (or a depth-N
 * chain) toward a target with given singular values; the flags and defaults of the NumPy peer
 * {@code peer_gradient_flow.py}, and one JSON object with at least the peer's keys.
 *
 * <p>Without {@code --init-dir} the problem is drawn with Java's seeded generator (target frames from
 * {@code --seed}, initial factors from {@code --seed + 1000003}): the same seed gives the same bits here, but not
 * NumPy's draws; {@code --init-dir} starts from exactly the peer's state. {@code --save-init} writes a two-layer
 * run's start in the peer's layout ({@link InitDirectory#write}) before the run, so that {@code --init-dir} reruns it
 * and NumPy reads it.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = Dl.Version.class, sortOptions = false,
        description = {"Gradient flow (or --gd descent) toward a target; one JSON object.",
            "A = W U (or --depth layers) toward singular values --sigmas; flags and",
            "defaults as peer_gradient_flow.py.",
            "Prints one JSON object: wall_s (a flow's set-up, integration, events",
            "and samples; a descent's loop), nfev (the gradient evaluations: with",
            "the dense output's for samples and events, so it moves with",
            "--samples), n_steps,",
            "n_rejected (null for GBS, which does not expose its rejections),",
            "initial_loss, final_loss, s_0, s_T, t_half (the flow's first upward",
            "crossing of sigma/2, null where there is none; --gd: lr times the",
            "first iterate with s >= sigma/2, 0 for a mode that starts there, as",
            "the peer), rank_T and stable_rank_T (with --ranks, else null; null",
            "too where the last sample's loss or norm overflows),",
            "backend, warmup (untimed runs first),",
            "event_check (the flow's interval between event checks), rtol, atol",
            "and step (rtol and atol null for RK4 and EULER, step null for the",
            "adaptive methods), samples (the number recorded: fewer than",
            "--samples where a run fails, or where --gd has fewer iterates), ...",
            "A run that fails (diverges, or its integrator gives up) still prints",
            "it, with status FAILED, failure the reason and t_end the time reached",
            "(and writes --csv), then the error on stderr; exit code 1."})
final class SimulateCommand implements Callable<Integer> {

    /** The largest number of layers accepted by {@code --depth}. */
    static final int MAX_DEPTH = 100;

    /**
     * The largest end time accepted by {@code --T}: events are checked every {@code 1/(4 sigma_max)} time units,
     * so a longer span would spend its time in event checks on a saturated run.
     */
    static final double MAX_TIME = 1e6;

    /**
     * The largest number of descent steps ({@code round(T / lr)}), and of fixed integrator steps ({@code T / step}).
     */
    static final double MAX_STEPS = 1e9;

    /** The largest number of samples accepted by {@code --samples} (a recording of tens of megabytes). */
    static final int MAX_SAMPLES = 1_000_000;

    /** The largest number of untimed runs accepted by {@code --warmup}. */
    static final int MAX_WARMUP = 100;

    /** The offset between the target's seed and the initial factors' seed. */
    static final long INIT_SEED_OFFSET = 1_000_003L;

    /** The series of {@code --ranks}: the numerical and the stable rank of {@code A(t)} at each sample. */
    static final String RANKS = "ranks";

    @Spec
    private CommandSpec spec;

    @Mixin
    private ProblemOptions sizes;

    @Option(names = "--rank", defaultValue = "4", description = "rank of the target (default ${DEFAULT-VALUE})")
    private int rank;

    @Option(names = "--sigmas", split = ",", paramLabel = "S",
            description = "singular values, --rank of them (default 4,3,2,1 for rank 4, else rank..1; values within"
                    + " 1e-12 relative are noted on stderr: their modes are not defined one by one)")
    private double[] sigmas;

    @Option(names = "--init-scale", defaultValue = "1e-3",
            description = "scale of the initial factors (default ${DEFAULT-VALUE}); s0 for --init aligned")
    private double initScale;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the problem (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--T", defaultValue = "10",
            description = "end time, from 2.2250738585072014E-308 (the smallest normal double) to 1e6 (default"
                    + " ${DEFAULT-VALUE}); the adaptive methods stop after 10,000,000 evaluations (a run failure),"
                    + " which their steps, held by stability near 1/sigma_max, reach from about T = 5.5e5 on the"
                    + " default problem")
    private double endTime;

    @Option(names = "--method", defaultValue = "DOP853",
            description = "DOP853 | DOP54 (alias RK45) | GBS | RK4 | EULER (default ${DEFAULT-VALUE})")
    private String method;

    @Option(names = "--step", defaultValue = "1e-3",
            description = "step of the fixed-step methods RK4 and EULER, at most T (default ${DEFAULT-VALUE}; a step"
                    + " beyond the method's stability at the target, N sigma_max^(2-2/N) times it above 2 for EULER"
                    + " or 2.785 for RK4, is noted on stderr)")
    private double step;

    @Option(names = "--event-check", paramLabel = "INTERVAL",
            description = "largest time between checks of the half-time events inside a step, at least T/2^20"
                    + " (default min(T/100, 0.25/sigma_max)); an interval >= --T checks at step ends only, as SciPy's"
                    + " solve_ivp")
    private Double eventCheck;

    @Option(names = "--gd", description = "gradient descent with step --lr for round(T/lr) steps")
    private boolean descent;

    @Option(names = "--lr", defaultValue = "1e-3", description = "learning rate of --gd (default ${DEFAULT-VALUE};"
            + " one whose product with N sigma_max^(2-2/N) passes 2, beyond descent's stability at the target, is"
            + " noted on stderr)")
    private double learningRate;

    @Option(names = "--init-dir", paramLabel = "DIR",
            description = "start from A_star.csv, u.csv, v.csv, W0.csv, U0.csv (the peer's --save-init)")
    private Path initDir;

    @Option(names = "--save-init", paramLabel = "DIR",
            description = "write the start before the run, in the layout of the peer's --save-init (the five files"
                    + " --init-dir reads, comma-separated without header; the columns of u and v in --sigmas order),"
                    + " so that --init-dir DIR with the same run flags (--T, --method, tolerances; not the problem's,"
                    + " --m, --n, --k, --rank, --sigmas, --init, --init-scale, --seed, which DIR replaces) reruns it"
                    + " (depth 2 only, not with --init-dir)")
    private Path saveInit;

    @Option(names = "--depth", defaultValue = "2", description = "number of layers (default ${DEFAULT-VALUE})")
    private int depth;

    @Option(names = "--init", defaultValue = "small",
            description = "small (Gaussian, --init-scale) | aligned (s0 = --init-scale) | balanced (default"
                    + " ${DEFAULT-VALUE})")
    private String init;

    @Option(names = "--samples", defaultValue = "101",
            description = "number of uniform sample times in [0, T], 2 to 1000000 (default ${DEFAULT-VALUE}); with"
                    + " --gd each is taken at the nearest iterate, so they are multiples of --lr, repeats dropped")
    private int samples;

    @Option(names = "--warmup", defaultValue = "0",
            description = "untimed runs of the same simulation before the timed one, 0 to " + MAX_WARMUP
                    + ", so that wall_s measures code the JIT has compiled (default ${DEFAULT-VALUE}: a cold run, as a"
                    + " one-off program sees it)")
    private int warmup;

    @Option(names = "--csv", paramLabel = "FILE", description = "write the sampled trajectory (t, loss, coupling: the"
            + " share of A off its aligned modes, ||A - sum_i s_i u_i v_i^T||_F / ||A||_F, s_i = u_i^T A v_i, and with"
            + " --ranks rank, an integer, and stable_rank; after the run, its missing parent directories created)")
    private Path csv;

    @Option(names = "--ranks", description = "the singular values of A(t) at each sample (dl-spectral's"
            + " SingularValues: an SVD without vectors per sample, within the timed run), and from them its numerical"
            + " rank (singular values above 1e-2 sigma_max of the target and above the map's rounding, max(m, n)"
            + " eps ||A||_2) and stable rank: JSON rank_T and"
            + " stable_rank_T, --csv columns rank and stable_rank")
    private boolean ranks;

    @Option(names = "--json", description = "print the JSON object (the default output; kept for the peer's habits)")
    private boolean json;

    /** The simulation to run: flow or descent of the problem, its samples, observers and half-time events. */
    private Simulation.Builder builder(Problem problem, long steps) {
        Simulation.Builder builder = descent
                ? Simulation.descent(problem.model(), LearningRate.of(learningRate), steps)
                : Simulation.flow(problem.model()).until(endTime).integrator(integrator());
        if (eventCheck != null) {
            builder.maxCheckInterval(eventCheck);
        }
        builder.samples(SampleTimes.uniform(samples))
                .observe(Observers.loss(), Observers.modes(), Observers.coupling())
                .halfTimes();
        if (ranks) {
            builder.observe(ranksObserver(problem.model().target()));
        }
        // a mode of sigma 0 has no half-time event (Builder.halfTimes() watches sigma > 0); the peer watches its s
        // rising through sigma/2 = 0 all the same, so the JSON's t_half does too
        double[] s = problem.sigmas();
        int[] order = problem.modeOrder();
        for (int i = 0; i < s.length; i++) {
            if (s[i] == 0) {
                builder.event(EventSpec.halfTime(order[i]));
            }
        }
        return builder;
    }

    /**
     * Records each sample's numerical rank (singular values above {@link TrackerSettings#DEFAULT_RANK_TOLERANCE}
     * times the target's sigma_max and above the map's rounding, {@link EffectiveRanks#numericalRank(double[],
     * double, double, int, int)}, as {@link ModeTracker#rankSeries()} counts) and its stable rank, from the
     * singular values of its map {@code A(t)} alone ({@link SingularValues}: the ranks need no vectors, which a
     * tracker computes to follow the modes, at 3.5 times the cost at 512 x 512); NaN for a sample without a finite
     * map or loss, or whose largest singular value overflows (the last of a run that diverged: its rank against
     * the target's sigma_max would count rounding noise). The engine is made at the first sample, inside the run's
     * clock, as the rest of the run's set-up.
     */
    private static Observer ranksObserver(Target target) {
        SingularValues[] spectrum = new SingularValues[1];
        return Observers.vector(RANKS, 2, (observation, out) -> {
            out[0] = Double.NaN;
            out[1] = Double.NaN;
            // no map where it is not finite (the last sample of a descent that diverged)
            Matrix a = observation.endToEnd().orElse(null);
            if (a == null || !Double.isFinite(observation.loss())) {
                return;
            }
            if (spectrum[0] == null) {
                spectrum[0] = new SingularValues(a.rows(), a.cols());
            }
            double[] values = spectrum[0].of(a);
            if (!Double.isFinite(values[0])) {
                return;   // ||A||_2 beyond the largest double (the Javadoc of SingularValues.of)
            }
            out[0] = EffectiveRanks.numericalRank(values, TrackerSettings.DEFAULT_RANK_TOLERANCE,
                    target.spectrum().sigmaMax(), a.rows(), a.cols());
            out[1] = EffectiveRanks.stableRank(values);
        });
    }

    /**
     * One prepared problem: the model to run, the modes to report in the user's order, and what reading it noticed
     * (notes for stderr, {@link InitDirectory#notes()}).
     */
    record Problem(Model model, double[] sigmas, int[] modeOrder, List<String> notes) {
    }

    @Override
    public Integer call() {
        // --T first, with or without --init-dir: the fixed step's and descent's checks divide by it
        checkEndTime();
        refuseFlagsThatDoNotApply();
        if (csv != null) {
            OutputPaths.checkFile("--csv", csv);
        }
        checkSaveInit();
        // a backend property that names no backend is refused by its own name here, before problem() reads the
        // library's refusals as the problem's (review of 2026-12-07: -Ddeeplinear.products=bogus blamed --init-scale)
        ProductBackends.preferred();
        Problem problem = problem();
        String initName = initDir != null ? "init-dir" : init.toLowerCase(Locale.ROOT);
        long steps = 0;
        if (descent) {
            Arguments.positive("--lr", learningRate);
            // named as the flag (a subnormal one was refused as "eta"; review of 2026-12-08)
            Arguments.check(learningRate >= Double.MIN_NORMAL, "--lr", learningRate, "a normal double, at least "
                    + Double.MIN_NORMAL);
            Arguments.check(endTime / learningRate <= MAX_STEPS, "--T / --lr", endTime / learningRate,
                    "at most " + MAX_STEPS + " descent steps");
            // half-way ratios round to even, as the peer's Python round(T / lr)
            steps = (long) Math.rint(endTime / learningRate);
            Arguments.check(steps >= 1, "--T / --lr", endTime / learningRate, "at least one step (round(T/lr) >= 1)");
        }
        Arguments.check(samples >= 2 && samples <= MAX_SAMPLES, "--samples", samples,
                "an integer in [2, " + MAX_SAMPLES + "]");
        if (eventCheck != null) {
            Arguments.positive("--event-check", eventCheck);
            // the library's floor for a run from 0 to T <= MAX_TIME (its 4-ulp floor is far below T / 2^20 there)
            double closest = endTime / Simulation.MOST_EVENT_CHECKS;
            Arguments.check(eventCheck >= closest, "--event-check",
                    eventCheck, "at least --T / " + Simulation.MOST_EVENT_CHECKS + " = " + closest
                            + " (at most that many checks per event)");
        }
        Arguments.check(warmup >= 0 && warmup <= MAX_WARMUP, "--warmup", warmup,
                "an integer in [0, " + MAX_WARMUP + "]");
        // the start is written once every flag is checked (a refused command leaves no files) and before the run,
        // outside its clock: wall_s and the run are those of the same command without --save-init
        if (saveInit != null) {
            saveInit(problem);
        }
        // the notes come after every check of the input, the simulation's own included: bad input stays one line;
        // the simulation checked is the one the warm-up runs repeat
        Simulation untimed = builder(problem, steps).build();
        String note = descent || fixedStepMethod() ? stabilityNote(problem)
                : sizes.tolerances.smallStartNote(GivenFlags.given(spec, "--atol"), problem.model().factors(),
                        "the start");
        List<String> notes = new ArrayList<>(problem.notes());
        notes.add(note);
        notes.add(repeatedSigmaNote(problem.sigmas()));
        for (String line : notes) {
            if (line != null) {
                spec.commandLine().getErr().println(line);
            }
        }
        Trajectory trajectory;
        SimulationException failure = null;
        Double checkInterval = null;
        try {
            for (int w = 0; w < warmup; w++) {
                try {
                    untimed.run();
                } catch (SimulationException e) {
                    // a warm-up that fails has compiled what it ran: the timed run, the same simulation, fails alike
                    // and is the one reported (the first warm-up's failure was, with a cold wall_s and the others
                    // not run; review of 2026-12-08)
                }
            }
            try (ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "simulate")) {
                double span = descent ? steps * learningRate : endTime;
                Observer progress = Observer.scalar("progress", o -> {
                    bar.update(o.time() / span);
                    return o.time();
                });
                Simulation simulation = builder(problem, steps).observe(progress).build();
                checkInterval = descent ? null : simulation.maxCheckInterval();
                trajectory = simulation.run();
                bar.complete();
            }
        } catch (SimulationException e) {
            if (e.trajectory() == null) {
                throw new RunFailedException(e.getMessage(), e);
            }
            // keep what the run measured up to its failure: the JSON (status FAILED, "failure" the reason) and the
            // samples so far in --csv, as for a whole run; then the one-line error and exit code 1
            failure = e;
            trajectory = e.trajectory();
        }
        int r = problem.sigmas().length;
        int[] order = problem.modeOrder();
        double[] s0 = pick(trajectory.initialModes(), order);
        double[] sT = pick(trajectory.finalModes(), order);
        List<Double> tHalf = new ArrayList<>(r);
        for (int i = 0; i < r; i++) {
            OptionalDouble t = trajectory.halfTime(order[i]);
            // descent counts as the peer does, eta times the first iterate at which s_i >= sigma_i / 2: 0 for a mode
            // that starts there (the library's event is a crossing, which that mode never makes or makes later)
            boolean startsThere = descent && s0[i] >= 0.5 * problem.sigmas()[i];
            tHalf.add(startsThere ? Double.valueOf(0.0) : t.isPresent() ? t.getAsDouble() : null);
        }
        RunStatistics stats = trajectory.statistics();
        Json out = Json.object().put("mode", descent ? "gd" : "ode");
        if (descent) {
            out.put("lr", learningRate).put("steps", steps);
        } else {
            // what the integrator used: tolerances for an adaptive method, the step for a fixed-step one
            IntegratorSettings settings = integrator();
            boolean adaptive = settings.method().isAdaptive();
            out.put("method", stats.method())
                    .put("rtol", adaptive ? settings.relativeTolerance() : null)
                    .put("atol", adaptive ? settings.absoluteTolerance() : null)
                    .put("step", adaptive ? null : settings.fixedStep())
                    .put("event_check", checkInterval);
        }
        Widths widths = problem.model().factors().widths();
        out.put("m", widths.outputDimension()).put("n", widths.inputDimension()).put("k", widths.width(1))
                .put("depth", widths.depth()).put("rank", r).put("sigmas", problem.sigmas())
                .put("init", initName).put("init_scale", initDir != null ? null : initScale)
                .put("seed", initDir != null ? null : seed).put("init_dir", initDir == null ? null : initDir.toString())
                .put("T", endTime).put("t_end", trajectory.endTime()).put("samples", trajectory.sampleCount())
                .put("warmup", warmup)
                .put("wall_s", stats.wallSeconds())
                .put("nfev", stats.evaluations())
                .put("n_steps", stats.acceptedSteps())
                .put("n_rejected", stats.rejectedSteps().isPresent() ? stats.rejectedSteps().getAsLong() : null)
                .put("initial_loss", trajectory.initialLoss())
                .put("final_loss", trajectory.finalLoss())
                .put("s_0", s0).put("s_T", sT).put("t_half", tHalf)
                .put("rank_T", ranks ? count(lastRow(trajectory, 0)) : null)
                .put("stable_rank_T", ranks ? lastRow(trajectory, 1) : null)
                .put("status", trajectory.status().toString())
                .put("failure", failure == null ? null : failure.reason().toString())
                .put("backend", stats.backend());
        // the JSON first, then the file: a write that fails keeps the JSON and is reported with the run's failure
        spec.commandLine().getOut().println(out.toJson());
        Trajectory recorded = trajectory;
        String csvFailure = csv == null ? null : OutputPaths.writeAfterRun("--csv", () -> writeCsv(recorded, order));
        List<String> problems = new ArrayList<>();
        if (failure != null) {
            problems.add(failure.getMessage() + (csv == null || csvFailure != null ? ""
                    : " (samples up to t = " + trajectory.endTime() + " in " + csv + ")"));
        }
        if (csvFailure != null) {
            problems.add(csvFailure);
        }
        RunFailedException.throwIfAny(problems, failure);
        return Dl.OK;
    }

    /**
     * Checks {@code --save-init} before any work: two layers only (the peer's {@code W0}, {@code U0}), not with
     * {@code --init-dir} (that start is already in its files, which {@code cp} copies exactly; writing it again would
     * rebuild {@code A_star.csv} from the singular values read, not copy it), and a directory that can be written.
     */
    private void checkSaveInit() {
        if (saveInit == null) {
            return;
        }
        Arguments.check(initDir == null, "--save-init", saveInit, "no --save-init with --init-dir (the start is"
                + " already in the files of --init-dir)");
        Arguments.check(depth == 2, "--depth", depth, "2 with --save-init (the peer's W0, U0 are two layers)");
        OutputPaths.checkDirectory("--save-init", saveInit);
    }

    /**
     * Writes the start into {@code --save-init}. A start that {@link InitDirectory#read} would not give back (a
     * singular value it would read as rounding) is bad input, refused before any file is written; a write that
     * fails once the path has passed {@link #checkSaveInit()} (a full disk, a directory in the way of a file) is a
     * failure, exit code 1, before the run: nothing is measured yet, so nothing is lost, and a run whose start could
     * not be saved is not the run that was asked for.
     */
    private void saveInit(Problem problem) {
        Model model = problem.model();
        try {
            InitDirectory.write(saveInit, model.target(), model.factors(), problem.modeOrder());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--save-init = " + saveInit + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new RunFailedException("--save-init: " + Dl.oneLine(e.getMessage()) + " (nothing was run)", e);
        }
    }

    /**
     * Refuses flags given for a run they do not apply to (review of 2026-12-06: they were ignored without a word):
     * the learning rate without {@code --gd}, integrator flags with it, a fixed step with an adaptive method and
     * tolerances with a fixed-step one.
     */
    private void refuseFlagsThatDoNotApply() {
        if (!descent) {
            integrator();   // an unknown --method first: the reasons below name it
        }
        if (descent) {
            refuse(List.of("--method", "--step", "--rtol", "--atol", "--event-check"),
                    "with --gd (descent takes round(T/lr) steps of --lr and checks events at every one)");
            return;
        }
        // each flag with its own reason (review of 2026-12-07: --lr was refused "without --gd or a fixed-step
        // --method", and a fixed-step --method refuses it too)
        refuse(List.of("--lr"), "without --gd (it is gradient descent's learning rate)");
        if (fixedStepMethod()) {
            refuse(List.of("--rtol", "--atol"), "with the fixed-step --method " + method
                    + " (it takes steps of --step)");
        } else {
            refuse(List.of("--step"), "with the adaptive --method " + method + " (it chooses its steps from --rtol and"
                    + " --atol; --step is for RK4 and EULER)");
        }
    }

    /** Refuses the first of the flags that was given, with the reason it does not apply. */
    private void refuse(List<String> flags, String reason) {
        for (String flag : flags) {
            GivenFlags.refuseIfGiven(spec, flag, "no " + flag + " " + reason);
        }
    }

    /**
     * A one-line note for a step that cannot settle at the target, or null. Near a balanced minimum the flow is
     * linear with rates up to the sharpness {@code N sigma_max^(2 - 2/N)} (THEORY.md), so a fixed step {@code h}
     * (descent's {@code --lr}, Euler's or RK4's {@code --step}) settles there only where {@code h} times it lies
     * within the method's stability interval on the negative real axis: 2 for descent and Euler (descent on a mode
     * settles only for {@code eta sigma < 1}, THEORY.md), 2.785293563405282 for RK4 (the root of {@code 1 + z/2 +
     * z^2/6 + z^3/24}, where its stability polynomial returns to 1; mpmath). Beyond it the run oscillates or
     * diverges, and said COMPLETED in silence (user review of 2026-12-07: {@code --method RK4 --step 0.5} ended at
     * s_T[0] = 2.48 for sigma 4, {@code --gd --lr 0.26} on a 2-cycle at 4.33).
     */
    private String stabilityNote(Problem problem) {
        double sigmaMax = Arrays.stream(problem.sigmas()).max().orElse(0);
        double sharpness = depth * Math.pow(sigmaMax, 2 - 2.0 / depth);
        boolean rk4 = !descent && method.toUpperCase(Locale.ROOT).equals("RK4");
        double h = descent ? learningRate : step;
        double bound = rk4 ? 2.785293563405282 : 2;
        if (!(h * sharpness > bound)) {
            return null;
        }
        String flag = descent ? "--lr " : "--step ";
        String what = descent ? "gradient descent" : rk4 ? "RK4" : "Euler";
        return "note: " + flag + h + " times the sharpness at a balanced minimum, N sigma_max^(2-2/N) = " + sharpness
                + " (THEORY.md), is " + h * sharpness + ", beyond " + what + "'s stability bound " + bound
                + ": the run cannot settle at the target, and may oscillate or diverge; it is stable there only below "
                + flag + bound / sharpness;
    }

    /**
     * A one-line note where two nonzero sigmas are equal, or null: the modes of a repeated singular value are not
     * defined one by one (THEORY.md: compare subspaces), so the per-mode s_T and t_half are those of the basis the
     * target was built with, not of modes of the problem (user review of 2026-12-07: {@code --sigmas 2,2,2,2} reported
     * four half-times without a word; {@code dl sweep} refuses repeats, dl-spectral's tracker flags them). Equal to
     * 1e-12 relative, so that a start read back from {@code --init-dir} is noted too.
     */
    private static String repeatedSigmaNote(double[] sigmas) {
        int[] pair = repeatedSigmas(sigmas);
        return pair == null ? null : "note: sigma " + sigmas[pair[0]] + " repeats (modes " + pair[0] + " and "
                + pair[1] + "): the modes of a repeated singular value are not defined one by one, so their s_T and"
                + " t_half are those of the basis the target was built with";
    }

    /**
     * The first two nonzero sigmas that are one repeated value ({@link Spectrum#repeats}), as {@code {i, j}} with
     * {@code i < j}, or null: the test of a repeated singular value that {@code simulate} notes and {@code sweep}
     * refuses (to rounding: sigmas read back from {@code --init-dir} are {@code u_i^T A* v_i}, within a few ulps of
     * those saved).
     */
    static int[] repeatedSigmas(double[] sigmas) {
        for (int i = 0; i < sigmas.length; i++) {
            for (int j = i + 1; j < sigmas.length; j++) {
                if (Spectrum.repeats(sigmas[i], sigmas[j])) {
                    return new int[] {i, j};
                }
            }
        }
        return null;
    }

    private boolean fixedStepMethod() {
        String name = method.toUpperCase(Locale.ROOT);
        return name.equals("RK4") || name.equals("EULER");
    }

    /** Builds the target and the initial factors from the flags (or the init directory). */
    Problem problem() {
        if (initDir != null) {
            refuse(List.of("--m", "--n", "--k", "--rank", "--sigmas", "--init", "--init-scale", "--seed"),
                    "with --init-dir (the problem and the start come from its files)");
            Arguments.check(depth == 2, "--depth", depth, "2 with --init-dir (the peer's W0, U0 are two layers)");
            Arguments.check(!initDir.toString().isEmpty(), "--init-dir", "\"\"", "a directory");
            InitDirectory dir = InitDirectory.read(initDir);
            try {
                return new Problem(Model.of(dir.factors(), dir.target()), dir.sigmas(), dir.modeOrder(),
                        dir.notes());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--init-dir = " + initDir + ": expected a start whose map and loss"
                        + " are finite in doubles (" + e.getMessage() + ")", e);
            }
        }
        sizes.checkSizes();
        int m = sizes.m;
        int n = sizes.n;
        Arguments.check(depth >= 2 && depth <= MAX_DEPTH, "--depth", depth,
                "an integer in [2, " + MAX_DEPTH + "]");
        Arguments.check(rank >= 1 && rank <= Math.min(m, n), "--rank", rank,
                "an integer in [1, min(m, n) = " + Math.min(m, n) + "]");
        double[] s = sigmas;
        if (s == null) {
            s = new double[rank];
            for (int i = 0; i < rank; i++) {
                s[i] = rank - i;
            }
        }
        Arguments.check(s.length == rank, "--sigmas", joined(s), rank + " values (one per --rank " + rank + ")");
        for (int i = 0; i < s.length; i++) {
            Arguments.check(Double.isFinite(s[i]) && s[i] >= 0, "--sigmas[" + i + "]", s[i],
                    "a finite singular value >= 0");
        }
        Arguments.positive("--init-scale", initScale);
        Target target = Target.random(m, n, s, Seed.of(seed));
        Initialization initialization;
        switch (init.toLowerCase(Locale.ROOT)) {
            case "small":
                initialization = Initializations.smallGaussian(initScale, Seed.of(seed + INIT_SEED_OFFSET));
                break;
            case "aligned":
                // one aligned mode per hidden unit: the library's own refusal names s0.length, not a flag
                Arguments.check(rank <= sizes.k, "--k", sizes.k, "at least --rank = " + rank
                        + " with --init aligned (each aligned mode needs its own hidden unit)");
                double[] s0 = new double[rank];
                Arrays.fill(s0, initScale);
                initialization = Initializations.aligned(s0);
                break;
            case "balanced":
                initialization = Initializations.balanced(initScale, Seed.of(seed + INIT_SEED_OFFSET));
                break;
            default:
                throw Arguments.fail("--init", init, "one of small, aligned, balanced");
        }
        Widths widths = Widths.uniform(m, sizes.k, n, depth);
        try {
            FactorChain factors = initialization.create(widths, target);
            return new Problem(Model.of(factors, target), s.clone(), Target.spectrumPositions(s), List.of());
        } catch (IllegalArgumentException e) {
            // valid flags whose problem is not representable in doubles (a start or a target so large that the map
            // or the loss overflows, a scale whose Gaussian draws overflow, which the library names "eps"): name the
            // flags that define it, then the library's reason
            throw new IllegalArgumentException("--init-scale = " + initScale + ", --sigmas = " + joined(s)
                    + ": expected a problem whose map and loss are finite in doubles (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Checks {@code --T}: at most {@link #MAX_TIME}, and at least {@link Double#MIN_NORMAL}, the library's floor for
     * a flow's span from 0 ({@code Simulation.Builder.build()}: a span that is a normal double and above 1000 ulps of
     * the end time, which every normal end time is). Descent takes the same, as the peer's one {@code --T}.
     */
    private void checkEndTime() {
        Arguments.check(endTime >= Double.MIN_NORMAL && endTime <= MAX_TIME, "--T", endTime,
                "an end time in [" + Double.MIN_NORMAL + ", " + MAX_TIME + "] (at least the smallest normal double:"
                        + " a shorter span is below the integrator clock's resolution)");
    }

    /** The fixed step, positive, at most T, and giving at most {@link #MAX_STEPS} steps over [0, T] (as descent). */
    private double fixedStep() {
        Arguments.positive("--step", step);
        Arguments.check(step <= endTime, "--step", step, "a step <= --T = "
                + endTime + " (a longer one would step past the end)");
        Arguments.check(endTime / step <= MAX_STEPS, "--T / --step", endTime / step,
                "at most " + MAX_STEPS + " fixed steps");
        return step;
    }

    private IntegratorSettings integrator() {
        switch (method.toUpperCase(Locale.ROOT)) {
            case "DOP853":
                return sizes.adaptive(IntegratorSettings.Method.DORMAND_PRINCE_853);
            case "DOP54":
            case "RK45":
                return sizes.adaptive(IntegratorSettings.Method.DORMAND_PRINCE_54);
            case "GBS":
                return sizes.adaptive(IntegratorSettings.Method.GRAGG_BULIRSCH_STOER);
            case "RK4":
                return IntegratorSettings.fixedStep(IntegratorSettings.Method.CLASSICAL_RUNGE_KUTTA, fixedStep());
            case "EULER":
                return IntegratorSettings.fixedStep(IntegratorSettings.Method.EULER, fixedStep());
            default:
                throw Arguments.fail("--method", method, "one of DOP853, DOP54 (RK45), GBS, RK4, EULER");
        }
    }

    private void writeCsv(Trajectory trajectory, int[] order) {
        double[] times = trajectory.times();
        Series loss = trajectory.series(Observers.LOSS);
        Series coupling = trajectory.series(Observers.COUPLING);
        Series modes = trajectory.series(Observers.MODES);
        Series rank = ranks ? trajectory.series(RANKS) : null;
        List<String> header = new ArrayList<>(List.of("t", "loss", "coupling"));
        for (int i = 0; i < order.length; i++) {
            header.add("s_" + (i + 1));
        }
        if (ranks) {
            header.addAll(List.of("rank", "stable_rank"));
        }
        List<double[]> rows = new ArrayList<>(times.length);
        for (int j = 0; j < times.length; j++) {
            double[] row = new double[header.size()];
            row[0] = times[j];
            row[1] = loss.get(j, 0);
            row[2] = coupling.get(j, 0);
            for (int i = 0; i < order.length; i++) {
                row[3 + i] = modes.get(j, order[i]);
            }
            if (ranks) {
                row[3 + order.length] = rank.get(j, 0);
                row[4 + order.length] = rank.get(j, 1);
            }
            rows.add(row);
        }
        Csv.write(csv, header, rows, ranks ? Set.of("rank") : Set.of());
    }

    /** Column {@code c} of the ranks series at the last sample; null where there is none or it is NaN. */
    private static Double lastRow(Trajectory trajectory, int c) {
        Series series = trajectory.series(RANKS);
        if (series.size() == 0 || Double.isNaN(series.get(series.size() - 1, c))) {
            return null;
        }
        return series.get(series.size() - 1, c);
    }

    /** A count the series holds as a double, as the integer it is (JSON {@code 3}, not {@code 3.0}); null stays. */
    private static Integer count(Double value) {
        return value == null ? null : (int) Math.round(value);
    }

    private static double[] pick(double[] values, int[] order) {
        double[] out = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = values[order[i]];
        }
        return out;
    }

    /** Values as the flags take them, comma-separated. */
    static String joined(double[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(values[i]);
        }
        return b.toString();
    }
}
