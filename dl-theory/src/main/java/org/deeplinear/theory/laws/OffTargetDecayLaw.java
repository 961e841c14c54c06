package org.deeplinear.theory.laws;

import java.util.Optional;
import java.util.OptionalDouble;

import org.deeplinear.core.Arguments;

/**
 * An off-target mode ({@code sigma = 0}) of a balanced depth-{@code N} chain: {@code ds/dt = -N |s|^{2-2/N} s},
 * solved by {@code s(t) = [s0^{-(2-2/N)} + (2N - 2) t]^{-N/(2N-2)}} for {@code s0 > 0}; for {@code N = 2} this is
 * {@code s0 / (1 + 2 s0 t)}, the algebraic {@code ~ 1/(2t)} decay. The equation is odd in {@code s}, so
 * {@code s0 < 0} decays to 0 from below as {@code -s(t)} of {@code |s0|}, and {@code s0 = 0} stays at 0.
 *
 * <p>Numerics: with {@code p = 2 - 2/N}, the value is {@code s0 (1 + p N t |s0|^p)^{-1/p}} (no overflow for large
 * {@code t}; when {@code p N t |s0|^p} overflows, the asymptote {@code (p N t)^{-1/p}}, exact to double precision
 * there); the inverse is {@code |s0|^{-p} expm1(p log1p((|s0| - |s|)/|s|)) / (pN)} near {@code s0} (where that
 * exponent is at most 1) and {@code (|s|^{-p} - |s0|^{-p}) / (pN)} beyond, where the second term is below
 * {@code e^-1} of the first. Every power ({@code (1 + a)^{-N/(2N-2)}}, and those of {@code |s0|}, {@code |s|} and
 * {@code t}) applies its rational exponent to the binary exponent of its base exactly ({@link LawSupport#powerTimes}),
 * every product scaled, so neither a rounded {@code p} nor a power outside the doubles costs more than an ulp. Both
 * are within a few ulps of the exact value for the given doubles wherever the result is a normal double (measured
 * against the closed form in 40 to 80 digits: at most 2.4 ulps for values and 2.7 for times on a grid of depths 3 to
 * 100, {@code |s0|} from 1e-200 to 1e200 and t up to 1e300; over 30,000 random cases of depths 2 to 200 across the
 * double range at most about 5.4 ulps, where a time just below the switch of formulas, or one whose
 * {@code |s|^{-p} / (pN)} overflows, takes the {@code expm1} form; a rounded {@code p} in {@code Math.pow} and
 * {@code expm1} had cost up to 790 ulps).
 *
 * @param depth        the depth {@code N >= 2} of the chain
 * @param initialValue the initial value {@code s0}, finite (any sign)
 */
public record OffTargetDecayLaw(int depth, double initialValue) implements ModeLaw {

    /**
     * Validates the parameters.
     *
     * @param depth the depth N
     * @param initialValue the initial value s0
     * @throws IllegalArgumentException if {@code depth < 2} or {@code initialValue} is not finite
     */
    public OffTargetDecayLaw {
        Arguments.atLeast("depth", depth, 2);
        Arguments.finite("s0", initialValue);
    }

    /**
     * The exponent {@code p = 2 - 2/N} of the decay {@code ds/dt = -N |s|^p s}.
     *
     * @return {@code p}, in {@code [1, 2)}
     */
    private double p() {
        return (2.0 * depth - 2) / depth;
    }

    @Override
    public double sigma() {
        return 0;
    }

    @Override
    public double value(double t) {
        LawSupport.checkTime(t);
        return valueAt(depth, initialValue, t);
    }

    /**
     * {@link #value(double)} without the object or the argument check, for a caller that has both already
     * ({@code DepthBalancedLaw}'s start above sigma, inside its root finder, which allocates nothing).
     *
     * @param depth the depth N, at least 2
     * @param s0    the initial value, finite
     * @param t     the time, {@code >= 0}
     * @return {@code s(t)}
     */
    static double valueAt(int depth, double s0, double t) {
        if (s0 == 0 || t == 0) {
            return s0;
        }
        if (t == Double.POSITIVE_INFINITY) {
            return Math.copySign(0.0, s0);
        }
        double r0 = Math.abs(s0);
        long pn = 2L * depth - 2;
        // a = pN t r0^p from significands and binary exponents, the exponent p = (2N - 2)/N applied to r0's binary
        // exponent exactly: neither r0^p nor a product leaves the doubles (r0 = 1e180, t = 1e-322: r0^p overflows
        // while a is 0.07; review of 2026-11-28), and no rounded p meets ln r0 (the sum of logarithms that replaced
        // them cost 735 ulps at N = 4, r0 = 1e-200, t = 1.7e308; review of 2026-12-07)
        double a = LawSupport.powerTimes(r0, pn, depth, pn, t, 1, 1, 0);
        if (a == Double.POSITIVE_INFINITY) {
            // (1 + a)^{-1/p} r0 = (pN t)^{-1/p} (1 + 1/a)^{-1/p}, and 1/a is below the double range here;
            // (pN t)^{-N/(2N-2)} = pN^{-N/(2N-2)} t^{-N/(2N-2)}, the second scaled as above
            double pnPower = LawSupport.powerTimes(pn, -depth, pn, 1, 1, 1, 1, 0);   // (exponent exact, as above)
            return Math.copySign(LawSupport.powerTimes(t, -depth, pn, pnPower, 1, 1, 1, 0), s0);
        }
        // (1 + a)^{-N/(2N-2)} r0 with the rational exponent applied exactly, as above: Math.pow(1 + a, -1/p) with a
        // rounded 1/p cost ln(1 + a) 2^-53 relative, 229 ulps at N = 7, s0 = 2.44, t = 1e300 (review of 2026-12-07)
        double r = depth == 2 ? r0 / (1 + a) : LawSupport.powerTimes(1 + a, -depth, pn, r0, 1, 1, 1, 0);
        return Math.copySign(r, s0);
    }

    @Override
    public OptionalDouble timeToReach(double s) {
        return LawSupport.timeToReach(s, initialValue, 0, this::elapsed);
    }

    /** The time from s0 to s, for s strictly between s0 and 0. */
    private double elapsed(double s) {
        double r0 = Math.abs(initialValue);
        double r = Math.abs(s);
        double p = p();
        double pn = 2.0 * depth - 2;
        // t = (r^-p - r0^-p) / (pN) = r0^-p ((r0/r)^p - 1) / (pN)
        double exponent = p * Math.log1p((r0 - r) / r);
        if (exponent > 1) {
            // far from s0: r^-p / (pN) - r0^-p / (pN), each with the rational exponent applied exactly, the second
            // below e^-1 of the first (expm1 of the rounded exponent cost about the exponent in ulps, 790 at N = 100
            // from r0 = 5.06e20 to 2.26e-128; review of 2026-12-07); where the first overflows, as below
            double far = LawSupport.powerTimes(r, -(2L * depth - 2), depth, 1, 1, 1, pn, 0);
            if (far < Double.POSITIVE_INFINITY) {
                return far - LawSupport.powerTimes(r0, -(2L * depth - 2), depth, 1, 1, 1, pn, 0);
            }
        }
        if (exponent < 700) {
            // (r0^-p may leave the normal range while the time is a double: r0 = 1e300 at N = 3 gave a time of 0,
            // r0 = 1e-310 at N = 2 an infinite one; review of 2026-12-06)
            // (scale expm1 / (pN) as significands and exponents: the product overflowed before the division,
            // N = 3, r0 = 1e-150, s = 2.37e-232: infinity for 1.7e308; review of 2026-12-07)
            // (r0^-p with the rational exponent -(2N - 2)/N applied exactly: a rounded p cost |ln r0| p 2^-53, 306
            // ulps at N = 3 from r0 = 1e200; review of 2026-12-07)
            return LawSupport.powerTimes(r0, -(2L * depth - 2), depth, Math.expm1(exponent), 1, 1, pn, 0);
        }
        // (r0/r)^p overflows: t = r^-p (1 - (r/r0)^p) / (pN), scaled likewise (it was formed through logarithms)
        return LawSupport.powerTimes(r, -(2L * depth - 2), depth, -Math.expm1(-exponent), 1, 1, pn, 0);
    }

    @Override
    public double rate(double s) {
        LawSupport.checkValue(s);
        return -depth * Math.pow(Math.abs(s), p()) * s;
    }

    @Override
    public double limit() {
        return 0;
    }

    /**
     * {@inheritDoc}
     *
     * <p>An off-target mode only decays, at a decreasing speed: there is no inflection.
     */
    @Override
    public Optional<Inflection> inflection() {
        return Optional.empty();
    }

    @Override
    public String domain() {
        return "aligned off-target mode (sigma = 0) of a balanced depth-" + depth
                + " chain: ds/dt = -N|s|^(2-2/N) s; any real s0";
    }
}
