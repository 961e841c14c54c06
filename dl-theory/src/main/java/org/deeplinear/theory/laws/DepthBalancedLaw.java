package org.deeplinear.theory.laws;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;

import org.deeplinear.core.Arguments;

/**
 * The balanced depth-{@code N} law of an aligned mode: {@code ds/dt = N s^{2-2/N} (sigma - s)} (Arora, Cohen, Hu,
 * Luo 2019; Saxe et al. 2014, Eq. 15), for {@code s0 >= 0}; {@code N = 2} is the {@link LogisticLaw}.
 *
 * <p>The time to reach {@code s} is, with {@code x = s^{1/N}}, {@code q = (N-2)/N} and {@code c = sigma^{1/N}},
 * <pre>
 *   t = [s0^{-q} - s^{-q}] / (sigma (N - 2)) + (1/sigma) integral_{x0}^{x} y dy / (sigma - y^N),
 * </pre>
 * where the plateau term dominates for small {@code s0} (plateau length {@code ~ s0^{-q}/(sigma (N-2))}, Gissin,
 * Shalev-Shwartz, Daniely 2020). The integral is closed for {@code N = 3} (antiderivative
 * {@code G3(x) = [ln(c^2 + c x + x^2) - 2 ln(c - x) - 2 sqrt3 atan((c + 2x)/(sqrt3 c))] / (6c)}) and for
 * {@code N = 4} (an {@code artanh}); for other {@code N} it is split as
 * {@code y/(sigma - y^N) = c^{2-N} / (N (c - y)) + c^{1-N} G(y/c) / S(y/c)} with {@code S(v) = 1 + v + ... + v^{N-1}}
 * and {@code G(v) = (S(v) - N v) / (N (v - 1))} a polynomial, so the logarithmic singularity at {@code c} is
 * integrated in closed form and the smooth rational remainder by a composite 16-point Gauss-Legendre rule on
 * pieces of length at most {@code sin(2 pi/N)/2} (half the distance to the remainder's nearest pole, so the
 * truncation error is below rounding; a fixed rule, no iteration that could fail). Every difference
 * ({@code s - s0}, {@code x - x0}, {@code c - x}, differences of logarithms and arctangents) is formed without
 * cancellation.
 *
 * <p>The value {@code s(t)} is the root of {@code t(s) = t}, found by a safeguarded Newton iteration with bisection
 * (rtsafe style) on a bracket in the logit variable {@code xi = ln(s/(sigma - s))} (decaying: {@code ln(s - sigma)}),
 * which spreads the plateau and the saturation over a bounded range and in which {@code dt/dxi} is closed and
 * smooth; it starts from the plateau or off-target law (exact far from sigma), stops at a step below {@code 1e-6}
 * in {@code xi} or once {@code s} no longer moves, takes at most 64 iterations (1.3 to 1.7 on average over 18,000
 * random cases; up to 31 where {@code t} is within an ulp or so of the time to reach the last double, where
 * {@code t(s)} is flat; the cap was reached in 2 of 206,000 calls at extreme parameters, which then return the best
 * point evaluated) and allocates nothing. The root is polished by up to two Newton steps
 * {@code s += (t - t(s)) ds/dt} (the step formed as one scaled product, a double where {@code ds/dt} alone would
 * overflow or underflow), each taken only where it does not leave {@code t(s)} farther from {@code t}. Its error is
 * about ten ulps times the condition number {@code t |ds/dt| / s}, or ten ulps where that is below 1 (the rounding
 * of {@code t(s)}, which the Newton steps carry into {@code s}): measured against 40-digit references over issue 5's
 * range, 3,000 cases per depth, within that in 97% of cases or more at depths 3, 4, 5, 7, 10 and 100; the largest
 * ratios seen in that sample and a second one (300 cases where the two solvers differ) were 2.2 at depths 3 to 10 and
 * 5.5 at depth 100, the Brent solver used before giving alike (1.7 and 5.2; reviews of 2026-12-07). These are
 * samples' maxima, not proven bounds. The ends of the bracket are {@code s0} and the last double before
 * {@code sigma} themselves, so
 * {@code value} returns for every {@code t >= 0}. Times at or beyond the time to reach that last double give
 * {@code sigma}.
 *
 * <p>Edges of double precision. Times below the resolution of the time-to-reach map at {@code s0} (where
 * {@code |t rate'(s0)|} and {@code |t rate(s0)|/s0} are below {@code 2^-26}, so the first-order step is exact to
 * rounding) give {@code s0 + t rate(s0)} without the solver (the product formed so that a rate that underflows
 * does not lose the step). Every finite {@code sigma > 0} and {@code s0 >= 0} is
 * accepted and every method answers a number (never NaN, never a Hipparchus exception); the accuracy statements
 * above hold for issue 5's range ({@code sigma} in {@code [1e-3, 1e3]}, {@code s0} in {@code [1e-12, 10 sigma]}).
 * Beyond it {@link #value(double)} and {@link #timeToReach(double)}:
 * <ul>
 *   <li>for {@code s0/sigma} above {@code 1e100} follow the off-target law {@code ds/dt = -N s^{3-2/N}}
 *       (relative rate error {@code sigma/s}, below {@code 2e-100}) down to half that ratio, then this law; the
 *       split costs a relative error of about {@code 1e-16 t/(t - t1)} in {@code value} ({@code t1} the first
 *       phase's time);</li>
 *   <li>for {@code s0/sigma} below {@code 1e-100} follow the plateau law {@code ds/dt = N sigma s^{2-2/N}} (exact
 *       to double precision there) up to {@code 2e-100 sigma}, then this law;</li>
 *   <li>for {@code sigma} outside {@code [1e-100, 1e100]} evaluate the scale-free law,
 *       {@code s(t; sigma, s0) = sigma u(sigma^{2-2/N} t; 1, s0/sigma)};</li>
 *   <li>where {@code t(s)} still leaves the doubles (subnormal {@code sigma} or ratios), fall back to the plateau
 *       or off-target approximation, finite, monotone and between {@code s0} and {@code sigma}, with no accuracy
 *       claimed.</li>
 * </ul>
 *
 * <p>Construction is only the argument checks; the rule's nodes are constants.
 *
 * @param depth        the depth {@code N}, in {@code [2, MAX_DEPTH]}
 * @param sigma        the target singular value, finite and {@code > 0}
 * @param initialValue the initial value {@code s0}, finite and {@code >= 0} ({@code s0 = 0} stays at 0)
 */
public record DepthBalancedLaw(int depth, double sigma, double initialValue) implements ModeLaw {

    /** The largest depth accepted (the quadrature and its tests cover depths up to this). */
    public static final int MAX_DEPTH = 100;

    /**
     * The non-negative nodes of the 16-point Gauss-Legendre rule on {@code [-1, 1]} used on short intervals (the
     * rule is symmetric), each the double nearest to the exact node: printed from Hipparchus's
     * {@code GaussIntegratorFactory.legendreHighPrecision(16)}, which computes them in high precision. Written out
     * because that computation costs about 1.6 s at class initialisation.
     */
    private static final double[] SHORT_NODES = {
        0.09501250983763744, 0.2816035507792589, 0.45801677765722737, 0.6178762444026438,
        0.755404408355003, 0.8656312023878318, 0.9445750230732326, 0.9894009349916499};
    /** The weights of {@link #SHORT_NODES}, from the same source (they sum to 2). */
    private static final double[] SHORT_WEIGHTS = {
        0.1894506104550685, 0.18260341504492358, 0.16915651939500254, 0.14959598881657674,
        0.12462897125553388, 0.09515851168249279, 0.062253523938647894, 0.027152459411754096};
    /**
     * Below this {@code sigma} (or above its inverse) {@link #value(double)} evaluates the scale-free law
     * ({@code sigma = 1}); below this {@code s0/sigma} it follows the plateau law first (exact to double precision
     * there).
     */
    private static final double SCALE_RANGE_LOW = 1e-100;
    /**
     * Above this {@code s0/sigma} {@link #value(double)} and {@link #timeToReach(double)} follow the off-target law
     * first, down to half of it (relative rate error {@code sigma/s <= 2e-100}: exact to double precision). Below it
     * the series of {@link #timeFromAbove(double)} covers the far part exactly (this was {@code min(2000^N, 1e100)},
     * whose rate error {@code 2000^-N} cost 1.5e-10 of the time at N = 3; review of 2026-12-07).
     */
    private static final double FAR_RATIO = 1e100;
    /**
     * The Newton iteration in the logit ({@link #solveInLogit}) stops at a step below this: its error is then below
     * about the step's square (in the logit {@code |t''/(2 t')| <= 1}), 1e-12, which the first Newton step in
     * {@code s} squares again.
     */
    private static final double LOGIT_TOLERANCE = 1e-6;
    /**
     * The iterations of {@link #solveInLogit} at most: above need (1.3 to 1.7 on average over 18,000 random cases of
     * depths 3 to 100, up to 31 where {@code t(s)} is flat near the time to reach the last double), and room for
     * bisection alone to bring the widest bracket (under
     * 2^10: {@code xi} lies between about -270 and 460 where the iteration runs) below {@link #LOGIT_TOLERANCE} in 30
     * halvings with a Newton step tried after each. Reaching it is not a failure: the evaluated point of least
     * residual is returned, and the Newton steps in {@code s} polish it.
     */
    private static final int MAX_ITERATIONS = 64;

    /**
     * Checks a depth as the law does: the one check of the depths this law, and the generators' cases and recipes
     * that build it, accept.
     *
     * @param depth the depth N
     * @return {@code depth}
     * @throws IllegalArgumentException naming {@code depth} if it is outside {@code [2, MAX_DEPTH]}
     */
    public static int checkDepth(int depth) {
        Arguments.check(depth >= 2 && depth <= MAX_DEPTH, "depth", depth, "an integer in [2, " + MAX_DEPTH + "]");
        return depth;
    }

    /**
     * Validates the parameters.
     *
     * @param depth the depth N
     * @param sigma the target singular value
     * @param initialValue the initial value s0
     * @throws IllegalArgumentException if {@code depth} is outside {@code [2, MAX_DEPTH]}, {@code sigma} is not
     *                                  finite and positive, or {@code initialValue} is not finite and {@code >= 0}
     */
    public DepthBalancedLaw {
        checkDepth(depth);
        Arguments.positive("sigma", sigma);
        Arguments.check(Double.isFinite(initialValue) && initialValue >= 0, "s0", initialValue,
                "a finite value >= 0 (the depth-N law is stated for non-negative starts)");
    }

    @Override
    public double value(double t) {
        LawSupport.checkTime(t);
        double s0 = initialValue;
        if (depth == 2) {
            return new LogisticLaw(sigma, s0).value(t);
        }
        if (s0 == 0 || s0 == sigma || t == 0) {
            return s0;
        }
        if (t == Double.POSITIVE_INFINITY) {
            return sigma;
        }
        double ratio = s0 / sigma;
        if (ratio < SCALE_RANGE_LOW) {
            // the plateau law is exact to double precision up to s1 = 2e-100 sigma; the full law from there
            double s1 = 2 * SCALE_RANGE_LOW * sigma;
            if (s1 < Double.MIN_NORMAL) {
                return approximateValue(t);
            }
            double t1 = plateau(s1);
            // (a t1 that is not a number, from s0^-q overflowing, keeps the plateau law: !(t > NaN))
            return !(t > t1) ? approximateValue(t) : new DepthBalancedLaw(depth, sigma, s1).value(t - t1);
        }
        if (ratio > FAR_RATIO) {
            // the off-target law, relative rate error sigma/s, down to s1 = FAR_RATIO sigma / 2; the full law from
            // there
            double s1 = FAR_RATIO / 2 * sigma;
            OffTargetDecayLaw offTarget = new OffTargetDecayLaw(depth, s0);
            double t1 = offTarget.timeToReach(s1).orElse(Double.POSITIVE_INFINITY);
            return !(t > t1) ? Math.max(s1, offTarget.value(t))
                    : new DepthBalancedLaw(depth, sigma, s1).value(t - t1);
        }
        if (sigma < SCALE_RANGE_LOW || sigma > 1 / SCALE_RANGE_LOW) {
            // scale-free: s(t; sigma, s0) = sigma u(sigma^p t; 1, s0/sigma), sigma^p t as one scaled product (through
            // logarithms it cost (|ln t| + p |ln sigma|) 2^-53, up to 1e-13 before the condition number: 0.679 sigma
            // at the half-time for N = 100, sigma = 8.7e142; review of 2026-12-08)
            double u0 = s0 / sigma;
            if (!(Double.isFinite(u0) && u0 >= Double.MIN_NORMAL)) {
                return approximateValue(t);
            }
            double u = new DepthBalancedLaw(depth, 1, u0).value(LawSupport.powerTimes(sigma, 2L * depth - 2, depth, t,
                    1, 1, 1, 0));
            return Math.max(Math.min(s0, sigma), Math.min(Math.max(s0, sigma), sigma * u));
        }
        boolean growing = s0 < sigma;
        double end = growing ? Math.nextDown(sigma) : Math.nextUp(sigma);
        double endTime = elapsed(end);
        if (t == Double.POSITIVE_INFINITY || end == s0 || t >= endTime) {
            return sigma;
        }
        // (t ds/dt scaled: the rate alone underflows for tiny s0 and sigma, 3 s0^(4/3) sigma at s0 = 1e-200, sigma =
        // 1e-100, while the step is a double; the shortcut returned s0; review of 2026-12-07)
        double step = rateTimes(t, s0);
        if (belowResolution(t, step)) {
            return s0 + step;
        }
        if (!(endTime > 0 && endTime < Double.POSITIVE_INFINITY)) {
            // t(s) leaves the doubles (sigma or s0 at the edges of double precision)
            return approximateValue(t);
        }
        // growing: the logit xi = ln(s/(sigma - s)), s = sigma/(1 + e^-xi); decaying: xi = ln(s - sigma), s = sigma +
        // e^xi, whose absolute accuracy is a relative one on s - sigma at every scale (the logit ln((s - sigma)/s)
        // of the decay is about -sigma/s, below the solver's accuracy for s above 1e14 sigma: value() did not
        // invert the time there, nor grow monotone; review of 2026-12-06)
        double xi0 = growing ? LawSupport.logOfQuotient(s0, sigma - s0) : Math.log(s0 - sigma);
        double xiEnd = growing ? LawSupport.logOfQuotient(end, sigma - end) : Math.log(end - sigma);
        double lo = Math.min(xi0, xiEnd);
        double hi = Math.max(xi0, xiEnd);
        double min = Math.min(s0, end);
        double max = Math.max(s0, end);
        double s = s0;
        if (lo < hi) {
            // t(s0) = 0 < t < t(end): the bracket's ends hold the root between them
            s = solveInLogit(t, lo, hi, end, endTime);
            if (Double.isNaN(s)) {
                // t(s) is not a number somewhere inside the bracket (parameters at the edges of double precision)
                return approximateValue(t);
            }
        }
        double residual = t - elapsed(s);
        for (int i = 0; i < 2; i++) {
            // the step (t - t(s)) ds/dt as one scaled product: ds/dt alone overflows above s^(3-2/N) ~ 1e308 (s above
            // ~1e103 at N = 100), and an infinite rate clamped s to the bracket's end (value collapsed to sigma from
            // s0 = 1e105, sigma = 1e5; review of 2026-12-07)
            double polished = Math.max(min, Math.min(max, s + rateTimes(residual, s)));
            double polishedResidual = t - elapsed(polished);
            // taken only where it does not move t(s) away from t: where t(s) is flat to an ulp of t over a range of s
            // (condition number about 1/eps, near the time to reach the last double), a residual of one ulp times the
            // rate stepped past s itself, the clamp sent s to s0, and value was s0 or 2 s0 long after the half-time
            // (N = 20, sigma = 0.036, s0 = 1.6e-20, t = 1.0e18; review of 2026-12-07)
            if (!(Math.abs(polishedResidual) <= Math.abs(residual))) {
                break;
            }
            s = polished;
            residual = polishedResidual;
        }
        return Double.isNaN(s) ? approximateValue(t) : s;
    }

    /**
     * The root of {@code t(s) = t} in the logit variable {@code xi} of {@link #value(double)}, on the bracket
     * {@code [lo, hi]} whose ends map to {@code s0} and {@code end}, by a safeguarded Newton iteration (rtsafe
     * style) that allocates nothing. In {@code xi} the derivative is closed and smooth, {@code s^{2/N-1}/(N sigma)}
     * growing and {@code -1/(N s^{2-2/N})} decaying, and {@code t(xi)} is concave (growing) or convex (decaying), so
     * every tangent meets {@code t} at or below the root: each Newton step lands there, and so do the tangents at the
     * bracket's ends, whose residuals {@code t} and {@code t - t(end)} are known without evaluating {@code t(s)}. The
     * iteration starts from the plateau law's value (growing; above the root, exact on the plateau) or from the
     * off-target law's (decaying; below the root, exact far above sigma), and no Newton step goes below those end
     * tangents. A Newton step that leaves the bracket, or that follows one which did not halve the residual, is
     * replaced by bisection. The bracket is kept as the last points where {@code t(s)} was found below and above
     * {@code t}, by the residual's sign: no product of residuals, which underflows for tiny {@code t} (the Brent
     * solver used before tested one, and scaled the residuals by a power of two for it).
     *
     * @param t       the time, strictly between 0 and {@code endTime}
     * @param lo      the lower end of the bracket in {@code xi}
     * @param hi      the upper end, {@code > lo}
     * @param end     the last double before {@code sigma} on the side of {@code s0}
     * @param endTime the time to reach {@code end}, finite
     * @return the root's {@code s} (to be polished in {@code s}), in {@code [s0, end]}; NaN where {@code t(s)} is
     *         not a number at a point evaluated
     */
    private double solveInLogit(double t, double lo, double hi, double end, double endTime) {
        boolean growing = initialValue < sigma;
        // the ends of the bracket where t(s) is below and above t: at first s0 (t(s0) = 0) and end
        double below = growing ? lo : hi;
        double above = growing ? hi : lo;
        double floor = Math.max(below + logitStep(t, initialValue), above + logitStep(t - endTime, end));
        double start = growing ? plateauStart(t) : Math.max(floor, offTargetStart(t));
        if (!(start > lo && start < hi)) {
            // (not a number: the plateau law has blown up by t, or the off-target law is at or below sigma)
            start = floor > lo && floor < hi ? floor : 0.5 * (lo + hi);
        }
        double x = start;
        double s = fromLogit(x, lo, hi, end);
        double sBelow = initialValue;
        double sAbove = end;
        double lastResidual = Double.POSITIVE_INFINITY;
        double best = s;
        double bestResidual = Double.POSITIVE_INFINITY;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double residual = t - elapsed(s);
            if (Double.isNaN(residual)) {
                return Double.NaN;
            }
            if (residual == 0) {
                return s;
            }
            if (Math.abs(residual) < bestResidual) {
                best = s;
                bestResidual = Math.abs(residual);
            }
            if (residual > 0) {
                below = x;
                sBelow = s;
            } else {
                above = x;
                sAbove = s;
            }
            if (sAbove == sBelow || Math.nextUp(sBelow) == sAbove || Math.nextDown(sBelow) == sAbove) {
                // no double between: near sigma many xi give one s, and iterating in xi would not move it
                return s;
            }
            // (an infinite residual, t(s) beyond the doubles, has no step: NaN, which bisects)
            double newton = Double.isInfinite(residual) ? Double.NaN : logitStep(residual, s);
            if (Math.abs(newton) <= LOGIT_TOLERANCE) {
                return fromLogit(x + newton, lo, hi, end);
            }
            double left = Math.min(below, above);
            double right = Math.max(below, above);
            double next = x + newton;
            if (next < floor && floor > left && floor < right) {
                next = floor;
            }
            boolean bisect = !(next > left && next < right && Math.abs(residual) <= 0.5 * Math.abs(lastResidual));
            if (bisect) {
                next = 0.5 * (left + right);
            }
            // (after a bisection the next Newton step is judged by the bracket alone)
            lastResidual = bisect ? Double.POSITIVE_INFINITY : residual;
            double sNext = fromLogit(next, lo, hi, end);
            if (sNext == s || Math.abs(next - x) <= LOGIT_TOLERANCE) {
                return sNext;
            }
            x = next;
            s = sNext;
        }
        return best;
    }

    /**
     * The logit of the plateau law's value at {@code t} (a growing mode): {@code s^{-q} = s0^{-q} - (N-2) sigma t},
     * {@code q = (N-2)/N}, which runs ahead of this law (it drops the factor {@code (sigma - s)/sigma} of the rate),
     * so its value is above the root, and exact to rounding while {@code s} is far below sigma.
     *
     * @param t the time
     * @return the logit {@code ln(s/(sigma - s))}; NaN once the plateau law has blown up by {@code t}
     */
    private double plateauStart(double t) {
        double s = plateauLawValue(t);
        return LawSupport.logOfQuotient(s, sigma - s);
    }

    /**
     * The plateau law's value at {@code t}, {@code s^{-q} = s0^{-q} - (N-2) sigma t} with {@code q = (N-2)/N}
     * (THEORY.md: the depth-N rate without its factor {@code (sigma - s)/sigma}), for a growing mode: the start of
     * {@link #solveInLogit} and the fallback of {@link #approximateValue}.
     *
     * @param t the time, finite and {@code >= 0}
     * @return {@code s(t) >= s0}; NaN once the law has blown up by {@code t}
     */
    private double plateauLawValue(double t) {
        // a = (N-2) sigma t s0^q as one scaled product (each factor may over- or underflow where a does not)
        double a = LawSupport.powerTimes(initialValue, depth - 2, depth, t, depth - 2, sigma, 1, 0);
        return a < 1 ? initialValue * Math.exp(-Math.log1p(-a) / ((depth - 2.0) / depth)) : Double.NaN;
    }

    /**
     * The logit of the off-target law's value at {@code t} (a decaying mode): {@code s^{-p} = s0^{-p} + p N t},
     * {@code p = 2 - 2/N}, which runs ahead of this law (it drops {@code sigma} from {@code sigma - s}), so its value
     * is below the root, and exact to rounding while {@code s} is far above sigma.
     *
     * @param t the time
     * @return the logit {@code ln(s - sigma)}; NaN or {@code -infinity} where that value is at or below sigma
     */
    private double offTargetStart(double t) {
        return Math.log(OffTargetDecayLaw.valueAt(depth, initialValue, t) - sigma);
    }

    /**
     * The Newton step in the logit for a residual {@code t - t(s)}: the residual over {@code dt/dxi}, that is
     * {@code residual N sigma s^{(N-2)/N}} growing and {@code -residual N s^{2-2/N}} decaying, as one scaled product
     * ({@link LawSupport#powerTimes}), a double wherever the step is although {@code s^{2-2/N}} may overflow.
     *
     * @param residual {@code t - t(s)}, finite
     * @param s        the value, in {@code [s0, end]}
     * @return the step in {@code xi}
     */
    private double logitStep(double residual, double s) {
        return initialValue < sigma ? LawSupport.powerTimes(s, depth - 2, depth, residual, depth, sigma, 1, 0)
                : LawSupport.powerTimes(s, 2L * depth - 2, depth, residual, -depth, 1, 1, 0);
    }

    /**
     * The value {@code s} of a logit {@code xi} of {@link #value(double)}: the bracket's ends (and beyond) map to
     * {@code s0} and {@code end} exactly (the logit round trip may miss them by ulps, which near saturation moves
     * {@code t(s)} below {@code t} and loses the bracket), and every {@code s} is clamped into {@code [s0, end]}.
     * Growing, {@code s = sigma/(1 + e^-xi)}, above {@code sigma/2} as {@code sigma - sigma/(1 + e^xi)}, which
     * resolves every double below sigma (the quotient rounds {@code 1 + e^-xi}, whose steps near sigma are up to two
     * ulps of {@code s}); decaying, {@code s = sigma + e^xi}.
     *
     * @param xi  the logit
     * @param lo  the lower end of the bracket
     * @param hi  the upper end
     * @param end the last double before {@code sigma} on the side of {@code s0}
     * @return the value, in {@code [s0, end]}
     */
    private double fromLogit(double xi, double lo, double hi, double end) {
        double s0 = initialValue;
        boolean growing = s0 < sigma;
        if (xi <= lo || xi >= hi) {
            return (xi <= lo) == growing ? s0 : end;
        }
        double v = !growing ? sigma + Math.exp(xi) : xi > 0 ? sigma - sigma / (1 + Math.exp(xi))
                : sigma / (1 + Math.exp(-xi));
        return growing ? Math.max(s0, Math.min(end, v)) : Math.max(end, Math.min(s0, v));
    }

    /**
     * The value where {@code t(s)} cannot be evaluated in doubles (only for parameters at the edges of double
     * precision, far outside issue 5's range): a growing mode follows its plateau law {@code ds/dt = N sigma
     * s^{2-2/N}}, {@code s^{-q} = s0^{-q} - (N-2) sigma t}, up to {@code sigma}; a decaying mode follows its
     * off-target law {@code ds/dt = -N s^{3-2/N}} down to {@code sigma}. Both ignore the other factor of the rate
     * (so they run ahead of the law), but they are finite, monotone, and lie between {@code s0} and {@code sigma}.
     */
    private double approximateValue(double t) {
        double s0 = initialValue;
        if (s0 > sigma) {
            return Math.min(s0, Math.max(sigma, new OffTargetDecayLaw(depth, s0).value(t)));
        }
        double s = plateauLawValue(t);
        return Double.isNaN(s) ? sigma : Math.max(s0, Math.min(sigma, s));
    }

    /**
     * Whether {@code t} is below the resolution of the time-to-reach map at {@code s0}: the first-order step
     * {@code s0 + t rate(s0)} is then exact to rounding. Its error is {@code (t^2/2) rate(s0) rate'(s0)} to leading
     * order, at most {@code |step| |t rate'(s0)| / 2}; requiring {@code |t rate'(s0)| <= 2^-26} and
     * {@code |step| <= 2^-26 s0} bounds it by {@code 2^-53 s0}, half an ulp. The bound on {@code |rate'(s0)|} is
     * {@code N s0^{1-2/N} (p |sigma - s0| + s0)} with {@code p = 2 - 2/N}.
     */
    private boolean belowResolution(double t, double step) {
        double s0 = initialValue;
        double p = 2 - 2.0 / depth;
        double small = 0x1p-26;
        // t |rate'(s0)| <= 2^-26 compared in logarithms: each factor may over- or underflow (s0 = 1e-200)
        double logSlopeTime = Math.log(t) + Math.log(depth) + (p - 1) * Math.log(s0)
                + Math.log(p * Math.abs(sigma - s0) + s0);
        return Math.abs(step) <= small * s0 && logSlopeTime <= Math.log(small);
    }

    /**
     * {@code factor N |s|^p (sigma - s)} with {@code p = 2 - 2/N}: the product of {@code factor} and the rate at
     * {@code s}, formed from significands and binary exponents with the exponent {@code (2N - 2)/N} applied to the
     * binary exponent of {@code |s|} exactly ({@link LawSupport#powerTimes}), so that it is within a few ulps
     * ({@code 10 2^-53} relative) wherever the product is a normal double, although the rate alone, or
     * {@code |s|^p}, may overflow or underflow. (It was formed directly, with {@code Math.pow(s, p)} and a rounded
     * {@code p}, or through logarithms, relative error up to {@code 1e-13}; review of 2026-12-07.)
     */
    private double rateTimes(double factor, double s) {
        if (s == 0) {
            return 0;   // (|s|^p is 0; powerTimes takes a positive base)
        }
        // s near -Double.MAX_VALUE: sigma - s overflows, and the rate is beyond the doubles unless the factor is tiny
        return LawSupport.powerTimesGap(Math.abs(s), 2L * depth - 2, depth, depth, factor, sigma, s, 0);
    }

    @Override
    public OptionalDouble timeToReach(double s) {
        return LawSupport.timeToReach(s, initialValue, limit(), this::elapsedAtAnyScale);
    }

    /**
     * {@link #elapsed(double)}, and where that is not a number (parameters at the edges of double precision) the
     * same time from the scale-free law: with {@code u = s/sigma}, {@code t(s; sigma, s0) = sigma^{-(2-2/N)}
     * t(u; 1, s0/sigma)}; where the ratios leave the doubles too, the time of the approximation of
     * {@link #approximateValue(double)} (plateau or off-target law), and {@code +infinity} if even that is not
     * a number (a NaN or a negative time, from a term that left the doubles, counts as not a number).
     */
    private double elapsedAtAnyScale(double s) {
        if (depth == 2) {
            return elapsed(s); // the logistic closed form, finite at every scale
        }
        double s0 = initialValue;
        double ratio = s0 / sigma;
        if (ratio > FAR_RATIO) {
            // as in value: the off-target law down to s1, the full law from there
            double s1 = FAR_RATIO / 2 * sigma;
            OffTargetDecayLaw offTarget = new OffTargetDecayLaw(depth, s0);
            if (s >= s1) {
                return offTarget.timeToReach(s).orElse(Double.POSITIVE_INFINITY);
            }
            return offTarget.timeToReach(s1).orElse(Double.POSITIVE_INFINITY)
                    + new DepthBalancedLaw(depth, sigma, s1).elapsedAtAnyScale(s);
        }
        if (ratio < SCALE_RANGE_LOW && 2 * SCALE_RANGE_LOW * sigma >= Double.MIN_NORMAL) {
            // as in value: the plateau law up to s1, the full law from there
            double s1 = 2 * SCALE_RANGE_LOW * sigma;
            double t = s <= s1 ? plateau(s) : plateau(s1) + new DepthBalancedLaw(depth, sigma, s1).elapsedAtAnyScale(s);
            return t >= 0 ? t : Double.POSITIVE_INFINITY;
        }
        return orAtAnyScale(elapsed(s), s);
    }

    /** Whether s0/sigma is in the range where t(s) is evaluated directly (see {@link #FAR_RATIO}). */
    private boolean directRatio() {
        double ratio = initialValue / sigma;
        return ratio >= SCALE_RANGE_LOW && ratio <= FAR_RATIO;
    }

    /** {@code t} if it is a number, otherwise the fallbacks of {@link #elapsedAtAnyScale(double)} for {@code s}. */
    private double orAtAnyScale(double t, double s) {
        // (a time is never negative: that, like NaN, comes from a term of t(s) that left the doubles)
        if (t >= 0) {
            return t;
        }
        double u0 = initialValue / sigma;
        double u = s / sigma;
        t = Double.NaN;
        if (u0 >= Double.MIN_NORMAL && u >= Double.MIN_NORMAL && Double.isFinite(u0) && Double.isFinite(u)
                && u0 != 1 && (u0 < 1) == (u < 1) && u != 1) {
            double unit = new DepthBalancedLaw(depth, 1, u0).elapsed(u);
            // sigma^-p unit as one scaled product, as value's scale-free time
            t = unit >= 0 && unit < Double.POSITIVE_INFINITY
                    ? LawSupport.powerTimes(sigma, -(2L * depth - 2), depth, unit, 1, 1, 1, 0) : unit;
        }
        if (!(t >= 0)) {
            t = initialValue > sigma ? new OffTargetDecayLaw(depth, initialValue).timeToReach(s).orElse(Double.NaN)
                    : plateau(s);
        }
        return t >= 0 ? t : Double.POSITIVE_INFINITY;
    }

    /**
     * The time to reach {@code s} computed by the general-{@code N} quadrature path even where a closed form
     * exists ({@code N = 3, 4}); for {@code N = 2} the logistic closed form; from {@code s0 > 4 sigma} down to
     * {@code 2 sigma} the series of {@link #timeToReach(double)} (there the closed forms and the quadrature alike
     * subtract terms far larger than the time). For cross-checking the closed forms and the quadrature against each
     * other.
     *
     * @param s a value in the units of {@code sigma}
     * @return the time to reach {@code s}; empty if the law never takes that value
     * @throws IllegalArgumentException if {@code s} is NaN or infinite
     */
    public OptionalDouble timeToReachByQuadrature(double s) {
        return LawSupport.timeToReach(s, initialValue, limit(),
                x -> depth == 2 || !directRatio() ? elapsedAtAnyScale(x) : orAtAnyScale(elapsed(x, true), x));
    }

    /** The signed time from s0 to s, for s > 0 on the same side of sigma as s0 (no reachability check). */
    private double elapsed(double s) {
        return elapsed(s, false);
    }

    /**
     * {@link #elapsed(double)}, by the closed forms (N = 2, 3, 4) or, {@code byQuadrature}, by the general-{@code N}
     * quadrature. From far above sigma both subtract terms far larger than the time (closed forms: t(1e6) from 1e12
     * at N = 3 lost 2.8e-8 of it, from 8e9 1.2e-6; the quadrature 7.9e-3 at N = 3 from 1e10 to 9e9, review of
     * 2026-12-07): there the series down to 2 sigma, then the chosen way from 2 sigma (from 4 sigma up: just above
     * 2 sigma, the split's two rounded parts cost more than they save).
     */
    private double elapsed(double s, boolean byQuadrature) {
        if (depth > 2 && initialValue > 4 * sigma) {
            double middle = Math.max(s, 2 * sigma);
            double far = timeFromAbove(middle);
            return s < middle ? far + new DepthBalancedLaw(depth, sigma, middle).elapsed(s, byQuadrature) : far;
        }
        if (byQuadrature) {
            return plateau(s) + quadratureIntegral(s) / sigma;
        }
        switch (depth) {
            case 2:
                return new LogisticLaw(sigma, initialValue).timeToReach(s).orElseThrow();
            case 3:
                return plateau(s) + integralDepth3(s) / sigma;
            case 4:
                return plateau(s) + integralDepth4(s);
            default:
                return plateau(s) + quadratureIntegral(s) / sigma;
        }
    }

    /**
     * The time from {@code s0} down to {@code s}, for {@code 2 sigma <= s < s0}: {@code t = integral from s to s0
     * of dx / (N x^p (x - sigma))}, {@code p = 2 - 2/N}, expanded in {@code sigma/x <= 1/2}:
     * {@code t = s^{-p}/N sum_k (sigma/s)^k (1 - (s/s0)^{p+k}) / (p+k)}, every term positive (no cancellation), the
     * factor {@code s^{-p}} scaled ({@link LawSupport#powerTimes}), where it may leave the normal range.
     */
    private double timeFromAbove(double s) {
        double p = 2 - 2.0 / depth;
        double logRatio = logRatioToStart(s);
        double x = sigma / s;
        double sum = 0;
        double power = 1;
        for (int k = 0; k < 200; k++) {
            double term = power * -Math.expm1((p + k) * logRatio) / (p + k);
            sum += term;
            if (term <= 1e-17 * sum) {
                break;
            }
            power *= x;
        }
        return LawSupport.powerTimes(s, -(2L * depth - 2), depth, sum, 1, 1, depth, 0);
    }

    /**
     * {@code [s0^{-q} - s^{-q}] / (sigma (N - 2))} with {@code q = (N-2)/N}, without cancellation near s0, and
     * {@code s0^{-q}} scaled ({@link LawSupport#powerTimes}: {@code Math.pow} with the rounded q cost
     * {@code q |ln s0| 2^-53}, 55 ulps of the plateau's time at N = 100, s0 = 1e-300; review of 2026-12-08).
     */
    private double plateau(double s) {
        double s0 = initialValue;
        double q = (depth - 2.0) / depth;
        // s0^-q - s^-q = s0^-q (1 - (s0/s)^q) = -s0^-q expm1(-q ln(s/s0))
        return LawSupport.powerTimes(s0, -(depth - 2L), depth, -Math.expm1(-q * logRatioToStart(s)), 1, 1, sigma, 0)
                / (depth - 2);
    }

    /**
     * {@code ln(s/s0)} ({@link LawSupport#logOfQuotient}: {@code log1p} of the gap near {@code s0}; far from it
     * {@code (s - s0)/s0} near -1 carried the rounding of {@code s - s0} relative to {@code s0} into the logarithm,
     * 69% of the time at N = 7, s0 = 1e20 sigma, review of 2026-12-06; and a difference of two logarithms near 460
     * lost 4e-14 of the plateau's time at sigma = 1e200, s0 = 2e199, review of 2026-12-08).
     */
    private double logRatioToStart(double s) {
        return LawSupport.logOfQuotient(s, initialValue);
    }

    /** {@code G3(x) - G3(x0)}, the integral of {@code y/(sigma - y^3)} from {@code x0} to {@code x}. */
    private double integralDepth3(double s) {
        double s0 = initialValue;
        double c = Math.cbrt(sigma);
        double x = Math.cbrt(s);
        double x0 = Math.cbrt(s0);
        double dx = LawSupport.rootDifference(s, s0, x, x0, 3);
        double logLinear = logRatioOfGaps(s, x, c, x0, dx, 3);
        double sqrt3 = Math.sqrt(3);
        // ln[(c^2 + c x + x^2)/(c^2 + c x0 + x0^2)]: the numerator minus the denominator is dx (c + x + x0)
        double logQuadratic = Math.log1p(dx * (c + x + x0) / (c * c + c * x0 + x0 * x0));
        // atan(alpha) - atan(alpha0) = atan((alpha - alpha0)/(1 + alpha alpha0)), alpha = (c + 2x)/(sqrt3 c) > 0
        double alpha0 = (c + 2 * x0) / (sqrt3 * c);
        double alpha = (c + 2 * x) / (sqrt3 * c);
        double atanDifference = Math.atan((2 * dx / (sqrt3 * c)) / (1 + alpha * alpha0));
        return (logQuadratic - 2 * logLinear - 2 * sqrt3 * atanDifference) / (6 * c);
    }

    /** {@code [artanh sqrt(s/sigma) - artanh sqrt(s0/sigma)] / (2 sigma^{3/2})} (arcoth above sigma). */
    private double integralDepth4(double s) {
        double s0 = initialValue;
        double a = Math.sqrt(s / sigma);
        double b = Math.sqrt(s0 / sigma);
        // artanh a - artanh b = (1/2) ln[(1+a)(1-b)/((1-a)(1+b))] = (1/2) log1p(2 (a - b)/((1 - a)(1 + b)))
        double ratio = 2 * (s - s0) * (1 + a) / ((a + b) * (sigma - s) * (1 + b));
        return 0.5 * Math.log1p(ratio) / (2 * sigma * Math.sqrt(sigma));
    }

    /**
     * The integral of {@code y/(sigma - y^N)} from {@code x0} to {@code x}: the logarithmic part in closed form,
     * the smooth rational remainder {@code c^{2-N} integral G(v)/S(v) dv} by Gauss-Legendre quadrature.
     */
    private double quadratureIntegral(double s) {
        int n = depth;
        double s0 = initialValue;
        double c = Math.pow(sigma, 1.0 / n);
        double x = Math.pow(s, 1.0 / n);
        double x0 = Math.pow(s0, 1.0 / n);
        double dx = LawSupport.rootDifference(s, s0, x, x0, n);
        double scale = Math.pow(c, 2 - n);
        double logPart = -scale * logRatioOfGaps(s, x, c, x0, dx, n) / n;
        double u0 = x0 / c;
        double du = dx / c;
        // composite 16-point Gauss-Legendre on equal pieces no longer than half the distance sin(2 pi / N) from the
        // real axis to the nearest pole of the remainder (the N-th roots of unity other than 1): the Bernstein
        // ellipse of each piece then has rho >= 8, an error below 8^-32 relative to the integrand's size
        double piece = 0.5 * Math.sin(2 * Math.PI / n);
        int pieces = (int) Math.min(1 << 20, Math.max(1, Math.ceil(Math.abs(du) / piece)));
        double smooth = 0;
        for (int j = 0; j < pieces; j++) {
            smooth += shortRule(this::remainder, u0 + du * j / pieces, du / pieces);
        }
        return logPart + scale * smooth;
    }

    /**
     * The 16-point Gauss-Legendre rule for the integral of {@code f} from {@code u0} to {@code u0 + du}.
     *
     * @param f  the integrand
     * @param u0 the start
     * @param du the signed length
     * @return the rule's value (signed like {@code du})
     */
    static double shortRule(DoubleUnaryOperator f, double u0, double du) {
        double half = du / 2;
        double middle = u0 + half;
        double sum = 0;
        for (int i = 0; i < SHORT_NODES.length; i++) {
            sum += SHORT_WEIGHTS[i] * (f.applyAsDouble(middle - half * SHORT_NODES[i])
                    + f.applyAsDouble(middle + half * SHORT_NODES[i]));
        }
        return sum * half;
    }

    /**
     * {@code ln[(c - x)/(c - x0)]}, with both gaps formed without cancellation: {@code c - x = (sigma - s) /
     * sum_k c^k x^{N-1-k}}; near 1 as {@code log1p((x0 - x)/(c - x0))}.
     */
    private double logRatioOfGaps(double s, double x, double c, double x0, double dx, int n) {
        double gap0 = LawSupport.rootDifference(sigma, initialValue, c, x0, n);
        double gap = LawSupport.rootDifference(sigma, s, c, x, n);
        double ratio = gap / gap0;
        return ratio > 0.5 && ratio < 2 ? Math.log1p(-dx / gap0) : Math.log(ratio);
    }

    /** {@code G(v)/S(v)} with {@code G(v) = [-1 + sum_{i=1}^{N-2} (N-1-i) v^i] / N} and {@code S(v) = sum v^k}. */
    private double remainder(double v) {
        int n = depth;
        double g = 0;
        for (int i = n - 2; i >= 1; i--) {
            g = g * v + (n - 1 - i);
        }
        g = g * v - 1;
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum = sum * v + 1;
        }
        return g / (n * sum);
    }

    /**
     * {@inheritDoc} The equation is defined for every {@code s}, as {@code N |s|^{2-2/N} (sigma - s)} (the depth-N
     * mode that dl-ode's {@code SingleMode.depth} integrates, a negative one included); the law's own solution
     * starts at {@code s0 >= 0}.
     */
    @Override
    public double rate(double s) {
        LawSupport.checkValue(s);
        // exactly 0 at the fixed point, even where s^(2-2/N) overflows (Infinity * 0 would be NaN); scaled, since the
        // rate is a double where s^(2-2/N) underflows (0 for 1e-292 at N = 100, sigma = 1e300, s = 1e-300; review
        // of 2026-12-07)
        return rateTimes(1, s);
    }

    @Override
    public double limit() {
        return initialValue > 0 ? sigma : 0;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The rate {@code N s^{2-2/N} (sigma - s)} is largest at {@code s* = sigma (2N - 2)/(3N - 2)}
     * ({@code sigma/2} for {@code N = 2}, {@code 4 sigma/7} for {@code N = 3}).
     */
    @Override
    public Optional<Inflection> inflection() {
        double product = sigma * (2.0 * depth - 2);
        // (the ratio first where sigma (2N - 2) overflows: sigma near Double.MAX_VALUE)
        double value = Double.isFinite(product) ? product / (3.0 * depth - 2)
                : sigma * ((2.0 * depth - 2) / (3.0 * depth - 2));
        return Optional.of(LawSupport.inflectionAt(this, value));
    }

    /**
     * The record's components, as the generated {@code toString} would write them, built without the
     * {@code ObjectMethods} bootstrap (tens of milliseconds on a JVM's first record {@code toString}).
     *
     * @return {@code DepthBalancedLaw[depth=N, sigma=..., initialValue=...]}
     */
    @Override
    public String toString() {
        return new StringBuilder(64).append("DepthBalancedLaw[depth=").append(depth).append(", sigma=").append(sigma)
                .append(", initialValue=").append(initialValue).append(']').toString();
    }

    @Override
    public String domain() {
        return "aligned balanced mode of a depth-" + depth + " chain, whitened inputs:"
                + " ds/dt = N |s|^(2-2/N)(sigma - s) for every s; the law starts at s0 >= 0 (s0 = 0 stays at 0)";
    }
}
