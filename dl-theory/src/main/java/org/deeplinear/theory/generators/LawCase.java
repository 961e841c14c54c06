package org.deeplinear.theory.generators;

import org.deeplinear.core.Arguments;
import org.deeplinear.theory.laws.DepthBalancedLaw;
import org.deeplinear.theory.laws.LambdaBalancedLaw;
import org.deeplinear.theory.laws.LogisticLaw;
import org.deeplinear.theory.laws.ModeLaw;

/**
 * Generated parameters of a single-mode law and a time at which to evaluate it.
 *
 * @param depth  the depth N, in {@code [2, DepthBalancedLaw.MAX_DEPTH]}
 * @param sigma  the target singular value, finite and {@code > 0}
 * @param s0     the initial value, finite ({@code >= 0} for depth above 2)
 * @param lambda the imbalance {@code w^2 - u^2} (0 unless depth 2)
 * @param t      a time in {@code [0, horizon]}, where the horizon is the time the law takes to come within a
 *               relative {@code 1e-6} of sigma (or {@code 1/sigma} if it starts there)
 */
public record LawCase(int depth, double sigma, double s0, double lambda, double t) {

    /**
     * Validates the case.
     *
     * @param depth the depth N, in {@code [2, DepthBalancedLaw.MAX_DEPTH]}
     * @param sigma the target singular value, finite and {@code > 0}
     * @param s0 the initial value, finite ({@code >= 0} for depth above 2, where the depth-N law is stated)
     * @param lambda the imbalance {@code w^2 - u^2} (0 unless depth 2)
     * @param t a time in {@code [0, horizon]}, where the horizon is the time the law takes to come within a relative
     *          {@code 1e-6} of sigma (or {@code 1/sigma} if it starts there)
     * @throws IllegalArgumentException if a parameter is out of range, so that {@link #law()} accepts every case
     *                                  (audit of 2026-12-07: depth 200 was accepted, and law() refused it)
     */
    public LawCase {
        DepthBalancedLaw.checkDepth(depth);
        Arguments.positive("sigma", sigma);
        Arguments.finite("s0", s0);
        Arguments.check(depth == 2 || s0 >= 0, "s0", s0, "a value >= 0 for depth " + depth
                + " (the depth-N law is stated for non-negative starts)");
        Arguments.finite("lambda", lambda);
        Arguments.check(depth == 2 || lambda == 0, "lambda", lambda, "0 for depth " + depth);
        Arguments.nonNegative("t", t);
    }

    /**
     * The law these parameters select: {@link LogisticLaw} for depth 2 and {@code lambda = 0},
     * {@link LambdaBalancedLaw} for depth 2 and {@code lambda != 0}, {@link DepthBalancedLaw} otherwise.
     *
     * @return the law
     */
    public ModeLaw law() {
        if (depth > 2) {
            return new DepthBalancedLaw(depth, sigma, s0);
        }
        return lambda == 0 ? new LogisticLaw(sigma, s0) : new LambdaBalancedLaw(sigma, lambda, s0);
    }

    /**
     * The end of the range {@link #t()} is drawn from: the time the law takes to come within a relative
     * {@link LawRecipe#SATURATION} of sigma, from the side it starts on; {@code 1/sigma} for a law that starts at
     * sigma (or whose time to that value is not a finite number in doubles). In the units of {@code 1/sigma}'s time.
     * Capped at {@code Double.MAX_VALUE} where that time passes the largest double (sigma below about
     * {@code 5.6e-309}, whose {@code 1/sigma} overflows, or a plateau longer than the doubles reach), so that a
     * recipe draws a finite {@code t} (audit of 2026-12-07: sigma = 4.9e-324 gave "t = Infinity"); at least
     * {@code Double.MIN_VALUE} where that time is below the doubles (a deep law of a huge sigma: depth 5 and sigma
     * 5e254 gave 0; review of 2026-12-08).
     *
     * @return the horizon, {@code > 0} and finite
     */
    public double horizon() {
        double end = s0 < sigma ? sigma * (1 - LawRecipe.SATURATION) : sigma * (1 + LawRecipe.SATURATION);
        double time = s0 == sigma ? 1 / sigma : law().timeToReach(end).orElse(1 / sigma);
        return Math.max(Double.MIN_VALUE, Math.min(Double.MAX_VALUE, time));
    }
}
