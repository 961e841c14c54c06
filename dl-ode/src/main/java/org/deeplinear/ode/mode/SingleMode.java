package org.deeplinear.ode.mode;

import java.util.Arrays;
import org.deeplinear.core.Arguments;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.dfp.DfpMath;
import org.hipparchus.ode.FieldExpandableODE;
import org.hipparchus.ode.FieldODEState;
import org.hipparchus.ode.FieldODEStateAndDerivative;
import org.hipparchus.ode.FieldOrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.LutherFieldIntegrator;
import org.hipparchus.util.MathArrays;

/**
 * One aligned mode of a linear network, evolving alone (THEORY.md, "Aligned single modes"), with its initial
 * condition: an immutable value. Four equations:
 * <ul>
 *   <li>{@link #factorPair}: the factors {@code (w, u)} of the mode, {@code dw/dt = -u (w u - sigma)},
 *       {@code du/dt = -w (w u - sigma)}, so {@code s = w u} obeys {@code ds/dt = -(w^2 + u^2)(s - sigma)}
 *       and {@code w^2 - u^2} is conserved;</li>
 *   <li>{@link #balanced}: {@code ds/dt = 2 |s| (sigma - s)} (the logistic law; {@code |s|} is the sign caveat:
 *       a balanced start {@code w = -u} has {@code s <= 0} and never grows);</li>
 *   <li>{@link #lambdaBalanced}: {@code ds/dt = sqrt(lambda^2 + 4 s^2) (sigma - s)};</li>
 *   <li>{@link #depth}: {@code ds/dt = N |s|^{2 - 2/N} (sigma - s)}, balanced depth N.</li>
 * </ul>
 * A system of such modes runs through {@code Simulation.modes(...)} with the same API and trajectory type as
 * the matrix flows; each mode also runs alone in a Hipparchus field integrator over {@link Dfp} for reference
 * values ({@link #valueAt(double, int)}).
 *
 * <p>Coordinates: the mode's own state is {@code (w, u)} for the factor pair and {@code (s)} for the others
 * ({@link #dimension()}); {@link #derivatives} computes its time derivative in those coordinates.
 */
public final class SingleMode {

    /** The equations a mode can follow. */
    public enum Law {
        /** The factor pair {@code (w, u)}. */
        FACTOR_PAIR,
        /** Balanced, {@code ds/dt = 2 |s| (sigma - s)}. */
        BALANCED,
        /** lambda-balanced, {@code ds/dt = sqrt(lambda^2 + 4 s^2) (sigma - s)}. */
        LAMBDA_BALANCED,
        /** Balanced depth N, {@code ds/dt = N |s|^{2 - 2/N} (sigma - s)}. */
        DEPTH
    }

    private final Law law;
    private final double sigma;
    private final double lambda;
    private final int depth;
    private final double[] initial; // (w0, u0) or (s0)

    private SingleMode(Law law, double sigma, double lambda, int depth, double[] initial) {
        this.law = law;
        this.sigma = sigma;
        this.lambda = lambda;
        this.depth = depth;
        this.initial = initial;
    }

    /**
     * The deepest chain a {@link #depth} mode stands for: 10,000 layers; deeper ones are refused (an API audit:
     * depth {@code Integer.MAX_VALUE} hung {@link #valueAt} at time 0). Neither the chain nor the reference go
     * further: the factor flow of a depth-10,000 chain (3 x 2 target, hidden width 2) took 52 s to {@code t = 1} on
     * the development machine, its rate being about N times stiffer and each evaluation N layers long, so that a
     * depth of 100,000 would take hours; and {@link #valueAt} integrates {@code x = s^{1/N}}, whose rounding
     * ({@code 10^-digits} relative) {@code s = x^N} multiplies by N: {@code 1e-21} at 25 digits and this depth,
     * below the tolerance 1e-20 they allow. {@code Widths} counts up to {@code Widths.MAX_DEPTH = 2^20} layers, a
     * bound on what can be allocated, not on what can be run. The closed flow of a balanced chain has the
     * same bound ({@code ClosedEndToEndFlow.MAX_DEPTH}).
     */
    public static final int MAX_DEPTH = 10_000;

    /**
     * The factor pair {@code (w, u)} of a mode.
     *
     * @param sigma the target's singular value, finite and {@code >= 0}
     * @param w0    the output factor's initial value, finite
     * @param u0    the input factor's initial value, finite
     * @return the mode, with {@code s0 = w0 u0} and {@code lambda = w0^2 - u0^2}
     * @throws IllegalArgumentException if a value is not finite, sigma is negative, or {@code w0^2 + u0^2} (the
     *                                  scale of lambda and of the flow's rate) overflows a double
     */
    public static SingleMode factorPair(double sigma, double w0, double u0) {
        Arguments.nonNegative("sigma", sigma);
        Arguments.finite("w0", w0);
        Arguments.finite("u0", u0);
        boolean wLarger = Math.abs(w0) >= Math.abs(u0);
        Arguments.check(Double.isFinite(w0 * w0 + u0 * u0), wLarger ? "w0" : "u0", wLarger ? w0 : u0,
                "a value whose square, with " + (wLarger ? "u0 = " + u0 : "w0 = " + w0)
                        + "'s, sums to a finite w0^2 + u0^2 (lambda = w0^2 - u0^2 and the flow's rate)");
        return new SingleMode(Law.FACTOR_PAIR, sigma, w0 * w0 - u0 * u0, 2, new double[] {w0, u0});
    }

    /**
     * A balanced mode, {@code ds/dt = 2 |s| (sigma - s)}.
     *
     * @param sigma the target's singular value, finite and {@code >= 0}
     * @param s0    the initial value, finite
     * @return the mode
     * @throws IllegalArgumentException if a value is not finite or sigma is negative
     */
    public static SingleMode balanced(double sigma, double s0) {
        Arguments.nonNegative("sigma", sigma);
        return new SingleMode(Law.BALANCED, sigma, 0, 2, new double[] {Arguments.finite("s0", s0)});
    }

    /**
     * A lambda-balanced mode, {@code ds/dt = sqrt(lambda^2 + 4 s^2) (sigma - s)}.
     *
     * @param sigma  the target's singular value, finite and {@code >= 0}
     * @param lambda the conserved imbalance {@code w^2 - u^2}, finite
     * @param s0     the initial value, finite
     * @return the mode
     * @throws IllegalArgumentException if a value is not finite or sigma is negative
     */
    public static SingleMode lambdaBalanced(double sigma, double lambda, double s0) {
        Arguments.nonNegative("sigma", sigma);
        Arguments.finite("lambda", lambda);
        return new SingleMode(Law.LAMBDA_BALANCED, sigma, lambda, 2, new double[] {Arguments.finite("s0", s0)});
    }

    /**
     * A balanced mode of a depth-N chain, {@code ds/dt = N |s|^{2 - 2/N} (sigma - s)}.
     *
     * @param depth the depth N, in {@code [2, MAX_DEPTH]} (N = 2 is {@link #balanced})
     * @param sigma the target's singular value, finite and {@code >= 0}
     * @param s0    the initial value, finite
     * @return the mode
     * @throws IllegalArgumentException if the depth is below 2 or above {@link #MAX_DEPTH}, a value is not finite
     *                                  or sigma is negative
     */
    public static SingleMode depth(int depth, double sigma, double s0) {
        Arguments.atLeast("depth", depth, 2);
        Arguments.check(depth <= MAX_DEPTH, "depth", depth, "at most MAX_DEPTH = " + MAX_DEPTH
                + " (the deepest chain whose flow and reference can be run)");
        Arguments.nonNegative("sigma", sigma);
        return new SingleMode(Law.DEPTH, sigma, 0, depth, new double[] {Arguments.finite("s0", s0)});
    }

    /**
     * The equation this mode follows.
     *
     * @return the law
     */
    public Law law() {
        return law;
    }

    /**
     * The target's singular value.
     *
     * @return {@code sigma >= 0}
     */
    public double sigma() {
        return sigma;
    }

    /**
     * The imbalance {@code w^2 - u^2}: the initial one for the factor pair (conserved by the flow), the law's
     * parameter for lambda-balanced, 0 for the balanced laws.
     *
     * @return lambda
     */
    public double lambda() {
        return lambda;
    }

    /**
     * The depth N (2 except for {@link Law#DEPTH}).
     *
     * @return N
     */
    public int depth() {
        return depth;
    }

    /**
     * The initial value of the mode, {@code s0} ({@code w0 u0} for the factor pair).
     *
     * @return {@code s0}
     */
    public double initialValue() {
        return law == Law.FACTOR_PAIR ? initial[0] * initial[1] : initial[0];
    }

    /**
     * The number of coordinates of the mode's own state: 2 for the factor pair {@code (w, u)}, else 1.
     *
     * @return 1 or 2
     */
    public int dimension() {
        return initial.length;
    }

    /**
     * The mode's initial state in its own coordinates.
     *
     * @return a new array {@code (w0, u0)} or {@code (s0)}
     */
    public double[] initialState() {
        return initial.clone();
    }

    /**
     * Checks that an array holds the mode's {@link #dimension()} coordinates from an offset. Cheap where it passes
     * (no message is formed): it runs for every mode at every stage of an integration ({@link #derivatives}) and
     * at every sample and event check ({@link #value}, {@link #imbalance}).
     *
     * @throws IllegalArgumentException  if the array is null or shorter than the mode's coordinates
     * @throws IndexOutOfBoundsException if the offset leaves no room for them
     */
    private void checkCoordinates(String name, double[] array, String offsetName, int offset) {
        int d = initial.length;
        if (Arguments.notNull(name, array).length < d) {
            throw Arguments.fail(name + ".length", array.length, "at least the mode's " + d + " coordinate"
                    + (d == 1 ? " (s)" : "s (w, u)"));
        }
        if (offset < 0 || offset > array.length - d) {
            throw new IndexOutOfBoundsException(offsetName + " = " + offset + ": expected 0.." + (array.length - d)
                    + " (" + d + " coordinate" + (d == 1 ? "" : "s") + " from it in " + name + " of length "
                    + array.length + ")");
        }
    }

    /**
     * The value {@code s} of a state in the mode's coordinates.
     *
     * @param state  the coordinates (Not modified), at least {@link #dimension()} of them
     * @param offset where the mode's coordinates start, in {@code [0, state.length - dimension()]}
     * @return {@code w u} or {@code s}
     * @throws IllegalArgumentException  if {@code state} is null or shorter than {@link #dimension()}
     * @throws IndexOutOfBoundsException if {@code offset} is outside {@code [0, state.length - dimension()]}
     */
    public double value(double[] state, int offset) {
        checkCoordinates("state", state, "offset", offset);
        return law == Law.FACTOR_PAIR ? state[offset] * state[offset + 1] : state[offset];
    }

    /**
     * The imbalance of a state: {@code w^2 - u^2} for the factor pair, the law's lambda otherwise.
     *
     * @param state  the coordinates (Not modified), at least {@link #dimension()} of them
     * @param offset where the mode's coordinates start, in {@code [0, state.length - dimension()]}
     * @return the imbalance
     * @throws IllegalArgumentException  if {@code state} is null or shorter than {@link #dimension()}
     * @throws IndexOutOfBoundsException if {@code offset} is outside {@code [0, state.length - dimension()]}
     */
    public double imbalance(double[] state, int offset) {
        checkCoordinates("state", state, "offset", offset);
        if (law == Law.FACTOR_PAIR) {
            double w = state[offset];
            double u = state[offset + 1];
            return (w - u) * (w + u);
        }
        return lambda;
    }

    /**
     * The rate {@code ds/dt} at a value, for the one-coordinate laws; for the factor pair, the rate of
     * {@code s = w u} at the balanced point {@code w = u = sqrt|s|} with the pair's lambda, i.e. the
     * lambda-balanced rate.
     *
     * @param s the value, finite
     * @return {@code ds/dt}: 0 at the fixed point {@code s = sigma} even where the factor before
     *         {@code (sigma - s)} overflows (e.g. {@code sigma = 1e300} at depth 3, where it is {@code 1e400})
     * @throws IllegalArgumentException if {@code s} is not finite (as the laws' {@code rate} refuses it; it gave NaN,
     *                                  and -infinity for +infinity, review of 2026-12-07)
     */
    public double rate(double s) {
        return rateAt(Arguments.finite("s", s));
    }

    /**
     * {@link #rate(double)} without the check: in the right-hand side a state that is not finite gives a rate that is
     * not, which the run reports as a divergence.
     */
    private double rateAt(double s) {
        if (s == sigma) {
            return 0.0;                      // not Infinity x 0
        }
        switch (law) {
            case BALANCED:
                return 2 * Math.abs(s) * (sigma - s);
            case DEPTH:
                // |s|^(2-2/N) as |s| |s|^(1-2/N), each factor a double where the rate is one: formed alone, the power
                // underflowed (depth(3, 1e100, 0.5).rate(1e-300) was 0 for 3e-300; numerics audit of 2026-12-07)
                return depth * productOfThree(Math.abs(s), Math.pow(Math.abs(s), 1 - 2.0 / depth), sigma - s);
            default:
                return Math.hypot(lambda, 2 * s) * (sigma - s);
        }
    }

    /**
     * {@code a b c} without an intermediate overflow or underflow where the product is a double: the factors with
     * the largest and the smallest binary exponents first (their product lies between the two, so it overflows only
     * where the whole does, and likewise underflows), then the third.
     */
    private static double productOfThree(double a, double b, double c) {
        int ea = Math.getExponent(a);
        int eb = Math.getExponent(b);
        int ec = Math.getExponent(c);
        if (ea >= eb && ea >= ec) {
            return eb <= ec ? (a * b) * c : (a * c) * b;
        }
        if (eb >= ec) {
            return ea <= ec ? (b * a) * c : (b * c) * a;
        }
        return ea <= eb ? (c * a) * b : (c * b) * a;
    }

    /**
     * The time derivative of the mode's state, in its coordinates.
     *
     * @param state            the coordinates (Not modified), at least {@link #dimension()} of them
     * @param offset           where they start in {@code state}, in {@code [0, state.length - dimension()]}
     * @param derivative       where the derivative is written, {@link #dimension()} entries (Modified; the rest
     *                         untouched)
     * @param derivativeOffset where it starts in {@code derivative}, in
     *                         {@code [0, derivative.length - dimension()]}
     * @throws IllegalArgumentException  if an array is null or shorter than {@link #dimension()}
     * @throws IndexOutOfBoundsException if an offset leaves no room for the {@link #dimension()} coordinates
     */
    public void derivatives(double[] state, int offset, double[] derivative, int derivativeOffset) {
        checkCoordinates("state", state, "offset", offset);
        checkCoordinates("derivative", derivative, "derivativeOffset", derivativeOffset);
        if (law == Law.FACTOR_PAIR) {
            double w = state[offset];
            double u = state[offset + 1];
            double r = w * u - sigma;
            derivative[derivativeOffset] = -u * r;
            derivative[derivativeOffset + 1] = -w * r;
        } else {
            derivative[derivativeOffset] = rateAt(state[offset]);
        }
    }

    /**
     * The time derivative of the mode's state in any field (for high-precision references).
     *
     * @param state      the coordinates (Not modified), {@link #dimension()} of them from index 0, not null
     * @param derivative where the derivative is written, {@link #dimension()} entries from index 0 (Modified)
     * @param <T>        the field's element type
     * @throws IllegalArgumentException if an array is null or shorter than {@link #dimension()}, or a coordinate is
     *                                  null
     */
    public <T extends CalculusFieldElement<T>> void derivatives(T[] state, T[] derivative) {
        // cheap where it passes: the high-precision reference calls this at every stage
        int d = initial.length;
        if (Arguments.notNull("state", state).length < d) {
            throw Arguments.fail("state.length", state.length, "at least the mode's " + d + " coordinates");
        }
        if (Arguments.notNull("derivative", derivative).length < d) {
            throw Arguments.fail("derivative.length", derivative.length, "at least the mode's " + d + " coordinates");
        }
        for (int i = 0; i < d; i++) {
            if (state[i] == null) {
                throw Arguments.fail("state[" + i + "]", null, "a non-null value");
            }
        }
        if (law == Law.FACTOR_PAIR) {
            T w = state[0];
            T u = state[1];
            T r = w.multiply(u).subtract(sigma);
            derivative[0] = u.multiply(r).negate();
            derivative[1] = w.multiply(r).negate();
            return;
        }
        T s = state[0];
        T gap = s.negate().add(sigma);
        switch (law) {
            case BALANCED:
                derivative[0] = s.abs().multiply(gap).multiply(2);
                break;
            case DEPTH:
                // |s|^{2-2/N} as (|s|^{1/N})^{2N-2}, the exponent exact in the field (2 - 2.0 / N rounded to a double
                // cost about 1e-17 |ln s| relative; review of 2026-12-08)
                derivative[0] = s.abs().rootN(depth).pow(2 * depth - 2).multiply(gap).multiply(depth);
                break;
            default:
                // lambda^2 in the field: in doubles it underflows to 0 below |lambda| ~ 1.5e-162 (the reference then
                // integrated lambda = 0, and answered -1.4e-172 where the law is 1.5e-170) and overflows above
                // 1.3e154 (review of 2026-12-08)
                T l = s.newInstance(lambda);
                derivative[0] = s.multiply(s).multiply(4).add(l.multiply(l)).sqrt().multiply(gap);
                break;
        }
    }

    /** Default tolerance of the high-precision references, relative and absolute. */
    public static final double REFERENCE_TOLERANCE = 1e-22;

    /**
     * A high-precision reference at the default tolerance {@link #REFERENCE_TOLERANCE}:
     * {@code valueAt(time, digits, 1e-22)} (at 25 and 26 digits, the finest tolerance they allow, 1e-20 and 1e-21).
     *
     * @param time   the end time, finite and {@code >= 0}
     * @param digits the decimal digits of the arithmetic, between 25 and 60
     * @return {@code s(time)}, to about 1e-22 relative (1e-20, 1e-21 at 25, 26 digits), or absolute to that times
     *         the floor of {@link #valueAt(double, int, double)} near a zero of {@code s}
     * @throws IllegalArgumentException if the time is negative or not finite or the digits out of range
     * @throws IllegalStateException    if 2^20 steps do not reach the tolerance (see the cost in
     *                                  {@link #valueAt(double, int, double)})
     */
    public Dfp valueAt(double time, int digits) {
        // 1e-22, or what 25 and 26 digits can reach (10^-(digits - 5)): the default never exceeds the range
        return valueAt(time, digits, Math.max(REFERENCE_TOLERANCE, Math.pow(10, -(digits - 5))));
    }

    /**
     * A high-precision reference: {@code s(time)} from this mode's initial state, integrated by Hipparchus's
     * Luther field integrator (fixed-step Runge-Kutta of order 6) in {@link Dfp} arithmetic at {@code digits}
     * decimal digits, with the step halved until the finer of two successive results has an estimated error
     * {@code |fine - coarse| / 63} (Richardson, order 6) below {@code tolerance} relative to {@code max(|s|, f)},
     * the floor {@code f} (for a value near a zero of {@code s}) {@code 1e-30} or the start's {@code |s0|} where that
     * is smaller and not 0; the finer result is returned. The initial values are the exact binary doubles given
     * at construction; {@code sigma} and {@code lambda} likewise. The depth-N law is integrated in the layers'
     * common value {@code x = sign(s) |s|^{1/N}}, {@code dx/dt = |x|^{N-1} (sigma - s)}, which is polynomial (no
     * fractional power per step), and {@code s = x |x|^{N-1}} returned.
     *
     * <p>Two details of Hipparchus 4.0.2 shape this: its field Runge-Kutta integrators use {@code double} Butcher
     * coefficients unless told otherwise (set here), which caps them near 1e-16; and its adaptive field
     * Dormand-Prince estimates its error in {@code double}, so it cannot control an error below 1e-16 (hence
     * fixed steps, halved).
     *
     * <p>Cost: every halving integrates again from the start, 7 evaluations a step in {@code Dfp}, up to
     * {@code 64 + 128 + ... + 2^20}, about 2^21 steps, in all. The steps it needs grow with {@code time} over the
     * law's time scale at {@code sigma}, about {@code 1 / (2 sigma)} balanced and {@code 1 / (N sigma^{2 - 2/N})}
     * at depth N (a fixed step must resolve it even once the mode rests at {@code sigma}), so a long or stiff
     * request is slow even where it succeeds: at 25 digits, on the development machine, {@code balanced(1, 0.1)}
     * to {@code t = 1e4} took 12 s, {@code depth(1000, 1, 0.5)} to {@code t = 1} 1.4 s. It is not refused up front:
     * the steps a law needs depend on where its solution goes, known only by integrating it. A run whose state
     * leaves the finite numbers (a step far beyond the time scale) is abandoned there and the steps halved again,
     * so that a request no 2^20 steps resolve fails quickly: {@code factorPair(1e300, 1, 1)} to
     * {@code t = 1}, whose rate at {@code sigma} is {@code 2e300}, in 0.7 s (more than 170 s while every run went
     * to its end).
     *
     * @param time      the end time, finite and {@code >= 0}
     * @param digits    the decimal digits of the arithmetic, between 25 and 60
     * @param tolerance the relative error asked for, in {@code [10^-(digits - 5), 1e-10]}
     * @return {@code s(time)}
     * @throws IllegalArgumentException if the time is negative or not finite, or the digits or the tolerance are
     *                                  out of range
     * @throws IllegalStateException    if 2^20 steps do not reach the tolerance
     */
    public Dfp valueAt(double time, int digits, double tolerance) {
        Arguments.nonNegative("time", time);
        Arguments.check(digits >= 25 && digits <= 60, "digits", digits, "an integer in [25, 60]");
        Arguments.check(tolerance >= Math.pow(10, -(digits - 5)) && tolerance <= 1e-10, "tolerance", tolerance,
                "a value in [1e-" + (digits - 5) + ", 1e-10]");
        DfpField field = new DfpField(digits);
        Dfp[] y0 = MathArrays.buildArray(field, initial.length);
        for (int i = 0; i < initial.length; i++) {
            y0[i] = field.newDfp(initial[i]);
        }
        if (law == Law.DEPTH) {
            // integrate the layers' common value x = sign(s) |s|^{1/N} instead, a polynomial equation
            // 1/N as a quotient of two Dfp (Dfp.divide(int) takes one digit of radix 10,000: NaN from N = 10,000)
            y0[0] = DfpMath.pow(y0[0].abs(), field.getOne().divide(field.newDfp(depth)))
                    .multiply(initial[0] < 0 ? -1 : 1);
        }
        if (time == 0) {
            return valueOf(y0);
        }
        Dfp bound = field.newDfp(tolerance);
        // relative to |s|, or near a zero of s to 1e-30 or the start's |s0| if smaller: a floor of 1e-30 alone made
        // a mode of 1e-170 a reference to 1e-52 absolute, 1.3e-14 of it (review of 2026-12-08)
        Dfp start = valueOf(y0).abs();
        Dfp floor = field.newDfp(1e-30);
        if (!start.isZero() && start.lessThan(floor)) {
            floor = start;
        }
        int steps = 64;
        Dfp coarse = integrate(field, y0, time, steps);
        while (steps < (1 << 20)) {
            steps *= 2;
            Dfp fine = integrate(field, y0, time, steps);
            if (fine == null || coarse == null) {
                coarse = fine;                   // a run that left the numbers: no estimate, halve again
                continue;
            }
            Dfp scale = fine.abs().greaterThan(floor) ? fine.abs() : floor;
            // order 6: the finer result's error is about |fine - coarse| / (2^6 - 1) (Richardson)
            if (fine.subtract(coarse).abs().divide(63).divide(scale).lessThan(bound)) {
                return fine;
            }
            coarse = fine;
        }
        throw new IllegalStateException("valueAt(" + time + ") of " + this + ": 2^20 steps did not reach "
                + tolerance);
    }

    private Dfp valueOf(Dfp[] y) {
        switch (law) {
            case FACTOR_PAIR:
                return y[0].multiply(y[1]);
            case DEPTH:
                return y[0].multiply(integerPower(y[0].abs(), depth - 1));
            default:
                return y[0];
        }
    }

    /**
     * Ends a run of {@link #integrate} whose state left the finite numbers: an explicit step far longer than the
     * law's time scale (the equilibrium's rate {@code 2 sigma} for a balanced mode) multiplies the error at every
     * step, and a state that overflows stays infinite or NaN to the end. Without a stack trace; one instance.
     */
    private static final class LeftTheNumbers extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private static final LeftTheNumbers INSTANCE = new LeftTheNumbers();

        private LeftTheNumbers() {
            super(null, null, false, false);
        }
    }

    /**
     * {@code s(time)} by {@code steps} fixed steps from {@code y0}, or null if the state left the finite numbers
     * on the way (the run ends there: an API audit's {@code factorPair(1e300, 1, 1).valueAt(1, 25)}, whose
     * equilibrium's rate {@code 2e300} no step count up to 2^20 resolves, took more than 170 s to finish its runs
     * in infinities before its {@link IllegalStateException}).
     */
    private Dfp integrate(DfpField field, Dfp[] y0, double time, int steps) {
        try {
            return valueOf(integrateState(field, y0, time, steps));
        } catch (LeftTheNumbers e) {
            return null;
        }
    }

    private Dfp[] integrateState(DfpField field, Dfp[] y0, double time, int steps) {
        Dfp end = field.newDfp(time);
        // the step as a quotient of two Dfp: Dfp.divide(int) divides by one digit of its radix (below 10,000) and
        // gave NaN from 16,384 steps on (review of 2026-12-07: valueAt(3, 40) at its default tolerance needs them,
        // and the integrator ran without end on a NaN step)
        LutherFieldIntegrator<Dfp> integrator = new LutherFieldIntegrator<>(field, end.divide(field.newDfp(steps)));
        integrator.setUsingFieldCoefficients(true); // Hipparchus 4 defaults to double Butcher coefficients
        FieldOrdinaryDifferentialEquation<Dfp> equation = new FieldOrdinaryDifferentialEquation<>() {
            @Override
            public int getDimension() {
                return initial.length;
            }

            @Override
            public Dfp[] computeDerivatives(Dfp t, Dfp[] y) {
                for (Dfp v : y) {
                    if (v.isNaN() || v.isInfinite()) {
                        throw LeftTheNumbers.INSTANCE;
                    }
                }
                Dfp[] yDot = MathArrays.buildArray(field, y.length);
                if (law == Law.DEPTH) {
                    // dx/dt = |x|^{N-1} (sigma - s), s = x |x|^{N-1}: the depth-N law with s = sign(x) |x|^N
                    Dfp power = integerPower(y[0].abs(), depth - 1);
                    yDot[0] = power.multiply(y[0].multiply(power).negate().add(sigma));
                } else {
                    derivatives(y, yDot);
                }
                return yDot;
            }
        };
        FieldODEStateAndDerivative<Dfp> state = integrator.integrate(new FieldExpandableODE<>(equation),
                new FieldODEState<>(field.getZero(), y0), end);
        return state.getPrimaryState();
    }

    /**
     * {@code x^n} for {@code n >= 0} by repeated squaring: about {@code 2 log2(n)} products, where it took
     * {@code n} (at {@link #MAX_DEPTH}, 21 against 9,999 at every stage of the reference).
     */
    private static Dfp integerPower(Dfp x, int n) {
        Dfp result = x.getField().getOne();
        Dfp square = x;
        for (int k = n; k > 0; k >>= 1) {
            if ((k & 1) != 0) {
                result = result.multiply(square);
            }
            if (k > 1) {
                square = square.multiply(square);
            }
        }
        return result;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SingleMode)) {
            return false;
        }
        SingleMode other = (SingleMode) o;
        return law == other.law && sigma == other.sigma && lambda == other.lambda && depth == other.depth
                && Arrays.equals(initial, other.initial);
    }

    @Override
    public int hashCode() {
        // + 0.0: equals compares with ==, for which -0.0 and 0.0 are one value (their bits' hashes differed)
        return ((law.hashCode() * 31 + Double.hashCode(sigma + 0.0)) * 31 + Double.hashCode(lambda + 0.0)) * 31
                + depth + Arrays.hashCode(initial);
    }

    @Override
    public String toString() {
        return "SingleMode(" + law + ", sigma = " + sigma + (law == Law.LAMBDA_BALANCED ? ", lambda = " + lambda : "")
                + (law == Law.DEPTH ? ", N = " + depth : "") + ", s0 = " + initialValue() + ")";
    }
}
