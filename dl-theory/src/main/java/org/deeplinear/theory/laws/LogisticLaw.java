package org.deeplinear.theory.laws;

import java.util.Optional;
import java.util.OptionalDouble;

import org.deeplinear.core.Arguments;

/**
 * The balanced two-layer law ({@code w = +-u}, depth 2): {@code ds/dt = 2 |s| (sigma - s)} (Saxe, McClelland,
 * Ganguli 2014, Eq. 12), solved by {@code s(t) = sigma e^{2 sigma t} / (e^{2 sigma t} - 1 + sigma/s0)}.
 *
 * <p>Three regimes, all exact:
 * <ul>
 *   <li>{@code 0 < s0 < sigma}: sigmoidal growth to {@code sigma}, inflection and half-time at {@code sigma/2},
 *       {@code t_half = ln(sigma/s0 - 1) / (2 sigma)};</li>
 *   <li>{@code s0 > sigma}: monotone decrease to {@code sigma};</li>
 *   <li>{@code s0 <= 0} (the sign caveat, {@code w = -u}): the mode never grows; {@code s0 = 0} stays at 0 and
 *       {@code s0 < 0} decays to 0 from below as
 *       {@code s(t) = s0 e^{-2 sigma t} / (1 + (|s0|/sigma)(1 - e^{-2 sigma t}))}.</li>
 * </ul>
 *
 * <p>Numerics: {@link #value(double)} is evaluated as a quotient whose denominator is a sum of two non-negative
 * terms built from {@code exp(-2 sigma t)} and {@code expm1(-2 sigma t)}, every factor carried as a significand and
 * a binary exponent, so that neither {@code s0/sigma}, {@code exp(-2 sigma t)} nor {@code s0 t} overflows or
 * underflows (over the whole range of finite {@code sigma > 0}, {@code s0} and {@code t >= 0}); the result is within
 * a few ulps times {@code 1 + 2 sigma t} (the condition number) of the exact value for the given double arguments,
 * and {@code value(+infinity)} is {@link #limit()} exactly. {@link #timeToReach(double)} is
 * {@code log1p(sigma (s - s0) / (s0 (sigma - s))) / (2 sigma)}, accurate to a few ulps relative for the given
 * doubles even as {@code s -> sigma} (where {@code sigma/s0} and {@code (s - s0)/(sigma - s)} leave the normal
 * range, say one underflowing while the other overflows, the logarithm of their product is formed as a sum of
 * logarithms, so the time is finite, never NaN); note that the time is ill-conditioned there: a relative change
 * {@code delta} of {@code s} changes the time by a relative {@code delta / (2 t |sigma - s|)} (times {@code s}).
 *
 * @param sigma        the target singular value, finite and {@code > 0}
 * @param initialValue the initial value {@code s0}, finite (any sign)
 */
public record LogisticLaw(double sigma, double initialValue) implements ModeLaw {

    /**
     * Validates the parameters.
     *
     * @param sigma the target singular value
     * @param initialValue the initial value s0
     * @throws IllegalArgumentException if {@code sigma} is not finite and positive or {@code initialValue} is not
     *                                  finite
     */
    public LogisticLaw {
        Arguments.positive("sigma", sigma);
        Arguments.finite("s0", initialValue);
    }

    @Override
    public double value(double t) {
        LawSupport.checkTime(t);
        double s0 = initialValue;
        if (s0 == 0 || s0 == sigma || t == 0) {
            return s0;
        }
        if (t == Double.POSITIVE_INFINITY) {
            return limit();
        }
        // x = 2 sigma t with one rounding: the doubling is exact on the side that cannot overflow (2 sigma overflows
        // for sigma above half the largest double, 2 t for t above it, where sigma 2t would be inf times a tiny sigma)
        double x = sigma < 1 ? (2 * sigma) * t : sigma * (2 * t);
        double r0 = Math.abs(s0);
        // every quantity below is m 2^k with m a double near 1 and k an int, so that none of s0/sigma, e^{-x},
        // s0 t overflows or underflows (review of 2026-12-07: sigma 1e-5, s0 1.7e308 gave sigma for 1.58 sigma;
        // a subnormal s0/sigma or e^{-x} had lost its digits)
        double m0 = LawSupport.mantissa(r0);
        int k0 = LawSupport.exponent(r0);
        if (x < 1) {
            // (s0/sigma)(1 - e^{-x}) = 2 |s0| t h with h = (1 - e^{-x})/x in (0.63, 1]: no subnormal x or quotient
            double h = x >= Double.MIN_NORMAL ? -Math.expm1(-x) / x : 1;
            double qm = m0 * LawSupport.mantissa(t) * h;
            int qk = k0 + LawSupport.exponent(t) + 1;
            double e = Math.exp(-x);   // in (0.37, 1]
            // s0 > 0: s = s0 / (e^{-x} + (s0/sigma)(1 - e^{-x})); s0 < 0: r = r0 e^{-x} / (1 + (r0/sigma)(1 - e^{-x}))
            double first = s0 > 0 ? e : 1;
            int dk = Math.max(0, qk);
            double dm = Math.scalb(first, -dk) + Math.scalb(qm, qk - dk);
            double r = Math.scalb((s0 > 0 ? m0 : m0 * e) / dm, k0 - dk);
            return s0 > 0 ? clampTowardsSigma(r) : -r;
        }
        double c = -Math.expm1(-x);   // 1 - e^{-x}, in [0.63, 1]
        // e^{-x} = em 2^ek, normal or reduced where it is not; beyond EXP_NEGLIGIBLE it is below every term it meets
        int ek = -LawSupport.decayExponent(x);
        double em = LawSupport.decaySignificand(x, -ek);
        double ms = LawSupport.mantissa(sigma);
        int ks = LawSupport.exponent(sigma);
        if (s0 > 0) {
            // s = sigma / ((1 - e^{-x}) + e^{-x} sigma/s0): two non-negative terms, and exactly sigma once e^{-x} is
            // negligible
            int qk = ek + ks - k0;
            int dk = Math.max(0, qk);
            double dm = Math.scalb(c, -dk) + Math.scalb(em * ms / m0, qk - dk);
            return clampTowardsSigma(Math.scalb(ms / dm, ks - dk));
        }
        // r = r0 e^{-x} / (1 + (r0/sigma)(1 - e^{-x}))
        int qk = k0 - ks;
        int dk = Math.max(0, qk);
        double dm = Math.scalb(1.0, -dk) + Math.scalb(m0 * c / ms, qk - dk);
        return -Math.scalb(m0 * em / dm, k0 + ek - dk);
    }

    /** A value of the growing or decaying branch (s0 > 0), kept on its side of sigma against rounding. */
    private double clampTowardsSigma(double s) {
        return initialValue < sigma ? Math.min(s, sigma) : Math.max(s, sigma);
    }

    @Override
    public OptionalDouble timeToReach(double s) {
        return LawSupport.timeToReach(s, initialValue, limit(), this::elapsed);
    }

    /** The time from s0 to s, for s strictly between s0 and the limit. */
    private double elapsed(double s) {
        double s0 = initialValue;
        // ln(...) / (2 sigma): the doubling first, exact wherever 2 sigma is a double (ln(...)/sigma then /2
        // overflowed where the time is finite: sigma = 2.2250738585072014e-308, s0 = 1e-310 gave infinity for
        // 1.7084e308; review of 2026-12-07); above half the largest double, where it overflows, the halving after
        double divisor = 2 * sigma;
        boolean halveAfter = divisor == Double.POSITIVE_INFINITY;
        if (halveAfter) {
            divisor = sigma;
        }
        double time;
        if (s0 > 0) {
            // ln[s (sigma - s0) / (s0 (sigma - s))] = log1p(sigma (s - s0) / (s0 (sigma - s))); both factors > 0
            // (quotients of signed gaps: s - s0 and sigma - s have the same sign; their negations are passed when
            // negative; LawSupport forms the product and its logarithm over sigma without leaving the doubles)
            double gap = s - s0;
            double rest = sigma - s;
            time = gap > 0 ? LawSupport.log1pOfQuotientsOver(divisor, sigma, s0, gap, rest)
                    : LawSupport.log1pOfQuotientsOver(divisor, sigma, s0, -gap, -rest);
        } else {
            // r = -s decays from r0 = -s0: t = log1p(sigma (r0 - r) / (r (sigma + r0))) / (2 sigma)
            double r = -s;
            double r0 = -s0;
            double sum = sigma + r0;
            // sigma + r0 may overflow: sigma/(sigma + r0) = (sigma/2)/(sigma/2 + r0/2), exact halves there
            time = Double.isFinite(sum) ? LawSupport.log1pOfQuotientsOver(divisor, sigma, sum, r0 - r, r)
                    : LawSupport.log1pOfQuotientsOver(divisor, sigma / 2, sigma / 2 + r0 / 2, r0 - r, r);
        }
        return halveAfter ? time / 2 : time;
    }

    @Override
    public double rate(double s) {
        LawSupport.checkValue(s);
        double gap = sigma - s;
        // exactly 0 at the fixed point, even where 2 |s| overflows (Infinity * 0 would be NaN)
        return gap == 0 ? 0 : 2 * Math.abs(s) * gap;
    }

    @Override
    public double limit() {
        return initialValue > 0 ? sigma : 0;
    }

    /**
     * {@inheritDoc}
     *
     * <p>For this law the rate {@code 2 s (sigma - s)} is largest at {@code sigma / 2}, so the inflection is the
     * half-time; its time is present when {@code 0 < s0 <= sigma / 2}.
     */
    @Override
    public Optional<Inflection> inflection() {
        return Optional.of(LawSupport.inflectionAt(this, sigma / 2));
    }

    @Override
    public String domain() {
        return "aligned balanced mode (w = +-u), depth 2, whitened inputs: ds/dt = 2|s|(sigma - s); any real s0"
                + " (s0 <= 0 never grows)";
    }
}
