package org.deeplinear.theory.laws;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

import org.deeplinear.core.Arguments;

/**
 * A discrete map {@code s -> f(s)} that one step of gradient descent with step size {@code eta} induces on an aligned
 * balanced mode with target {@code sigma} (THEORY.md, "Gradient descent against gradient flow"). Two are provided:
 * {@link WeightGradientMap} (descent on the factors, {@code s' = s (1 + eta (sigma - s))^2}) and
 * {@link EulerGradientMap} (the Euler map of the reduced flow, {@code s' = s + 2 eta s (sigma - s)}); they agree to
 * {@code O(eta^2)} per step.
 *
 * <p>What both share, with {@code g = eta sigma}: the fixed point {@code sigma} has multiplier
 * {@code f'(sigma) = 1 - 2g}, so it is stable iff {@code 0 < g < 1} and superstable at {@code g = 1/2}; beyond
 * {@code g = 1} a 2-cycle takes over, stable up to {@link #twoCycleStabilityLimit()}, and orbits from the plateau stay
 * bounded up to {@link #divergenceThreshold()}. Units: {@code s} and {@code sigma} in the same units, {@code eta} in
 * the inverse.
 */
public interface GradientDescentMap {

    /**
     * The most steps {@link #iterate} takes: {@code 10^8}. The orbit is an array of {@code steps + 1} doubles that
     * the {@link Orbit} copies, 1.6 GB at this length, within the default heap of an 8 GB machine; an orbit of
     * {@code 10^9} steps ran out of memory, and one of {@code 2^31 - 2} asked for an array beyond the VM's limit
     * (audit of 2026-12-07).
     */
    int MAX_STEPS = 100_000_000;

    /**
     * The step size.
     *
     * @return {@code eta > 0}
     */
    double eta();

    /**
     * The target singular value.
     *
     * @return {@code sigma > 0}
     */
    double sigma();

    /**
     * The value before the first step.
     *
     * @return {@code s0}
     */
    double initialValue();

    /**
     * One step of the map.
     *
     * @param s the value before the step, finite
     * @return {@code f(s)}
     * @throws IllegalArgumentException if {@code s} is NaN or infinite
     */
    double apply(double s);

    /**
     * The derivative of the map.
     *
     * @param s the value, finite
     * @return {@code f'(s)}
     * @throws IllegalArgumentException if {@code s} is NaN or infinite
     */
    double derivative(double s);

    /**
     * The 2-cycle born when the fixed point {@code sigma} loses stability.
     *
     * @return the cycle {@code {s-, s+}} with its multiplier; empty unless {@code eta sigma > 1}, present for every
     *         larger step, also where {@code eta sigma} itself overflows (the multiplier is then -infinity)
     */
    Optional<TwoCycle> twoCycle();

    /**
     * The value of {@code eta sigma} up to which the 2-cycle is stable (the next period doubling).
     *
     * @return {@code sqrt5 - 1} for the weight map, {@code sqrt6 / 2} for the Euler map
     */
    double twoCycleStabilityLimit();

    /**
     * The value of {@code eta sigma} beyond which orbits from the plateau ({@code 0 < s0 < sigma}) diverge.
     *
     * @return {@code 2} for the weight map, {@code 3/2} for the Euler map
     */
    double divergenceThreshold();

    /**
     * The number of steps to leave the plateau: the steps the linearised growth near {@code s = 0} needs to take
     * {@code s0} up to {@code sigma}.
     *
     * @return the (real-valued) number of steps; {@code 0} if {@code s0 >= sigma}, {@code +infinity} if
     *         {@code s0 <= 0} (the mode never grows)
     */
    double plateauSteps();

    /**
     * The product {@code g = eta sigma} that governs every threshold of the map.
     *
     * @return {@code eta sigma}
     */
    default double stepTimesSigma() {
        return eta() * sigma();
    }

    /**
     * The multiplier of the fixed point {@code sigma}, from the exact product {@code eta sigma} (one rounding, by a
     * fused multiply-add: from the rounded product, {@code eta = 0.1, sigma = 5} gave 0 for {@code -2^-54}; numerics
     * audit of 2026-12-07).
     *
     * @return {@code f'(sigma) = 1 - 2 eta sigma}
     */
    default double fixedPointMultiplier() {
        // 2 (1/2 - eta sigma): one rounding, and no overflow of 2 eta where the multiplier is a double (review)
        return 2 * Math.fma(-eta(), sigma(), 0.5);
    }

    /**
     * Whether the fixed point {@code sigma} attracts nearby orbits, decided on the exact product {@code eta sigma}
     * (its sign against 1 by a fused multiply-add: {@code eta = 3, sigma = 0.3333333333333333}, whose product is
     * below 1 and rounds to 1, was called unstable).
     *
     * @return {@code 0 < eta sigma < 1}, i.e. {@code |f'(sigma)| < 1}
     */
    default boolean isFixedPointStable() {
        return Math.fma(eta(), sigma(), -1) < 0;
    }

    /**
     * Whether the fixed point is superstable (converges quadratically): {@code eta sigma} exactly 1/2.
     *
     * @return {@code eta sigma == 1/2}, i.e. {@code f'(sigma) == 0}
     */
    default boolean isFixedPointSuperstable() {
        return fixedPointMultiplier() == 0;
    }

    /**
     * Whether orbits from the plateau stay bounded, decided on the exact product {@code eta sigma}. This is the
     * one-mode map's: a matrix descent from an aligned start follows it mode by mode in exact arithmetic, but past
     * the fixed point's stability ({@code eta sigma > 1}) the rounding's off-diagonal parts can grow and couple the
     * modes, and such a run may diverge where every mode's map stays bounded (a review's 7 x 4 target, sigmas 2 and 1,
     * {@code eta = 0.9}: the library's descent and NumPy's diverged at steps 114 and 111, 2026-12-08).
     *
     * @return {@code eta sigma <= divergenceThreshold()}
     */
    default boolean staysBounded() {
        return Math.fma(eta(), sigma(), -divergenceThreshold()) <= 0;
    }

    /**
     * The number of steps that gradient flow, sampled at {@code t = eta * step}, needs to leave the plateau:
     * {@code ln(sigma/s0) / (2 eta sigma)}, to compare with {@link #plateauSteps()}.
     *
     * @return the flow's steps; {@code 0} if {@code s0 >= sigma}, {@code +infinity} if {@code s0 <= 0}
     */
    default double flowPlateauSteps() {
        return LawSupport.flowPlateauSteps(initialValue(), sigma(), eta());
    }

    /**
     * Iterates the map from {@link #initialValue()}. An orbit that diverges stops at the last finite value: the
     * orbit then says at which step the map first produced a non-finite value.
     *
     * @param steps the number of steps, in {@code [0, MAX_STEPS]} (the orbit is an array held in memory, twice:
     *              see {@link #MAX_STEPS})
     * @return the orbit {@code s0, f(s0), ...}, of length {@code steps + 1} unless it diverged
     * @throws IllegalArgumentException if {@code steps < 0} or {@code steps > MAX_STEPS} (before anything is
     *                                  allocated)
     */
    default Orbit iterate(int steps) {
        Arguments.check(steps >= 0 && steps <= MAX_STEPS, "steps", steps, "an integer in [0, " + MAX_STEPS
                + "] (GradientDescentMap.MAX_STEPS: the orbit is an array held twice)");
        double[] values = new double[steps + 1];
        values[0] = initialValue();
        for (int k = 1; k <= steps; k++) {
            double next = apply(values[k - 1]);
            if (!Double.isFinite(next)) {
                return new Orbit(Arrays.copyOf(values, k), OptionalInt.of(k));
            }
            values[k] = next;
        }
        return new Orbit(values, OptionalInt.empty());
    }

    /**
     * A 2-cycle {@code s- -> s+ -> s-} of a map and its multiplier {@code f'(s-) f'(s+)}.
     *
     * @param low        the smaller point {@code s-}
     * @param high       the larger point {@code s+}
     * @param multiplier {@code f'(s-) f'(s+)}; infinite where it overflows (the maps' multipliers, about
     *                   {@code -2 (eta sigma)^2} and {@code -4 (eta sigma)^2}, for {@code eta sigma} above about 1e154)
     */
    record TwoCycle(double low, double high, double multiplier) {

        /**
         * Validates the components.
         *
         * @param low the smaller point
         * @param high the larger point
         * @param multiplier the multiplier, possibly infinite
         * @throws IllegalArgumentException if a point is not finite, the multiplier is NaN, or {@code low > high}
         */
        public TwoCycle {
            Arguments.finite("low", low);
            Arguments.finite("high", high);
            Arguments.check(!Double.isNaN(multiplier), "multiplier", multiplier, "a number (infinite where it"
                    + " overflows)");
            Arguments.check(low <= high, "low", low, "a value <= high = " + high);
        }

        /**
         * Whether the cycle attracts nearby orbits.
         *
         * @return {@code |multiplier| < 1}
         */
        public boolean isStable() {
            return Math.abs(multiplier) < 1;
        }
    }

    /**
     * The orbit of a map: the values computed, and the step at which it diverged, if it did.
     *
     * @param values         {@code s0, f(s0), f(f(s0)), ...}, all finite (a defensive copy is kept)
     * @param divergedAtStep the first step whose value was not finite (the orbit stops just before it); empty if
     *                       every requested step was finite
     */
    record Orbit(double[] values, OptionalInt divergedAtStep) {

        /**
         * Validates and copies the components.
         *
         * @param values the values
         * @param divergedAtStep the step of divergence, if any
         * @throws IllegalArgumentException if {@code values} is null, empty or holds a non-finite value, or
         *                                  {@code divergedAtStep} is null
         */
        public Orbit {
            values = Arguments.allFinite("values", values).clone();
            Arguments.check(values.length > 0, "values", "[]", "at least the initial value");
            Arguments.notNull("divergedAtStep", divergedAtStep);
        }

        /**
         * The values, as a copy.
         *
         * @return {@code s0, f(s0), ...}
         */
        @Override
        public double[] values() {
            return values.clone();
        }

        /**
         * The value after {@code step} steps.
         *
         * @param step the step, in {@code [0, length() - 1]}
         * @return {@code f^step(s0)}
         * @throws IllegalArgumentException if the step is out of range
         */
        public double value(int step) {
            if (step < 0 || step >= values.length) {
                throw Arguments.fail("step", step, "a step in 0.." + (values.length - 1) + " of this orbit");
            }
            return values[step];
        }

        /**
         * The number of values.
         *
         * @return {@code steps + 1} if the orbit did not diverge
         */
        public int length() {
            return values.length;
        }

        /**
         * The last finite value.
         *
         * @return the last value
         */
        public double last() {
            return values[values.length - 1];
        }

        /**
         * Whether the orbit diverged (overflowed) before the requested number of steps.
         *
         * @return {@code divergedAtStep().isPresent()}
         */
        public boolean diverged() {
            return divergedAtStep.isPresent();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Orbit other && Arrays.equals(values, other.values)
                    && divergedAtStep.equals(other.divergedAtStep);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(values) + divergedAtStep.hashCode();
        }

        @Override
        public String toString() {
            return "Orbit[values=" + Arrays.toString(values) + ", divergedAtStep=" + divergedAtStep + "]";
        }
    }
}
