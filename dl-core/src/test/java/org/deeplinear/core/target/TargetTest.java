package org.deeplinear.core.target;

import static org.deeplinear.core.TestSupport.gaussian;
import static org.deeplinear.core.TestSupport.householderFrame;
import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.QtSeed.seeds;
import static org.deeplinear.core.testing.Rejections.assertOutOfRange;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import java.util.Random;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.OrthonormalFrames;
import org.deeplinear.core.Seed;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

/**
 * The three ways to build a {@link Target}, its {@link Spectrum}, rank and best rank-r residual.
 *
 * <p>Tolerances: every reconstruction or SVD here is backward stable, with error a small multiple of
 * {@code max(m, n) u sigma_max} (~1e-15 sigma_max for the sizes used); 1e-12 relative to {@code sigma_max}
 * leaves three orders of margin. Singular values are checked against Hipparchus' SVD, independent of EJML's.
 */
class TargetTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void fromMatrixSortsTheSpectrumAndReconstructsTheMatrix() {
        qt().withExamples(100).forAll(integers().between(1, 7), integers().between(1, 7), seeds())
                .checkAssert((m, n, seed) -> {
                    double[][] a = gaussian(m, n, new Random(seed));
                    Target target = Target.of(Matrix.of("A*", a));
                    Spectrum s = target.spectrum();
                    int p = Math.min(m, n);
                    assertEquals(p, s.size());
                    for (int i = 1; i < p; i++) {
                        assertTrue(s.sigma(i - 1) >= s.sigma(i), "descending");
                    }
                    assertTrue(s.sigma(p - 1) >= 0);
                    assertEquals(s.sigma(0), s.sigmaMax());
                    checkSpectrum(target, a, m, n);
                    double[] reference = new SingularValueDecomposition(MatrixUtils.createRealMatrix(a))
                            .getSingularValues();
                    for (int i = 0; i < p; i++) {
                        assertEquals(reference[i], s.sigma(i), TOLERANCE * s.sigmaMax(), "sigma_" + i);
                    }
                });
    }

    @Test
    void fromMatrixIsScaleEquivariantFromTinyToHuge() {
        // sigma(c A) = |c| sigma(A): the SVD must neither overflow nor underflow at the ends of the double range
        double[][] a = gaussian(5, 4, new Random(1));
        double[] base = Target.of(Matrix.of("A*", a)).spectrum().singularValues();
        for (double c : new double[] {1e-300, -1e-200, 1e150, -1e300}) {
            double[][] scaled = new double[5][4];
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 4; j++) {
                    scaled[i][j] = c * a[i][j];
                }
            }
            double[] got = Target.of(Matrix.of("A*", scaled)).spectrum().singularValues();
            for (int i = 0; i < 4; i++) {
                assertEquals(base[i], got[i] / Math.abs(c), TOLERANCE * base[0], "scale " + c + ", sigma_" + i);
            }
        }
    }

    @Test
    void fromSpectrumSortsCompletesTheBasesAndBuildsTheMatrix() {
        qt().withExamples(100).forAll(integers().between(1, 7), integers().between(1, 7), seeds())
                .checkAssert((m, n, seed) -> {
                    Random random = new Random(seed);
                    int p = Math.min(m, n);
                    int r = 1 + random.nextInt(p);
                    double[] sigmas = new double[r];
                    for (int i = 0; i < r; i++) {
                        sigmas[i] = random.nextInt(4) == 0 ? 0.0 : 5 * random.nextDouble();
                    }
                    Matrix left = householderFrame(m, r, random);
                    Matrix right = householderFrame(n, r, random);
                    Target target = Target.fromSpectrum(sigmas, left, right);
                    Spectrum s = target.spectrum();
                    double[] expected = Arrays.copyOf(sigmas, p); // zeros for the completed modes
                    Arrays.sort(expected);
                    for (int i = 0; i < p / 2; i++) {
                        double t = expected[i];
                        expected[i] = expected[p - 1 - i];
                        expected[p - 1 - i] = t;
                    }
                    assertArrayEquals(expected, s.singularValues(), "the given values, sorted, then zeros");
                    assertEquals(p, s.leftVectors().cols());
                    assertEquals(p, s.rightVectors().cols());
                    // each given vector pair is kept, exactly, at the position its value sorts to
                    for (int c = 0; c < r; c++) {
                        if (sigmas[c] == 0) {
                            continue;
                        }
                        int at = 0;
                        while (s.sigma(at) != sigmas[c]) {
                            at++;
                        }
                        assertArrayEquals(left.column(c), s.leftVector(at));
                        assertArrayEquals(right.column(c), s.rightVector(at));
                    }
                    double[][] a = new double[m][n];
                    for (int c = 0; c < r; c++) {
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                a[i][j] += sigmas[c] * left.get(i, c) * right.get(j, c);
                            }
                        }
                    }
                    checkSpectrum(target, a, m, n);
                });
    }

    @Test
    void randomHasTheRequestedSingularValuesAndSeedsDecide() {
        qt().withExamples(60).forAll(integers().between(1, 9), integers().between(1, 9), seeds())
                .checkAssert((m, n, seed) -> {
                    Random random = new Random(seed);
                    double[] sigmas = new double[1 + random.nextInt(Math.min(m, n))];
                    for (int i = 0; i < sigmas.length; i++) {
                        sigmas[i] = 10 * random.nextDouble();
                    }
                    Target target = Target.random(m, n, sigmas, Seed.of(seed));
                    double[] svd = new SingularValueDecomposition(
                            MatrixUtils.createRealMatrix(target.matrix().toArray())).getSingularValues();
                    double[] sorted = sigmas.clone();
                    Arrays.sort(sorted);
                    double max = sorted[sorted.length - 1];
                    for (int i = 0; i < sorted.length; i++) {
                        assertEquals(sorted[sorted.length - 1 - i], svd[i], TOLERANCE * Math.max(max, 1e-300),
                                "sigma_" + i);
                    }
                    for (int i = sorted.length; i < svd.length; i++) {
                        assertEquals(0.0, svd[i], TOLERANCE * Math.max(max, 1e-300), "sigma_" + i + " (beyond r)");
                    }
                    assertTrue(target.matrix().equals(Target.random(m, n, sigmas, Seed.of(seed)).matrix()),
                            "same seed, same bits");
                });
        double[] sigmas = {4, 3, 2, 1};
        Target a = Target.random(32, 32, sigmas, Seed.of(7));
        Target b = Target.random(32, 32, sigmas, Seed.of(8));
        assertFalse(a.matrix().equals(b.matrix()), "different seeds, different bases");
        assertArrayEquals(a.spectrum().singularValues(), b.spectrum().singularValues());
        // the documented draws: a Gaussian frame for U* (m x r), then one for V* (n x r), from the seed's generator
        Random random = Seed.of(7).newRandom();
        Matrix left = OrthonormalFrames.random(32, 4, random);
        Matrix right = OrthonormalFrames.random(32, 4, random);
        assertEquals(Target.fromSpectrum(sigmas, left, right).matrix(), a.matrix());
    }

    @Test
    void numericalRankCountsValuesAboveTheTolerance() {
        Matrix left = householderFrame(5, 4, new Random(1));
        Matrix right = householderFrame(6, 4, new Random(2));
        Spectrum s = Target.fromSpectrum(new double[] {1e-9, 4, 0, 3}, left, right).spectrum();
        assertArrayEquals(new double[] {4, 3, 1e-9, 0, 0}, s.singularValues());
        assertEquals(2, s.rank(1e-6));
        assertEquals(3, s.rank(1e-10));
        assertEquals(3, s.rank(0.0), "zero is not above a zero tolerance");
        assertEquals(1, s.rank(3.0), "strictly above");
        assertEquals(0, s.rank(4.0));
        // default tolerance max(m, n) ulp(sigma_max) = 6 ulp(4) = 5.3e-15: 1e-9 counts
        assertEquals(3, s.rank());
        assertRejected("tolerance", () -> s.rank(-1));
        assertRejected("tolerance", () -> s.rank(Double.NaN));
        Spectrum zero = Target.of(Matrix.zeros(3, 2)).spectrum();
        assertEquals(0, zero.rank());
        assertArrayEquals(new double[] {0, 0}, zero.singularValues());
    }

    @Test
    void bestRankResidualIsHalfTheSumOfTheRemainingSquares() {
        // sigmas 4, 3, 2, 1: 1/2 sum_{i >= r} sigma_i^2 = 15, 7, 2.5, 0.5, 0 (exact in double)
        Spectrum s = Target.random(6, 5, new double[] {2, 4, 1, 3}, Seed.of(3)).spectrum();
        assertEquals(15.0, s.bestRankResidual(0));
        assertEquals(7.0, s.bestRankResidual(1));
        assertEquals(2.5, s.bestRankResidual(2));
        assertEquals(0.5, s.bestRankResidual(3));
        assertEquals(0.0, s.bestRankResidual(4));
        assertEquals(0.0, s.bestRankResidual(5));
        assertRejected("r", () -> s.bestRankResidual(6));
        assertRejected("r", () -> s.bestRankResidual(-1));
        // and it is the loss of the zero map for r = 0: 1/2 ||A*||_F^2
        Target t = Target.random(6, 5, new double[] {2, 4, 1, 3}, Seed.of(3));
        double half = 0.5 * t.matrix().frobeniusNorm() * t.matrix().frobeniusNorm();
        assertEquals(half, t.spectrum().bestRankResidual(0), TOLERANCE * half);
    }

    @Test
    void badSpectraAreRejectedByName() {
        Random random = new Random(4);
        Matrix left = householderFrame(4, 2, random);
        Matrix right = householderFrame(3, 2, random);
        for (double bad : new double[] {-1e-300, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertRejected("sigmas[1]", () -> Target.fromSpectrum(new double[] {1, bad}, left, right));
            assertRejected("sigmas[0]", () -> Target.random(4, 3, new double[] {bad}, Seed.of(1)));
        }
        assertRejected("sigmas.length", () -> Target.fromSpectrum(new double[0], left, right));
        // two largest doubles on the bases [[h, h], [h, -h]], h = sqrt(0.5) = 0.7071067811865476 (h^2 rounds above
        // 1/2): the entry MAX (h^2 + h^2) overflows; refused as "A*[0][0] = Infinity" before (review of dl-core)
        double h = Math.sqrt(0.5);
        Matrix frame = Matrix.of(new double[][] {{h, h}, {h, -h}});
        double max = Double.MAX_VALUE;
        assertRejected("sigmas", () -> Target.fromSpectrum(new double[] {max, max}, frame, frame), "finite entries");
        assertRejected("left", () -> Target.fromSpectrum(new double[] {1, 2}, householderFrame(4, 3, random), right));
        assertRejected("right", () -> Target.fromSpectrum(new double[] {1, 2}, left, householderFrame(3, 3, random)));
        assertRejected("sigmas.length", () -> Target.random(4, 3, new double[] {1, 2, 3, 4}, Seed.of(1)));
        assertRejected("seed", () -> Target.random(4, 3, new double[] {1}, null));
        assertRejected("m", () -> Target.random(0, 3, new double[] {1}, Seed.of(1)));
        assertRejected("n", () -> Target.random(3, -1, new double[] {1}, Seed.of(1)));
        // 2.5e9 entries, more than one array holds (Integer.MAX_VALUE - 8 = 2,147,483,639; / 50,000 = 42,949): refused
        // before the bases are completed (that ran for minutes, then m * n overflowed an int; review of 2026-12-07)
        assertRejected("n", () -> Target.random(50_000, 50_000, new double[] {1}, Seed.of(1)),
                "at most 42949 columns for 50000 rows");
        double[] e1 = new double[50_000];
        e1[0] = 1;
        Matrix tall = Matrix.fromRowMajor("u", 50_000, 1, e1);
        assertRejected("n", () -> Target.fromSpectrum(new double[] {1}, tall, tall), "at most 42949 columns");
        assertRejected("sigmas", () -> Target.random(3, 3, null, Seed.of(1)));
        assertRejected("matrix", () -> Target.of(null));
        assertRejected("left", () -> Target.fromSpectrum(new double[] {1}, null, right));
    }

    @Test
    void basesMustBeOrthonormalToTheDocumentedTolerance() {
        qt().withExamples(50).forAll(integers().between(1, 6), integers().between(1, 6), seeds())
                .checkAssert((m, n, seed) -> {
                    Random random = new Random(seed);
                    int r = 1 + random.nextInt(Math.min(m, n));
                    Matrix left = householderFrame(m, r, random);
                    Matrix right = householderFrame(n, r, random);
                    double[] sigmas = new double[r];
                    Arrays.fill(sigmas, 1);
                    // scaling column 0 by 1 + delta moves (Q^T Q)_00 by about 2 delta
                    assertRejected("left (max |Q^T Q - I|)",
                            () -> Target.fromSpectrum(sigmas, scaleColumn(left, 1 + 1e-9), right));
                    assertRejected("right (max |Q^T Q - I|)",
                            () -> Target.fromSpectrum(sigmas, left, scaleColumn(right, 1 - 1e-9)));
                    Target.fromSpectrum(sigmas, scaleColumn(left, 1 + 1e-12), right); // inside 1e-10: accepted
                });
    }

    private static Matrix scaleColumn(Matrix q, double factor) {
        double[][] x = q.toArray();
        for (double[] row : x) {
            row[0] *= factor;
        }
        return Matrix.of("q", x);
    }

    /** Orthonormal bases of p columns, and {@code A* = sum sigma_i u_i v_i^T} equal to the matrix. */
    private static void checkSpectrum(Target target, double[][] a, int m, int n) {
        Spectrum s = target.spectrum();
        int p = Math.min(m, n);
        assertEquals(m, s.leftVectors().rows());
        assertEquals(n, s.rightVectors().rows());
        assertTrue(OrthonormalFrames.orthonormalityDefect(s.leftVectors()) <= TOLERANCE, "U* orthonormal");
        assertTrue(OrthonormalFrames.orthonormalityDefect(s.rightVectors()) <= TOLERANCE, "V* orthonormal");
        double scale = Math.max(s.sigmaMax(), Double.MIN_NORMAL);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int c = 0; c < p; c++) {
                    sum += s.sigma(c) * s.leftVectors().get(i, c) * s.rightVectors().get(j, c);
                }
                assertEquals(a[i][j], sum, TOLERANCE * scale, "reconstruction (" + i + ", " + j + ")");
                assertEquals(a[i][j], target.matrix().get(i, j), TOLERANCE * scale, "A*(" + i + ", " + j + ")");
            }
        }
        assertEquals(m, target.rows());
        assertEquals(n, target.cols());
    }

    /** The positions are those of a stable descending sort, worked out by hand; each value is found there. */
    @Test
    void spectrumPositionsSayWhereEachValueLands() {
        // sorted: 3 (given 1), 3 (given 3), 2 (given 2), 1 (given 0)
        assertArrayEquals(new int[] {3, 0, 2, 1}, Target.spectrumPositions(new double[] {1, 3, 2, 3}));
        assertArrayEquals(new int[0], Target.spectrumPositions(new double[0]));
        qt().withExamples(50).forAll(integers().between(1, 6), seeds()).checkAssert((r, seed) -> {
            Random random = new Random(seed);
            double[] sigmas = new double[r];
            for (int i = 0; i < r; i++) {
                sigmas[i] = random.nextInt(3); // small integers, so that ties occur
            }
            int[] position = Target.spectrumPositions(sigmas);
            Spectrum spectrum = Target.random(r + 1, r, sigmas, Seed.of(seed)).spectrum();
            boolean[] taken = new boolean[r];
            for (int i = 0; i < r; i++) {
                assertEquals(sigmas[i], spectrum.sigma(position[i]), 0.0);
                assertFalse(taken[position[i]]);
                taken[position[i]] = true;
            }
        });
        assertRejected("sigmas[1]", -1.0, () -> Target.spectrumPositions(new double[] {1, -1}));
        assertRejected("sigmas[0]", Double.NaN, () -> Target.spectrumPositions(new double[] {Double.NaN}));
        assertRejected("sigmas", () -> Target.spectrumPositions(null));
    }

    @Test
    void subnormalEntriesKeepTheirDigits() {
        // [[3, 1], [1, 2]] 2^e (exact: every entry an integer multiple of 2^-1074), symmetric positive definite:
        // sigma = (5 +- sqrt(5)) / 2 2^e, closed form, rounded once to the subnormal grid (Math.scalb). EJML's SVD
        // of the subnormal matrix itself lost digits (review of dl-spectral, finding 2); Matrix.svdScaleExponent
        // now brings it to the normal range first. Tolerance: one unit in the last place of the subnormal value
        for (int e : new int[] {-1040, -1060, -1068}) {
            double[][] a = {{Math.scalb(3.0, e), Math.scalb(1.0, e)}, {Math.scalb(1.0, e), Math.scalb(2.0, e)}};
            double[] sigmas = Target.of(Matrix.of(a)).spectrum().singularValues();
            double[] expected = {Math.scalb((5 + Math.sqrt(5)) / 2, e), Math.scalb((5 - Math.sqrt(5)) / 2, e)};
            for (int i = 0; i < 2; i++) {
                assertEquals(expected[i], sigmas[i], Math.ulp(expected[i]), "2^" + e + ": sigma_" + i);
            }
        }
    }

    @Test
    void theSpectrumOfHugeEntriesIsFoundWhereItIsFinite() {
        // review of 2026-12-06: x [[1, 1], [1, -1]] = x sqrt(2) times an orthogonal matrix, sigma = (sqrt(2) x,
        // sqrt(2) x): refused at x = 1e308 ("expected a matrix whose SVD converges") although both are doubles
        for (double x : new double[] {1e308, 5e307, 1e-300, 1e-308}) {
            Spectrum s = Target.of(Matrix.of(new double[][] {{x, x}, {x, -x}})).spectrum();
            double expected = Math.sqrt(2) * x;
            for (int i = 0; i < 2; i++) {
                // a few ulps (1e-15 = 4.5 ulps): measured at most 1.6 ulps (2026-12-07)
                assertEquals(expected, s.sigma(i), 1e-15 * expected, "x = " + x);
            }
        }
        // small singular values beside large ones are kept (scaling the whole matrix down took 1e-20 beside 1e300
        // to 9.99896e-21 and 1e-300 to 0; review of 2026-12-06): a diagonal's singular values are its entries
        for (double[] d : new double[][] {{1e300, 1e-20}, {1e300, 1e-300}, {1e308, 1e-300}}) {
            double[] sigmas = Target.of(Matrix.of(new double[][] {{d[0], 0}, {0, d[1]}})).spectrum().singularValues();
            // a few ulps; measured exact (2026-12-07)
            assertEquals(d[0], sigmas[0], 1e-15 * d[0]);
            assertEquals(d[1], sigmas[1], 1e-15 * d[1]);
        }
        // rank one, sigma = 2 x = 3e308: not a double
        double big = 1.5e308;
        assertRejected("matrix", () -> Target.of(Matrix.of(new double[][] {{big, big}, {big, big}})));
    }

    @Test
    void defaultRankIsNumPysConvention() {
        // numpy.linalg.matrix_rank(np.diag([1.9999, 6e-16])) == 1: tolerance sigma_max max(m, n) eps = 8.9e-16
        // (max(m, n) ulp(sigma_max) = 4.4e-16 counted the second value; review of 2026-12-06)
        Matrix identity = Matrix.of(new double[][] {{1, 0}, {0, 1}});
        assertEquals(1, Target.fromSpectrum(new double[] {1.9999, 6e-16}, identity, identity).spectrum().rank());
        assertEquals(2, Target.fromSpectrum(new double[] {1.9999, 1e-15}, identity, identity).spectrum().rank());
    }

    @Test
    void negativeZeroIsAZeroSingularValue() {
        // -0.0 == 0.0: equal values keep the order given, and the spectrum holds +0.0 (review of 2026-12-06)
        assertArrayEquals(new int[] {0, 1}, Target.spectrumPositions(new double[] {-0.0, 0.0}));
        Matrix identity = Matrix.of(new double[][] {{1, 0}, {0, 1}});
        double[] sigmas = Target.fromSpectrum(new double[] {-0.0, 1}, identity, identity).spectrum().singularValues();
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(sigmas[1]));
    }

    @Test
    void singularVectorsNameABadMode() {
        Spectrum s = Target.random(3, 2, new double[] {2, 1}, Seed.of(3)).spectrum();
        assertOutOfRange("i = 2: expected 0..1", () -> s.leftVector(2));
        assertOutOfRange("i = -1: expected 0..1", () -> s.rightVector(-1));
    }

    /**
     * One repeated value to 1e-12 relative of the larger (Spectrum.REPEAT_TOLERANCE), the first positive: sigmas
     * 1 and 1 + 1e-13 are one value (a saved target read back is within a few ulps), 1 and 1 + 1e-11 are two, and
     * two zeros (no mode) are not a repeated value.
     */
    @Test
    void repeatedSingularValuesAreThoseWithinTheToleranceOfTheLarger() {
        assertTrue(Spectrum.repeats(1, 1 + 1e-13));
        assertTrue(Spectrum.repeats(1 + 1e-13, 1));
        assertTrue(Spectrum.repeats(1e300, 1e300 * (1 - 1e-13)));
        assertFalse(Spectrum.repeats(1, 1 + 1e-11));
        assertFalse(Spectrum.repeats(0, 0));
        assertFalse(Spectrum.repeats(2, 1));
        // groups: a chain of neighbours that repeat is one value (2, 2 (1 - 7e-13), 2 (1 - 1.4e-12): the ends are
        // 1.4e-12 apart, more than the tolerance), zeros are groups of their own
        Spectrum chain = Target.random(6, 6, new double[] {2, 2 * (1 - 7e-13), 2 * (1 - 1.4e-12), 1, 0},
                Seed.of(1)).spectrum();
        assertFalse(Spectrum.repeats(chain.sigma(0), chain.sigma(2)));
        assertArrayEquals(new int[] {0, 0, 0, 1, 2, 3}, chain.repeatGroups());
    }
}
