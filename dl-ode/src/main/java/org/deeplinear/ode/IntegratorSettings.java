package org.deeplinear.ode;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.deeplinear.core.Arguments;

/**
 * How gradient flow is integrated: the method, its tolerances or fixed step, and its limits. An immutable value,
 * validated at construction: tolerances must be finite and {@code > 0}, steps finite (the maximum may be
 * infinite: the run's span is used), {@code 0 <= minStep < maxStep}, the evaluation budget positive.
 *
 * <p>Tolerances apply per component as Hipparchus's {@code |error_i| <= atol_i + rtol_i |y_i|}; the scalar form
 * gives every component the same pair, the block form one pair per block of the state (one per layer of a
 * chain, one per mode of a single-mode system, one for the whole map of a closed flow), so the flat state never
 * shows. The default is Dormand-Prince 8(5,3) with {@code rtol = 1e-10}, {@code atol = 1e-12}, the peer's
 * defaults.
 *
 * <p>Small starts: {@code atol} is absolute, so entries below {@code atol / rtol} are controlled to {@code atol},
 * not to {@code rtol}. A start whose entries are all far smaller (the small initialisations of plateau studies) is
 * integrated on its plateau to about {@code atol / (largest entry)} relative, and its half-times lose digits
 * accordingly. Measured (user review of 2026-12-07): an aligned start of modes {@code 1e-20} (factor entries up to
 * {@code 4.7e-11}) at the default {@code atol} gave the {@code sigma = 4} half-time 5.93106 against the closed form's
 * 5.92975; at {@code atol = rtol x 4.7e-11 = 4.7e-21} every half-time was within {@code 3e-10} of its closed form.
 * For such starts choose {@code atol <= rtol} times the start's largest entry ({@code dl simulate} and
 * {@code dl sweep} say so on stderr when {@code --atol} is left at its default and the start's largest entry is below
 * {@code atol / sqrt(rtol)}, so that its plateau is integrated to worse than half the digits {@code rtol} asks for:
 * {@link #isSmallState(double)}; a flow from such a start logs a warning, {@link #smallStateNote}, on the
 * {@code System.Logger} {@code org.deeplinear.ode}, and one that fails says so in its {@link SimulationException}).
 * Far below, the answer is wrong, not only short of digits (review of 2026-12-08): a balanced mode from
 * {@code 1e-153} toward {@code sigma = 1e-150} ended at {@code -3.8e-150}, one from {@code 1e-300} toward 1 never
 * left its plateau, both COMPLETED at the defaults.
 *
 * <p>Accuracy after convergence: once a flow has settled on its target the state hardly moves, the error estimate
 * falls, and an adaptive step grows until the explicit method's stability, no longer the error estimate, bounds
 * it; the error is then less well controlled. Measured: a depth-2 mode of {@code sigma = 2.78} settled from
 * {@code t = 4} on read back up to {@code 2.4e-8 sigma} from its {@code sigma} at {@code rtol = 1e-11} (31 steps
 * over {@code [0, 8]}), and within {@code 1e-10 sigma} with steps of at most 0.5 (36 steps). The effect grows with
 * depth, as the stability bound falls with the sharpness {@code N sigma_max^(2-2/N)}: aligned balanced chains
 * toward sigmas 3, 1, 0.5 from 0.01 to {@code T = 20} at the defaults read back up to {@code 1.4e-8 sigma} from the
 * depth-N law at depth 2, {@code 4.8e-7} at 3, {@code 3.0e-6} at 4, {@code 1.6e-5} at 5 and {@code 1.8e-5} at 6, and
 * {@code 7.3e-10} at depth 4 with steps of at most 0.1 (215 steps against 93; measured 2026-12-08, after a review;
 * the closed depth-N flow stays within {@code 2.6e-8}). Where a check after convergence needs the tolerance's
 * precision, cap the step ({@link #withStepLimits}: 0.5 and 0.1 above, about 2 over the sharpness); the default has
 * no cap, as the peer's {@code solve_ivp}.
 *
 * <pre>{@code
 * IntegratorSettings tight = IntegratorSettings.defaults().withTolerances(1e-12, 1e-14);
 * IntegratorSettings euler = IntegratorSettings.fixedStep(IntegratorSettings.Method.EULER, 1e-3);
 * }</pre>
 */
public final class IntegratorSettings {

    /** The integration methods. */
    public enum Method {
        /**
         * Dormand-Prince 8(5,3), adaptive, the default: the package's own integrator, whose trial steps that
         * overflow are rejected and shortened like steps whose error is too large.
         */
        DORMAND_PRINCE_853(true, "Dormand-Prince 8(5,3)"),
        /**
         * Dormand-Prince 5(4), adaptive (Hipparchus's integrator; a trial step that overflows is rejected and
         * shortened, as with the default).
         */
        DORMAND_PRINCE_54(true, "Dormand-Prince 5(4)"),
        /**
         * Gragg-Bulirsch-Stoer extrapolation, adaptive step and order (Hipparchus's integrator: a trial step that
         * overflows ends the run as a divergence).
         */
        GRAGG_BULIRSCH_STOER(true, "Gragg-Bulirsch-Stoer"),
        /** Classical Runge-Kutta of order 4, fixed step. */
        CLASSICAL_RUNGE_KUTTA(false, "classical Runge-Kutta"),
        /** Explicit Euler, fixed step (gradient descent with step {@code eta}). */
        EULER(false, "Euler");

        private final boolean adaptive;
        private final String label;

        Method(boolean adaptive, String label) {
            this.adaptive = adaptive;
            this.label = label;
        }

        /**
         * Whether the method adapts its step to tolerances.
         *
         * @return true for the adaptive methods
         */
        public boolean isAdaptive() {
            return adaptive;
        }

        /**
         * A readable name.
         *
         * @return e.g. {@code "Dormand-Prince 8(5,3)"}
         */
        public String label() {
            return label;
        }
    }

    /**
     * The smallest relative tolerance accepted: 100 ulps of 1, {@code 2.22e-14}. Below it the error control asks
     * for digits a double does not hold; the run then creeps for hours or its first step estimate overflows to
     * NaN (a tolerance of 1e-200 ended as a divergence at t = NaN). SciPy's {@code solve_ivp} raises its
     * {@code rtol} to the same floor.
     */
    public static final double SMALLEST_RELATIVE_TOLERANCE = 100 * Math.ulp(1.0);

    /** Default relative tolerance, as the peer's. */
    public static final double DEFAULT_RTOL = 1e-10;
    /** Default absolute tolerance, as the peer's. */
    public static final double DEFAULT_ATOL = 1e-12;
    /**
     * Default budget of right-hand-side evaluations of the adaptive methods: ten million. A well-posed run at the
     * default tolerances takes thousands to a few hundred thousand evaluations (Dormand-Prince 8(5,3) makes 12
     * per accepted step, 11 per rejected one, 3 more where its dense output is used), so the budget never binds
     * there; a pathological start (factors of scale {@code 1e40}, an imbalance {@code ~1e80} that forces steps
     * {@code ~1e-80}) would otherwise step for hours, and with this budget ends in
     * {@link SimulationException.Reason#TOO_MANY_EVALUATIONS}, with its partial trajectory, after seconds to
     * minutes (an evaluation of a small chain costs a microsecond or a few). Raise it with
     * {@link #withMaxEvaluations(int)} (up to {@link Integer#MAX_VALUE}) for a run known to need more.
     * Fixed-step methods keep no default limit: their cost is the span over the step, known before the run.
     */
    public static final int DEFAULT_MAX_EVALUATIONS = 10_000_000;

    private final Method method;
    private final double relativeTolerance;
    private final double absoluteTolerance;
    private final double[] blockRelative; // null: scalar tolerances
    private final double[] blockAbsolute;
    private final double minStep;
    private final double maxStep;
    private final double fixedStep;
    private final int maxEvaluations;

    private IntegratorSettings(Method method, double relativeTolerance, double absoluteTolerance,
            double[] blockRelative, double[] blockAbsolute, double minStep, double maxStep, double fixedStep,
            int maxEvaluations) {
        this.method = method;
        this.relativeTolerance = relativeTolerance;
        this.absoluteTolerance = absoluteTolerance;
        this.blockRelative = blockRelative;
        this.blockAbsolute = blockAbsolute;
        this.minStep = minStep;
        this.maxStep = maxStep;
        this.fixedStep = fixedStep;
        this.maxEvaluations = maxEvaluations;
    }

    /**
     * Checks a relative tolerance: at least {@link #SMALLEST_RELATIVE_TOLERANCE} and below 1; what the factories
     * check, for callers that name the value their own way (a command-line flag).
     *
     * @param name  the parameter's name, for the message
     * @param value the tolerance
     * @return {@code value}
     * @throws IllegalArgumentException if the value is below the floor, not below 1, or NaN
     */
    public static double checkRelativeTolerance(String name, double value) {
        if (!(value >= SMALLEST_RELATIVE_TOLERANCE)) {
            throw Arguments.fail(name, value, "a finite relative tolerance >= " + SMALLEST_RELATIVE_TOLERANCE
                    + " (100 ulps of 1: below it the error control asks for digits a double does not hold)");
        }
        if (!(value < 1)) {
            // an error as large as the state passes: steps grow until the solution leaves the doubles (rtol 0.5
            // ended a stable 4 x 4 flow as DIVERGED; rtol 1e6 in a Hipparchus internal error)
            throw Arguments.fail(name, value, "a relative tolerance below 1 (a fraction of the state's size)");
        }
        return value;
    }

    /**
     * Dormand-Prince 8(5,3) at {@code rtol = 1e-10}, {@code atol = 1e-12}, no step limits, and the finite
     * evaluation budget {@link #DEFAULT_MAX_EVALUATIONS} (ten million right-hand sides, see there why).
     *
     * @return the default settings
     */
    public static IntegratorSettings defaults() {
        return adaptive(Method.DORMAND_PRINCE_853, DEFAULT_RTOL, DEFAULT_ATOL);
    }

    /**
     * An adaptive method with scalar tolerances and the evaluation budget {@link #DEFAULT_MAX_EVALUATIONS}.
     *
     * @param method            an adaptive method
     * @param relativeTolerance {@code rtol}, at least {@link #SMALLEST_RELATIVE_TOLERANCE} and below 1
     * @param absoluteTolerance {@code atol}, finite and {@code > 0}
     * @return the settings
     * @throws IllegalArgumentException if the method is null or fixed-step, or a tolerance is not finite and
     *                                  positive, or {@code rtol} is below {@link #SMALLEST_RELATIVE_TOLERANCE}
     *                                  or not below 1
     */
    public static IntegratorSettings adaptive(Method method, double relativeTolerance, double absoluteTolerance) {
        Arguments.notNull("method", method);
        Arguments.check(method.isAdaptive(), "method", method, "an adaptive method (fixed-step methods take a step)");
        return new IntegratorSettings(method, checkRelativeTolerance("relativeTolerance", relativeTolerance),
                Arguments.positive("absoluteTolerance", absoluteTolerance), null, null, 0.0,
                Double.POSITIVE_INFINITY, Double.NaN, DEFAULT_MAX_EVALUATIONS);
    }

    /**
     * A fixed-step method, without an evaluation limit (its cost is the span over the step). A span that is a whole
     * number {@code n} of steps to rounding ({@code 10 / 0.01}) is taken in exactly {@code n} steps ending on the end
     * time: each longer than {@code step} by {@code 2 n} units of roundoff of it and an ulp of the largest time, so
     * that their sum cannot fall short of the end, where that lengthening sums to at most {@code 2^-11} of a step
     * (up to about a million steps from 0); any other span in steps of {@code step} and a shorter last one.
     *
     * @param method a fixed-step method ({@link Method#CLASSICAL_RUNGE_KUTTA} or {@link Method#EULER})
     * @param step   the step, finite and {@code > 0}
     * @return the settings
     * @throws IllegalArgumentException if the method is null or adaptive, or the step is not finite and positive
     */
    public static IntegratorSettings fixedStep(Method method, double step) {
        Arguments.notNull("method", method);
        Arguments.check(!method.isAdaptive(), "method", method,
                "a fixed-step method (adaptive methods take tolerances)");
        return new IntegratorSettings(method, Double.NaN, Double.NaN, null, null, 0.0, Double.POSITIVE_INFINITY,
                Arguments.positive("step", step), Integer.MAX_VALUE);
    }

    /**
     * The same method with other scalar tolerances.
     *
     * @param relative {@code rtol}, at least {@link #SMALLEST_RELATIVE_TOLERANCE} and below 1
     * @param absolute {@code atol}, finite and {@code > 0}
     * @return new settings
     * @throws IllegalArgumentException if the method is fixed-step, a tolerance is not finite and positive, or
     *                                  {@code rtol} is below {@link #SMALLEST_RELATIVE_TOLERANCE} or not below 1
     */
    public IntegratorSettings withTolerances(double relative, double absolute) {
        requireAdaptive("tolerances");
        return new IntegratorSettings(method, checkRelativeTolerance("relativeTolerance", relative),
                Arguments.positive("absoluteTolerance", absolute), null, null, minStep, maxStep, fixedStep,
                maxEvaluations);
    }

    /**
     * The same method with one tolerance pair per block of the state (per layer {@code W_1..W_N} of a chain, per
     * mode of a single-mode system, one block for a closed flow); checked against the dynamics when the simulation
     * is built.
     *
     * @param relative {@code rtol} of each block, at least {@link #SMALLEST_RELATIVE_TOLERANCE} and below 1
     * @param absolute {@code atol} of each block, finite and {@code > 0}, as many as {@code relative}
     * @return new settings
     * @throws IllegalArgumentException if the method is fixed-step, the lengths differ or are 0, a tolerance is
     *                                  not finite and positive, or an {@code rtol} is below
     *                                  {@link #SMALLEST_RELATIVE_TOLERANCE} or not below 1
     */
    public IntegratorSettings withBlockTolerances(double[] relative, double[] absolute) {
        requireAdaptive("tolerances");
        Arguments.notNull("relative", relative);
        Arguments.notNull("absolute", absolute);
        Arguments.check(relative.length >= 1, "relative.length", 0, "at least one block");
        Arguments.check(absolute.length == relative.length, "absolute.length", absolute.length,
                relative.length + " (as many as relative)");
        for (int i = 0; i < relative.length; i++) {
            checkRelativeTolerance("relative[" + i + "]", relative[i]);
            Arguments.positive("absolute[" + i + "]", absolute[i]);
        }
        return new IntegratorSettings(method, relativeTolerance, absoluteTolerance, relative.clone(),
                absolute.clone(), minStep, maxStep, fixedStep, maxEvaluations);
    }

    /**
     * The same settings with step limits for the adaptive methods.
     *
     * @param min the smallest step allowed, finite and {@code >= 0}; a step control that asks for less fails the
     *            run ({@link SimulationException.Reason#STEP_SIZE_UNDERFLOW})
     * @param max the largest step, {@code > min} (may be infinite: the span is used)
     * @return new settings
     * @throws IllegalArgumentException if the method is fixed-step, or the limits are NaN, negative or unordered
     */
    public IntegratorSettings withStepLimits(double min, double max) {
        requireAdaptive("step limits");
        Arguments.nonNegative("minStep", min);
        Arguments.check(!Double.isNaN(max) && max > min, "maxStep", max, "a value > minStep = " + min);
        // + 0.0: -0.0 is the step 0, printed and compared as 0.0 (review of 2026-12-08)
        return new IntegratorSettings(method, relativeTolerance, absoluteTolerance, blockRelative, blockAbsolute,
                min + 0.0, max, fixedStep, maxEvaluations);
    }

    /**
     * The same settings with a budget of right-hand-side evaluations; exceeding it fails the run
     * ({@link SimulationException.Reason#TOO_MANY_EVALUATIONS}). Raises or lowers the default
     * {@link #DEFAULT_MAX_EVALUATIONS} of the adaptive methods.
     *
     * @param evaluations the budget, at least 1
     * @return new settings
     * @throws IllegalArgumentException if the budget is below 1
     */
    public IntegratorSettings withMaxEvaluations(int evaluations) {
        Arguments.atLeast("maxEvaluations", evaluations, 1);
        return new IntegratorSettings(method, relativeTolerance, absoluteTolerance, blockRelative, blockAbsolute,
                minStep, maxStep, fixedStep, evaluations);
    }

    private void requireAdaptive(String what) {
        Arguments.check(method.isAdaptive(), "method", method, "an adaptive method to take " + what);
    }

    /**
     * The method.
     *
     * @return the method
     */
    public Method method() {
        return method;
    }

    /**
     * The scalar relative tolerance.
     *
     * @return {@code rtol}, NaN for fixed-step methods
     */
    public double relativeTolerance() {
        return relativeTolerance;
    }

    /**
     * The scalar absolute tolerance.
     *
     * @return {@code atol}, NaN for fixed-step methods
     */
    public double absoluteTolerance() {
        return absoluteTolerance;
    }

    /**
     * Whether the tolerances are given per block.
     *
     * @return true after {@link #withBlockTolerances}
     */
    public boolean hasBlockTolerances() {
        return blockRelative != null;
    }

    /**
     * The per-block relative tolerances.
     *
     * @return a copy, or an empty array when the tolerances are scalar
     */
    public double[] blockRelativeTolerances() {
        return blockRelative == null ? new double[0] : blockRelative.clone();
    }

    /**
     * The per-block absolute tolerances.
     *
     * @return a copy, or an empty array when the tolerances are scalar
     */
    public double[] blockAbsoluteTolerances() {
        return blockAbsolute == null ? new double[0] : blockAbsolute.clone();
    }

    /**
     * The smallest step of the adaptive methods.
     *
     * @return {@code minStep >= 0}
     */
    public double minStep() {
        return minStep;
    }

    /**
     * The largest step of the adaptive methods.
     *
     * @return {@code maxStep}, possibly infinite (then the span)
     */
    public double maxStep() {
        return maxStep;
    }

    /**
     * The step of the fixed-step methods.
     *
     * @return the step, NaN for adaptive methods
     */
    public double fixedStep() {
        return fixedStep;
    }

    /**
     * The evaluation budget.
     *
     * @return the most right-hand-side evaluations allowed
     */
    public int maxEvaluations() {
        return maxEvaluations;
    }

    /**
     * Whether a state is small for these tolerances: its largest entry is below {@code atol / sqrt(rtol)}, so that
     * its entries are controlled to {@code atol}, absolutely, and a plateau is integrated to worse than half the
     * digits {@code rtol} asks for (the class comment's "small starts"; 1e-7 at the defaults). A flow from such a
     * start logs a warning, its failure says so ({@link #smallStateNote}), and so does {@code dl simulate} on
     * stderr.
     *
     * @param largestEntry the largest magnitude among the state's entries, e.g. {@link #largestEntry(double[])}
     * @return true for a scalar-tolerance adaptive method and a finite {@code largestEntry > 0} below
     *         {@code atol / sqrt(rtol)}; false otherwise (fixed-step methods and per-block tolerances, which set
     *         {@code atol} for each block, included)
     */
    public boolean isSmallState(double largestEntry) {
        return method.isAdaptive() && blockRelative == null && largestEntry > 0 && Double.isFinite(largestEntry)
                && absoluteTolerance > Math.sqrt(relativeTolerance) * largestEntry;
    }

    /**
     * What a flow from a small state ({@link #isSmallState}) should say about these tolerances: that they hold it
     * to {@code atol}, not {@code rtol}, and the absolute tolerance that would not ({@link #absoluteToleranceFor}),
     * or that none does. The wording of a failure's hint ({@link SimulationException}) and of the warning a flow
     * from such a start logs ({@link Simulation#run()}).
     *
     * @param largestEntry the largest magnitude among the state's entries
     * @return the note, or empty where the state is not small
     */
    public Optional<String> smallStateNote(double largestEntry) {
        if (!isSmallState(largestEntry)) {
            return Optional.empty();
        }
        OptionalDouble atol = absoluteToleranceFor(largestEntry);
        return Optional.of("the start's largest entry " + largestEntry + " is below atol / sqrt(rtol) = "
                + absoluteTolerance / Math.sqrt(relativeTolerance) + ", so the tolerances hold it to atol, not rtol"
                + " (IntegratorSettings: " + (atol.isPresent() ? "an atol near rtol times that entry, "
                + atol.getAsDouble() + ", does" : "rtol times that entry is below the normal doubles: no atol holds"
                + " it to rtol") + ")");
    }

    /**
     * The absolute tolerance that integrates a state whose largest entry is {@code largestEntry} to {@code rtol}:
     * {@code rtol} times that entry, where it is a normal double (a subnormal one has lost its digits, and 0 is no
     * tolerance), what a small state's hints advise.
     *
     * @param largestEntry the largest magnitude among the state's entries
     * @return {@code rtol * largestEntry}, or empty where it is not a normal double (and for fixed-step methods)
     */
    public OptionalDouble absoluteToleranceFor(double largestEntry) {
        double atol = relativeTolerance * largestEntry;
        return atol >= Double.MIN_NORMAL && atol < Double.POSITIVE_INFINITY ? OptionalDouble.of(atol)
                : OptionalDouble.empty();
    }

    /**
     * The largest magnitude among a state's entries, as {@link #isSmallState(double)} takes it.
     *
     * @param state the entries
     * @return {@code max |state[i]|}, 0 for an empty state; NaN if an entry is NaN
     * @throws IllegalArgumentException if {@code state} is null
     */
    public static double largestEntry(double[] state) {
        Arguments.notNull("state", state);
        double largest = 0;
        for (double v : state) {
            largest = Math.max(largest, Math.abs(v));
        }
        return largest;
    }

    /** Per-component tolerances from per-block ones, or null when scalar. */
    double[][] expandTolerances(int[] blocks) {
        if (blockRelative == null) {
            return null;
        }
        Arguments.check(blocks.length == blockRelative.length, "block tolerances", blockRelative.length,
                blocks.length + " pairs, one per block of this dynamics");
        int size = Arrays.stream(blocks).sum();
        double[] rel = new double[size];
        double[] abs = new double[size];
        int offset = 0;
        for (int b = 0; b < blocks.length; b++) {
            Arrays.fill(rel, offset, offset + blocks[b], blockRelative[b]);
            Arrays.fill(abs, offset, offset + blocks[b], blockAbsolute[b]);
            offset += blocks[b];
        }
        return new double[][] {rel, abs};
    }

    /**
     * Settings are equal when they integrate alike: the same method, tolerances (scalar or per block), step bounds,
     * fixed step and evaluation budget (doubles compared as {@link Double#compare} does, so NaN equals NaN).
     *
     * @param o the other object
     * @return whether {@code o} is settings equal to these
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof IntegratorSettings)) {
            return false;
        }
        IntegratorSettings other = (IntegratorSettings) o;
        return method == other.method && Double.compare(relativeTolerance, other.relativeTolerance) == 0
                && Double.compare(absoluteTolerance, other.absoluteTolerance) == 0
                && Arrays.equals(blockRelative, other.blockRelative)
                && Arrays.equals(blockAbsolute, other.blockAbsolute)
                && Double.compare(minStep, other.minStep) == 0 && Double.compare(maxStep, other.maxStep) == 0
                && Double.compare(fixedStep, other.fixedStep) == 0 && maxEvaluations == other.maxEvaluations;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(method, relativeTolerance, absoluteTolerance, minStep, maxStep, fixedStep, maxEvaluations);
        return 31 * (31 * h + Arrays.hashCode(blockRelative)) + Arrays.hashCode(blockAbsolute);
    }

    @Override
    public String toString() {
        if (!method.isAdaptive()) {
            // the budget too, which the fixed-step methods enforce and equals compares (two settings printed alike;
            // review of 2026-12-08)
            return "IntegratorSettings(" + method.label() + ", step = " + fixedStep + ", at most " + maxEvaluations
                    + " evaluations)";
        }
        return "IntegratorSettings(" + method.label() + ", rtol = "
                + (blockRelative == null ? relativeTolerance : Arrays.toString(blockRelative)) + ", atol = "
                + (blockAbsolute == null ? absoluteTolerance : Arrays.toString(blockAbsolute)) + ", steps in ["
                + minStep + ", " + maxStep + "], at most " + maxEvaluations + " evaluations)";
    }
}
