package org.deeplinear.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Spectrum;
import org.deeplinear.core.target.Target;
import org.deeplinear.examples.io.Csv;
import org.deeplinear.examples.io.Json;
import org.deeplinear.examples.report.LineFit;
import org.deeplinear.examples.report.Plot;
import org.deeplinear.ode.IntegratorSettings;
import org.deeplinear.ode.SampleTimes;
import org.deeplinear.ode.Simulation;
import org.deeplinear.ode.SimulationException;
import org.deeplinear.ode.Trajectory;
import org.deeplinear.ode.events.Crossing;
import org.deeplinear.ode.events.EventSpec;
import org.deeplinear.ode.observe.Observers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dl sweep}: the half-time against {@code ln(1/eps)} experiment (THEORY.md, "Low-rank selection"). For every
 * seed and every scale {@code eps}, gradient flow from a Gaussian start of scale {@code eps} (one draw per seed,
 * scaled) toward one fixed target, until every mode is past half its sigma; the half-times are fitted by
 * least squares against {@code ln(1/eps)}, one line per mode, whose slope tends to {@code 1/sigma_i}. Runs on all
 * cores; writes {@code sweep.csv} (one row per run that finished) and {@code sweep-halftimes.png} (with its CSV),
 * then prints one JSON object with the slopes beside {@code 1/sigma_i} and the files written. The JSON says how many
 * runs failed and which ({@code failed_runs}, {@code failures}), and how many runs each mode's fit took
 * ({@code fitted_runs}: a run that never reached the mode's half-time is left out). A failed run, a mode that cannot be
 * fitted (null slope) or a file that could not be written is reported after the JSON, on one line with exit code 1; the
 * runs that finished are fitted and written all the same, in the same order and bytes whatever the number of threads.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = Dl.Version.class, sortOptions = false,
        description = {"Half-time against ln(1/eps) over seeds and scales, on all cores.",
            "Writes DIR/sweep.csv and DIR/sweep-halftimes.png (with its CSV), then",
            "prints the fitted slopes beside 1/sigma_i and the files written",
            "as one JSON object. Each mode's slope is fitted with one intercept",
            "per draw (the offset depends on the draw: THEORY.md), slope_errors",
            "its standard error. Modes are reported largest sigma first, whatever",
            "the order of --sigmas (which draws the target).",
            "runs counts every run, failed_runs those that failed (failures lists",
            "them: draw, seed, eps, failure, t_end), fitted_runs per mode those",
            "whose half-time entered its fit (a run that never reached it is left",
            "out). A failed run, a mode that cannot be fitted (null slope) or a",
            "file that cannot be written: one line on stderr, exit code 1; the",
            "runs that finished are still fitted and written. T is the span every",
            "run integrates, long enough for the smallest sigma's half-time from",
            "the smallest eps: 4 (2 ln(1/eps) + ln(10 max(m, n))) / (2 sigma_min) + 10."})
final class SweepCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ProblemOptions sizes;

    @Option(names = "--sigmas", split = ",", paramLabel = "S", defaultValue = "4,3,2,1",
            description = "distinct singular values of the target, each in [1e-3, 1e3] (two within 1e-12 relative"
                    + " are refused; default ${DEFAULT-VALUE})")
    private double[] sigmas;

    @Option(names = "--scales", split = ",", paramLabel = "EPS", defaultValue = "1e-2,1e-3,1e-4,1e-5,1e-6",
            description = "initial scales eps, at least two, distinct, each in [1e-15, 1) (default"
                    + " ${DEFAULT-VALUE})")
    private double[] scales;

    @Option(names = "--seeds", defaultValue = "8", description = "number of initial draws (default ${DEFAULT-VALUE})")
    private int seeds;

    @Option(names = "--seed", defaultValue = "0",
            description = "seed of the target; draw j uses seed + 1000003 + j (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    private Integer threads;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "outputs",
            description = "output directory, created with its parents where missing (default ${DEFAULT-VALUE})")
    private Path out;

    /** The largest number of initial draws. */
    static final int MAX_SEEDS = 10_000;

    /** The largest number of worker threads. */
    static final int MAX_THREADS = 256;

    /** The evaluation budget of each run (see the package-private constructor). */
    private final int maxEvaluations;

    /** Creates the command (picocli instantiates it), each run with the integrator's default evaluation budget. */
    SweepCommand() {
        this(IntegratorSettings.DEFAULT_MAX_EVALUATIONS);
    }

    /**
     * Creates the command with another evaluation budget per run: the tests' way to a run that fails, which at the
     * default budget takes ten million evaluations.
     *
     * @param maxEvaluations the budget of each run, at least 1
     */
    SweepCommand(int maxEvaluations) {
        this.maxEvaluations = Arguments.atLeast("maxEvaluations", maxEvaluations, 1);
    }

    /**
     * One run: its half-times in the target's order (NaN where a mode never got there), or the failure that ended
     * it (then no half-times) and the evaluations it made either way.
     */
    private record Run(int draw, double eps, double[] halfTimes, long evaluations, SimulationException failure) {
    }

    @Override
    public Integer call() throws InterruptedException {
        sizes.checkSizes();
        int m = sizes.m;
        int n = sizes.n;
        Arguments.check(seeds >= 1 && seeds <= MAX_SEEDS, "--seeds", seeds, "an integer in [1, " + MAX_SEEDS + "]");
        Arguments.check(sigmas.length >= 1 && sigmas.length <= Math.min(m, n), "--sigmas", sigmas.length + " values",
                "between 1 and min(m, n) = " + Math.min(m, n) + " values");
        // a network of width k learns at most k modes: the others never reach half their value, and the fit of
        // their half-times would fail only after every run (review of 2026-11-28)
        Arguments.check(sigmas.length <= sizes.k, "--sigmas", sigmas.length + " values",
                "at most --k = " + sizes.k + " values (a network of width k learns at most k modes)");
        for (int i = 0; i < sigmas.length; i++) {
            Arguments.check(sigmas[i] >= 1e-3 && sigmas[i] <= 1e3, "--sigmas[" + i + "]", sigmas[i],
                    "a singular value in [1e-3, 1e3] (the laws' validated range)");
        }
        // equal values share a plane of singular directions: no half-time belongs to either, and their plot series
        // would share a name (review of 2026-12-06: refused by the chart after every run); equal as simulate notes
        // them, to 1e-12 relative (they were refused only when exactly equal)
        int[] repeated = SimulateCommand.repeatedSigmas(sigmas);
        if (repeated != null) {
            throw Arguments.fail("--sigmas", SimulateCommand.joined(sigmas), "distinct singular values (sigmas["
                    + repeated[0] + "] and sigmas[" + repeated[1] + "] within " + Spectrum.REPEAT_TOLERANCE
                    + " relative)");
        }
        for (int i = 0; i < scales.length; i++) {
            Arguments.check(scales[i] >= 1e-15 && scales[i] < 1, "--scales[" + i + "]", scales[i],
                    "a scale in [1e-15, 1)");
        }
        // a scale given twice runs the same flows twice: two identical rows, and a fit whose errors read 0 (review of
        // 2026-12-08: 1e-2,1e-3,1e-2 was accepted while 1e-2,1e-2 was refused)
        for (int i = 0; i < scales.length; i++) {
            for (int j = i + 1; j < scales.length; j++) {
                // within rounding of each other, as --sigmas: a line through two abscissae an ulp apart fits noise
                // (review of 2026-12-08: 0.01 and 0.010000000000000002 printed slopes -0.125, 0, 0.25, 1 with exit 0)
                if (Spectrum.repeats(scales[i], scales[j])) {
                    throw Arguments.fail("--scales", SimulateCommand.joined(scales), "distinct scales (scales[" + i
                            + "] and scales[" + j + "] are equal to within " + Spectrum.REPEAT_TOLERANCE
                            + " relative: the same runs twice)");
                }
            }
        }
        Arguments.check(scales.length >= 2, "--scales", SimulateCommand.joined(scales),
                "at least two distinct scales to fit a line through");
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Arguments.check(workers >= 1 && workers <= MAX_THREADS, "--threads", workers,
                "an integer in [1, " + MAX_THREADS + "]");
        OutputPaths.createDirectory("--out", out);
        IntegratorSettings integrator = sizes.adaptive(IntegratorSettings.Method.DORMAND_PRINCE_853)
                .withMaxEvaluations(maxEvaluations);
        Target target = Target.random(m, n, sigmas, Seed.of(seed));
        int modes = sigmas.length;
        double sigmaMin = Arrays.stream(sigmas).min().orElseThrow();
        double smallest = Arrays.stream(scales).min().orElseThrow();
        // t_half ~ ln(1/s0) / (2 sigma) with s0 ~ eps^2: four times that bounds every half-time generously
        double endTime = 4 * (2 * Math.log(1 / smallest) + Math.log(Math.max(m, n) * 10.0)) / (2 * sigmaMin) + 10;
        String note = sizes.tolerances.smallStartNote(GivenFlags.given(spec, "--atol"),
                start(target, 0, smallest), "the smallest scale's first start");
        if (note != null) {
            spec.commandLine().getErr().println(note);
        }
        int total = seeds * scales.length;
        long start = System.nanoTime();
        List<Run> runs = new ArrayList<>(total);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try (ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "sweep")) {
            AtomicInteger done = new AtomicInteger();
            List<Future<Run>> futures = new ArrayList<>(total);
            for (int draw = 0; draw < seeds; draw++) {
                for (double eps : scales) {
                    int d = draw;
                    futures.add(pool.submit(() -> {
                        Run r = run(target, d, eps, endTime, integrator, modes);
                        bar.update((double) done.incrementAndGet() / total);
                        return r;
                    }));
                }
            }
            for (Future<Run> f : futures) {
                runs.add(f.get());
            }
            bar.complete();
        } catch (ExecutionException e) {
            // (a run's SimulationException is its result, not thrown: what is left is a defect or an Error)
            throw workerFailure(e);
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        // a run that failed leaves the others' results: they are fitted and written, the failures listed
        List<Run> failed = runs.stream().filter(r -> r.failure() != null).toList();
        List<Json> failures = new ArrayList<>(failed.size());
        for (Run r : failed) {
            failures.add(Json.object().put("draw", r.draw()).put("seed", drawSeed(r.draw())).put("eps", r.eps())
                    .put("failure", r.failure().reason().toString()).put("t_end", r.failure().time()));
        }
        long evaluations = runs.stream().mapToLong(Run::evaluations).sum();
        List<Run> finished = runs.stream().filter(r -> r.failure() == null).toList();

        double[] x = finished.stream().mapToDouble(r -> Math.log(1 / r.eps())).toArray();
        int[] draws = finished.stream().mapToInt(Run::draw).toArray();
        double[] slopes = new double[modes];
        double[] errors = new double[modes];
        double[] inverse = new double[modes];
        double[] deviation = new double[modes];
        int[] fitted = new int[modes];
        List<String> problems = new ArrayList<>();
        if (!failed.isEmpty()) {
            // the first in the order of the runs (draw, then scale), whichever thread ran it: the same message
            Run first = failed.get(0);
            String which = "draw " + first.draw() + " (seed " + drawSeed(first.draw()) + ") at eps = " + first.eps();
            problems.add((failed.size() == 1 ? "the run of " + which + " failed"
                    : failed.size() + " of " + total + " runs failed (the JSON lists them), the first " + which)
                    + ": " + first.failure().getMessage());
        }
        Plot plot = Plot.titled("Half-time against ln(1/eps): slopes beside 1/sigma_i", "ln(1/eps)",
                "t_half,i");
        boolean anyFit = false;
        for (int i = 0; i < modes; i++) {
            int mode = i;
            double[] y = finished.stream().mapToDouble(r -> r.halfTimes()[mode]).toArray();
            inverse[i] = 1 / target.spectrum().sigma(i);
            plot.markers(String.format(Locale.ROOT, "mode %d (sigma %.4g)", i + 1, target.spectrum().sigma(i)), x, y);
            LineFit fit;
            try {
                fit = LineFit.withGroupIntercepts(x, y, draws);
            } catch (IllegalArgumentException e) {
                // no line (a mode that never reached half its value): null in the JSON, the runs still written
                problems.add("the half-times of mode " + (i + 1) + " cannot be fitted (" + e.getMessage() + ")");
                slopes[i] = Double.NaN;
                errors[i] = Double.NaN;
                deviation[i] = Double.NaN;
                continue;
            }
            anyFit = true;
            fitted[i] = fit.points();
            slopes[i] = fit.slope();
            errors[i] = fit.slopeError();
            deviation[i] = Math.abs(slopes[i] / inverse[i] - 1);
            double lo = Arrays.stream(x).min().orElseThrow();
            double hi = Arrays.stream(x).max().orElseThrow();
            // the mode in the label: sigmas equal to the printed digits gave two series of one name, which the chart
            // refuses (after every run; review of 2026-12-06)
            plot.dashed(String.format(Locale.ROOT, "mode %d fit: slope %.4f vs 1/sigma = %.4f", i + 1, fit.slope(),
                    inverse[i]),
                    new double[] {lo, hi}, new double[] {fit.intercept() + fit.slope() * lo,
                        fit.intercept() + fit.slope() * hi});
        }
        List<String> header = new ArrayList<>(List.of("draw", "eps", "ln_inv_eps"));
        for (int i = 0; i < modes; i++) {
            header.add("t_half_" + (i + 1));
        }
        List<double[]> rows = new ArrayList<>(finished.size());
        for (Run r : finished) {
            double[] row = new double[3 + modes];
            row[0] = r.draw();
            row[1] = r.eps();
            row[2] = Math.log(1 / r.eps());
            System.arraycopy(r.halfTimes(), 0, row, 3, modes);
            rows.add(row);
        }
        Path csv = out.resolve("sweep.csv");
        // the files first, each write that fails (--out checked up front can still fail, a full disk, a directory
        // /proc will not hold) kept as a problem, not thrown; then the JSON, which lists the files written, and
        // the problems
        List<Path> files = new ArrayList<>();
        String csvFailure = OutputPaths.writeAfterRun("--out", () -> Csv.write(csv, header, rows,
                Set.of("draw")));
        if (csvFailure == null) {
            files.add(csv);
            if (!problems.isEmpty()) {
                problems.add("the half-times of the runs that finished (" + finished.size() + " of " + total
                        + ") are in " + csv);
            }
        } else {
            problems.add(csvFailure);
        }
        if (anyFit && csvFailure == null) {
            // the plot only with a fitted line, which it shows (beside a CSV that could not be written, the plot
            // would fail the same way)
            String plotFailure = OutputPaths.writeAfterRun("--out", () -> files.addAll(plot.write(out,
                    "sweep-halftimes")));
            if (plotFailure != null) {
                problems.add(plotFailure);
            }
        }
        Json json = Json.object()
                .put("m", m).put("n", n).put("k", sizes.k)
                .put("sigmas", Arrays.copyOf(target.spectrum().singularValues(), modes))
                .put("scales", scales).put("seeds", seeds).put("runs", total)
                .put("failed_runs", failed.size()).put("failures", failures).put("T", endTime)
                .put("fitted_runs", fitted).put("slopes", slopes).put("slope_errors", errors)
                .put("inverse_sigmas", inverse).put("relative_deviation", deviation)
                .put("evaluations", evaluations).put("threads", workers).put("wall_s", seconds)
                .put("files", files.stream().map(Path::toString).toList());
        spec.commandLine().getOut().println(json.toJson());
        RunFailedException.throwIfAny(problems, null);
        return Dl.OK;
    }

    /**
     * What a worker threw, as the main thread would have thrown it, so that {@link Dl} reports it as its own: an
     * {@link Error} (a worker out of heap: Dl's out-of-memory line, not an internal error) is rethrown as it is, a
     * {@link RuntimeException} returned to be thrown.
     *
     * @param e the exception a worker's future gave
     * @return the exception to throw
     */
    static RuntimeException workerFailure(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        return new IllegalStateException(cause);
    }

    /** One Gaussian draw per seed, scaled by eps: the offset of each half-time is the same at every scale. */
    private FactorChain start(Target target, int draw, double eps) {
        return Initializations.smallGaussian(eps, Seed.of(drawSeed(draw)))
                .create(Widths.uniform(target.rows(), sizes.k, target.cols(), 2), target);
    }

    private Run run(Target target, int draw, double eps, double endTime, IntegratorSettings integrator, int modes) {
        FactorChain factors = start(target, draw, eps);
        // every mode's half-time, then a stop once every mode is past half its sigma (given last, so that the half-
        // time that completes them is recorded at that instant): a stop at the weakest mode's half-time lost the
        // half-times of stronger modes that a draw had made slower (review of 2026-12-07: --sigmas 1.02,1 fitted 15 of
        // 18 runs for mode 1, and the slope lost points at one end of ln(1/eps))
        EventSpec[] events = new EventSpec[modes + 1];
        for (int i = 0; i < modes; i++) {
            events[i] = EventSpec.halfTime(i);
        }
        events[modes] = EventSpec.custom("every mode past half its sigma", o -> {
            double least = Double.POSITIVE_INFINITY;
            for (int i = 0; i < modes; i++) {
                least = Math.min(least, o.mode(i) / o.sigma(i) - 0.5);
            }
            return least;
        }, Crossing.UP).stopping();
        Trajectory t;
        try {
            t = Simulation.flow(Model.of(factors, target)).until(endTime).integrator(integrator)
                    .samples(SampleTimes.endpoints()).observe(Observers.loss()).event(events).run();
        } catch (SimulationException e) {
            return new Run(draw, eps, null, e.trajectory().statistics().evaluations(), e);
        }
        double[] half = new double[modes];
        for (int i = 0; i < modes; i++) {
            OptionalDouble h = t.halfTime(i);
            half[i] = h.isPresent() ? h.getAsDouble() : Double.NaN;
        }
        return new Run(draw, eps, half, t.statistics().evaluations(), null);
    }

    /** The seed of draw {@code j}'s initial factors. */
    private long drawSeed(int draw) {
        return seed + SimulateCommand.INIT_SEED_OFFSET + draw;
    }
}
