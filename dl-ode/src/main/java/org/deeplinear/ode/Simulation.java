package org.deeplinear.ode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.products.ProductBackends;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.events.EventSpec;
import org.deeplinear.ode.flow.ClosedEndToEndFlow;
import org.deeplinear.ode.mode.SingleMode;
import org.deeplinear.ode.observe.Observer;
import org.deeplinear.ode.observe.Observers;

/**
 * A run to make: the dynamics (gradient flow of a chain, gradient descent, a closed end-to-end flow, or single
 * modes), its time span or step count, how to integrate, when to sample, what to observe and which events to
 * watch. An immutable value, validated when built (bad settings fail with {@link IllegalArgumentException}
 * before anything runs); {@link #run()} can be called any number of times and gives the same numbers.
 *
 * <pre>{@code
 * Trajectory run = Simulation.flow(model)
 *         .until(10)
 *         .integrator(IntegratorSettings.defaults().withTolerances(1e-10, 1e-12))
 *         .samples(SampleTimes.uniform(201))
 *         .observe(Observers.loss(), Observers.modes())
 *         .halfTimes()
 *         .run();
 * }</pre>
 */
public final class Simulation {

    /**
     * The memory a run may spend on what it records unless {@link Builder#memoryBudget(long)} says otherwise:
     * 1 GiB. A request whose {@link #recordingBytes(long, int, long, int) recording} would need more is refused
     * when it is built.
     */
    public static final long DEFAULT_MEMORY_BUDGET = 1L << 30;

    /**
     * The most checks of one event's function over a flow's span that {@link Builder#maxCheckInterval(double)} may
     * ask for: 2^20. A smaller interval is refused when the simulation is built (checks closer than the clock
     * resolves never move on, and far more checks than steps only cost time; review of 2026-12-06).
     */
    public static final long MOST_EVENT_CHECKS = 1L << 20;

    private enum Kind { FLOW, DESCENT }

    private final Kind kind;
    private final Dynamics dynamics;
    private final double startTime;
    private final double endTime;
    private final LearningRate learningRate;
    private final long steps;
    private final IntegratorSettings settings;
    private final SampleTimes samples;
    private final List<Observer> observers;
    private final double[] snapshotTimes;
    private final List<EventSpec> events;
    private final boolean allHalfTimes;
    private final double maxCheckInterval;

    private Simulation(Builder b, Dynamics dynamics, IntegratorSettings settings, double startTime, double endTime,
            List<Observer> observers, List<EventSpec> events, double[] snapshotTimes, double maxCheckInterval) {
        this.kind = b.kind;
        this.dynamics = dynamics;
        this.startTime = startTime;
        this.endTime = endTime;
        this.learningRate = b.rate;
        this.steps = b.steps;
        this.settings = settings;
        this.samples = b.samples;
        this.observers = observers;
        this.snapshotTimes = snapshotTimes;
        this.events = events;
        this.allHalfTimes = b.halfTimes;
        this.maxCheckInterval = maxCheckInterval;
    }

    /**
     * Gradient flow of a model's factors toward its target.
     *
     * @param model the initial model (two layers or depth N)
     * @return a builder
     * @throws IllegalArgumentException if the model is null
     */
    public static Builder flow(Model model) {
        Arguments.notNull("model", model);
        return flow(model.factors(), model.target());
    }

    /**
     * Gradient flow of factors toward a target, {@code dW_j/dt = -dL/dW_j}.
     *
     * @param factors the initial factors
     * @param target  the target, of the chain's end-to-end shape
     * @return a builder
     * @throws IllegalArgumentException if an argument is null
     */
    public static Builder flow(FactorChain factors, Target target) {
        Arguments.notNull("factors", factors);
        Arguments.notNull("target", target);
        return new Builder(Kind.FLOW, products -> new FactorFlowDynamics(factors, target, products));
    }

    /**
     * Gradient descent from a model: {@code steps} simultaneous updates {@code W_j <- W_j - eta_j dL/dW_j}.
     *
     * @param model the initial model
     * @param rate  the learning rate (one, or one per layer)
     * @param steps the exact number of steps, at least 1
     * @return a builder
     * @throws IllegalArgumentException if an argument is null, the step count below 1, or per-layer rates not one
     *                                  per layer
     */
    public static Builder descent(Model model, LearningRate rate, long steps) {
        Arguments.notNull("model", model);
        return descent(model.factors(), model.target(), rate, steps);
    }

    /**
     * Gradient descent from factors toward a target.
     *
     * @param factors the initial factors
     * @param target  the target
     * @param rate    the learning rate (one, or one per layer)
     * @param steps   the exact number of steps, at least 1
     * @return a builder
     * @throws IllegalArgumentException if an argument is null, the step count below 1, or per-layer rates not one
     *                                  per layer
     */
    public static Builder descent(FactorChain factors, Target target, LearningRate rate, long steps) {
        Arguments.notNull("factors", factors);
        Arguments.notNull("target", target);
        Arguments.notNull("rate", rate);
        Arguments.check(steps >= 1, "steps", steps, "an integer >= 1");
        Arguments.check(rate.isUniform() || rate.layerCount() == factors.depth(), "rate", rate,
                "one rate per layer: " + factors.depth() + " of them");
        Builder b = new Builder(Kind.DESCENT, products -> new FactorFlowDynamics(factors, target, products));
        b.rate = rate;
        b.steps = steps;
        return b;
    }

    /**
     * The closed balanced flow in {@code A} alone, {@code dA/dt = -(A A^T)^{1/2} G - G (A^T A)^{1/2}}
     * (THEORY.md, identity 4): exact for balanced factors, wrong otherwise. A mode of the target that the factors
     * cannot represent (a hidden layer narrower than the target's rank) stays 0 in the factor flow but grows from
     * the integration's error here, and a mode below the map's rounding ({@code 2^-52 ||A||}: from a start far below
     * the learned modes, or decaying toward 0) is learned early or never by its rounding's sign; see
     * {@link ClosedEndToEndFlow}. Its state is {@code A}, of about the square of the factors' size, so a start is
     * small for the tolerances ({@link IntegratorSettings#isSmallState}) from a square root's scale larger.
     *
     * @param initial the initial end-to-end map {@code A(0)}
     * @param target  the target, of the same shape
     * @return a builder
     * @throws IllegalArgumentException if an argument is null or the shapes differ
     */
    public static Builder closedFlow(Matrix initial, Target target) {
        return closedFlow(initial, 0.0, target);
    }

    /**
     * The closed lambda-balanced flow in {@code A} alone (THEORY.md, identity 5; {@code lambda = 0} is the
     * balanced one): exact for factors with {@code W^T W - U U^T = lambda I}.
     *
     * @param initial the initial end-to-end map {@code A(0)}
     * @param lambda  the imbalance, finite; not 0 needs a square target
     * @param target  the target, of the same shape
     * @return a builder
     * @throws IllegalArgumentException if an argument is null, lambda not finite, or the shapes differ (a target
     *                                  that is not square with {@code lambda != 0} is refused by {@code build()})
     */
    public static Builder closedFlow(Matrix initial, double lambda, Target target) {
        Arguments.notNull("initial", initial);
        Arguments.notNull("target", target);
        Arguments.finite("lambda", lambda);
        Arguments.check(initial.hasShape(target.rows(), target.cols()), "initial", initial.shape(),
                "the target's shape " + target.matrix().shape());
        return new Builder(Kind.FLOW, products -> new ClosedFlowDynamics(initial, lambda, 2, target, products));
    }

    /**
     * The closed flow of a balanced depth-N chain in {@code A} alone,
     * {@code dA/dt = -sum_{j=1..N} (A A^T)^{(j-1)/N} G (A^T A)^{(N-j)/N}} (THEORY.md identity 4; Arora, Cohen,
     * Hazan 2018): exact for balanced factors of that depth.
     *
     * @param initial the initial end-to-end map {@code A(0)}
     * @param depth   the depth N, in {@code [2, ClosedEndToEndFlow.MAX_DEPTH]}
     * @param target  the target, of the same shape
     * @return a builder
     * @throws IllegalArgumentException if an argument is null, the depth below 2 or above
     *                                  {@link ClosedEndToEndFlow#MAX_DEPTH} or the shapes differ
     */
    public static Builder closedDepthFlow(Matrix initial, int depth, Target target) {
        Arguments.notNull("initial", initial);
        Arguments.notNull("target", target);
        ClosedEndToEndFlow.checkDepth(depth);
        Arguments.check(initial.hasShape(target.rows(), target.cols()), "initial", initial.shape(),
                "the target's shape " + target.matrix().shape());
        return new Builder(Kind.FLOW, products -> new ClosedFlowDynamics(initial, 0.0, depth, target, products));
    }

    /**
     * A system of independent single modes, each following its own law.
     *
     * @param modes the modes, at least one
     * @return a builder
     * @throws IllegalArgumentException if the array is empty or holds null
     */
    public static Builder modes(SingleMode... modes) {
        Arguments.notNull("modes", modes);
        Arguments.check(modes.length >= 1, "modes.length", 0, "at least one mode");
        for (int i = 0; i < modes.length; i++) {
            Arguments.notNull("modes[" + i + "]", modes[i]);
        }
        List<SingleMode> list = List.of(modes);
        return new Builder(Kind.FLOW, products -> new ModesDynamics(list));
    }

    /**
     * The bytes a run's recording needs, as {@link Builder#build()} estimates them before anything is allocated:
     * {@code 8 (samples (2 + observerWidth) + snapshots * parameters)} (each sample holds its time, its place in
     * the resolved sample times and one double per observer column; each snapshot every parameter). Saturates at
     * {@link Long#MAX_VALUE}.
     *
     * @param samples       the number of sample times
     * @param observerWidth the sum of the observers' widths
     * @param snapshots     the number of factor snapshots
     * @param parameters    the length of the state (the parameters of the factors)
     * @return the estimate in bytes
     * @throws IllegalArgumentException if a count is negative
     */
    public static long recordingBytes(long samples, int observerWidth, long snapshots, int parameters) {
        Arguments.check(samples >= 0, "samples", samples, "a count >= 0");
        Arguments.check(observerWidth >= 0, "observerWidth", observerWidth, "a count >= 0");
        Arguments.check(snapshots >= 0, "snapshots", snapshots, "a count >= 0");
        Arguments.check(parameters >= 0, "parameters", parameters, "a count >= 0");
        try {
            long doubles = Math.addExact(Math.multiplyExact(samples, 2L + observerWidth),
                    Math.multiplyExact(snapshots, (long) parameters));
            return Math.multiplyExact(8L, doubles);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Whether the events already record mode {@code i} rising through {@code sigma_i / 2} (its half-time), so that
     * {@code halfTimes()} does not watch it a second time and record it twice.
     */
    private static boolean watchesHalfTime(List<EventSpec> events, int i) {
        return events.stream().anyMatch(e -> e.watchesRise(i, 0.5));
    }

    /**
     * Runs the simulation.
     *
     * @return the trajectory
     * @throws SimulationException if the integrator fails, the run diverges, an event's function is NaN, or an
     *                             observer or event function throws (the cause); it carries the trajectory so far
     */
    public Trajectory run() {
        if (kind == Kind.DESCENT) {
            return new DescentRun(this).run();
        }
        // a flow's clock (RunStatistics.wallSeconds) starts here, so that the run's set-up (integrator, events,
        // views, recorder) counts, as solve_ivp's own set-up counts in the peer's time (review of 2026-12-07: 24-39
        // ms of a cold 32 x 32 flow's set-up were outside the clock); descent's starts at its loop, as the peer's
        long begin = System.nanoTime();
        // a start the tolerances hold to atol: a completed run may be wrong beyond lost digits (review of the laws,
        // 2026-12-08: a balanced mode from 1e-153 toward 1e-150 ended negative, one from 1e-300 never grew), and
        // only a failure said so
        settings.smallStateNote(IntegratorSettings.largestEntry(dynamics.initialState())).ifPresent(note ->
                LOG.log(System.Logger.Level.WARNING, "deeplinear: {0}; a flow from it may keep the wrong sign on its"
                        + " plateau or never leave it", note));
        return new FlowRun(this, begin).run();
    }

    /** Where a flow from a small start warns ({@link IntegratorSettings#smallStateNote}). */
    private static final System.Logger LOG = System.getLogger("org.deeplinear.ode");

    Dynamics dynamics() {
        return dynamics;
    }

    /**
     * The start time.
     *
     * @return {@code t0} (0 for descent)
     */
    public double startTime() {
        return startTime;
    }

    /**
     * The end time.
     *
     * @return {@code T} (for descent, {@code steps * eta})
     */
    public double endTime() {
        return endTime;
    }

    LearningRate learningRate() {
        return learningRate;
    }

    long steps() {
        return steps;
    }

    /**
     * The integrator settings (the defaults for descent, which does not use them).
     *
     * @return the settings
     */
    public IntegratorSettings integratorSettings() {
        return settings;
    }

    /**
     * The sample times.
     *
     * @return the sample times
     */
    public SampleTimes samples() {
        return samples;
    }

    /**
     * The observers, in order.
     *
     * @return the unmodifiable list
     */
    public List<Observer> observers() {
        return observers;
    }

    /**
     * The times of the factor snapshots.
     *
     * @return a new sorted array
     */
    public double[] snapshotTimes() {
        return snapshotTimes.clone();
    }

    /**
     * The events watched, in the order the events of one instant are handled: the half-time events of
     * {@link Builder#halfTimes()} first, then those given to {@link Builder#event(EventSpec...)} in their order.
     *
     * @return the unmodifiable list
     */
    public List<EventSpec> events() {
        return events;
    }

    /**
     * Whether every mode's half-time is watched ({@link Builder#halfTimes()}): a mode with {@code sigma_i = 0}, which
     * no event watches, then has no half-time rather than an unwatched one.
     */
    boolean watchesAllHalfTimes() {
        return allHalfTimes;
    }

    /** How many leading modes the mode-crossing events watch: one more than the largest mode index, or 0. */
    int watchedModes() {
        int count = 0;
        for (EventSpec e : events) {
            if (e.kind() == EventSpec.Kind.MODE_CROSSING && e.mode().isPresent()) {
                count = Math.max(count, e.mode().getAsInt() + 1);
            }
        }
        return count;
    }

    /**
     * The largest time between two checks of an event's function, derived from the problem unless set: a
     * quarter of {@code 1/sigma_max} and at most a hundredth of the span, but not below the floor an interval set
     * through {@link Builder#maxCheckInterval(double)} is held to ({@link #MOST_EVENT_CHECKS} checks over the span,
     * 4 ulps of the times).
     *
     * <p>What the checks cost. Within each accepted step of length {@code h} Hipparchus evaluates each event's
     * function at {@code ceil(h / interval)} evenly spaced points (plus a few evaluations to locate each
     * occurrence), each one dense-output interpolation of the state and one {@code g} (which reuses its view's
     * buffers and allocates nothing of its own). So one event costs at most {@code acceptedSteps + span / interval
     * + 1} checks. The second term grows with the span, but so do the steps: the explicit integrators' step is
     * held by stability to a few times {@code 1/sigma_max}, however long the run, so the checks per step stay
     * constant and a long run stays linear in its steps. Measured (dl-ode's EventCheckCostTest; and a driver,
     * aligned two-layer start, 4 x 3 target with sigma = (4, 1), default integrator, interval 0.0625):
     * 12.6 checks per step per event at {@code T = 1e3}, 13.0 at {@code T = 1e5} and {@code 1e6} (an average
     * step of 0.8, i.e. {@code ceil(0.8 / 0.0625) = 13} checks for each step past the learning);
     * {@code T = 1e6} took 1,251,284 steps, 7.4 s without events and 27 s with the two half-time events (6 and
     * 22 microseconds a step): for this 14-parameter problem the checks cost about 1.5 times the integration per
     * event, mostly Hipparchus's interpolation; for larger problems the right-hand side dominates. A larger
     * interval ({@link Builder#maxCheckInterval(double)}) cuts the cost in proportion, at the risk of missing a
     * crossing undone within one interval.
     *
     * @return the interval
     */
    public double maxCheckInterval() {
        return maxCheckInterval;
    }

    @Override
    public String toString() {
        // a descent of factors is described as one (user review of 2026-12-07: it read "gradient flow of ...")
        String what = kind == Kind.DESCENT ? ((FactorFlowDynamics) dynamics).description("gradient descent")
                + ", " + steps + " steps at " + learningRate : dynamics.description();
        return "Simulation(" + what + ", t in [" + startTime + ", " + endTime + "])";
    }

    /** Builds a {@link Simulation}; every setting is checked in {@link #build()}. */
    public static final class Builder {

        private final Kind kind;
        private final Function<ProductBackend, Dynamics> factory;
        private LearningRate rate;
        private long steps;
        private double start = 0.0;
        private double end = Double.NaN;
        private boolean spanGiven;   // a flag, not NaN in end: until(NaN) was taken for "no end time" (descent)
        private IntegratorSettings settings;
        private SampleTimes samples = SampleTimes.uniform(101);
        private final List<Observer> observers = new ArrayList<>();
        private double[] snapshots = new double[0];
        private final List<EventSpec> events = new ArrayList<>();
        private boolean halfTimes;
        private double maxCheck = Double.NaN;
        private ProductBackend products = ProductBackends.preferred();
        private long memoryBudget = DEFAULT_MEMORY_BUDGET;

        private Builder(Kind kind, Function<ProductBackend, Dynamics> factory) {
            this.kind = kind;
            this.factory = factory;
        }

        /**
         * Runs from time 0 to {@code endTime} (flows only).
         *
         * @param endTime the end time, finite and {@code > 0}
         * @return this builder
         */
        public Builder until(double endTime) {
            return span(0.0, endTime);
        }

        /**
         * Runs from {@code startTime} to {@code endTime} (flows only; checked in {@link #build()}). The integrator's
         * clock is the time itself, so its steps are rounded to the precision of the times: far from 0 the span
         * integrated drifts from the one asked for by that rounding, and the flow, whose dynamics do not depend on
         * the time, comes out less accurate than from 0 (a review of 2026-12-08, one balanced mode over a span of 1:
         * relative error 4e-11 from 0, 9e-8 from 1e9, 2.4e-4 from 1e12 at the defaults). Start a long study at 0,
         * or keep the start within about {@code rtol / eps} of the span.
         *
         * @param startTime the start, finite
         * @param endTime   the end, finite and {@code > startTime}
         * @return this builder
         */
        public Builder span(double startTime, double endTime) {
            this.start = startTime;
            this.end = endTime;
            this.spanGiven = true;
            return this;
        }

        /**
         * How to integrate (flows only); default {@link IntegratorSettings#defaults()}.
         *
         * @param integratorSettings the settings
         * @return this builder
         */
        public Builder integrator(IntegratorSettings integratorSettings) {
            this.settings = Arguments.notNull("integratorSettings", integratorSettings);
            return this;
        }

        /**
         * When to sample the observers; default {@code SampleTimes.uniform(101)}.
         *
         * @param sampleTimes the sample times
         * @return this builder
         */
        public Builder samples(SampleTimes sampleTimes) {
            this.samples = Arguments.notNull("sampleTimes", sampleTimes);
            return this;
        }

        /**
         * Adds observers; without any, the run observes {@link Observers#loss()} and {@link Observers#modes()}.
         *
         * @param more the observers, with distinct names
         * @return this builder
         */
        public Builder observe(Observer... more) {
            Arguments.notNull("observers", more);
            for (Observer o : more) {
                observers.add(Arguments.notNull("observer", o));
            }
            return this;
        }

        /**
         * Snapshots of the factors at these times only (dynamics with factors, refused by {@link #build()} for a
         * closed flow or single modes; for descent, at the iterates nearest them, keyed by the iterates' times).
         *
         * @param times the times, finite, within the run's span (for descent, or half a step after it: its last
         *              iterate)
         * @return this builder
         */
        public Builder snapshotsAt(double... times) {
            this.snapshots = SampleTimes.instants("times", times);
            return this;
        }

        /**
         * Adds events to watch.
         *
         * @param more the events
         * @return this builder
         */
        public Builder event(EventSpec... more) {
            Arguments.notNull("events", more);
            for (EventSpec e : more) {
                events.add(Arguments.notNull("event", e));
            }
            return this;
        }

        /**
         * Watches the half-time of every mode with {@code sigma_i > 0}: its first crossing is recorded, after which
         * that mode is no longer watched ({@link EventSpec#halfTime(int)}). These events come before the ones given
         * to {@link #event(EventSpec...)}, whenever either is called, so a stopping event that occurs at the very
         * instant of a half-time does not end the run before the half-time is recorded
         * ({@link EventSpec#stopping()}). A mode whose half-time an event given already watches is not watched twice.
         *
         * @return this builder
         */
        public Builder halfTimes() {
            this.halfTimes = true;
            return this;
        }

        /**
         * Sets the largest time between checks of the events' functions instead of deriving it from the problem
         * (what the checks cost: {@link Simulation#maxCheckInterval()}). An interval at least as long as the span
         * checks at step ends only, as SciPy's {@code solve_ivp} does. For a flow, {@link #build()} refuses an
         * interval that would ask for more than {@link Simulation#MOST_EVENT_CHECKS} checks over the span or that the
         * clock cannot resolve (below 4 ulps of the run's times); descent checks at every iterate and ignores it.
         *
         * @param interval the interval, finite and {@code > 0}
         * @return this builder
         */
        public Builder maxCheckInterval(double interval) {
            this.maxCheck = Arguments.positive("maxCheckInterval", interval);
            return this;
        }

        /**
         * The product backend of the right-hand side and the descent step; default
         * {@link ProductBackends#preferred()}.
         *
         * @param backend the backend
         * @return this builder
         */
        public Builder products(ProductBackend backend) {
            this.products = Arguments.notNull("products", backend);
            return this;
        }

        /**
         * The memory the recording may take (samples of every observer and factor snapshots); default
         * {@link Simulation#DEFAULT_MEMORY_BUDGET}. {@link #build()} refuses a request that would need more,
         * saying how much it would need. A run that ends early with explicit {@link SampleTimes#at sample times}
         * all before its stop records one sample more than requested (the final one at the time reached, see
         * {@link Trajectory}), a single row over the estimate; with a grid the end time's sample is then never
         * taken, so the count stays within it. Descent records at most {@code steps + 1} rows and snapshots, and its
         * estimate adds 16 bytes per sample time asked for, which it reads as iterates when it starts.
         *
         * @param bytes the budget in bytes, at least 1
         * @return this builder
         */
        public Builder memoryBudget(long bytes) {
            Arguments.check(bytes >= 1, "memoryBudget", bytes, "a number of bytes >= 1");
            this.memoryBudget = bytes;
            return this;
        }

        /**
         * Checks every setting and builds the simulation.
         *
         * @return the simulation
         * @throws IllegalArgumentException if a setting makes no sense: an end time missing, not finite or not
         *                                  after the start; settings of the wrong kind (a span or integrator for
         *                                  descent); block tolerances or per-layer rates that do not fit; sample,
         *                                  snapshot or event settings outside the run; repeated observer names; a
         *                                  recording over the {@link #memoryBudget(long) memory budget}; an
         *                                  initial loss that overflows; step limits the span cannot take; a
         *                                  start time for descent; a blank observer name; a divergence bound the
         *                                  start already exceeds; snapshots of a dynamics without factors (a
         *                                  closed flow, single modes)
         */
        public Simulation build() {
            Dynamics dynamics = factory.apply(products);
            double t0;
            double t1;
            if (kind == Kind.DESCENT) {
                Arguments.check(start == 0.0, "startTime", start,
                        "0 for gradient descent (its iterate k is at time k eta; it was ignored)");
                Arguments.check(!spanGiven, "endTime", end,
                        "no end time for gradient descent (its span is steps * eta)");
                Arguments.check(settings == null, "integratorSettings", settings,
                        "none for gradient descent (it is its own stepper)");
                Arguments.check(rate.timeStep() * steps < Double.POSITIVE_INFINITY, "steps * eta",
                        steps + " * " + rate.timeStep(), "a span that is finite in doubles");
                t0 = 0.0;
                t1 = rate.timeStep() * steps;
            } else {
                Arguments.finite("startTime", start);
                Arguments.check(spanGiven, "endTime", "none", "an end time: call until(T) or span(t0, T)");
                Arguments.finite("endTime", end);
                Arguments.check(end > start, "endTime", end, "a time after the start " + start);
                // a span the clock resolves: finite, normal, and above Hipparchus's floor (1000 ulps of the larger
                // time, its "too small integration interval"), so that t1 - t0 neither overflows nor is refused
                double length = end - start;
                double floor = 1000 * Math.ulp(Math.max(Math.abs(start), Math.abs(end)));
                Arguments.check(length >= Double.MIN_NORMAL && length < Double.POSITIVE_INFINITY && length > floor,
                        "endTime", end, "a span end - start from " + start + " that is finite and above 1000 ulps of "
                                + "the times, " + floor);
                t0 = start;
                t1 = end;
            }
            IntegratorSettings chosen = settings == null ? IntegratorSettings.defaults() : settings;
            chosen.expandTolerances(dynamics.blocks());
            if (rate == null) {
                // a step below the times' resolution never moves the clock (t0 + h == t0), and an adaptive run
                // whose smallest step is longer than the span fails at its start (review of 2026-12-06: both built,
                // then spun for ten million evaluations or ended as a step-size underflow)
                double smallest = Integrators.smallestStep(Math.max(Math.abs(t0), Math.abs(t1)));
                if (chosen.method().isAdaptive()) {
                    Arguments.check(chosen.maxStep() >= smallest, "maxStep", chosen.maxStep(),
                            "a largest step of at least 4 ulps of the run's times, " + smallest);
                    Arguments.check(chosen.minStep() <= t1 - t0, "minStep", chosen.minStep(),
                            "a smallest step no longer than the span " + (t1 - t0));
                } else {
                    Arguments.check(chosen.fixedStep() >= smallest, "fixedStep", chosen.fixedStep(),
                            "a step of at least 4 ulps of the run's times, " + smallest);
                }
            }
            StateView view = dynamics.newView();
            int modeCount = view.modeCount();
            Arguments.check(Double.isFinite(view.loss()), "loss", view.loss(),
                    "a finite initial loss (the start or the target overflows a double; scale the problem down)");
            if (rate == null) {
                // and a finite initial rate: a start whose derivative already overflows (lambda^2 of a closed flow,
                // a factor pair's w0^2 + u0^2) would fail at t0 as a "divergence"
                double[] y0 = dynamics.initialState();
                double[] rate0 = new double[y0.length];
                try {
                    dynamics.newRightHandSide().compute(t0, y0, rate0, 0);
                } catch (Dynamics.NonFiniteStateException e) {
                    throw Arguments.fail("initial rate", "non-finite", "a finite derivative at the start (the "
                            + "start, the target or lambda overflow a double in the flow's rate; scale them down)");
                }
            }
            // closed flows and single modes have no factors to snapshot: the times were ignored, yet counted in the
            // memory budget (API audit of 2026-12-07)
            Arguments.check(snapshots.length == 0 || view.factors().isPresent(), "snapshotsAt",
                    snapshots.length + " times", "no snapshots for the " + dynamics.description() + ", which has no"
                            + " factors (record what it evolves with an observer)");
            List<Observer> chosenObservers = observers.isEmpty()
                    ? List.of(Observers.loss(), Observers.modes()) : List.copyOf(observers);
            int width = 0;
            for (Observer o : chosenObservers) {
                width = (int) Math.min(Integer.MAX_VALUE, (long) width + Math.max(0, o.width(modeCount)));
            }
            // descent records at most its steps + 1 iterates, whatever times were asked for (a 10-step run with
            // uniform(300000) samples was refused as needing 1.2 GB; review of 2026-12-08), after reading each time
            // as an iterate (16 bytes per time while the run starts), and takes times up to half a step after its
            // span as its last iterate
            boolean descent = kind == Kind.DESCENT;
            long times = samples.count(t0, t1);
            long iterates = steps == Long.MAX_VALUE ? steps : steps + 1;
            long sampleCount = descent ? Math.min(times, iterates) : times;
            long snapshotCount = descent ? Math.min(snapshots.length, iterates) : snapshots.length;
            double slack = descent ? rate.timeStep() / 2 : 0.0;
            long need = recordingBytes(sampleCount, width, snapshotCount, dynamics.dimension());
            if (descent) {
                need = times > (Long.MAX_VALUE - need) / 16 ? Long.MAX_VALUE : need + 16 * times;
            }
            Arguments.check(need <= memoryBudget, "samples and snapshots",
                    sampleCount + " samples of " + width + " values and " + snapshotCount + " snapshots of "
                            + dynamics.dimension() + " parameters",
                    "a recording within the memory budget of " + memoryBudget + " bytes (this one needs " + need
                            + " bytes, about " + (need >> 20) + " MiB; ask for fewer samples or snapshots, or "
                            + "raise memoryBudget(bytes))");
            samples.resolve(t0, t1, slack);
            for (double t : snapshots) {
                Arguments.check(t >= t0 && t <= t1 + slack, "snapshot time", t, "a time within [" + t0 + ", " + t1
                        + "]" + (descent ? " or " + slack + " after it (half a step)" : ""));
            }
            // the half-time events first: they only record, and a stopping event given with event(...) at the
            // same instant would otherwise end the run before they are handled (events of one instant are handled
            // in the order given, EventSpec.stopping())
            List<EventSpec> allEvents = new ArrayList<>();
            if (halfTimes) {
                for (int i = 0; i < modeCount; i++) {
                    if (view.sigma(i) > 0 && !watchesHalfTime(events, i)) {
                        allEvents.add(EventSpec.halfTime(i));
                    }
                }
            }
            allEvents.addAll(events);
            for (EventSpec e : allEvents) {
                if (e.mode().isPresent()) {
                    int i = e.mode().getAsInt();
                    Arguments.check(i < modeCount, "event mode", i, "a mode in [0, " + modeCount + ")");
                }
                if (e.kind() == EventSpec.Kind.DIVERGENCE) {
                    // the event fires when the norm crosses its bound; a start already beyond it never crosses, and
                    // the run completed as if it had stayed bounded (review of 2026-12-06)
                    Arguments.check(e.g(view) > 0, "divergence event", e.name(), "a bound above the start's state "
                            + "norm " + view.stateNorm() + " (the event fires when the norm crosses it)");
                }
            }
            Set<String> names = new HashSet<>();
            for (Observer o : chosenObservers) {
                // a user's observer named null or blank failed only after the whole run (review of 2026-12-06)
                Arguments.check(o.name() != null && !o.name().isBlank(), "observer name", o.name() == null ? null
                        : "\"" + o.name() + "\"", "a name that is not blank (the series' key)");
                Arguments.check(names.add(o.name()), "observer name", o.name(), "names that are distinct");
                Arguments.check(o.width(modeCount) >= 1, "observer width", o.width(modeCount), "at least 1");
            }
            double check = maxCheck;
            double closest = Math.max((t1 - t0) / MOST_EVENT_CHECKS,
                    Integrators.smallestStep(Math.max(Math.abs(t0), Math.abs(t1))));
            if (!Double.isNaN(check) && rate == null) {
                Arguments.check(check >= closest, "maxCheckInterval", check, "at least " + closest + " (at most "
                        + MOST_EVENT_CHECKS + " checks over the span " + (t1 - t0)
                        + ", each 4 ulps of the times apart)");
            }
            if (Double.isNaN(check)) {
                check = (t1 - t0) / 100;
                double sigmaMax = dynamics.sigmaMax();
                if (sigmaMax > 0) {
                    check = Math.min(check, 0.25 / sigmaMax);
                }
                // held to the floor an explicit interval is held to (review of 2026-12-07: sigma_max = 1e4 over a
                // span of 100 derived 2.5e-5, which maxCheckInterval(2.5e-5) refused)
                check = Math.max(check, closest);
            }
            return new Simulation(this, dynamics, chosen, t0, t1, chosenObservers, List.copyOf(allEvents),
                    snapshots.clone(), check);
        }

        /**
         * Builds and runs.
         *
         * @return the trajectory
         * @throws IllegalArgumentException as {@link #build()}
         * @throws SimulationException      as {@link Simulation#run()}
         */
        public Trajectory run() {
            return build().run();
        }
    }
}
