package org.deeplinear.theory.generators;

import java.util.Random;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Seed;
import org.deeplinear.theory.laws.DepthBalancedLaw;

/**
 * Random parameters for the single-mode laws over the ranges the laws are stated for: {@code sigma} log-uniform in
 * {@code [sigmaMin, sigmaMax]} (default {@code [1e-3, 1e3]}), {@code s0} log-uniform in
 * {@code [s0Min, s0MaxFactor * sigma]} (default {@code [1e-12, 10 sigma]}), {@code lambda} uniform in
 * {@code [lambdaLow, lambdaHigh]}, and {@code t} uniform on {@code [0, horizon]} (see {@link LawCase#t()}).
 * One case in four is an edge instead of an interior draw of {@code s0}: the smallest {@code s0}, the largest,
 * {@code sigma / 2} or {@code sigma} itself. Every {@code s0} lies in {@code [s0Min, s0MaxFactor * sigma]}: the edges
 * {@code sigma / 2} and {@code sigma} are used only where they lie in it (not for {@code s0MaxFactor < 1/2}, resp.
 * {@code < 1}, nor where {@code s0Min} is above them); otherwise the interior draw stands, so such recipes draw
 * fewer edges.
 *
 * <p>Draw order from {@code seed.newRandom()}: sigma, an edge selector, s0 (always drawn, replaced by the edge if
 * selected), lambda, the time fraction.
 *
 * @param depth       the depth N, in {@code [2, DepthBalancedLaw.MAX_DEPTH]}
 * @param sigmaMin    the smallest sigma, finite and {@code > 0}
 * @param sigmaMax    the largest sigma, at least {@code sigmaMin}
 * @param s0Min       the smallest s0, finite, {@code > 0} and at most {@code s0MaxFactor * sigmaMin}
 * @param s0MaxFactor the largest {@code s0 / sigma}, finite, {@code > 0}, with {@code s0MaxFactor * sigmaMax} finite
 * @param lambdaLow   the smallest lambda, finite
 * @param lambdaHigh  the largest, at least {@code lambdaLow}; both 0 for depth above 2
 */
public record LawRecipe(int depth, double sigmaMin, double sigmaMax, double s0Min, double s0MaxFactor,
                        double lambdaLow, double lambdaHigh) implements Recipe<LawCase> {

    /** The relative distance to sigma that ends the time horizon. */
    public static final double SATURATION = 1e-6;

    /**
     * Validates the recipe.
     *
     * @param depth the depth N, in {@code [2, DepthBalancedLaw.MAX_DEPTH]}
     * @param sigmaMin the smallest sigma, finite and {@code > 0}
     * @param sigmaMax the largest sigma, at least {@code sigmaMin}
     * @param s0Min the smallest s0, finite, {@code > 0} and at most {@code s0MaxFactor * sigmaMin}
     * @param s0MaxFactor the largest {@code s0 / sigma}, finite, {@code > 0}, with {@code s0MaxFactor * sigmaMax}
     *                    finite
     * @param lambdaLow the smallest lambda, finite
     * @param lambdaHigh the largest, at least {@code lambdaLow}; both 0 for depth above 2
     * @throws IllegalArgumentException if a parameter is out of range, before any build: the depth beyond the
     *                                  depth-N law's, or the largest s0 ({@code s0MaxFactor * sigmaMax}) infinite
     *                                  (audit of 2026-12-07: each was accepted and every build failed, naming the
     *                                  law's depth or "s0 = Infinity")
     */
    public LawRecipe {
        DepthBalancedLaw.checkDepth(depth);
        Arguments.positive("sigmaMin", sigmaMin);
        Arguments.check(Double.isFinite(sigmaMax) && sigmaMax >= sigmaMin, "sigmaMax", sigmaMax,
                "a finite value >= sigmaMin = " + sigmaMin);
        Arguments.positive("s0MaxFactor", s0MaxFactor);
        Arguments.check(Double.isFinite(s0MaxFactor * sigmaMax), "s0MaxFactor", s0MaxFactor,
                "a factor whose product with sigmaMax = " + sigmaMax + " is finite (the largest s0)");
        Arguments.positive("s0Min", s0Min);
        Arguments.check(s0Min <= s0MaxFactor * sigmaMin, "s0Min", s0Min,
                "at most s0MaxFactor * sigmaMin = " + s0MaxFactor * sigmaMin);
        Arguments.finite("lambdaLow", lambdaLow);
        Arguments.check(Double.isFinite(lambdaHigh) && lambdaHigh >= lambdaLow, "lambdaHigh", lambdaHigh,
                "a finite value >= lambdaLow = " + lambdaLow);
        Arguments.check(depth == 2 || (lambdaLow == 0 && lambdaHigh == 0), "lambda",
                "[" + lambdaLow + ", " + lambdaHigh + "]", "[0, 0] for depth " + depth);
    }

    /**
     * The balanced two-layer (logistic) law over its stated range: sigma in [1e-3, 1e3], s0 in
     * [1e-12, 10 sigma].
     *
     * @return the recipe
     */
    public static LawRecipe logistic() {
        return new LawRecipe(2, 1e-3, 1e3, 1e-12, 10, 0, 0);
    }

    /**
     * The lambda-balanced law over the same ranges, with lambda uniform in {@code [lambdaLow, lambdaHigh]}.
     *
     * @param lambdaLow  the smallest lambda
     * @param lambdaHigh the largest lambda
     * @return the recipe
     */
    public static LawRecipe lambdaBalanced(double lambdaLow, double lambdaHigh) {
        return new LawRecipe(2, 1e-3, 1e3, 1e-12, 10, lambdaLow, lambdaHigh);
    }

    /**
     * The balanced depth-N law over the same ranges.
     *
     * @param depth the depth N, in {@code [2, DepthBalancedLaw.MAX_DEPTH]}
     * @return the recipe
     * @throws IllegalArgumentException if the depth is outside that range
     */
    public static LawRecipe depth(int depth) {
        return new LawRecipe(depth, 1e-3, 1e3, 1e-12, 10, 0, 0);
    }

    @Override
    public LawCase build(Seed seed) {
        Seed.required("seed", seed);
        Random random = seed.newRandom();
        double sigma = Draws.logUniform(random, sigmaMin, sigmaMax);
        int edge = random.nextInt(16);
        double s0 = Draws.logUniform(random, s0Min, s0MaxFactor * sigma);
        double largest = s0MaxFactor * sigma;
        double edgeValue = switch (edge) {
            case 0 -> s0Min;
            case 1 -> largest;
            case 2 -> sigma / 2;
            case 3 -> sigma;
            default -> Double.NaN;
        };
        if (edgeValue >= s0Min && edgeValue <= largest) {   // false for NaN, the interior draw
            s0 = edgeValue;
        }
        double lambda = Draws.uniform(random, lambdaLow, lambdaHigh);
        double fraction = random.nextDouble();
        return new LawCase(depth, sigma, s0, lambda, fraction * new LawCase(depth, sigma, s0, lambda, 0).horizon());
    }

    @Override
    public String toString() {
        return "new LawRecipe(" + depth + ", " + Draws.literal(sigmaMin) + ", " + Draws.literal(sigmaMax) + ", "
                + Draws.literal(s0Min) + ", " + Draws.literal(s0MaxFactor) + ", " + Draws.literal(lambdaLow) + ", "
                + Draws.literal(lambdaHigh) + ")";
    }
}
