package org.deeplinear.theory.laws;

import java.util.Optional;

import org.deeplinear.core.Arguments;

/**
 * Gradient descent on the factors of one balanced aligned mode: {@code w' = w (1 + eta (sigma - w^2))} with
 * {@code s = w^2}, i.e. {@code s' = s (1 + eta (sigma - s))^2} (THEORY.md).
 *
 * <p>With {@code g = eta sigma}: the fixed point {@code sigma} is stable for {@code 0 < g < 1} (superstable at
 * {@code 1/2}); for {@code g > 1} the 2-cycle
 * {@code s+-/sigma = [(g + 1) +- sqrt((g - 1)(g + 3))] / (2g)} exists (note {@code s+ s- = 1/eta^2},
 * {@code s+ + s- = sigma + 1/eta}), with multiplier {@code 7 - 4g - 2g^2}, and is stable for
 * {@code 1 < g < sqrt5 - 1}; orbits from the plateau stay bounded up to {@code g = 2}. Near {@code s = 0} the map
 * multiplies {@code s} by {@code (1 + g)^2}, so the plateau lasts {@code ln(sigma/s0) / (2 ln(1 + g))} steps, against
 * {@code ln(sigma/s0) / (2g)} for the flow.
 *
 * @param eta          the step size, finite and {@code > 0}
 * @param sigma        the target singular value, finite and {@code > 0}
 * @param initialValue the initial value {@code s0 = w0^2}, finite and {@code >= 0}
 */
public record WeightGradientMap(double eta, double sigma, double initialValue) implements GradientDescentMap {

    /**
     * Validates the parameters.
     *
     * @param eta the step size
     * @param sigma the target singular value
     * @param initialValue the initial value s0 = w0^2
     * @throws IllegalArgumentException if {@code eta} or {@code sigma} is not finite and positive, or
     *                                  {@code initialValue} is not finite and {@code >= 0}
     */
    public WeightGradientMap {
        Arguments.positive("eta", eta);
        Arguments.positive("sigma", sigma);
        Arguments.check(Double.isFinite(initialValue) && initialValue >= 0, "s0", initialValue,
                "a finite value >= 0 (s = w^2)");
    }

    @Override
    public double apply(double s) {
        LawSupport.checkValue(s);
        // eta (sigma - s) as the derivative forms it (sigma - s from exact quarters where it overflows), and
        // s F F as one scaled product, so that neither F nor F^2 overflows where s F^2 is finite; where F itself
        // overflows, from F 2^-64 (the result is finite only for F below 2^1050). s (1 + eta (sigma - s))^2 had
        // given NaN for 0 at eta = 1.5, sigma = Double.MAX_VALUE, s = 0 (so iterate "diverged" from 0), infinity
        // for 3.5925e293 at s = Double.MIN_VALUE, and -infinity for -1.0000000000000018e300 at eta =
        // Double.MIN_VALUE, s = -1e300 (audit of 2026-12-07)
        double factor = 1 + LawSupport.etaTimesGap(eta, sigma, 1, s);
        if (Double.isFinite(factor)) {
            return LawSupport.powerTimes(1, 0, 1, s, factor, factor, 1, 0);
        }
        // eta 2^-64 is exact here: eta (sigma - s) overflows only for eta above 2^-960
        double scaled = 0x1p-64 + LawSupport.etaTimesGap(eta * 0x1p-64, sigma, 1, s);
        return LawSupport.powerTimes(1, 0, 1, s, scaled, scaled, 1, 128);
    }

    @Override
    public double derivative(double s) {
        LawSupport.checkValue(s);
        // d/ds [s F^2] = F^2 - 2 eta s F = F (1 + eta (sigma - 3s)) with F = 1 + eta (sigma - s); eta (sigma - 3s)
        // as one product: 3 eta overflowed for eta above a third of the largest double, and eta sigma - 3 eta s
        // cancelled to infinity minus infinity (eta = 1e308, sigma = 1e-300, s = 3.4e-301 gave -infinity for
        // -1.32e14; review of 2026-12-07); sigma - 3s and sigma - s from exact quarters where they overflow
        return (1 + LawSupport.etaTimesGap(eta, sigma, 1, s)) * (1 + LawSupport.etaTimesGap(eta, sigma, 3, s));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The step is the exact product {@code eta sigma} of the doubles, and {@code g - 1} is formed from it with one
     * rounding ({@code Math.fma}), not from the rounded {@code g}. Where {@code s+} is beyond the largest double
     * (about {@code sigma + 1/eta} above it: {@code eta = 1e-300}, {@code sigma = Double.MAX_VALUE}) the cycle has no
     * double point and the result is empty although {@code eta sigma > 1}: "present for every larger step" holds
     * only where {@code s+} is a double.
     */
    @Override
    public Optional<TwoCycle> twoCycle() {
        // g - 1 = eta sigma - 1 with one rounding: the rounded g lost it near 1 (eta = 1e-300, sigma = 1e300, where
        // eta sigma = 1 + 7.8e-17 rounds to 1, had no cycle; eta = 5.9806726670471615e-05, sigma = 16720.527199388263
        // gave s+ 4.2e-9 too high; audit of 2026-12-07)
        double gm1 = Math.fma(eta, sigma, -1);
        if (!(gm1 > 0)) {
            return Optional.empty();
        }
        double g = 1 + gm1;
        // s+ = sigma (g + 1 + R)/(2g) with R = sqrt((g - 1)(g + 3)); past TWO_CYCLE_SCALED_FROM (where (g - 1)(g + 3),
        // then g itself, overflow) as sigma ((1 + u) + sqrt((1 - u)(1 + 3u)))/2 with u = 1/g = (1/eta)/sigma
        // s- = 1 / (eta^2 s+): no cancellation in the smaller root; eta^2 is not formed (it overflows for
        // eta = 1e200, sigma = 1e-199, and s- was 0; review of 2026-12-06), and past TWO_CYCLE_SCALED_FROM neither is
        // eta s+ (about g): s- = u / eta / (s+ / sigma) (eta = 2, sigma = 1.7e308 gave 0 for 1.47e-309)
        double high;
        double low;
        if (g <= LawSupport.TWO_CYCLE_SCALED_FROM) {
            // (the ratio first: sigma (g + 1 + R) overflowed where s+ is finite, eta = 1e-290, sigma = 1e300 threw
            // for s+ = 1.00000000005e300; review of 2026-12-07)
            high = sigma * (((2 + gm1) + Math.sqrt(gm1 * (gm1 + 4))) / (2 + 2 * gm1));
            low = 1 / (eta * high) / eta;
        } else {
            double u = 1 / eta / sigma;
            high = sigma * (((1 + u) + Math.sqrt((1 - u) * (1 + 3 * u))) / 2);
            low = u / eta / (high / sigma);
        }
        if (!Double.isFinite(high)) {
            return Optional.empty();   // s+ beyond the largest double: no cycle of doubles
        }
        // f'(s-) f'(s+) = 7 - 4g - 2g^2 = 1 - (g - 1)(8 + 2 (g - 1)) (with eta s+- = (g + 1 +- R)/2,
        // R^2 = (g + 1)^2 - 4), not the product of the derivatives: 1 + eta (sigma - s+) = 2 / (g + 1 + R) is about
        // 1/g, and formed by subtraction it cancelled (1e-12 relative at g = 100, the wrong sign at g = 1e9; review of
        // 2026-12-07); -infinity where 2g^2 overflows (g above about 1.3e154)
        return Optional.of(new TwoCycle(low, high, 1 - gm1 * (8 + 2 * gm1)));
    }

    @Override
    public double twoCycleStabilityLimit() {
        return Math.sqrt(5) - 1;
    }

    @Override
    public double divergenceThreshold() {
        return 2;
    }

    @Override
    public double plateauSteps() {
        return LawSupport.mapPlateauSteps(initialValue, sigma, eta, 1, 2);
    }
}
