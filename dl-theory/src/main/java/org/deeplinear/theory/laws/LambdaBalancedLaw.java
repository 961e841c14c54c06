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
 * {@code sigma = 0}); {@code lambda = 0} is delegated to those laws. {@code |lambda| = Double.MIN_VALUE}, whose half
 * rounds to 0, is evaluated as the law of the doubled parameters (the rate is homogeneous of degree 2:
 * {@code s(t) = u(t/2)/2} for the law {@code u} of {@code 2 sigma, 2 lambda, 2 s0}), so that it too lifts a start at
 * or below 0 to {@code sigma}; only where {@code sigma} or {@code |s0|} is at least {@code 2^1023}, so that the
 * doubled parameters overflow, is it delegated as {@code lambda = 0} is.
 *
 * <p>Numerics: the explicit form is evaluated in the scaled variables {@code Z = (b/2) z = (sqrt(s^2+b^2) + s)/2}
 * and {@code Y = b^2/(4Z) = (sqrt(s^2+b^2) - s)/2} (so {@code s = Z - Y}), each of which follows its own Möbius map
 * in {@code e^{-Kt}}; the increments of {@code Z} and {@code Y} have opposite signs, so {@code s - s0} and
 * {@code s - sigma} are sums of same-signed terms, and the value is {@code sigma + (s - sigma)} or
 * {@code s0 + (s - s0)}, whichever increment is smaller, with {@code e^{-Kt}} carried as a significand and a binary
 * exponent (it leaves the normal doubles at {@code K t ~ 708} while a negative start far below the scale may still be
 * in transit). This is accurate to a few ulps times the condition number {@code 1 + t |ds/dt| / |s|} except near a
 * zero crossing of a negative start, where the absolute error is a few ulps (times that condition number) of the
 * smaller of {@code max(|s0|, |s|)} and {@code 16 hypot(s, b)} (there {@code s = Z - Y} is formed from {@code Z} and
 * {@code Y} themselves where they are below a sixteenth of the other form's terms). The implicit form is evaluated as
 * {@code t = log1p(2R (s - s0)(Z+ + Y) / ((sigma - s)(Z+ + Y0)(Z0 + Y))) / K} with {@code R = K/2}, which is the
 * same quantity without the cancellation of the difference of logarithms. When {@code b^2} underflows against the
 * scale {@code max(sigma, |s0|)} (that is {@code |lambda|} below about {@code 1e-150} times that scale) the law is
 * evaluated in phases, each exact to double precision: the logistic law ({@code lambda = 0}) while
 * {@code |s| >= 2^30 b}, and {@code s = b sinh(asinh(s0/b) + 2 sigma t)} while {@code |s| <= 2^30 b}
 * ({@code sigma - s = sigma} there), so a start at or below the scale of {@code lambda} still rises to
 * {@code sigma} (only {@code lambda = 0} itself is the logistic law with its sign caveat). For {@code sigma = 0}
 * the off-target form is evaluated without {@code b^2} and without subnormal intermediates (see
 * {@code offTargetValue}), at every {@code lambda != 0}. Every finite {@code sigma >= 0}, {@code lambda} and {@code s0}
 * is accepted and every method answers a number, never NaN: {@code b^2} is never formed where it may overflow (it
 * enters as {@code b (b / ...)}), a time whose {@code K t} underflows (to 0 or a subnormal) gives the first-order step
 * {@code s0 + t ds/dt} ({@code value(Double.MIN_VALUE)} is {@code s0} to rounding even at {@code sigma = 1},
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
     * {@code s0 >= 0}). Decided by the sign of {@code sigma^2 - 2 lambda^2} formed without rounding the squares
     * away (exact but within about {@code 2^-100 sigma^2} of the boundary), the discriminant whose root gives
     * {@link #accelerationOnset()} and {@link #inflection()}.
     *
     * @return {@code |lambda| < sigma / sqrt 2}
     */
    public boolean isRich() {
        // the sign of the discriminant richRoot() takes the root of: the two agree by construction (the rounded
        // squares compared here before gave lazy where the exact comparison is rich, and richRoot NaN where they
        // gave rich; audit of 2026-12-07)
        return sigma > 0 && scaledDiscriminant() > 0;
    }

    /**
     * {@code (sigma^2 - 2 lambda^2) 2^-2k} with {@code k} the binary exponent of {@code sigma > 0}: on {@code sigma}
     * and {@code lambda} scaled by {@code 2^-k} (exact; sigma's significand in [1, 2), so no square overflows or
     * underflows, and a lambda that underflows there is below {@code 2^-1022 sigma}, negligible), the difference of
     * the rounded squares (exact by Sterbenz near the rich/lazy boundary) plus that of their exact rounding errors
     * ({@code Math.fma}): the exact discriminant up to one rounding of a term below {@code 2^-49}, so its sign is
     * exact except within about {@code 2^-100 sigma^2} of the boundary. Negative where {@code |lambda| >= 2 sigma}.
     */
    private double scaledDiscriminant() {
        int k = LawSupport.exponent(sigma);
        double sc = Math.scalb(sigma, -k);
        double lc = Math.scalb(Math.abs(lambda), -k);
        if (lc >= 2) {
            return -1;
        }
        double s2 = sc * sc;
        double twoL = 2 * lc;
        double l2 = twoL * lc;
        return (s2 - l2) + (Math.fma(sc, sc, -s2) - Math.fma(twoL, lc, -l2));
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
        // |lambda| (|lambda| / ...): lambda^2 alone may overflow where s1 is finite; and 2 (sigma + root) as
        // 4 ((sigma + root) / 4), from the quarters where the sum overflows (review of 2026-12-07: 0 for 2.15e307 at
        // sigma = 1e308, lambda = 7e307)
        double a = Math.abs(lambda);
        double root = richRoot();
        double sum = sigma + root;
        double quarter = Double.isFinite(sum) ? sum / 4 : sigma / 4 + root / 4;
        double ratio = a / quarter;   // at most 4 sqrt2 / (1 + 0): |lambda| < sigma / sqrt2, quarter >= sigma / 4
        return OptionalDouble.of(a > 1 ? (a / 8) * ratio : a * ratio / 8);
    }

    /**
     * {@code sqrt(sigma^2 - 2 lambda^2)} for rich laws, to a few ulps however close {@code |lambda|} is to
     * {@code sigma / sqrt 2}: {@code 2^k sqrt(scaledDiscriminant())}, the discriminant positive wherever
     * {@link #isRich()} holds (clamped at 0 all the same). (As {@code sqrt(sigma - l) sqrt(sigma + l)} with
     * {@code l = fl(sqrt2 |lambda|)} the rounding of {@code l} made it NaN within 2 ulps of the boundary, so
     * inflection() threw and accelerationOnset() was NaN at sigma = 7.242573469815974, lambda = 5.121272813748658,
     * and cost up to 1.9e-8 within 4 ulps; audit of 2026-12-07.)
     */
    private double richRoot() {
        return Math.scalb(Math.sqrt(Math.max(scaledDiscriminant(), 0)), LawSupport.exponent(sigma));
    }

    /**
     * Whether the law is evaluated as {@code lambda = 0}: {@code lambda = 0} itself, or {@code |lambda| =
     * Double.MIN_VALUE} (whose half {@code b} rounds to 0) where {@link #doubled()} overflows (a documented
     * shortcut: from {@code s0 <= 0} such a mode stays at or below 0 instead of rising to {@code sigma}).
     */
    private boolean zeroLambda() {
        return Math.abs(lambda) / 2 == 0 && !halfRoundsToZero();
    }

    /**
     * Whether {@code lambda != 0} has a half {@code b} that rounds to 0 ({@code |lambda| = Double.MIN_VALUE}) and
     * the doubled parameters are finite: the law is then {@code s(t) = u(t/2)/2} for the law {@code u} of
     * {@link #doubled()}, whose {@code b} is {@code Double.MIN_VALUE}. (It was taken for {@code lambda = 0}, which
     * left a negative start below 0 forever where {@code lambda = 1e-323} lifts it to sigma: {@code s0 = -1},
     * {@code sigma = 1} never reached 0.5, against 745.48 (mpmath); review of 2026-12-07.)
     */
    private boolean halfRoundsToZero() {
        return lambda != 0 && Math.abs(lambda) / 2 == 0 && Math.max(sigma, Math.abs(initialValue)) < 0x1p1023;
    }

    /** The law of {@code 2 sigma, 2 lambda, 2 s0} (exact), which runs twice as fast through values twice as large. */
    private LambdaBalancedLaw doubled() {
        return new LambdaBalancedLaw(2 * sigma, 2 * lambda, 2 * initialValue);
    }

    /** The law evaluated when lambda is zero ({@link #zeroLambda()}): logistic, or off-target decay for sigma = 0. */
    private ModeLaw zeroLambdaLaw() {
        return sigma > 0 ? new LogisticLaw(sigma, initialValue) : new OffTargetDecayLaw(2, initialValue);
    }

    /**
     * Whether the Riccati constants or variables overflow ({@code K = 2 sqrt(sigma^2 + b^2)}, {@code 2 (sigma + R)}
     * or {@code Z(s0)} passes the largest double): the law is then evaluated on quarters of its values (it gave NaN at
     * sigma = Double.MAX_VALUE, lambda = 1000; review of 2026-12-06).
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

    /**
     * Whether {@code b^2 = lambda^2/4} underflows against the scale of sigma and s0: the Riccati constants then
     * lose {@code b}, and the law is evaluated in phases ({@link #phasedValue(double)}), not as {@code lambda = 0}.
     */
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
        // s moves monotonically from s0 to sigma (ds/dt has the sign of sigma - s): kept between them against the
        // last ulps' rounding (review of 2026-12-07: 3.068979371028055e-308 above sigma = 3.0689793710280545e-308 at
        // lambda = 6.29e211, s0 = -1.77e308; -1.7347611668390218e230 below s0 = -1.7347611668390216e230)
        double s = unclampedValue(t);
        return Math.max(Math.min(s, Math.max(initialValue, sigma)), Math.min(initialValue, sigma));
    }

    /** {@link #value}'s formulas, before the clamp to the interval between {@code s0} and sigma. */
    private double unclampedValue(double t) {
        if (halfRoundsToZero()) {
            return doubled().value(t / 2) / 2;
        }
        if (zeroLambda()) {
            return zeroLambdaLaw().value(t);
        }
        double s0 = initialValue;
        double b = Math.abs(lambda) / 2;
        if (t == 0 || s0 == sigma || (sigma == 0 && s0 == 0)) {
            return s0;
        }
        if (sigma == 0) {
            // |s| decays: clamped to [0, |s0|] against rounding (nextUp(2) at lambda = 1.7617269128348212e-7,
            // s0 = 2, t = Double.MIN_VALUE; audit of 2026-12-07)
            return Math.copySign(Math.min(offTargetValue(b, Math.abs(s0), t), Math.abs(s0)), s0);
        }
        if (negligibleLambda()) {
            return phasedValue(t);
        }
        if (quartering()) {
            // s(t; sigma, b, s0) = 4 s(4 t; sigma/4, b/4, s0/4) (the rate is homogeneous of degree 2)
            return 4 * quartered().value(Math.min(4 * t, Double.MAX_VALUE));
        }
        Riccati f = new Riccati(sigma, b);
        double z0 = f.z(s0);
        double y0 = f.y(s0);
        double kt = f.k * t;
        double em = Math.expm1(-kt);
        if (Math.abs(em) < Double.MIN_NORMAL) {
            // K t underflows: s(t) = s0 + t ds/dt to rounding (the step formed so that an overflowing factor of
            // the rate cannot meet a zero); a subnormal em, not only 0: the increment from it had lost its digits
            // (4.9406609e-314 for t |lambda| sigma = 4.9406565e-314 at sigma = lambda = 1e5, s0 = 0,
            // t = Double.MIN_VALUE; review of 2026-12-07)
            // the rate first, then times t: t times a factor first is subnormal and loses digits (t = MIN_VALUE,
            // sigma = lambda = 100000.6: 10000160001 for 10000120000 units); t first only where the rate overflows
            double rate = (2 * Math.hypot(b, s0)) * (sigma - s0);
            double step = Double.isFinite(rate) ? t * rate : (t * 2 * Math.hypot(b, s0)) * (sigma - s0);
            return Double.isFinite(step) ? s0 + step : s0;
        }
        // e^{-K t} = m 2^-k: a plain Math.exp(-K t) is subnormal from K t ~ 708 and 0 from ~745, while a negative start
        // may still be mid-transition (at K t ~ ln(4 sigma |s0 - sigma| / b^2), up to about 2100): e aZ lost its
        // digits in the denominators and fromEnd was 0, so sigma was returned: 1e150 for 1.4478e79 at sigma = 1e150,
        // lambda = 1e-50, s0 = -1e150, t = 3.8e-148 (audit of 2026-12-07)
        // (0 beyond EXP_NEGLIGIBLE, e^{-K t} < 2^-4328: below every term it meets, b^2 / sigma being normal here)
        int k = LawSupport.decayExponent(kt);
        double m = LawSupport.decaySignificand(kt, k);
        // a = X0 - (fixed point of X), for X = Z and X = Y; s0 - sigma = aZ - aY with aZ aY <= 0
        double aZ = (s0 - sigma) / (1 + y0 / f.zPlus);
        double aY = -aZ * (y0 / f.zPlus);
        double denZ = mobiusDenominator(z0, f.zPlus, -f.yPlus, aZ, m, k, em);
        double denY = mobiusDenominator(y0, f.yPlus, -f.zPlus, aY, m, k, em);
        double cZ = z0 + f.yPlus;
        double cY = y0 + f.zPlus;
        // (cZ / denZ and cY / denY first: they are ratios near 1, where aZ cZ may overflow)
        double fromStart = aZ * (cZ / denZ) * em - aY * (cY / denY) * em;
        // X - X+ = e^{-K t} R a / den, each as one scaled product m R a 2^-k / den: R aZ / denZ alone underflowed
        // to 0 where |aZ| / denZ ~ |s0 - sigma| / |lambda| was below 1e-308 (1e-150 for 2.64e-151 at sigma = 1e-150,
        // lambda = -1e300, s0 = -1e-150, t = 1e-300; review of 2026-12-07), and it overflows where e^{-K t} is tiny
        double fromEnd = endTerm(m, k, f.r, aZ, denZ) - endTerm(m, k, f.r, aY, denY);
        boolean nearEnd = Math.abs(fromEnd) < Math.abs(fromStart);
        double value = nearEnd ? sigma + fromEnd : s0 + fromStart;
        // the scale of the value's rounding: its two terms
        double scale = nearEnd ? Math.max(sigma, Math.abs(fromEnd)) : Math.max(Math.abs(s0), Math.abs(fromStart));
        if (s0 < 0 && Math.abs(value) < scale) {
            // crossing 0, where the sum cancelled to a few ulps of its terms (of |s0|): Z (rising from z0) and Y
            // (falling to Y+) are sums of positive terms, and Z - Y is within a few ulps of max(Z, Y) <= hypot(s, b),
            // the better one where that is well below the scale (0 for 1.4478e79 at sigma = 1e150, lambda = 1e-50,
            // s0 = -1e150, t = 3.8e-148, within its ulps of 1e150); not where b is the larger (Z and Y then both near
            // b/2 and s = Z - Y cancels: -1.06e307 for sigma = 1, lambda = Double.MAX_VALUE, s0 = -lambda)
            double z = z0 + aZ * (cZ / denZ) * em;
            double y = f.yPlus + endTerm(m, k, f.r, aY, denY);
            if (Math.max(z, y) < 0x1p-4 * scale) {   // (each of Z, Y carries a few roundings more)
                return z - y;
            }
        }
        return value;
    }

    /**
     * {@code m 2^-k r a / den} (the Möbius map's {@code X - X+ = e^{-K t} R a / den} with {@code e^{-K t} = m 2^-k})
     * for {@code m >= 0}, {@code r, den > 0} and finite {@code a} of either sign, as one scaled product
     * ({@link LawSupport#powerTimes}, 3 ulps wherever it is a normal double): none of {@code a / den},
     * {@code r a / den} or {@code e^{-K t}} is formed alone, since each may leave the doubles where the product is
     * one.
     */
    private static double endTerm(double m, int k, double r, double a, double den) {
        return LawSupport.powerTimes(1, 0, 1, m, r, a, den, -k);
    }

    /**
     * Beyond {@code |s| = FAR b}, {@code sqrt(lambda^2 + 4 s^2) = 2 |s| (1 + b^2/(2 s^2))} is {@code 2|s|} to 2^-61.
     */
    private static final double FAR = 0x1p30;
    /** {@code asinh(FAR)}. */
    private static final double ASINH_FAR = LawSupport.asinh(FAR);
    /** The exponent by which {@link #phasedValue} scales parameters that are all below about {@code 2^-820}. */
    private static final int TINY_SCALE = 600;

    /**
     * The off-target law ({@code sigma = 0}) for {@code r0 = |s0| > 0}: {@code |s| = b / sinh(phi)},
     * {@code phi = asinh(b/r0) + 2 b t}, with no {@code b^2}, no subnormal intermediate and no cancellation: for
     * {@code phi < 1/2}, {@code |s| = r0 / ((asinh(x)/x + 2 t r0) sinh(phi)/phi)} with {@code x = b/r0} (at
     * {@code b -> 0} the algebraic decay {@code r0/(1 + 2 r0 t)}); otherwise {@code |s| = A e^{-2bt} /
     * (1 - e^{-2 phi})} with {@code A = 2 b e^{-asinh(x)} = 2 b r0 / (b + hypot(b, r0))}, the factor
     * {@code e^{-2bt}} applied as {@code 2^-k e^-rem} (a subnormal {@code e^-phi} had cost 2.3e-3 at
     * lambda = 1e20, s0 = 1e-300; a {@code b^2} that underflowed had made lambda = 1e-200 count as 0 and the decay
     * algebraic, 1e7 times too slow; review of 2026-12-07).
     */
    private static double offTargetValue(double b, double r0, double t) {
        double x = b / r0;
        double phi0 = x > 1e300 ? Math.log(2) + Math.log(b) - Math.log(r0) : LawSupport.asinh(x);
        double u = 2 * (b * t);   // (b (2 t) overflowed at t near the largest double, where u may be small)
        double phi = phi0 + u;
        if (phi < 0.5) {
            double asinhc = x < 1e-8 ? 1 : LawSupport.asinh(x) / x;
            double sinhc = phi < 1e-8 ? 1 : Math.sinh(phi) / phi;
            // where 2 t (r0) passes 2^1021, halved and sinhc divided alone: it overflowed at t near the largest
            // double, where the value is a subnormal (0 for 2.78e-309 at lambda = -1e-310, s0 = 745.6,
            // t = Double.MAX_VALUE; review of 2026-12-07); below, as before (the halved forms rounded a subnormal
            // r0 / 2 or asinhc / r0 / 2, 10 ulps at s0 = 1.7e308, t = 2e-312; the review of that change)
            if (r0 >= 1) {
                return t < 0x1p1020 ? 1 / ((asinhc / r0 + 2 * t) * sinhc) : 0.5 / (asinhc / r0 / 2 + t) / sinhc;
            }
            double tr = t * r0;
            return tr < 0x1p1020 ? r0 / ((asinhc + 2 * tr) * sinhc) : 0.5 * r0 / (asinhc / 2 + tr) / sinhc;
        }
        // 2 min(b, r0) max(b, r0)/(b + h), h = hypot(b, r0), the ratio max/(b + h) in [1/(1 + sqrt2), 1] formed on b
        // and r0 scaled by the same power of two (exact; a part that underflows there is negligible in the sum), so
        // that neither h nor b + h overflows: h was infinite for b, r0 near the largest double and a was 0 (0 for
        // 1.4627e308 at lambda = s0 = Double.MAX_VALUE, t = 5.56e-310, and up to t = 4.45e-306; audit of 2026-12-07)
        double big = Math.max(b, r0);
        double small = Math.min(b, r0);
        int e = LawSupport.exponent(big);
        double bs = Math.scalb(b, -e);
        double rs = Math.scalb(r0, -e);
        double a = 2 * (small * (Math.scalb(big, -e) / (bs + Math.hypot(bs, rs))));
        double denominator = -Math.expm1(-2 * phi);
        if (u < 700) {
            return a * Math.exp(-u) / denominator;
        }
        if (u > LawSupport.EXP_NEGLIGIBLE) {
            return 0; // a <= 2^1025: below the smallest double
        }
        int k = LawSupport.expExponent(u);
        return Math.scalb(a * LawSupport.expSignificand(u, k) / denominator, -k);
    }

    /**
     * The off-target time from {@code r0 = |s0|} down to {@code r = |s|}, {@code 0 < r < r0}:
     * {@code t = [asinh(b/r) - asinh(b/r0)] / (2b) = asinh(D)/(2b)} with {@code D = a (1 - g^2) / w},
     * {@code a = b/r}, {@code g = r/r0}, {@code w = hypot(1, b/r0) + hypot(b/r0, g)} (the difference of the
     * arcsines as one; at {@code b -> 0} it is {@code (1/r - 1/r0)/2}, the algebraic law's, without forming
     * {@code b^2}); where {@code b/r0 > 1e8} both arcsines are logarithms to double precision and
     * {@code t = ln(r0/r)/(2b)}.
     */
    private static double offTargetTime(double b, double r0, double r) {
        double g = r / r0;
        double x0 = b / r0;
        if (x0 > 1e8) {
            // ln(r0/r) from the quotient where it is a double (ln r0 - ln r cancelled: 26 ulps at r0 = 1e-300,
            // r = 1e-305; review of 2026-12-07)
            double logRatio = r0 - r <= 0.5 * r0 ? -Math.log1p(-(r0 - r) / r0) : LawSupport.logOfQuotient(r0, r);
            return logRatio / 2 / b;
        }
        double w = Math.hypot(1, x0) + Math.hypot(x0, g);
        double v = ((r0 - r) / r0) * (1 + g) / w; // D = (b/r) v
        double d = (b / r) * v;
        if (d < 1e-8) {
            return v / (2 * r); // asinh(D)/D = 1 - D^2/6: 1 to rounding
        }
        if (Double.isFinite(d)) {
            // (asinh(D)/D) v, at most v, before the division by 2r: v/(2r) alone overflowed where t is finite
            // (+infinity for 5.3665e301 at lambda = 1e-300, s0 = 1, s = Double.MIN_VALUE; audit of 2026-12-07)
            return LawSupport.asinh(d) / d * v / (2 * r);
        }
        // asinh(D) = ln(2D) for D beyond the doubles
        return (Math.log(2) + Math.log(b) - Math.log(r) + Math.log(v)) / 2 / b;
    }

    /**
     * {@code asinh(a) - asinh(c)} for {@code a > c}, given {@code a - c}: for the same signs as
     * {@code asinh((a - c)(a + c) / (a sqrt(1 + c^2) + c sqrt(1 + a^2)))}, without the cancellation of the
     * difference; for opposite signs the difference itself (a sum of magnitudes).
     */
    private static double asinhDifference(double a, double c, double difference) {
        if ((a >= 0) != (c >= 0) || a == 0 || c == 0) {
            return LawSupport.asinh(a) - LawSupport.asinh(c);
        }
        return LawSupport.asinh(difference * ((a + c) / (a * Math.hypot(1, c) + c * Math.hypot(1, a))));
    }

    /**
     * The value where {@code b^2} is negligible against the scale of the law ({@link #negligibleLambda()}), in
     * phases each exact to double precision: while {@code |s| >= FAR b} the rate is {@code 2 |s| (sigma - s)}
     * ({@link LogisticLaw}, from above or from below 0); while {@code |s| <= FAR b <= 2^-70 sigma} it is
     * {@code 2 sigma hypot(b, s)}, so {@code s = b sinh(asinh(s0/b) + 2 sigma t)}, which crosses 0 and leaves the
     * scale of {@code b}. (Treating such a lambda as 0 was only valid while {@code |s| >> b}: a start at or below
     * {@code |lambda|} stayed put; review of 2026-12-07.) If {@code sigma < 2^100 b}, lambda is negligible only
     * against a far start, or the parameters are all below about {@code 2^-820} and are scaled by
     * {@code 2^600} (the rate is homogeneous of degree 2: {@code s(t) = c u(c t)} for the law of the parameters
     * over {@code c}).
     */
    private double phasedValue(double t) {
        double s0 = initialValue;
        double b = Math.abs(lambda) / 2;
        double far = FAR * b;
        if (s0 > 0 && Math.min(s0, sigma) >= far) {
            return new LogisticLaw(sigma, s0).value(t);
        }
        if (s0 < -far || (s0 > far && s0 > sigma)) {
            double edge = s0 < 0 ? -far : far;
            LogisticLaw before = new LogisticLaw(sigma, s0);
            double t1 = before.timeToReach(edge).getAsDouble();
            return t <= t1 ? before.value(t) : new LambdaBalancedLaw(sigma, lambda, edge).value(t - t1);
        }
        if (b <= 0x1p-100 * sigma) {
            double t1 = nearZeroTime(far);
            if (t <= t1) {
                return nearZeroValue(b, s0, sigma * (2 * t));
            }
            return new LogisticLaw(sigma, far).value(t - t1);
        }
        return Math.scalb(scaledUp().value(Math.scalb(t, -TINY_SCALE)), -TINY_SCALE);
    }

    /**
     * {@code b sinh(asinh(s0/b) + u)} for {@code u >= 0}: by the addition theorem {@code s0 cosh u + h sinh u} with
     * {@code h = hypot(b, s0) = |s0| + d}, {@code d = b^2 / (h + |s0|)}, that is {@code s0 e^u + d sinh u} for
     * {@code s0 >= 0} and {@code s0 e^-u + d sinh u} for {@code s0 < 0} ({@code d sinh u} as one scaled product
     * b (b / (h + |s0|)) sinh u); for {@code s0 >= 0} as {@code s0} plus the increment {@code s0 expm1(u) + d sinh u},
     * a sum of non-negative terms, within a few ulps of {@code |s|}; for {@code s0 < 0} within a few ulps of
     * {@code max(|s0| e^-u, d sinh u) <= max(|s0|, |s|)} (only the last addition cancels, at the crossing of 0).
     * (Through {@code asinh} and {@code sinh} the rounding of {@code asinh(s0/b)}, about 21 at s0 = 1.7e8, b = 0.25,
     * cost 31-42 ulps, and an increment {@code u} below half its ulp was lost: sigma = 1.7e308, lambda = 0.5,
     * s0 = 1.7e8 at t = Double.MIN_VALUE gave 169999999.9999997 for 170000000.00000028557; review of 2026-12-07. As
     * {@code (P e^u + M e^{-u}) / 2}, {@code P, M = s0 +- h}, it cancelled wherever {@code u} and {@code |s0| / b}
     * were tiny: 0 for t |lambda| sigma = 4e-129 at sigma = 1e150, lambda = 4e-79, s0 = 0, t = 1e-200; audit of
     * 2026-12-07.)
     */
    private static double nearZeroValue(double b, double s0, double u) {
        double r = Math.abs(s0);
        double h = Math.hypot(b, s0);
        double term = LawSupport.powerTimes(1, 0, 1, b, b / (h + r), Math.sinh(u), 1, 0);
        // s0 < 0: s0 e^-u + d sinh u, whose terms (both below max(|s0|, |s|)) shrink towards the crossing, where
        // s0 + (s0 expm1(-u) + d sinh u) cancelled at the scale of |s0| (2.6e-11 relative at 1.27e-297 from s0 = -1)
        return s0 >= 0 ? s0 + (s0 * Math.expm1(u) + term) : s0 * Math.exp(-u) + term;
    }

    /** The time to {@code s} in the phases of {@link #phasedValue(double)}. */
    private double phasedTime(double s) {
        double s0 = initialValue;
        double b = Math.abs(lambda) / 2;
        double far = FAR * b;
        if (s0 > 0 && Math.min(s0, sigma) >= far) {
            return new LogisticLaw(sigma, s0).timeToReach(s).orElse(Double.POSITIVE_INFINITY);
        }
        if (s0 < -far || (s0 > far && s0 > sigma)) {
            double edge = s0 < 0 ? -far : far;
            LogisticLaw before = new LogisticLaw(sigma, s0);
            if (s0 < 0 ? s <= edge : s >= edge) {
                return before.timeToReach(s).orElse(Double.POSITIVE_INFINITY);
            }
            return before.timeToReach(edge).getAsDouble() + new LambdaBalancedLaw(sigma, lambda, edge).elapsed(s);
        }
        if (b <= 0x1p-100 * sigma) {
            if (s <= far) {
                return nearZeroTime(s);
            }
            return nearZeroTime(far) + new LogisticLaw(sigma, far).timeToReach(s).orElse(Double.POSITIVE_INFINITY);
        }
        return Math.scalb(scaledUp().elapsed(Math.scalb(s, TINY_SCALE)), TINY_SCALE);
    }

    /** {@code [asinh(s/b) - asinh(s0/b)] / (2 sigma)}: the time from s0 to s while {@code |s| <= FAR b}. */
    private double nearZeroTime(double s) {
        double b = Math.abs(lambda) / 2;
        double a = s == FAR * b ? FAR : s / b;
        double difference = a == FAR ? asinhDifferenceToFar() : asinhDifference(a, initialValue / b,
                (s - initialValue) / b);
        return difference / 2 / sigma;
    }

    /** {@code asinh(FAR) - asinh(s0/b)}. */
    private double asinhDifferenceToFar() {
        double b = Math.abs(lambda) / 2;
        double c = initialValue / b;
        return c <= 0 ? ASINH_FAR - LawSupport.asinh(c) : asinhDifference(FAR, c, FAR - c);
    }

    /** The law of the parameters times {@code 2^TINY_SCALE} (exact). */
    private LambdaBalancedLaw scaledUp() {
        return new LambdaBalancedLaw(Math.scalb(sigma, TINY_SCALE), Math.scalb(lambda, TINY_SCALE),
                Math.scalb(initialValue, TINY_SCALE));
    }

    /**
     * The denominator {@code c - E a} of the Möbius solution {@code X - X0 = a c (E - 1) / (c - E a)} with
     * {@code a = X0 - p}, {@code c = X0 - q}, written as a sum of non-negative terms in both signs of {@code a}, with
     * {@code E = m 2^-k} (its product with {@code a} or {@code p} scaled once: a subnormal {@code E} has lost its
     * digits) and {@code em = E - 1}.
     */
    private static double mobiusDenominator(double x0, double p, double q, double a, double m, int k, double em) {
        return a <= 0 ? (x0 - q) - Math.scalb(m * a, -k) : -x0 * em - q + Math.scalb(m * p, -k);
    }

    @Override
    public OptionalDouble timeToReach(double s) {
        // the limit, not sigma: with lambda = 0 and s0 <= 0 the law stays at or below 0 and never reaches
        // a positive s (it gave a present +infinity, review of 2026-11-28)
        return LawSupport.timeToReach(s, initialValue, limit(), this::elapsed);
    }

    /** The time from s0 to s, for s strictly between s0 and sigma. */
    private double elapsed(double s) {
        if (halfRoundsToZero()) {
            return 2 * doubled().elapsed(2 * s);
        }
        if (zeroLambda()) {
            return zeroLambdaLaw().timeToReach(s).orElse(Double.POSITIVE_INFINITY);
        }
        if (sigma == 0) {
            return offTargetTime(Math.abs(lambda) / 2, Math.abs(initialValue), Math.abs(s));
        }
        if (negligibleLambda()) {
            return phasedTime(s);
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
        // (|lambda| = Double.MIN_VALUE, whose half rounds to 0, as hypot(lambda, 2 s): its rate at s = 0 is
        // |lambda| sigma, not 0)
        double gap = sigma - s;
        double root = lambda / 2 == 0 ? Math.hypot(lambda, 2 * s) : 2 * Math.hypot(lambda / 2, s);
        return gap == 0 ? 0 : root * gap;
    }

    @Override
    public double limit() {
        // every lambda != 0, however small, lifts a start at or below 0 to sigma (ds/dt(0) = |lambda| sigma > 0)
        return zeroLambda() ? zeroLambdaLaw().limit() : sigma;
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
            return s >= 0 ? (q + s) / 2 : conjugate(q - s);
        }

        double y(double s) {
            double q = Math.hypot(s, b);
            return s <= 0 ? (q - s) / 2 : conjugate(q + s);
        }

        /**
         * {@code b^2 / (2 sum)} for the sum {@code sqrt(s^2 + b^2) + |s|}, the halving applied to {@code b} where
         * {@code 2 sum} overflows (it made Z(s0) 0 for 6.9e305 at sigma = 1/4, lambda = -Double.MAX_VALUE/8,
         * s0 = -Double.MAX_VALUE/4, the quartered law of lambda = -Double.MAX_VALUE/2, s0 = -Double.MAX_VALUE).
         */
        private double conjugate(double sum) {
            double twice = 2 * sum;
            return twice < Double.POSITIVE_INFINITY ? b * (b / twice) : b * ((b / 2) / sum);
        }
    }
}
