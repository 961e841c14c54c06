package org.deeplinear.core.init;

import static org.deeplinear.core.TestSupport.maxAbs;
import static org.deeplinear.core.TestSupport.minus;
import static org.deeplinear.core.TestSupport.times;
import static org.deeplinear.core.TestSupport.transpose;
import static org.deeplinear.core.TestSupport.widthArrays;
import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.QtSeed.seeds;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Random;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Shape;
import org.deeplinear.core.Widths;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.AlignedCoordinates;
import org.deeplinear.core.target.Spectrum;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;

/**
 * Property tests of the initialisations, checked on the factors they return (not on their parameters).
 *
 * <p>Tolerances come from rounding. An aligned factor entry is one product {@code value * basis entry}; projecting
 * it back on the target's (orthonormal to ~1e-15) bases is a sum of at most 6 products, so the recovered
 * {@code w_i}, {@code u_i} are within ~10 ulps (~2e-15 relative): 1e-13 relative leaves a wide margin.
 * {@code w^2 - u^2} is compared with {@code lambda} relative to {@code w^2 + u^2}, the size of the terms whose
 * difference it is (when {@code lambda} is far below {@code s0} no double can hold it more precisely).
 * Balanced factors are {@code R S R'^T} with Gram-Schmidt frames (defect ~1e-15) and sums of at most 6 terms:
 * 1e-12 relative to {@code scale^2} is again a wide margin.
 */
class InitializationsTest {

    private static final double MODE_TOLERANCE = 1e-13;
    private static final double BALANCE_TOLERANCE = 1e-12;

    /** Values with the edge cases the brief names: zero, negative, tiny and large, and ordinary ones. */
    private static final double[] EDGE_VALUES = {0.0, 1e-3, -1e-3, 1.0, -2.5, 0.7, 1e-150, -3e-200, 1e150, -4e200};

    private static double draw(Random random) {
        return random.nextInt(3) == 0 ? 4 * random.nextDouble() - 2 : EDGE_VALUES[random.nextInt(EDGE_VALUES.length)];
    }

    private static Target target(int m, int n, Random random) {
        double[] sigmas = new double[Math.min(m, n)];
        for (int i = 0; i < sigmas.length; i++) {
            sigmas[i] = sigmas.length - i;
        }
        return Target.random(m, n, sigmas, Seed.of(random.nextLong()));
    }

    // ---- aligned ---------------------------------------------------------------------------------------------------

    @Test
    void alignedTwoLayerReproducesEachModeAndImbalance() {
        qt().withExamples(200).forAll(integers().between(1, 6), integers().between(1, 6), integers().between(1, 6),
                seeds()).checkAssert((m, k, n, seed) -> {
                    Random random = new Random(seed);
                    Target target = target(m, n, random);
                    int modes = 1 + random.nextInt(Math.min(k, Math.min(m, n)));
                    double[] s0 = new double[modes];
                    double[] lambda = new double[modes];
                    for (int i = 0; i < modes; i++) {
                        s0[i] = draw(random);
                        lambda[i] = draw(random);
                    }
                    FactorChain f = Initializations.aligned(s0, lambda).create(Shape.of(m, k, n).widths(), target);
                    checkTwoLayerModes(f, target, s0, lambda);
                });
    }

    @Test
    void alignedNamedEdgeCases() {
        Target target = Target.random(4, 3, new double[] {3, 2, 1}, Seed.of(1));
        Widths widths = Shape.of(4, 3, 3).widths();
        // s0 = 0 with lambda < 0: the mode lives on U alone (w = 0, u = sqrt(-lambda)); lambda > 0: on W alone
        double[] s0 = {0.0, 0.0, -1e-3};
        double[] lambda = {-4.0, 9.0, -1e-6};
        FactorChain f = Initializations.aligned(s0, lambda).create(widths, target);
        checkTwoLayerModes(f, target, s0, lambda);
        double[][] wu = projectedPairs(f, target, 3);
        assertEquals(0.0, wu[0][0]);
        assertEquals(2.0, Math.abs(wu[0][1]), 2.0 * MODE_TOLERANCE);
        assertEquals(3.0, wu[1][0], 3.0 * MODE_TOLERANCE);
        assertEquals(0.0, wu[1][1]);
        assertTrue(wu[2][0] >= 0 && wu[2][1] < 0, "w >= 0 and the sign of s0 on u");
        // huge and tiny magnitudes, whose squares overflow or underflow a double
        double[] extreme = {1e200, 1e-200, -1e300};
        double[] balanced = new double[3];
        FactorChain big = Initializations.aligned(extreme, balanced).create(widths, target);
        checkTwoLayerModes(big, target, extreme, balanced);
    }

    @Test
    void aTwoLayerModeIsFiniteUpToTheLargestDoubles() {
        // w u = s0, w^2 - u^2 = lambda: w^2 (lambda / 2 + sqrt(lambda^2 / 4 + s0^2)) passes the largest double
        // for |s0| above about 9e307 while w stays near 1e154 (before: 2 hypot(lambda / 2, s0) overflowed,
        // aligned({9e307}) was refused as "W_2[0][0] = Infinity"; review of 2026-11-28)
        double max = Double.MAX_VALUE;
        double[][] cases = {{9e307, 0}, {max, 0}, {-max, 0}, {max, max}, {max, -max}, {1e-100, 1e200}, {1e300, -1e300},
            {Double.MIN_VALUE, 0}};
        for (double[] c : cases) {
            double s0 = c[0];
            double lambda = c[1];
            double[] wu = Initializations.twoLayerMode(s0, lambda);
            String at = "s0 = " + s0 + ", lambda = " + lambda;
            assertTrue(Double.isFinite(wu[0]) && Double.isFinite(wu[1]) && wu[0] >= 0, at);
            // the identities in quarters, so that the checks themselves do not overflow; to a few ulps (1e-15 = 4.5
            // ulps) of their size: measured at most 0.67 ulp (2026-12-07)
            double w = 0.5 * wu[0];
            double u = 0.5 * wu[1];
            double size = w * w + u * u;
            assertEquals(0.25 * s0, w * u, 1e-15 * Math.max(Math.abs(0.25 * s0), Double.MIN_NORMAL), at);
            assertEquals(0.25 * lambda, w * w - u * u, 1e-15 * size, at);
        }
        assertEquals(Math.sqrt(9e307), Initializations.twoLayerMode(9e307, 0)[0], 1e-15 * Math.sqrt(9e307));
    }

    @Test
    void alignedDepthNIsBalancedPerModeAndReproducesS0() {
        qt().withExamples(100).forAll(widthArrays(3, 4, 5),
                seeds()).checkAssert((d, seed) -> {
                    Random random = new Random(seed);
                    int depth = d.length - 1;
                    Target target = target(d[depth], d[0], random);
                    Widths widths = Widths.of(d);
                    int p = Math.min(widths.minWidth(), target.spectrum().size());
                    double[] s0 = new double[1 + random.nextInt(p)];
                    for (int i = 0; i < s0.length; i++) {
                        s0[i] = draw(random);
                    }
                    FactorChain f = Initializations.aligned(s0).create(widths, target);
                    Spectrum spectrum = target.spectrum();
                    for (int i = 0; i < s0.length; i++) {
                        double product = 1;
                        double magnitude = Math.pow(Math.abs(s0[i]), 1.0 / depth);
                        for (int j = 1; j <= depth; j++) {
                            double value = layerValue(f.layer(j), j, depth, i, spectrum);
                            product *= value;
                            // every layer carries |s0|^{1/N}: the per-mode imbalance at every junction is 0
                            assertEquals(magnitude, Math.abs(value), MODE_TOLERANCE * magnitude, "layer " + j);
                        }
                        assertEquals(s0[i], product, MODE_TOLERANCE * Math.abs(s0[i]), "mode " + i);
                    }
                    // the end-to-end map (formed by hand: its loss may overflow for the huge modes) is aligned
                    double[][] a = f.layer(1).toArray();
                    for (int j = 2; j <= depth; j++) {
                        a = times(f.layer(j).toArray(), a);
                    }
                    assertTrue(AlignedCoordinates.of(target, Matrix.of("A", a)).coupling() <= 1e-12);
                });
    }

    @Test
    void alignedIsDeterministicAndTwoLayerDefaultIsBalanced() {
        Target target = Target.random(5, 4, new double[] {4, 3, 2, 1}, Seed.of(9));
        Widths widths = Shape.of(5, 4, 4).widths();
        double[] s0 = {1e-3, -2e-3, 0.5};
        FactorChain once = Initializations.aligned(s0).create(widths, target);
        assertArrayEquals(once.toState(), Initializations.aligned(s0).create(widths, target).toState());
        assertArrayEquals(once.toState(), Initializations.aligned(s0, new double[3]).create(widths, target).toState());
        s0[0] = 7; // the initialisation copied its argument
        assertArrayEquals(once.toState(), Initializations.aligned(new double[] {1e-3, -2e-3, 0.5})
                .create(widths, target).toState());
    }

    @Test
    void alignedRejectsTooManyModesAndImbalanceBeyondTwoLayers() {
        Target target = Target.random(4, 4, new double[] {2, 1}, Seed.of(2));
        assertRejected("s0.length", () -> Initializations.aligned(new double[] {1, 1, 1})
                .create(Shape.of(4, 2, 4).widths(), target));
        assertRejected("lambda[1]", () -> Initializations.aligned(new double[] {1, 1}, new double[] {0, 0.5})
                .create(Widths.of(4, 3, 3, 4), target));
        assertRejected("lambda.length", () -> Initializations.aligned(new double[] {1, 1}, new double[] {0}));
        assertRejected("s0.length", () -> Initializations.aligned(new double[0]));
        assertRejected("s0[1]", () -> Initializations.aligned(new double[] {1, Double.NaN}));
        assertRejected("lambda[0]",
                () -> Initializations.aligned(new double[] {1}, new double[] {Double.NEGATIVE_INFINITY}));
        assertRejected("s0", () -> Initializations.aligned(null));
        assertRejected("widths",
                () -> Initializations.aligned(new double[] {1}).create(Shape.of(3, 2, 4).widths(), target));
    }

    /** Recovered (w_i, u_i) from the factors of a two-layer chain: w_i = u*_i^T W e_i, u_i = e_i^T U v*_i. */
    private static double[][] projectedPairs(FactorChain f, Target target, int modes) {
        double[][] wu = new double[modes][];
        for (int i = 0; i < modes; i++) {
            wu[i] = new double[] {layerValue(f.layer(2), 2, 2, i, target.spectrum()),
                layerValue(f.layer(1), 1, 2, i, target.spectrum())};
        }
        return wu;
    }

    private static void checkTwoLayerModes(FactorChain f, Target target, double[] s0, double[] lambda) {
        double[][] wu = projectedPairs(f, target, s0.length);
        for (int i = 0; i < s0.length; i++) {
            double w = wu[i][0];
            double u = wu[i][1];
            String where = "mode " + i + ": s0 = " + s0[i] + ", lambda = " + lambda[i] + ", w = " + w + ", u = " + u;
            assertTrue(w >= 0, where);
            assertEquals(s0[i], w * u, MODE_TOLERANCE * Math.abs(s0[i]), where);
            double size = w * w + u * u;
            assertEquals(lambda[i], w * w - u * u, MODE_TOLERANCE * size, where);
            // and the size is the closed form sqrt(lambda^2 + 4 s0^2), so nothing was lost to cancellation
            assertEquals(2 * Math.hypot(lambda[i] / 2, s0[i]), size, MODE_TOLERANCE * size, where);
        }
        // nothing outside the requested modes: W = sum_i w_i u*_i e_i^T and U = sum_i u_i e_i v*_i^T
        double[][] w = f.layer(2).toArray();
        double[][] u = f.layer(1).toArray();
        Spectrum spectrum = target.spectrum();
        for (int i = 0; i < s0.length; i++) {
            for (int r = 0; r < w.length; r++) {
                w[r][i] -= wu[i][0] * spectrum.leftVectors().get(r, i);
            }
            for (int c = 0; c < u[0].length; c++) {
                u[i][c] -= wu[i][1] * spectrum.rightVectors().get(c, i);
            }
        }
        double scale = Math.max(maxAbs(f.layer(2).toArray()), maxAbs(f.layer(1).toArray()));
        assertTrue(maxAbs(w) <= MODE_TOLERANCE * scale && maxAbs(u) <= MODE_TOLERANCE * scale,
                "the factors hold only the requested aligned modes");
    }

    /** The value layer j carries on mode i: u*_i^T W_N e_i, e_i^T W_j e_i, e_i^T W_1 v*_i. */
    private static double layerValue(Matrix layer, int j, int depth, int i, Spectrum spectrum) {
        double sum = 0;
        if (j == depth) {
            for (int r = 0; r < layer.rows(); r++) {
                sum += spectrum.leftVectors().get(r, i) * layer.get(r, i);
            }
        } else if (j == 1) {
            for (int c = 0; c < layer.cols(); c++) {
                sum += layer.get(i, c) * spectrum.rightVectors().get(c, i);
            }
        } else {
            sum = layer.get(i, i);
        }
        return sum;
    }

    // ---- balanced and lambda-balanced ------------------------------------------------------------------------------

    @Test
    void balancedHasZeroImbalanceAtEveryJunctionAndIsNotAligned() {
        qt().withExamples(100).forAll(widthArrays(2, 4, 6),
                integers().between(-4, 4), seeds()).checkAssert((d, exponent, seed) -> {
                    Random random = new Random(seed);
                    double scale = Math.pow(10, exponent);
                    int depth = d.length - 1;
                    Target target = target(d[depth], d[0], random);
                    FactorChain f = Initializations.balanced(scale, Seed.of(seed)).create(Widths.of(d), target);
                    for (int j = 1; j < depth; j++) {
                        double[][] upper = f.layer(j + 1).toArray();
                        double[][] lower = f.layer(j).toArray();
                        double[][] dj = minus(times(transpose(upper), upper), times(lower, transpose(lower)));
                        assertTrue(maxAbs(dj) <= BALANCE_TOLERANCE * scale * scale,
                                "junction " + j + ": |D| = " + maxAbs(dj) + " at scale " + scale);
                    }
                    // the layers' singular values are scale * (0.5 + x), x in [0, 1): check their sum of squares
                    int r = Widths.of(d).minWidth();
                    double norm = f.layer(1).frobeniusNorm();
                    assertTrue(norm >= 0.5 * scale * Math.sqrt(r) * (1 - 1e-12)
                            && norm <= 1.5 * scale * Math.sqrt(r) * (1 + 1e-12), "||W_1|| = " + norm);
                    assertArrayEquals(f.toState(),
                            Initializations.balanced(scale, Seed.of(seed)).create(Widths.of(d), target).toState());
                });
        // not aligned: the end-to-end map couples the target's modes. With random frames P = U*^T A V* is a random
        // 5 x 5 matrix, whose off-diagonal share of the mass is about sqrt(20/25) = 0.89; 0.3 is a loose floor
        Target target = Target.random(5, 5, new double[] {5, 4, 3, 2, 1}, Seed.of(4));
        FactorChain f = Initializations.balanced(1.0, Seed.of(4)).create(Shape.of(5, 5, 5).widths(), target);
        assertTrue(Model.of(f, target).alignedCoordinates().coupling() > 0.3);
    }

    @Test
    void lambdaBalancedHasImbalanceLambdaTimesIdentityWhereTheShapeAllows() {
        qt().withExamples(200).forAll(integers().between(1, 6), integers().between(1, 6), integers().between(1, 6),
                seeds()).checkAssert((m, k, n, seed) -> {
                    Random random = new Random(seed);
                    double lambda = new double[] {1e-3, -1e-3, 0.5, -0.5, 2, -2, 100, -100, 0}[random.nextInt(9)];
                    double scale = new double[] {1e-3, 0.1, 1, 10}[random.nextInt(4)];
                    Target target = target(m, n, random);
                    Initialization init = Initializations.lambdaBalanced(lambda, scale, Seed.of(seed));
                    Widths widths = Shape.of(m, k, n).widths();
                    if (lambda > 0 && m < k) {
                        String message = assertRejected("widths", () -> init.create(widths, target)).getMessage();
                        assertTrue(message.contains("m >= k"), message);
                        return;
                    }
                    if (lambda < 0 && n < k) {
                        String message = assertRejected("widths", () -> init.create(widths, target)).getMessage();
                        assertTrue(message.contains("n >= k"), message);
                        return;
                    }
                    FactorChain f = init.create(widths, target);
                    double[][] w = f.layer(2).toArray();
                    double[][] u = f.layer(1).toArray();
                    double[][] d = minus(times(transpose(w), w), times(u, transpose(u)));
                    for (int i = 0; i < k; i++) {
                        d[i][i] -= lambda;
                    }
                    double size = scale * scale + Math.abs(lambda);
                    assertTrue(maxAbs(d) <= BALANCE_TOLERANCE * size,
                            "|W^T W - U U^T - lambda I| = " + maxAbs(d) + " for lambda = " + lambda);
                    assertArrayEquals(f.toState(), Initializations.lambdaBalanced(lambda, scale, Seed.of(seed))
                            .create(widths, target).toState());
                });
    }

    @Test
    void seededInitialisationsGiveTheSameBitsForTheSameSeedAndDifferForAnother() {
        Target target = Target.random(5, 4, new double[] {2, 1}, Seed.of(1));
        Widths widths = Shape.of(5, 3, 4).widths();
        for (long seed : new long[] {0, 1, -7, Long.MAX_VALUE}) {
            Initialization[] same = {Initializations.smallGaussian(0.1, Seed.of(seed)),
                Initializations.balanced(0.1, Seed.of(seed)), Initializations.lambdaBalanced(0.3, 0.1, Seed.of(seed))};
            Initialization[] again = {Initializations.smallGaussian(0.1, Seed.of(seed)),
                Initializations.balanced(0.1, Seed.of(seed)), Initializations.lambdaBalanced(0.3, 0.1, Seed.of(seed))};
            Initialization[] other = {Initializations.smallGaussian(0.1, Seed.of(seed + 1)),
                Initializations.balanced(0.1, Seed.of(seed + 1)),
                Initializations.lambdaBalanced(0.3, 0.1, Seed.of(seed + 1))};
            for (int i = 0; i < same.length; i++) {
                double[] state = same[i].create(widths, target).toState();
                assertArrayEquals(state, same[i].create(widths, target).toState(), "the same value, called again");
                assertArrayEquals(state, again[i].create(widths, target).toState(), "a new value, same seed");
                assertFalse(Arrays.equals(state, other[i].create(widths, target).toState()), "another seed");
            }
        }
    }

    @Test
    void lambdaBalancedAtHugeScaleDoesNotOverflow() {
        // scale 1e200: u^2 = 1e400 is not a double, but sqrt(u^2 + lambda) = hypot(u, sqrt(lambda)) is; then
        // lambda is far below rounding and W and U carry the same values: equal norms, to rounding
        Target target = Target.random(4, 3, new double[] {1}, Seed.of(1));
        for (double lambda : new double[] {1.0, -1.0}) {
            FactorChain f = Initializations.lambdaBalanced(lambda, 1e200, Seed.of(2))
                    .create(Shape.of(4, 3, 3).widths(), target);
            double w = f.layer(2).frobeniusNorm();
            double u = f.layer(1).frobeniusNorm();
            assertEquals(w, u, 1e-14 * w); // a few ulps of the two norms' roundings; measured equal (2026-12-07)
            assertTrue(w > 1e200 && w < 1e201, "||W|| = " + w);
        }
    }

    @Test
    void lambdaBalancedNeedsTwoLayers() {
        Target target = Target.random(3, 3, new double[] {1}, Seed.of(1));
        assertRejected("depth", () -> Initializations.lambdaBalanced(0.5, 1, Seed.of(1))
                .create(Widths.of(3, 3, 3, 3), target));
        assertRejected("lambda", () -> Initializations.lambdaBalanced(Double.NaN, 1, Seed.of(1)));
        assertRejected("scale", () -> Initializations.lambdaBalanced(1, 0, Seed.of(1)));
        assertRejected("seed", () -> Initializations.lambdaBalanced(1, 1, null));
        assertRejected("scale", () -> Initializations.balanced(-1, Seed.of(1)));
        assertRejected("seed", () -> Initializations.balanced(1, null));
    }

    // ---- small Gaussian --------------------------------------------------------------------------------------------

    @Test
    void smallGaussianDrawsOutputLayerFirstRowMajorScaledByEps() {
        Target target = Target.random(6, 5, new double[] {1}, Seed.of(3));
        Widths widths = Widths.of(5, 4, 3, 6);
        double eps = 1e-3;
        FactorChain f = Initializations.smallGaussian(eps, Seed.of(42)).create(widths, target);
        Random random = Seed.of(42).newRandom(); // the documented draw order: W_N down to W_1, each row-major
        for (int j = widths.depth(); j >= 1; j--) {
            for (int r = 0; r < widths.rowsOf(j); r++) {
                for (int c = 0; c < widths.colsOf(j); c++) {
                    assertEquals(eps * random.nextGaussian(), f.layer(j).get(r, c));
                }
            }
        }
    }

    @Test
    void smallGaussianHasVarianceEpsSquaredAndSeedsDecide() {
        Target target = Target.random(30, 30, new double[] {1}, Seed.of(3));
        Widths widths = Shape.of(30, 20, 30).widths();
        double eps = 0.01;
        double[] state = Initializations.smallGaussian(eps, Seed.of(8)).create(widths, target).toState();
        double meanSquare = Arrays.stream(state).map(x -> (x / eps) * (x / eps)).average().orElseThrow();
        // chi-square: mean of N squared unit Gaussians has sd sqrt(2/N) = 0.029 for N = 1200; allow 6 sd
        assertEquals(1.0, meanSquare, 6 * Math.sqrt(2.0 / state.length));
        assertArrayEquals(state, Initializations.smallGaussian(eps, Seed.of(8)).create(widths, target).toState());
        assertFalse(Arrays.equals(state,
                Initializations.smallGaussian(eps, Seed.of(9)).create(widths, target).toState()));
        assertRejected("eps", () -> Initializations.smallGaussian(0, Seed.of(1)));
        assertRejected("seed", () -> Initializations.smallGaussian(1e-3, null));
        assertRejected("widths", () -> Initializations.smallGaussian(1e-3, Seed.of(1))
                .create(Widths.of(30, 5, 29), target));
    }

    // ---- accuracy against exact arithmetic (review of 2026-12-06) --------------------------------------------------

    private static final MathContext FIFTY_DIGITS = new MathContext(50);

    /** {@code x^(1/n)} to 50 digits: Newton's iteration in BigDecimal from the double estimate. */
    private static BigDecimal exactRoot(double x, int n) {
        BigDecimal a = new BigDecimal(x);
        BigDecimal r = new BigDecimal(StrictMath.pow(x, 1.0 / n));
        BigDecimal bigN = BigDecimal.valueOf(n);
        for (int k = 0; k < 8; k++) {
            BigDecimal power = r.pow(n - 1, FIFTY_DIGITS);
            r = r.subtract(r.multiply(power, FIFTY_DIGITS).subtract(a).divide(bigN.multiply(power), FIFTY_DIGITS),
                    FIFTY_DIGITS);
        }
        return r;
    }

    private static double ulpsFrom(double value, BigDecimal exact) {
        return new BigDecimal(value).subtract(exact).abs().doubleValue() / Math.ulp(exact.doubleValue());
    }

    @Test
    void aRootIsWithinAnUlpOverTheWholeRange() {
        // pow(x, 1.0 / n) rounds the exponent: 10.07 ulps at (1e-30, 3), 100.09 at (1e-300, 3) against exactRoot
        double[] named = {1e-30, 1e-300, 1e300, Double.MIN_VALUE, 3 * Double.MIN_VALUE, Double.MIN_NORMAL,
            Double.MAX_VALUE, 1.0, 2.0, 0.5, 7.0};
        for (double x : named) {
            for (int n : new int[] {2, 3, 4, 5, 7, 10, 64, 1000, 1074, 1075, 2049, 2100, 2147, 3000}) {
                double error = ulpsFrom(Initializations.root(x, n), exactRoot(x, n));
                assertTrue(error <= 1.0, "x = " + x + ", n = " + n + ": " + error + " ulps");
            }
        }
        qt().withExamples(300).forAll(longs().between(1, Double.doubleToRawLongBits(Double.MAX_VALUE)),
                integers().between(2, 12)).checkAssert((bits, n) -> {
                    double x = Double.longBitsToDouble(bits);   // every positive finite double equally likely by bits
                    double error = ulpsFrom(Initializations.root(x, n), exactRoot(x, n));
                    assertTrue(error <= 1.0, "x = " + x + ", n = " + n + ": " + error + " ulps");
                });
        assertEquals(0.0, Initializations.root(0.0, 3));
        assertEquals(5.0, Initializations.root(5.0, 1));
    }

    @Test
    void deepAlignedLayersMultiplyBackToS0() {
        // the product W_N ... W_1 of an aligned 1 x 1 chain, exact in BigDecimal, against s0: 17.6 ulps at
        // (1e-30, depth 3) and 172 at (1e-300, depth 3) with pow's rounded exponent; roots to about half an ulp
        // leave at most depth + 1 ulps of s0 (a root's ulp is up to twice as large, relative to it, as s0's)
        Target one = Target.of(Matrix.of(new double[][] {{1}}));
        for (double s0 : new double[] {1e-30, 1e-300, 1e300, -1e-300, 3e-7, Double.MIN_NORMAL}) {
            for (int depth = 3; depth <= 7; depth++) {
                FactorChain f = Initializations.aligned(new double[] {s0}).create(Widths.uniform(1, 1, 1, depth), one);
                BigDecimal product = BigDecimal.ONE;
                for (int j = 1; j <= depth; j++) {
                    product = product.multiply(new BigDecimal(f.layer(j).get(0, 0)));
                }
                double error = product.subtract(new BigDecimal(s0)).abs().doubleValue() / Math.ulp(s0);
                assertTrue(error <= depth + 1, "s0 = " + s0 + ", depth " + depth + ": " + error + " ulps");
            }
        }
    }

    @Test
    void aGaussianScaleThatOverflowsIsNamed() {
        // a draw of a few standard deviations times 1e308 overflows: refused as eps, not as W_2[0][6] = -Infinity
        Target target = Target.random(3, 3, new double[] {1}, Seed.of(2));
        assertRejected("eps", 1e308, () -> Initializations.smallGaussian(1e308, Seed.of(1))
                .create(Shape.of(3, 3, 3).widths(), target));
    }

    @Test
    void balancedScalesThatOverflowAreNamed() {
        // (review of 2026-12-07) scale (0.5 + x) overflows for scale 1.5e308: refused as W_1[0][0] = Infinity and
        // W[0][0] = Infinity, naming a layer, not the parameter (as smallGaussian's eps is named above)
        Target target = Target.random(3, 3, new double[] {2, 1}, Seed.of(1));
        assertRejected("scale", 1.5e308, () -> Initializations.balanced(1.5e308, Seed.of(1))
                .create(Widths.of(3, 3, 3), target));
        assertRejected("scale", 1.5e308, () -> Initializations.lambdaBalanced(0.5, 1.5e308, Seed.of(1))
                .create(Widths.of(3, 3, 3), target));
        assertRejected("scale", 1.5e308, () -> Initializations.lambdaBalanced(-0.5, 1.5e308, Seed.of(1))
                .create(Widths.of(3, 3, 3), target));
    }

    @Test
    void anAlignedModeWhoseSmallerFactorUnderflowsIsRefused() {
        // (review of 2026-12-07) w u = 1e-300 with w^2 - u^2 = -1e300: u = 1e150, w = 1e-450 is below the doubles;
        // the mode started at 0 instead of 1e-300. The same for the smallest subnormal s0
        Target target = Target.random(2, 4, new double[] {2}, Seed.of(5));
        assertRejected("s0[0]", 1e-300, () -> Initializations.aligned(new double[] {1e-300}, new double[] {-1e300})
                .create(Widths.of(4, 1, 2), target));
        assertRejected("s0[0]", Double.MIN_VALUE, () -> Initializations.aligned(new double[] {Double.MIN_VALUE},
                new double[] {1e300}).create(Widths.of(4, 1, 2), target));
        // where w = |s0| / sqrt(|lambda|) is still a double, the mode is made: 1e-300 / 1e-100 = 1e-200
        FactorChain kept = Initializations.aligned(new double[] {1e-300}, new double[] {-1e-200})
                .create(Widths.of(4, 1, 2), target);
        assertEquals(1e-300, Model.of(kept, target).alignedCoordinates().mode(0), 1e-315);
        // (review of dl-core, 2026-12-07) a subnormal smaller factor kept a few bits and the mode started elsewhere:
        // 1e-300 / sqrt(1e47) = 3.2e-324 rounds to w = 4.9e-324, and w u = 1.56e-300 (56% high); 1e-300 / 1e20 =
        // 1e-320 keeps 11 bits, w u = 9.99989e-301 (5e10 ulps off). Refused, as the underflow to 0 is
        for (double lambda : new double[] {-1e47, -1e40, 1e40}) {
            assertRejected("s0[0]", 1e-300, () -> Initializations.aligned(new double[] {1e-300},
                    new double[] {lambda}).create(Widths.of(4, 1, 2), target));
        }
    }

    @Test
    void aTwoLayerModeKeepsASubnormalImbalance() {
        // w u = 0 and w^2 - u^2 = lambda: u = sqrt(-lambda), w = sqrt(lambda); lambda / 2 vanished or rounded for a
        // subnormal lambda (u = 0 at lambda = -MIN_VALUE; 15% off at 3 MIN_VALUE). sqrt(2^-1074) = 2^-537 exactly.
        assertEquals(0x1p-537, Initializations.twoLayerMode(0, -Double.MIN_VALUE)[1]);
        assertEquals(0x1p-537, Initializations.twoLayerMode(0, Double.MIN_VALUE)[0]);
        double root3 = Math.sqrt(3 * Double.MIN_VALUE);   // correctly rounded
        assertEquals(root3, Initializations.twoLayerMode(0, 3 * Double.MIN_VALUE)[0], Math.ulp(root3));
        assertEquals(root3, -Initializations.twoLayerMode(-0.0, -3 * Double.MIN_VALUE)[1], Math.ulp(root3));
        // s0 and lambda both subnormal: w u = s0 and w^2 - u^2 = lambda in exact arithmetic
        double s0 = 5 * Double.MIN_VALUE;
        double lambda = -2 * Double.MIN_VALUE;
        double[] wu = Initializations.twoLayerMode(s0, lambda);
        BigDecimal w = new BigDecimal(wu[0]);
        BigDecimal u = new BigDecimal(wu[1]);
        assertEquals(s0, w.multiply(u).doubleValue(), Double.MIN_VALUE);   // the product rounds to s0's grid
        assertEquals(lambda, w.pow(2).subtract(u.pow(2)).doubleValue(), Double.MIN_VALUE);
    }
}
