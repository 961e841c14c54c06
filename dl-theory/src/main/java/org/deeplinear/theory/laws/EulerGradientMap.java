package org.deeplinear.theory.laws;

import java.util.Optional;

import org.deeplinear.core.Arguments;

/**
 * The Euler map of the reduced balanced flow {@code ds/dt = 2 s (sigma - s)}: {@code s' = s + 2 eta s (sigma - s)}.
 * With {@code x = 2 eta s / r} and {@code r = 1 + 2 eta sigma} it is the logistic map {@code x' = r x (1 - x)}
 * (THEORY.md), so, with {@code g = eta sigma}: the fixed point {@code sigma} is stable for {@code 0 < g < 1}
 * (superstable at {@code 1/2}); for {@code g > 1} (r > 3) the 2-cycle
 * {@code s+- = [(g + 1) +- sqrt(g^2 - 1)] / (2 eta)} exists, with multiplier {@code 5 - 4 g^2} (the logistic map's
 * {@code 4 + 2r - r^2}), stable for {@code 1 < g < sqrt6/2}; for {@code g > 3/2} ({@code r > 4}) orbits escape to
 * {@code -infinity}. Near {@code s = 0} it multiplies {@code s} by {@code 1 + 2g}, so the plateau lasts
 * {@code ln(sigma/s0) / ln(1 + 2g)} steps.
 *
 * @param eta          the step size, finite and {@code > 0}
 * @param sigma        the target singular value, finite and {@code > 0}
 * @param initialValue the initial value {@code s0}, finite
 */
public record EulerGradientMap(double eta, double sigma, double initialValue) implements GradientDescentMap {

    /**
     * Validates the parameters.
     *
     * @param eta the step size
     * @param sigma the target singular value
     * @param initialValue the initial value s0
     * @throws IllegalArgumentException if {@code eta} or {@code sigma} is not finite and positive, or
     *                                  {@code initialValue} is not finite
     */
    public EulerGradientMap {
        Arguments.positive("eta", eta);
        Arguments.positive("sigma", sigma);
        Arguments.finite("s0", initialValue);
    }

    @Override
    public double apply(double s) {
        LawSupport.checkValue(s);
        // the step 2 eta s (sigma - s) scaled: 2 eta overflowed for eta above half the largest double, and eta s
        // may overflow where the step is finite (eta = 1e308, s = 1e-300 gave infinity for 2e8; review of
        // 2026-12-07); sigma - s from exact halves where it overflows (s near -Double.MAX_VALUE)
        return s + LawSupport.powerTimesGap(1, 0, 1, eta, s, sigma, s, 1);   // (no power: num = 0)
    }

    @Override
    public double derivative(double s) {
        LawSupport.checkValue(s);
        // 1 + 2 (eta (sigma - 2s)): 2 eta overflowed for eta above half the largest double (eta = 1e308 gave NaN at
        // s = 0.5 for exactly 1; review of 2026-12-07), and where sigma - 2s overflows, from its exact quarters
        return 1 + 2 * LawSupport.etaTimesGap(eta, sigma, 2, s);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The step is the exact product {@code eta sigma} of the doubles, and {@code g - 1} is formed from it with one
     * rounding ({@code Math.fma}), not from the rounded {@code g}. Where {@code s+} is beyond the largest double
     * ({@code eta = 1e-300}, {@code sigma = Double.MAX_VALUE}: {@code s+} is about {@code sigma + 1/(2 eta)}) the
     * cycle has no double point and the result is empty although {@code eta sigma > 1}: "present for every larger
     * step" holds only where {@code s+} is a double.
     */
    @Override
    public Optional<TwoCycle> twoCycle() {
        // g - 1 = eta sigma - 1 with one rounding: the rounded g lost it near 1 (eta = 1e-300, sigma = 1e300, where
        // eta sigma = 1 + 7.8e-17 rounds to 1, had no cycle; s+ 3.0e-9 too high at eta = 5.9806726670471615e-05,
        // sigma = 16720.527199388263; audit of 2026-12-07)
        double gm1 = Math.fma(eta, sigma, -1);
        if (!(gm1 > 0)) {
            return Optional.empty();
        }
        double g = 1 + gm1;
        // s+ = (g + 1 + R)/(2 eta) with R = sqrt((g - 1)(g + 1)), and s- from s+ s- = (g + 1)/(2 eta^2): no
        // cancellation in the smaller root; eta^2 is not formed (it overflows for eta = 1e200, sigma = 1e-199, and s-
        // was 0; review of 2026-12-06). Past TWO_CYCLE_SCALED_FROM, where (g - 1)(g + 1) and then g overflow, with
        // u = 1/g = (1/eta)/sigma: s+ = sigma ((1 + u) + sqrt((1 - u)(1 + u)))/2 and (g + 1)/(2 eta) = sigma (1 + u)/2
        double high;
        double low;
        if (g <= LawSupport.TWO_CYCLE_SCALED_FROM) {
            // halved before the division by eta: 2 eta overflowed for eta above half the largest double, s+ was 0
            // and s- infinite (eta = 1e308, sigma = 1e-300 threw; audit of 2026-12-07)
            high = (((2 + gm1) + Math.sqrt(gm1 * (gm1 + 2))) / 2) / eta;
            low = (2 + gm1) / 2 / (eta * high) / eta;
        } else {
            double u = 1 / eta / sigma;
            high = sigma * (((1 + u) + Math.sqrt((1 - u) * (1 + u))) / 2);
            low = sigma / high * ((1 + u) / 2) / eta;   // about 1/(2 eta): eta s+ (about g) is not formed
        }
        if (!Double.isFinite(high)) {
            return Optional.empty();   // s+ beyond the largest double: no cycle of doubles
        }
        // the logistic map's 2-cycle multiplier 4 + 2r - r^2 with r = 1 + 2g: 5 - 4g^2 = 1 - 4 (g - 1)(2 + (g - 1)),
        // -infinity where it overflows
        return Optional.of(new TwoCycle(low, high, 1 - 4 * gm1 * (2 + gm1)));
    }

    @Override
    public double twoCycleStabilityLimit() {
        return Math.sqrt(6) / 2;
    }

    @Override
    public double divergenceThreshold() {
        return 1.5;
    }

    @Override
    public double plateauSteps() {
        return LawSupport.mapPlateauSteps(initialValue, sigma, eta, 2, 1);
    }
}
