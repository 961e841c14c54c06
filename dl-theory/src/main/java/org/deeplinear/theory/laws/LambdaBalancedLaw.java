package org.deeplinear.theory.laws;

import java.util.Optional;
import java.util.OptionalDouble;

import org.deeplinear.core.Arguments;

/**
 * The lambda-balanced two-layer law: the factors of an aligned mode keep {@code w^2 - u^2 = lambda}, so
 * {@code ds/dt = sqrt(lambda^2 + 4 s^2) (sigma - s)} (Braun, Domine, Fitzgerald, Saxe 2022; THEORY.md,
 * "lambda-balanced"). For {@code lambda != 0} the rate at {@code s = 0} is {@code |lambda| sigma > 0}, so the law is
 * valid for every real {@code s0}: a negative start crosses zero and rises to {@code sigma}.
 *
 * <p>Closed forms (with {@code b = |lambda|/2}, {@code K = sqrt(4 sigma^2 + lambda^2)}):
 * <ul>
 *   <li>explicit (Riccati): with {@code s = (|lambda|/4)(z - 1/z)}, {@code z} solves a Riccati equation with fixed
 *       points {@code z+- = (2 sigma +- K)/|lambda|}, so {@code (z - z+)/(z - z-) = C e^{-K t}};</li>
 *   <li>implicit: {@code t = [ln|F(s)| - ln|F(s0)|] / K},
 *       {@code F(s) = (sigma s + b^2 + (K/2) sqrt(s^2 + b^2)) / (sigma - s)};</li>
 *   <li>off-target ({@code sigma = 0}): {@code s(t) = |lambda| / (2 sinh(asinh(|lambda|/(2 s0)) + |lambda| t))},
 *       exponential decay at rate {@code |lambda|};</li>
 *   <li>rich versus lazy: the sigmoidal (accelerating) phase exists only if {@code |lambda| < sigma / sqrt 2}
 *       ({@link #isRich()}).</li>
 * </ul>
 * As {@code lambda -> 0} the law tends to {@link LogisticLaw} (and to {@link OffTargetDecayLaw} of depth 2 for
 * {@code sigma = 0}); {@code lambda = 0} is delegated to those laws.
 *
 * <p>Numerics: the explicit form is evaluated in the scaled variables {@code Z = (b/2) z = (sqrt(s^2+b^2) + s)/2}
 * and {@code Y = b^2/(4Z) = (sqrt(s^2+b^2) - s)/2} (so {@code s = Z - Y}), each of which follows its own Möbius map
 * in {@code e^{-Kt}}; the increments of {@code Z} and {@code Y} have opposite signs, so {@code s - s0} and
 * {@code s - sigma} are sums of same-signed terms, and the value is {@code sigma + (s - sigma)} or
 * {@code s0 + (s - s0)}, whichever increment is smaller. This is accurate to a few ulps times the condition number
 * {@code t |ds/dt| / |s|} except near a zero crossing of a negative start, where the absolute error is a few ulps of
 * {@code max(|s0|, |s|)}. The implicit form is evaluated as
 * {@code t = log1p(2R (s - s0)(Z+ + Y) / ((sigma - s)(Z+ + Y0)(Z0 + Y))) / K} with {@code R = K/2}, which is the
 * same quantity without the cancellation of the difference of logarithms. When {@code b^2} underflows against the
 * scale {@code max(sigma, |s0|)} (that is {@code |lambda|} below about {@code 1e-150} times that scale) the law is
 * evaluated as {@code lambda = 0}. Every finite {@code sigma >= 0}, {@code lambda} and {@code s0} is accepted and
 * every method answers a number, never NaN: {@code b^2} is never formed where it may overflow (it enters as
 * {@code b (b / ...)}), a time whose {@code K t} underflows gives the first-order step {@code s0 + t ds/dt}
 * ({@code value(Double.MIN_VALUE)} is {@code s0} to rounding even at {@code sigma = 1},
 * {@code lambda = s0 = 1e300}), and the implicit form's quotients are combined through logarithms where they
 * leave the normal range. The accuracy statements above are for parameters whose products ({@code b^2},
 * {@code sigma^2}, {@code s^2}) are normal doubles; beyond that the answers are finite but carry no stated bound.
 *
 * @param sigma        the target singular value, finite and {@code >= 0}
 * @param lambda       the conserved imbalance {@code w^2 - u^2}, finite (only {@code |lambda|} matters)
 * @param initialValue the initial value {@code s0}, finite (any sign)
 */
public record LambdaBalancedLaw(double sigma, double lambda, double initialValue) implements ModeLaw {

    /**
     * Validates the parameters.
     *
     * @param sigma the target singular value
     * @param lambda the conserved imbalance
     * @param initialValue the initial value s0
     * @throws IllegalArgumentException if {@code sigma} is not finite and {@code >= 0}, or {@code lambda} or
     *                                  {@code initialValue} is not finite
     */
    public LambdaBalancedLaw {
        Arguments.nonNegative("sigma", sigma);
        Arguments.finite("lambda", lambda);
        Arguments.finite("s0", initialValue);
    }

    /**
     * Whether learning is "rich": the trajectory has an accelerating (sigmoidal) phase, which happens exactly when
     * {@code |lambda| < sigma / sqrt 2}; otherwise it is "lazy" (the rate decreases from the start when
     * {@code s0 >= 0}).
     *
     * @return {@code |lambda| < sigma / sqrt 2}
     */
    public boolean isRich() {
        double l2 = 2 * lambda * lambda;
        double s2 = sigma * sigma;
        if (Double.isFinite(s2) && s2 >= Double.MIN_NORMAL && Double.isFinite(l2)
                && (l2 >= Double.MIN_NORMAL || lambda == 0)) {
            return l2 < s2;
        }
        // a square leaves the normal range: the same comparison scaled by sigma (0 only fails it)
        double ratio = lambda / sigma;
        return sigma > 0 && 2 * ratio * ratio < 1;
    }

    /**
     * The value {@code s1 = lambda^2 / (2 (sigma + sqrt(sigma^2 - 2 lambda^2)))} where the rate has its local
     * minimum: a trajectory starting below it decelerates until it passes {@code s1}, then accelerates up to the
     * inflection.
     *
     * @return {@code s1}; empty if the law is lazy (no accelerating phase)
     */
    public OptionalDouble accelerationOnset() {
        if (!isRich()) {
            return OptionalDouble.empty();
        }
        // |lambda| (|lambda| / ...): lambda^2 alone may overflow where s1 is finite
        double a = Math.abs(lambda);
        return OptionalDouble.of(a * (a / (2 * (sigma + richRoot()))));
    }

    /** {@code sqrt(sigma^2 - 2 lambda^2)}, factored to avoid cancellation and overflow; only for rich laws. */
    private double richRoot() {
        double l = Math.sqrt(2) * Math.abs(lambda);
        double root = Math.sqrt(sigma - l) * Math.sqrt(sigma + l);
        if (Double.isFinite(root)) {
            return root;
        }
        // sigma + l overflows (sigma near Double.MAX_VALUE): sigma sqrt((1 - l/sigma)(1 + l/sigma))
        double ratio = l / sigma;
        return sigma * (Math.sqrt(1 - ratio) * Math.sqrt(1 + ratio));
    }

    /** The law evaluated when lambda is zero or negligible: logistic, or off-target decay for sigma = 0. */
    private ModeLaw zeroLambdaLaw() {
        return sigma > 0 ? new LogisticLaw(sigma, initialValue) : new OffTargetDecayLaw(2, initialValue);
    }

    /** Whether b^2 = lambda^2/4 is negligible (underflows) against the scale of sigma and s0. */
    /**
     * Whether the Riccati constants or variables overflow ({@code K = 2 sqrt(sigma^2 + b^2)}, {@code 2 (sigma + R)}
     * or {@code Z(s0)} passes the largest double): the law is then evaluated on quarters of its values (it gave NaN at sigma =
     * Double.MAX_VALUE, lambda = 1000; review of 2026-12-06).
     */
    private boolean quartering() {
        double r = Math.hypot(sigma, Math.abs(lambda) / 2);
        // Z(s0) = (sqrt(s0^2 + b^2) + s0) / 2 passes it for |s0| above half of it
        return !(2 * (sigma + r) < Double.POSITIVE_INFINITY && Math.abs(initialValue) < 0x1p1022);
    }

    /** The same law on values a quarter as large: {@code sigma/4, lambda/4, s0/4} (time runs four times faster). */
    private LambdaBalancedLaw quartered() {
        return new LambdaBalancedLaw(sigma / 4, lambda / 4, initialValue / 4);
    }

    private boolean negligibleLambda() {
        double b = Math.abs(lambda) / 2;
        if (b == 0) {
            return true;
        }
        double scale = Math.max(Math.max(sigma, Math.abs(initialValue)), b);
        // (b / 4) (b / scale), not b (b / (4 scale)): 4 scale overflows for scale above a quarter of the largest
        // double, and lambda = 9e307 was then taken for 0 (review of 2026-12-06)
        return (b / 4) * (b / scale) < Double.MIN_NORMAL;
    }

    @Override
    public double value(double t) {
        LawSupport.checkTime(t);
        if (negligibleLambda()) {
            return zeroLambdaLaw().value(t);
        }
        double s0 = initialValue;
        double b = Math.abs(lambda) / 2;
        if (t == 0 || s0 == sigma || (sigma == 0 && s0 == 0)) {
            return s0;
        }
        if (sigma == 0) {
            // s = b / sinh(phi), phi = asinh(b/|s0|) + 2 b t; written with e^-phi so that large phi cannot overflow
            double r0 = Math.abs(s0);
            double phi0 = b / r0 > 1e300 ? Math.log(2) + Math.log(b) - Math.log(r0) : LawSupport.asinh(b / r0);
            double phi = phi0 + 2 * b * t;
            return Math.copySign(2 * b * Math.exp(-phi) / -Math.expm1(-2 * phi), s0);
        }
        if (quartering()) {
            // s(t; sigma, b, s0) = 4 s(4 t; sigma/4, b/4, s0/4) (the rate is homogeneous of degree 2)
            return 4 * quartered().value(Math.min(4 * t, Double.MAX_VALUE));
        }
        Riccati f = new Riccati(sigma, b);
        double z0 = f.z(s0);
        double y0 = f.y(s0);
        double e = Math.exp(-f.k * t);
        double em = Math.expm1(-f.k * t);
        if (em == 0) {
            // K t underflows: s(t) = s0 + t ds/dt to rounding (the step formed so that an overflowing factor of
            // the rate cannot meet a zero)
            double step = (t * 2 * Math.hypot(b, s0)) * (sigma - s0);
            return Double.isFinite(step) ? s0 + step : s0;
        }
        // a = X0 - (fixed point of X), for X = Z and X = Y; s0 - sigma = aZ - aY with aZ aY <= 0
        double aZ = (s0 - sigma) / (1 + y0 / f.zPlus);
        double aY = -aZ * (y0 / f.zPlus);
        double denZ = mobiusDenominator(z0, f.zPlus, -f.yPlus, aZ, e, em);
        double denY = mobiusDenominator(y0, f.yPlus, -f.zPlus, aY, e, em);
        double cZ = z0 + f.yPlus;
        double cY = y0 + f.zPlus;
        // (cZ / denZ and cY / denY first: they are ratios near 1, where aZ cZ may overflow)
        double fromStart = aZ * (cZ / denZ) * em - aY * (cY / denY) * em;
        double fromEnd = f.r * e * (aZ / denZ - aY / denY);
        return Math.abs(fromEnd) < Math.abs(fromStart) ? sigma + fromEnd : s0 + fromStart;
    }

    /**
     * The denominator {@code c - E a} of the Möbius solution {@code X - X0 = a c (E - 1) / (c - E a)} with
     * {@code a = X0 - p}, {@code c = X0 - q}, written as a sum of non-negative terms in both signs of {@code a}.
     */
    private static double mobiusDenominator(double x0, double p, double q, double a, double e, double em) {
        return a <= 0 ? (x0 - q) - e * a : -x0 * em - q + e * p;
    }

    @Override
    public OptionalDouble timeToReach(double s) {
        // the limit, not sigma: with lambda negligible and s0 <= 0 the law stays at or below 0 and never reaches
        // a positive s (it gave a present +infinity, review of 2026-11-28)
        return LawSupport.timeToReach(s, initialValue, limit(), this::elapsed);
    }

    /** The time from s0 to s, for s strictly between s0 and sigma. */
    private double elapsed(double s) {
        if (negligibleLambda()) {
            return zeroLambdaLaw().timeToReach(s).orElse(Double.POSITIVE_INFINITY);
        }
        if (quartering()) {
            return quartered().elapsed(s / 4) / 4;
        }
        Riccati f = new Riccati(sigma, Math.abs(lambda) / 2);
        double s0 = initialValue;
        double z0 = f.z(s0);
        double y0 = f.y(s0);
        double y = f.y(s);
        // ln(F(s)/F(s0)) = log1p(R (s - s0)(Z+ + Y) / ((sigma - s)(Z+ + Y0)(Z0 + Y))), all factors > 0
        double gap = s - s0;
        double rest = sigma - s;
        if (!Double.isFinite(gap) || !Double.isFinite(rest)) {
            // a negative start far below a huge sigma: the same quotient from exact halves
            gap = s / 2 - s0 / 2;
            rest = sigma / 2 - s / 2;
        }
        if (gap < 0) {
            gap = -gap;
            rest = -rest;
        }
        return LawSupport.log1pOfQuotientsOver(f.k, gap, rest, f.r, f.zPlus + y0, f.zPlus + y, z0 + y);
    }

    @Override
    public double rate(double s) {
        LawSupport.checkValue(s);
        // sqrt(lambda^2 + 4 s^2) = 2 hypot(lambda/2, s), without overflow
        // exactly 0 at the fixed point, even where 2 hypot overflows (Infinity * 0 would be NaN)
        double gap = sigma - s;
        return gap == 0 ? 0 : 2 * Math.hypot(lambda / 2, s) * gap;
    }

    @Override
    public double limit() {
        return negligibleLambda() ? zeroLambdaLaw().limit() : sigma;
    }

    /**
     * {@inheritDoc}
     *
     * <p>For a rich law the rate has its maximum at {@code s2 = (sigma + sqrt(sigma^2 - 2 lambda^2)) / 4}
     * ({@code sigma/2} at {@code lambda = 0}); a lazy law has no inflection.
     */
    @Override
    public Optional<Inflection> inflection() {
        if (!isRich()) {
            return Optional.empty();
        }
        double sum = sigma + richRoot();
        // (sigma + root)/4 exactly; from the quarters where the sum overflows (sigma near Double.MAX_VALUE)
        double s2 = Double.isFinite(sum) ? sum / 4 : sigma / 4 + richRoot() / 4;
        return Optional.of(LawSupport.inflectionAt(this, s2));
    }

    @Override
    public String domain() {
        return "aligned lambda-balanced mode (w^2 - u^2 = lambda), depth 2, whitened inputs:"
                + " ds/dt = sqrt(lambda^2 + 4 s^2)(sigma - s); any real s0";
    }

    /**
     * The constants of the Riccati solution for given {@code sigma} and {@code b = |lambda|/2 > 0}, and the scaled
     * variables {@code Z(s) = (sqrt(s^2+b^2) + s)/2}, {@code Y(s) = (sqrt(s^2+b^2) - s)/2}, each evaluated without
     * cancellation ({@code Z Y = b^2/4}).
     */
    private static final class Riccati {
        /** {@code R = sqrt(sigma^2 + b^2) = K/2}. */
        final double r;
        /** {@code K = 2R}, the exponential rate of the approach. */
        final double k;
        /** {@code Z(sigma)}. */
        final double zPlus;
        /** {@code Y(sigma)}. */
        final double yPlus;
        /** {@code b}. */
        final double b;

        Riccati(double sigma, double b) {
            this.b = b;
            this.r = Math.hypot(sigma, b);
            this.k = 2 * r;
            this.zPlus = (sigma + r) / 2;
            this.yPlus = b * (b / (2 * (sigma + r)));
        }

        double z(double s) {
            double q = Math.hypot(s, b);
            return s >= 0 ? (q + s) / 2 : b * (b / (2 * (q - s)));
        }

        double y(double s) {
            double q = Math.hypot(s, b);
            return s <= 0 ? (q - s) / 2 : b * (b / (2 * (q + s)));
        }
    }
}
