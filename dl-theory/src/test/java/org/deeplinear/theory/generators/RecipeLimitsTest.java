package org.deeplinear.theory.generators;

import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.deeplinear.core.testing.Rejections.rejectedNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.theory.laws.DepthBalancedLaw;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The API audit of 2026-12-07, the generators: a recipe (or a case) refuses at construction, by its own parameters,
 * what every build would refuse or could not allocate, and draws what it promises at the ends of the double range.
 * Each assertion failed on the previous code: the recipes were accepted and their builds failed naming an internal
 * value ("lambda = Infinity", "s0 = Infinity", "depth = 200"), ran out of memory, or drew equal values despite the
 * gap.
 */
class RecipeLimitsTest {

    private static final double MAX = Double.MAX_VALUE;
    private static final TargetRecipe TARGETS = TargetRecipe.gapped(2, 4, 2, 0.5, 4, 0.2);

    @Test
    void aDepthBeyondTheDepthLawIsRefusedWhenTheRecipeOrCaseIsMade() {
        // the depth-N law is stated up to DepthBalancedLaw.MAX_DEPTH = 100: build(), law() and horizon() failed with
        // "depth = 200: expected an integer in [2, 100]" on a recipe and a case that had been accepted
        assertRejected("depth", 200, () -> LawRecipe.depth(200));
        assertRejected("depth", 200, () -> new LawCase(200, 1, .1, 0, 0));
        assertEquals(DepthBalancedLaw.MAX_DEPTH, LawRecipe.depth(100).build(Seed.of(1)).depth());
        // the depth-N law is stated for s0 >= 0: law() failed on a case accepted with s0 = -1 at depth 3
        assertRejected("s0", -1.0, () -> new LawCase(3, 1, -1, 0, 0));
        new LawCase(2, 1, -1, 0, 0).law(); // the logistic law takes either sign
    }

    @Test
    void sizesThatCannotBeAllocatedAreRefusedByTheRecipe() {
        // m x n up to Integer.MAX_VALUE squared: build() drew frames until it ran out of memory (now Target.random
        // refuses them, naming its own n); a target's entries fit in one array up to 46,340 x 46,340
        assertRejected("maxDimension", Integer.MAX_VALUE, () -> TargetRecipe.gapped(1, Integer.MAX_VALUE, 1, 1, 1, 0));
        assertRejected("maxDimension", 46_341, () -> TargetRecipe.gapped(1, 46_341, 1, 1, 1, 0));
        TargetRecipe.gapped(1, 46_340, 1, 1, 1, 0);
        // a billion layers: Widths.uniform made two widths arrays of 4 GB
        assertRejected("depth", 1_000_000_000,
                () -> StartRecipe.smallRandom(TARGETS, 1_000_000_000, 2, 3, 1e-3, 1e-2));
        assertRejected("depth", Widths.MAX_DEPTH + 1,
                () -> StartRecipe.alignedBalanced(TARGETS, Widths.MAX_DEPTH + 1, 0.1, 0.2));
        // hidden widths whose chain has more parameters than an int counts: build() failed naming "widths"
        // (4 x 2^31 + 2^31 x 4 entries at depth 2 from targets of at most 4 x 4)
        assertRejected("hiddenMax", Integer.MAX_VALUE,
                () -> StartRecipe.smallRandom(TARGETS, 2, 1, Integer.MAX_VALUE, 1e-3, 1e-2));
        // at depth 3 the hidden layer adds h^2: 2 * 4 * 46,000 + 46,000^2 = 2.116e9 fits, 46,341 (2.148e9) does not
        StartRecipe.balanced(TARGETS, 3, 1, 46_000, 1e-3, 1e-2);
        assertRejected("hiddenMax", 46_341, () -> StartRecipe.balanced(TARGETS, 3, 1, 46_341, 1e-3, 1e-2));
    }

    /**
     * Log-positions over the whole double range (audit of 2026-12-07): sigmaMax / sigmaMin = 1e300 / 1e-300
     * overflows to infinity, and so did every position (infinity, or NaN for a draw of 0), every value clamped to
     * sigmaMax: [1e300, 1e300, 0] for seed 1, two equal values despite the gap. In logarithms, log(1e300) -
     * log(1e-300) = 1381.6 is finite and the values keep the gap (ratio at least 1 + gap = 2, to the rounding of
     * exp, 1e-12 relative).
     */
    @Test
    void aRangeWiderThanTheDoublesRatioKeepsItsGaps() {
        TargetRecipe wide = TargetRecipe.gapped(3, 3, 3, 1e-300, 1e300, 1);
        TargetRecipe full = TargetRecipe.gapped(3, 3, 3, Double.MIN_NORMAL, MAX, 1);
        for (TargetRecipe recipe : List.of(wide, full)) {
            int ranks = 0;
            for (long seed = 0; seed < 100; seed++) {
                double[] s = recipe.build(Seed.of(seed)).spectrum().singularValues();
                long q = seed;
                for (int i = 0; i < s.length && s[i] > 0; i++) {
                    assertTrue(s[i] >= recipe.sigmaMin() && s[i] <= recipe.sigmaMax(),
                            () -> Arrays.toString(s) + " for seed " + q);
                    if (i + 1 < s.length && s[i + 1] > 0) {
                        ranks++;
                        assertTrue(s[i] / s[i + 1] >= 2 * (1 - 1e-12), () -> Arrays.toString(s) + " for seed " + q);
                    }
                }
            }
            assertTrue(ranks > 50, recipe + ": " + ranks + " adjacent pairs compared");
        }
    }

    /**
     * Relative gaps do not exist among subnormals, which are multiples of Double.MIN_VALUE: on the previous code
     * gapped(2, 2, 2, MIN_VALUE, 8 MIN_VALUE, 1) drew [1.5E-323, 1.0E-323] for seed 71, a ratio 1.5 below
     * 1 + gap = 2 (5 of seeds 0..199 broke the gap). A smallest value below Double.MIN_NORMAL is refused.
     */
    @Test
    void aSubnormalSmallestValueIsRefused() {
        double min = Double.MIN_VALUE;
        assertRejected("sigmaMin", min, () -> TargetRecipe.gapped(2, 2, 2, min, 8 * min, 1));
        assertRejected("sigmaMin", Math.nextDown(Double.MIN_NORMAL),
                () -> TargetRecipe.nearRepeats(2, 2, 2, Math.nextDown(Double.MIN_NORMAL), 1, 0));
        TargetRecipe.exactRepeats(2, 2, 2, Double.MIN_NORMAL, 1, 0);
    }

    /**
     * Uniform draws over ranges wider than the largest double (audit of 2026-12-07): hi - lo overflowed, and
     * lo + u (hi - lo) was infinite or NaN. new LawRecipe(2, 1, 1, .1, 1, -MAX, MAX) failed every build with
     * "lambda = Infinity", and StartRecipe.aligned(targets, .1, .2, -MAX, MAX) with "lambda[0] = Infinity".
     */
    @Test
    void imbalancesOverTheWholeDoubleRangeAreDrawn() {
        LawRecipe laws = new LawRecipe(2, 1, 1, .1, 1, -MAX, MAX);
        StartRecipe starts = StartRecipe.aligned(TARGETS, .1, .2, -MAX, MAX);
        boolean negative = false;
        boolean positive = false;
        for (long seed = 0; seed < 40; seed++) {
            double lambda = laws.build(Seed.of(seed)).lambda();
            assertTrue(Double.isFinite(lambda), "lambda = " + lambda + " for seed " + seed);
            negative |= lambda < -1e307;
            positive |= lambda > 1e307;
            for (double l : starts.build(Seed.of(seed)).lambda()) {
                assertTrue(Double.isFinite(l), "lambda = " + l + " for seed " + seed);
            }
        }
        // lambda uniform on [-MAX, MAX]: |lambda| > 1e307 with probability 0.94 each, so both signs in 40 draws
        assertTrue(negative && positive, "both signs far out");
    }

    /**
     * The largest s0 is s0MaxFactor times the largest sigma: where that product overflows, a draw of sigma near
     * sigmaMax gave "s0 = Infinity" (sigmaMax = s0MaxFactor = MAX). The recipe refuses the pair by name; likewise
     * an aligned start whose largest fraction times the targets' largest sigma overflows.
     */
    @Test
    void rangesWhoseProductsOverflowAreRefusedByTheRecipesParameters() {
        assertRejected("s0MaxFactor", MAX, () -> new LawRecipe(2, 1, MAX, 1e-3, MAX, 0, 0));
        assertRejected("s0MaxFactor", 10.0, () -> new LawRecipe(2, 1, MAX, 1e-3, 10, 0, 0));
        new LawRecipe(2, 1, MAX, 1e-3, 1, 0, 0);
        TargetRecipe huge = TargetRecipe.gapped(2, 2, 1, 1, 1e300, 0);
        // 1e10 * 1e300 = 1e310 > MAX = 1.797e308 is refused
        assertRejected("high", 1e10, () -> StartRecipe.aligned(huge, 1, 1e10, 0, 0));
        // and every model's loss 1/2 ||A - A*||_F^2 is a double (review of 2026-12-08: these recipes built starts
        // whose model() failed on every seed): ||A*||_F = 1e300 is refused by its targets; maps of about (1.5 x
        // 1e200)^2 balanced and (3 sqrt(3) 1e120)^3 Gaussian by their scale; ||A*||_F = 1e150 with aligned fractions
        // up to 100 (||A||_F up to 1e152) builds
        assertRejected("targets", () -> StartRecipe.aligned(huge, 1, 1e8, 0, 0));
        TargetRecipe unit = TargetRecipe.gapped(2, 3, 2, 1, 3, 0.5);
        assertRejected("high", 1e200, () -> StartRecipe.balanced(unit, 2, 1, 3, 1e-3, 1e200));
        assertRejected("high", 1e120, () -> StartRecipe.smallRandom(unit, 3, 1, 3, 1e-3, 1e120));
        StartRecipe large = StartRecipe.aligned(TargetRecipe.gapped(2, 2, 1, 1, 1e150, 0), 1, 100, 0, 0);
        for (long seed = 0; seed < 5; seed++) {
            assertTrue(large.build(Seed.of(seed)).model().loss() < Double.POSITIVE_INFINITY);
        }
    }

    /**
     * A horizon is {@code > 0} as documented, also where the law's time to saturate is below the doubles: depth 5,
     * sigma = 5e254 from 100,000 sigma gave 0 (review of 2026-12-08; 27 of 500 cases of a recipe up to sigma 1e300),
     * and its recipe then drew only t = 0.
     */
    @Test
    void aHorizonBelowTheDoublesIsTheLeastOne() {
        LawCase deep = new LawCase(5, 5.026233024821932E254, 5.026233024821932E259, 0, 0);
        assertEquals(Double.MIN_VALUE, deep.horizon(), 0.0);
    }

    static Gen<Double> edges() {
        return Generate.pick(List.of(-MAX, -1e300, -1.0, 0.0, Double.MIN_VALUE, 1e-300, 1e-3, 0.5, 1.0, 3.0, 1e300,
                MAX));
    }

    /**
     * What the audit asked of every recipe: accepted parameters build. Over edge values of every double parameter
     * (the depths and dimensions small), each recipe is either refused naming one of its parameters, or builds for
     * five seeds; a build that fails (naming an internal value) fails the test.
     */
    @Test
    void anAcceptedRecipeBuilds() {
        qt().withExamples(600).forAll(edges(), edges(), edges(), edges())
                .checkAssert((a, b, c, d) -> {
                    List<String> lawNames = List.of("depth", "sigmaMin", "sigmaMax", "s0Min", "s0MaxFactor",
                            "lambdaLow", "lambdaHigh", "lambda");
                    if (!rejectedNaming(lawNames, () -> new LawRecipe(2, a, b, c, d, -b, b), a, b, c, d)) {
                        builds(new LawRecipe(2, a, b, c, d, -b, b));
                    }
                    if (!rejectedNaming(lawNames, () -> new LawRecipe(3, a, b, c, d, 0, 0), a, b, c, d)) {
                        builds(new LawRecipe(3, a, b, c, d, 0, 0));
                    }
                    List<String> targetNames = List.of("minDimension", "maxDimension", "maxRank", "sigmaMin",
                            "sigmaMax", "gap");
                    if (!rejectedNaming(targetNames, () -> TargetRecipe.gapped(2, 3, 2, a, b, c), a, b, c)) {
                        TargetRecipe targets = TargetRecipe.gapped(2, 3, 2, a, b, c);
                        builds(targets);
                        List<String> startNames = List.of("targets", "depth", "hiddenMin", "hiddenMax", "low", "high",
                                "lambdaLow", "lambdaHigh", "lambda");
                        if (!rejectedNaming(startNames, () -> StartRecipe.aligned(targets, c, d, -b, b), c, d, b)) {
                            builds(StartRecipe.aligned(targets, c, d, -b, b));
                        }
                        if (!rejectedNaming(startNames, () -> StartRecipe.smallRandom(targets, 2, 1, 3, c, d), c, d)) {
                            builds(StartRecipe.smallRandom(targets, 2, 1, 3, c, d));
                        }
                        // deeper and balanced starts too (review of 2026-12-08: scales of 1e120 at depth 3 built
                        // starts whose model failed)
                        if (!rejectedNaming(startNames, () -> StartRecipe.smallRandom(targets, 3, 1, 3, c, d), c, d)) {
                            builds(StartRecipe.smallRandom(targets, 3, 1, 3, c, d));
                        }
                        if (!rejectedNaming(startNames, () -> StartRecipe.balanced(targets, 3, 1, 3, c, d), c, d)) {
                            builds(StartRecipe.balanced(targets, 3, 1, 3, c, d));
                        }
                    }
                });
    }

    /** Builds five cases, and a start's model (what a property asks of a start first). */
    private static void builds(Recipe<?> recipe) {
        for (long seed = 0; seed < 5; seed++) {
            try {
                Object built = recipe.build(Seed.of(seed));
                assertTrue(built != null);
                if (built instanceof Start) {
                    assertTrue(((Start) built).model() != null);
                }
            } catch (IllegalArgumentException e) {
                throw new AssertionError(recipe + ".build(Seed.of(" + seed + ")) failed: " + e.getMessage(), e);
            }
        }
    }
}
