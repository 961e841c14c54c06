package org.deeplinear.core.reliability;

import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.Rejections.rejectedNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.OrthonormalFrames;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Shape;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initialization;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Every public factory of dl-core, fed garbage: for any arguments drawn from the edges of their types (zero,
 * negatives, the extreme integers, NaN, infinities, null, empty and ragged arrays, dimensions whose product
 * overflows an {@code int}), the factory either returns a valid value or throws an
 * {@link IllegalArgumentException} whose message starts with the name of one of its parameters, in the library's
 * {@code "name = value: expected ..."} format; no other exception escapes. Where validity is easy to state, the
 * property also checks that exactly the invalid arguments are rejected.
 */
class FactoryRejectionTest {

    /** Dimensions: valid small ones and every kind of invalid one, including products beyond an int. */
    static Gen<Integer> dimensions() {
        return Generate.pick(List.of(-1, 0, 1, 2, 3, 5, 65_536, Integer.MAX_VALUE, Integer.MIN_VALUE));
    }

    /** Doubles at the edges: zeros, tiny and huge magnitudes of both signs, NaN and the infinities. */
    static Gen<Double> edgeDoubles() {
        return Generate.pick(List.of(0.0, -0.0, 1e-3, 0.5, 1.0, 3.0, -1.0, Double.MIN_VALUE, 1e-300, 1e300,
                -1e300, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    /** Seeds: null (a seed-less request) or an explicit one. */
    static Gen<Seed> seeds() {
        return Generate.pick(Arrays.asList(null, Seed.of(0), Seed.of(-7), Seed.of(Long.MAX_VALUE)));
    }

    /** Arrays of 0 to 4 edge doubles, or null. */
    static Gen<double[]> edgeArrays() {
        Gen<double[]> arrays = integers().between(0, 4).zip(integers().between(0, 1 << 20), (len, seed) -> {
            Random r = new Random(seed);
            List<Double> pool = List.of(0.0, 1e-3, 0.5, 1.0, 3.0, -1.0, 1e300, Double.NaN,
                    Double.POSITIVE_INFINITY);
            double[] a = new double[len];
            for (int i = 0; i < len; i++) {
                a[i] = pool.get(r.nextInt(pool.size()));
            }
            return a;
        });
        return arrays.mix(Generate.constant((double[]) null), 10);
    }

    private static boolean small(int d) {
        return d >= 1 && d <= 5;
    }

    @Test
    void shapesAndWidths() {
        qt().withExamples(300).forAll(dimensions(), dimensions(), dimensions())
                .checkAssert((m, k, n) -> {
                    boolean valid = m >= 1 && k >= 1 && n >= 1;
                    assertEquals(!valid, rejectedNaming(List.of("m", "k", "n"), () -> Shape.of(m, k, n), m, k, n));
                    // a chain's parameters live in one array: their count must fit in an int
                    boolean fits = valid && (long) n * k + (long) k * m <= Integer.MAX_VALUE;
                    assertEquals(!fits, rejectedNaming(List.of("widths", "depth"),
                            () -> Widths.of(n, k, m).parameterCount(), n, k, m));
                    boolean uniformFits = fits && (long) n * k + (long) k * k + (long) k * m <= Integer.MAX_VALUE;
                    // uniform names its own arguments (m, hidden, n) before the chain's count (widths)
                    assertEquals(!uniformFits, rejectedNaming(List.of("m", "hidden", "n", "widths"),
                            () -> Widths.uniform(m, k, n, 3).parameterCount(), m, k, n));
                });
        assertTrue(rejectedNaming(List.of("widths"), () -> Widths.of((int[]) null)));
        assertTrue(rejectedNaming(List.of("depth"), () -> Widths.of(3, 3)));
        assertTrue(rejectedNaming(List.of("depth"), () -> Widths.uniform(3, 3, 3, 1)));
    }

    @Test
    void parameterCountsBeyondAnIntAreRejectedNotOverflowed() {
        // 65536 x 65536 = 2^32 weights: more than an array holds; the widths themselves are positive
        assertTrue(rejectedNaming(List.of("widths"), () -> Widths.of(65_536, 65_536, 65_536).parameterCount()));
        assertTrue(rejectedNaming(List.of("widths"), () -> Widths.of(1, Integer.MAX_VALUE, 2).parameterCount()));
    }

    @Test
    void matricesFromRowMajorArrays() {
        qt().withExamples(300).forAll(dimensions(), dimensions(), edgeArrays())
                .checkAssert((rows, cols, data) -> {
                    boolean valid = rows >= 1 && cols >= 1 && data != null && (long) rows * cols == data.length
                            && Arrays.stream(data).allMatch(Double::isFinite);
                    assertEquals(!valid, rejectedNaming(List.of("X"), () -> Matrix.fromRowMajor("X", rows, cols,
                            data), rows, cols, data));
                });
    }

    @Test
    void zeroMatricesWhoseSizeOverflowsAreRejected() {
        qt().withExamples(200).forAll(dimensions(), dimensions()).checkAssert((rows, cols) -> {
            long size = (long) rows * cols;
            if (rows >= 1 && cols >= 1 && size > 64) {
                return; // valid but possibly large: not allocated here, see the overflow cases below
            }
            boolean valid = rows >= 1 && cols >= 1;
            assertEquals(!valid, rejectedNaming(List.of("rows", "cols"), () -> Matrix.zeros(rows, cols), rows, cols));
        });
        // rows * cols overflows an int: 2^32 wraps to 0 entries, 2^31 + 2^16 to a negative array size
        assertTrue(rejectedNaming(List.of("rows", "cols"), () -> Matrix.zeros(65_536, 65_536)));
        assertTrue(rejectedNaming(List.of("rows", "cols"), () -> Matrix.zeros(Integer.MAX_VALUE, 2)));
        assertTrue(rejectedNaming(List.of("X"), () -> Matrix.fromRowMajor("X", 65_536, 65_536, new double[0])));
    }

    @Test
    void matricesFromRowsAndColumns() {
        assertTrue(rejectedNaming(List.of("X"), () -> Matrix.of("X", null)));
        assertTrue(rejectedNaming(List.of("X"), () -> Matrix.of("X", new double[0][])));
        assertTrue(rejectedNaming(List.of("X"), () -> Matrix.of("X", new double[][] {null})));
        assertTrue(rejectedNaming(List.of("X"), () -> Matrix.of("X", new double[][] {{}})));
        assertTrue(rejectedNaming(List.of("X"), () -> Matrix.of("X", new double[][] {{1, 2}, null})));
        assertTrue(rejectedNaming(List.of("X"), () -> Matrix.of("X", new double[][] {{1, 2}, {3}})));
        assertTrue(rejectedNaming(List.of("X"), () -> Matrix.of("X", new double[][] {{1, Double.NaN}})));
        assertTrue(rejectedNaming(List.of("matrix"), () -> Matrix.copyOf("matrix", null)));
        assertTrue(rejectedNaming(List.of("matrix"), () -> Matrix.of(new double[][] {{Double.NEGATIVE_INFINITY}})));
    }

    @Test
    void targets() {
        qt().withExamples(300).forAll(dimensions(), dimensions(), edgeArrays(), seeds())
                .checkAssert((m, n, sigmas, seed) -> {
                    if (m >= 1 && n >= 1 && (m > 5 || n > 5)) {
                        return; // valid shapes of any size are fine; big ones are not allocated here
                    }
                    boolean valid = small(m) && small(n) && sigmas != null && sigmas.length >= 1
                            && sigmas.length <= Math.min(m, n) && seed != null
                            && Arrays.stream(sigmas).allMatch(s -> Double.isFinite(s) && s >= 0);
                    assertEquals(!valid, rejectedNaming(List.of("m", "n", "sigmas", "seed"),
                            () -> Target.random(m, n, sigmas, seed), m, n, sigmas, seed));
                });
        assertTrue(rejectedNaming(List.of("matrix"), () -> Target.of(null)));
        Matrix e = Matrix.of(new double[][] {{1, 0}, {0, 1}});
        assertTrue(rejectedNaming(List.of("sigmas"), () -> Target.fromSpectrum(null, e, e)));
        assertTrue(rejectedNaming(List.of("left"), () -> Target.fromSpectrum(new double[] {1, 1}, null, e)));
        assertTrue(rejectedNaming(List.of("sigmas"), () -> Target.fromSpectrum(new double[] {1, -0.5}, e, e)));
        Matrix skew = Matrix.of(new double[][] {{1, 0.5}, {0, 1}});
        assertTrue(rejectedNaming(List.of("left", "right"), () -> Target.fromSpectrum(new double[] {1, 1}, skew, e)));
    }

    @Test
    void targetsFromMatricesAtTheEdgesOfDoublePrecision() {
        // 1e300 entries (spectrum sqrt 2 * 1e300), subnormal entries, a rank-deficient 1e200 / 1e-200 pair, and
        // MAX_VALUE entries whose SVD overflows: a finite spectrum, or the documented rejection naming the matrix
        double m = Double.MAX_VALUE;
        double[][][] cases = {{{1e300, 1e300}, {1e300, -1e300}}, {{1e-320, 0}, {0, 1e-310}}, {{1e200, 1},
            {1, 1e-200}}, {{m, m}, {m, m}}};
        for (double[][] entries : cases) {
            Matrix a = Matrix.of(entries);
            if (!rejectedNaming(List.of("matrix"), () -> Target.of(a), a)) {
                for (double sigma : Target.of(a).spectrum().singularValues()) {
                    assertTrue(Double.isFinite(sigma) && sigma >= 0, a + ": sigma " + sigma);
                }
            }
        }
        assertTrue(rejectedNaming(List.of("matrix"), () -> Target.of(Matrix.of(new double[][] {{m, m}, {m, m}}))));
    }

    @Test
    void initialisations() {
        qt().withExamples(300).forAll(edgeDoubles(), edgeDoubles(), seeds())
                .checkAssert((a, b, seed) -> {
                    boolean positive = Double.isFinite(a) && a > 0;
                    boolean withSeed = seed != null;
                    assertEquals(!(positive && withSeed), rejectedNaming(List.of("eps", "seed"),
                            () -> Initializations.smallGaussian(a, seed), a, seed));
                    assertEquals(!(positive && withSeed), rejectedNaming(List.of("scale", "seed"),
                            () -> Initializations.balanced(a, seed), a, seed));
                    boolean lambdaValid = Double.isFinite(b) && positive && withSeed;
                    assertEquals(!lambdaValid, rejectedNaming(List.of("lambda", "scale", "seed"),
                            () -> Initializations.lambdaBalanced(b, a, seed), b, a, seed));
                });
        qt().withExamples(200).forAll(edgeArrays(), edgeArrays()).checkAssert((s0, lambda) -> {
            boolean s0Valid = s0 != null && s0.length >= 1 && Arrays.stream(s0).allMatch(Double::isFinite);
            assertEquals(!s0Valid, rejectedNaming(List.of("s0"), () -> Initializations.aligned(s0), s0));
            boolean pairValid = s0Valid && lambda != null && lambda.length == s0.length
                    && Arrays.stream(lambda).allMatch(Double::isFinite);
            assertEquals(!pairValid, rejectedNaming(List.of("s0", "lambda"),
                    () -> Initializations.aligned(s0, lambda), s0, lambda));
        });
    }

    @Test
    void initialisationsThatDoNotFitTheirTarget() {
        Target target = Target.random(4, 3, new double[] {2, 1}, Seed.of(5));
        List<Initialization> all = List.of(Initializations.smallGaussian(0.1, Seed.of(1)),
                Initializations.balanced(0.1, Seed.of(2)), Initializations.lambdaBalanced(0.5, 0.1, Seed.of(3)),
                Initializations.aligned(new double[] {0.1, 0.2}));
        for (Initialization init : all) {
            // widths whose ends disagree with the 4 x 3 target
            assertTrue(rejectedNaming(List.of("widths", "target"), () -> init.create(Widths.of(4, 2, 3), target)));
            assertTrue(rejectedNaming(List.of("widths", "target"), () -> init.create(null, target)));
            assertTrue(rejectedNaming(List.of("widths", "target"), () -> init.create(Widths.of(3, 2, 4), null)));
        }
        // too many aligned modes for a hidden width of 1
        assertTrue(rejectedNaming(List.of("s0.length", "widths"),
                () -> Initializations.aligned(new double[] {0.1, 0.2}).create(Widths.of(3, 1, 4), target)));
    }

    @Test
    void modelsChainsFramesAndSeeds() {
        Target target = Target.random(4, 3, new double[] {2, 1}, Seed.of(5));
        FactorChain chain = Initializations.smallGaussian(0.1, Seed.of(1)).create(Widths.of(3, 2, 4), target);
        Target other = Target.random(3, 3, new double[] {1}, Seed.of(6));
        assertTrue(rejectedNaming(List.of("factors"), () -> Model.of(null, target)));
        assertTrue(rejectedNaming(List.of("target"), () -> Model.of(chain, null)));
        assertTrue(rejectedNaming(List.of("widths", "target", "factors"), () -> Model.of(chain, other)));
        assertTrue(rejectedNaming(List.of("layers", "depth"), () -> FactorChain.ofLayers(null)));
        assertTrue(rejectedNaming(List.of("layers", "depth"), () -> FactorChain.ofLayers(List.of())));
        assertTrue(rejectedNaming(List.of("layers", "W_2", "depth"), () -> FactorChain.ofLayers(
                List.of(Matrix.zeros(2, 3), Matrix.zeros(4, 3)))));
        assertTrue(rejectedNaming(List.of("state", "widths"), () -> FactorChain.fromState(Widths.of(3, 2, 4),
                new double[5])));
        assertTrue(rejectedNaming(List.of("state", "widths"), () -> FactorChain.fromState(Widths.of(3, 2, 4),
                null)));
        assertTrue(rejectedNaming(List.of("random", "r"), () -> OrthonormalFrames.random(3, 4, new Random(1))));
        assertTrue(rejectedNaming(List.of("random", "r"), () -> OrthonormalFrames.random(3, 0, new Random(1))));
        assertTrue(rejectedNaming(List.of("random", "r"), () -> OrthonormalFrames.random(3, 2, null)));
        assertTrue(rejectedNaming(List.of("basis", "p"), () -> OrthonormalFrames.complete(null, 3)));
        assertTrue(rejectedNaming(List.of("chosen"), () -> Seed.required("chosen", null)));
        assertThrows(IllegalArgumentException.class, () -> target.spectrum().rank(Double.NaN));
        assertTrue(rejectedNaming(List.of("r"), () -> target.spectrum().bestRankResidual(4)));
    }
}
