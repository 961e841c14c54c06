package org.deeplinear.core;

import static org.deeplinear.core.TestSupport.gaussian;
import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.QtSeed.seeds;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.Random;
import org.deeplinear.core.init.Initialization;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.InputFactor;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.model.OutputFactor;
import org.deeplinear.core.target.Target;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The validation rules of issue 2, as properties: every bad input (non-finite entries, negative or NaN singular
 * values, {@code eps <= 0}, a seed-less random request, shapes that disagree) is rejected with an
 * {@link IllegalArgumentException} in the library's format naming the parameter, and every good one is accepted.
 * Shapes and depth of chains are in {@link ShapeRulesTest} and {@code FactorChainTest}; non-orthonormal bases in
 * {@code TargetTest}.
 */
class ValidationTest {

    /** NaN and both infinities. */
    static Gen<Double> nonFinite() {
        return Generate.pick(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    /** Everything {@code <= 0} or not finite: zero, negative zero, negatives of every magnitude, NaN, infinities. */
    static Gen<Double> notPositive() {
        return Generate.oneOf(doubles().between(-1e300, 0.0), doubles().between(-1e-300, 0.0),
                Generate.pick(List.of(0.0, -0.0, -Double.MIN_VALUE, -Double.MAX_VALUE)), nonFinite());
    }

    /** Finite and {@code > 0}, across the whole range. */
    static Gen<Double> positive() {
        return Generate.oneOf(doubles().between(Double.MIN_VALUE, 1e-300), doubles().between(1e-300, 1.0),
                doubles().between(1.0, Double.MAX_VALUE));
    }

    @Test
    void nonFiniteMatrixEntriesAreRejectedWithTheirPosition() {
        qt().forAll(integers().between(1, 6), integers().between(1, 6), integers().between(0, 35), nonFinite())
                .checkAssert((rows, cols, at, bad) -> {
                    double[][] x = gaussian(rows, cols, new Random(at));
                    int i = (at / cols) % rows;
                    int j = at % cols;
                    x[i][j] = bad;
                    String where = "X[" + i + "][" + j + "]";
                    assertRejected(where, bad, () -> Matrix.of("X", x));
                    double[] flat = new double[rows * cols];
                    flat[i * cols + j] = bad;
                    assertRejected(where, bad, () -> Matrix.fromRowMajor("X", rows, cols, flat));
                    DMatrixRMaj d = new DMatrixRMaj(rows, cols);
                    d.set(i, j, bad);
                    assertRejected(where, bad, () -> Matrix.copyOf("X", d));
                });
    }

    @Test
    void finiteMatricesAreAcceptedAndCopied() {
        qt().forAll(integers().between(1, 6), integers().between(1, 6), seeds())
                .checkAssert((rows, cols, seed) -> {
            double[][] x = gaussian(rows, cols, new Random(seed));
            x[0][0] = seed % 2 == 0 ? Double.MAX_VALUE : -Double.MIN_VALUE; // extreme but finite
            Matrix m = Matrix.of("X", x);
            assertEquals(rows, m.rows());
            assertEquals(cols, m.cols());
            double before = x[0][0];
            x[0][0] = 0.5;
            assertEquals(before, m.get(0, 0), "the factory copied its input");
            m.toArray()[0][0] = 0.25;
            assertEquals(before, m.get(0, 0), "toArray returns a copy");
            double[] flat = new double[rows * cols];
            m.copyTo(flat, 0);
            assertEquals(m, Matrix.fromRowMajor("X", rows, cols, flat));
            assertEquals(m, Matrix.copyOf("X", m.toDMatrix()));
        });
    }

    @Test
    void malformedMatricesAreRejectedByName() {
        assertRejected("X", () -> Matrix.of("X", null));
        assertRejected("X.rows", () -> Matrix.of("X", new double[0][]));
        assertRejected("X.cols", () -> Matrix.of("X", new double[][] {{}}));
        assertRejected("X[1].length", () -> Matrix.of("X", new double[][] {{1, 2}, {3}}));
        assertRejected("X[1]", () -> Matrix.of("X", new double[][] {{1, 2}, null}));
        assertRejected("X.length", () -> Matrix.fromRowMajor("X", 2, 2, new double[3]));
        assertRejected("X.rows", () -> Matrix.fromRowMajor("X", 0, 2, new double[0]));
        assertRejected("X.cols", () -> Matrix.fromRowMajor("X", 2, -1, new double[0]));
        assertRejected("X.shape", () -> Matrix.copyOf("X", new DMatrixRMaj(0, 3)));
        assertRejected("rows", () -> Matrix.zeros(0, 1));
        assertRejected("cols", () -> Matrix.zeros(1, 0));
        // one array holds the entries: HotSpot allocates at most Integer.MAX_VALUE - 8 (review of 2026-12-07:
        // 1 x Integer.MAX_VALUE passed the check and failed with OutOfMemoryError "exceeds VM limit")
        assertRejected("cols", () -> Matrix.zeros(1, Integer.MAX_VALUE), "at most 2147483639 columns");
        assertRejected("destination", () -> Matrix.zeros(2, 2).copyTo(null, 0));
    }

    @Test
    void negativeOrNonFiniteSingularValuesAreRejectedAndOthersAccepted() {
        // QuickTheories' doubles().between(-1e300, -MIN_VALUE) also yields 0.0 (about 1 draw in 1,000, for every
        // seed), a valid singular value: -|x| - MIN_VALUE is negative for every draw
        Gen<Double> negative = doubles().between(-1e300, -Double.MIN_VALUE).map(x -> -Math.abs(x) - Double.MIN_VALUE);
        Gen<Double> bad = Generate.oneOf(negative, nonFinite());
        qt().forAll(integers().between(1, 5), integers().between(0, 4), bad, seeds())
                .checkAssert((r, at, value, seed) -> {
                    double[] sigmas = new double[r];
                    for (int i = 0; i < r; i++) {
                        sigmas[i] = i;
                    }
                    int i = at % r;
                    Target.random(5, 6, sigmas, Seed.of(seed)); // >= 0, zero included: accepted
                    sigmas[i] = value;
                    assertRejected("sigmas[" + i + "]", value, () -> Target.random(5, 6, sigmas, Seed.of(seed)));
                });
    }

    @Test
    void epsAndScaleMustBeFiniteAndPositive() {
        qt().forAll(notPositive()).checkAssert(bad -> {
            assertRejected("eps", bad, () -> Initializations.smallGaussian(bad, Seed.of(1)));
            assertRejected("scale", bad, () -> Initializations.balanced(bad, Seed.of(1)));
            assertRejected("scale", bad, () -> Initializations.lambdaBalanced(1.0, bad, Seed.of(1)));
            assertRejected("eps", bad, () -> Arguments.positive("eps", bad));
        });
        Target target = Target.random(3, 2, new double[] {1}, Seed.of(1));
        qt().forAll(positive()).checkAssert(good -> {
            Initializations.smallGaussian(good, Seed.of(1));
            Initializations.balanced(good, Seed.of(1));
            assertEquals(good, Arguments.positive("eps", good));
        });
        // accepted and usable at ordinary scales
        Initializations.smallGaussian(1e-300, Seed.of(1)).create(Shape.of(3, 2, 2).widths(), target);
    }

    @Test
    void everyRandomRequestNeedsASeed() {
        assertRejected("seed", null, () -> Initializations.smallGaussian(1e-3, null));
        assertRejected("seed", null, () -> Initializations.balanced(1e-3, null));
        assertRejected("seed", null, () -> Initializations.lambdaBalanced(0.5, 1e-3, null));
        assertRejected("seed", null, () -> Initializations.lambdaBalanced(0.0, 1e-3, null));
        assertRejected("seed", null, () -> Target.random(3, 3, new double[] {1}, null));
        String message = assertRejected("seed", () -> Seed.required("seed", null)).getMessage();
        assertTrue(message.contains("Seed.of"), "the message says how to give one: " + message);
        assertEquals(Seed.of(5), Seed.required("seed", Seed.of(5)));
        assertEquals(Seed.of(5).newRandom().nextLong(), Seed.of(5).newRandom().nextLong());
    }

    @Test
    void modelsAndInitialisationsRejectWidthsThatDisagreeWithTheTarget() {
        qt().forAll(integers().between(1, 5), integers().between(1, 5), integers().between(1, 5),
                integers().between(1, 3))
                .checkAssert((m, k, n, delta) -> {
                    Target target = Target.random(m, n, new double[] {1}, Seed.of(m * 31L + n));
                    Widths wrongRows = Shape.of(m + delta, k, n).widths();
                    Widths wrongCols = Shape.of(m, k, n + delta).widths();
                    FactorChain rows = FactorChain.fromState(wrongRows, new double[wrongRows.parameterCount()]);
                    FactorChain cols = FactorChain.fromState(wrongCols, new double[wrongCols.parameterCount()]);
                    assertRejected("factors", () -> Model.of(rows, target));
                    assertRejected("factors", () -> Model.of(cols, target));
                    for (Initialization init : new Initialization[] {Initializations.smallGaussian(1, Seed.of(1)),
                        Initializations.balanced(1, Seed.of(1)), Initializations.aligned(new double[] {1})}) {
                        assertRejected("widths", () -> init.create(wrongRows, target));
                        assertRejected("widths", () -> init.create(wrongCols, target));
                    }
                    Widths good = Shape.of(m, k, n).widths();
                    Model model = Model.of(Initializations.smallGaussian(1, Seed.of(1)).create(good, target), target);
                    assertEquals(good, model.factors().widths());
                    assertRejected("U", () -> Model.of(OutputFactor.of(Matrix.zeros(m, k)),
                            InputFactor.of(Matrix.zeros(k + delta, n)), target));
                });
        Target target = Target.random(2, 2, new double[] {1}, Seed.of(1));
        assertRejected("factors", () -> Model.of(null, target));
        assertRejected("target", () -> Model.of(FactorChain.fromState(Widths.of(2, 2, 2), new double[8]), null));
    }

    @Test
    void aModelWhoseLossOrGradientOverflowsIsRejectedNotSilentlyInfinite() {
        Target target = Target.random(2, 2, new double[] {1e-3}, Seed.of(1));
        // A = W U = 1e200 I is finite, but 1/2 ||A - A*||^2 ~ 1e400 overflows
        FactorChain big = FactorChain.ofLayers(List.of(Matrix.of("U", new double[][] {{1e100, 0}, {0, 1e100}}),
                Matrix.of("W", new double[][] {{1e100, 0}, {0, 1e100}})));
        assertRejected("loss", () -> Model.of(big, target));
        // A = W U ~ 1 everywhere and the loss ~ 2, but dL/dW = G U^T sums two terms of ~1e308 and overflows
        FactorChain lopsided = FactorChain.ofLayers(List.of(Matrix.of("U", new double[][] {{1e308, 1e308}}),
                Matrix.of("W", new double[][] {{1e-308}, {1e-308}})));
        // (named as the factors since the review of 2026-12-08, which found "dL/dW_2[0][0]" an internal matrix's)
        assertRejected("factors", () -> Model.of(lopsided, target), "gradient dL/dW_2 is finite");
    }
}
