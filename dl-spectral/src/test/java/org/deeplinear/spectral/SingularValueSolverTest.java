package org.deeplinear.spectral;

import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.QtSeed.seeds;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.target.Target;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The two SVD solvers behind {@link ModeTracker} agree: on random Gaussian matrices, square, tall ({@code m > n}),
 * wide ({@code m < n}) and rank-deficient ({@code B C} with B m x r, C r x n, {@code r < min(m, n)}), their sorted
 * singular values agree to {@code 1e-12 sigma_max} (a backward-stable SVD errs by a small multiple of
 * {@code 2.2e-16 sigma_max}, about {@code 1e-14} at these sizes), and each solver's factors reproduce the matrix
 * ({@code |A - U S V^T| <= 1e-12 sigma_max} entrywise) with orthonormal columns ({@code |U^T U - I| <= 1e-12}).
 * One solver instance decomposes several matrices in turn, so the reuse of its buffers is exercised.
 */
class SingularValueSolverTest {

    private static final double TOL = 1e-12;

    @Test
    void solversAgreeOnRandomMatricesOfEveryShapeAndRank() {
        List<String> solvers = SpectralTestSupport.solvers();
        qt().withExamples(150).forAll(integers().between(1, 24), integers().between(1, 24),
                integers().between(0, 24), seeds()).checkAssert((m, n, rank, seed) -> {
                    Random random = new Random(seed);
                    int r = Math.min(rank, Math.min(m, n));
                    SingularValueSolver[] each = new SingularValueSolver[solvers.size()];
                    for (int x = 0; x < each.length; x++) {
                        each[x] = SingularValueSolver.named(solvers.get(x), m, n);
                    }
                    for (int repeat = 0; repeat < 3; repeat++) {
                        DMatrixRMaj a = product(gaussian(m, r, random), gaussian(r, n, random));
                        double[] reference = null;
                        for (SingularValueSolver solver : each) {
                            double[] values = decomposeAndCheck(solver, a);
                            // the values alone (jobz = N for LAPACK) agree with the decomposition's, input untouched
                            double[] only = new double[Math.min(m, n)];
                            DMatrixRMaj before = a.copy();
                            assertTrue(solver.values(a, only), solver.name() + " values only");
                            assertTrue(Arrays.equals(before.data, a.data), solver.name() + " values: input modified");
                            assertSameValues(values, descending(only), solver.name() + " values only " + m + "x" + n);
                            if (reference == null) {
                                reference = values;
                            } else {
                                assertSameValues(reference, values, solver.name() + " " + m + "x" + n + " rank " + r);
                            }
                        }
                    }
                });
    }

    @Test
    void theComparisonSeesAPerturbationOfOnePartIn1e9() {
        // the check must fail where the values differ: sigma(A + 1e-9 sigma_max E) moves by about 1e-9 sigma_max
        Random random = new Random(5);
        DMatrixRMaj a = gaussian(8, 6, random);
        DMatrixRMaj b = a.copy();
        b.data[0] += 1e-8;
        SingularValueSolver solver = SingularValueSolver.named("ejml", 8, 6);
        double[] x = decomposeAndCheck(solver, a);
        double[] y = decomposeAndCheck(solver, b);
        assertThrows(AssertionError.class, () -> assertSameValues(x, y, "perturbed"));
    }

    @Test
    void theTrackerFollowsTheSameModesOnBothSolvers() {
        // a 12 x 9 random target (values 4, 3, 2, 1) and a random walk from it (steps 0.02 N(0, 1) per entry):
        // identities, positions and ambiguities agree exactly, values to 1e-12 relative to sigma_max (below 10),
        // and the cosines of the four leading modes (gaps near 1, so rounding moves their vectors by about 1e-15)
        // to 1e-9
        List<String> solvers = SpectralTestSupport.solvers();
        Target target = Target.random(12, 9, new double[] {4, 3, 2, 1}, Seed.of(2));
        ModeTracker[] trackers = new ModeTracker[solvers.size()];
        for (int x = 0; x < trackers.length; x++) {
            trackers[x] = new ModeTracker(target, TrackerSettings.defaults(), solvers.get(x));
        }
        Random random = new Random(11);
        double[][] walk = new double[12][9];
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 9; j++) {
                walk[i][j] = target.matrix().get(i, j);
            }
        }
        for (int s = 0; s < 20; s++) {
            for (double[] row : walk) {
                for (int j = 0; j < row.length; j++) {
                    row[j] += 0.02 * random.nextGaussian();
                }
            }
            Matrix map = Matrix.of(walk);
            for (ModeTracker tracker : trackers) {
                tracker.add(s, map);
            }
        }
        TrackedModes first = trackers[0].trackedModes();
        for (int x = 1; x < trackers.length; x++) {
            TrackedModes other = trackers[x].trackedModes();
            assertEquals(first.ambiguities(), other.ambiguities());
            for (int k = 0; k < 9; k++) {
                assertTrue(Arrays.equals(first.positions(k), other.positions(k)));
                double[] a = first.singularValues(k);
                double[] b = other.singularValues(k);
                for (int j = 0; j < a.length; j++) {
                    assertEquals(a[j], b[j], 1e-12 * 10, "sigma_" + k + " at sample " + j);
                }
                for (int i = 0; i < first.targetModes() && k < 4; i++) {
                    double[] u = first.leftCosines(k, i);
                    double[] w = other.leftCosines(k, i);
                    for (int j = 0; j < u.length; j++) {
                        assertEquals(u[j], w[j], 1e-9, "u*_" + i + " . u_" + k + " at sample " + j);
                    }
                }
            }
        }
    }

    @Test
    void bothSolversReachTheEndsOfTheDoubleRange() {
        // a target's own map at the top of the range (sigma_max 1.5e308) and at subnormal scales, fed to a tracker
        // on each solver. Reference: the same stored matrix multiplied by an exact power of two into the normal
        // range (2^-100 at the top, 2^1000 at the bottom), decomposed by the same solver, and the values scaled
        // back by Math.scalb. Before, EJML refused the 1.5e308 sample ("expected a map whose SVD converges") and
        // erred by 3.5e-8 relative at 1e-315 and 2.8e-3 at 1e-320 (review of dl-spectral, finding 2); LAPACK was
        // exact. Tolerance: 1e-14 relative, plus one unit in the last place of the (possibly subnormal) value.
        double[] shape = {1.5, 1.05, 0.45};
        double[][] scales = {{1e308, -100}, {1e-315, 1000}, {1e-320, 1000}};
        for (String name : SpectralTestSupport.solvers()) {
            for (double[] scale : scales) {
                double[] sigmas = new double[3];
                for (int k = 0; k < 3; k++) {
                    sigmas[k] = shape[k] * scale[0];
                }
                Target target = Target.random(3, 3, sigmas, Seed.of(1));
                ModeTracker tracker = new ModeTracker(target, TrackerSettings.defaults(), name);
                tracker.add(0, target.matrix());
                DMatrixRMaj exact = target.matrix().toDMatrix();
                int k2 = (int) scale[1];
                for (int i = 0; i < exact.data.length; i++) {
                    exact.data[i] = Math.scalb(exact.data[i], k2);
                }
                double[] reference = decomposeAndCheck(SingularValueSolver.named(name, 3, 3), exact);
                for (int k = 0; k < 3; k++) {
                    double expected = Math.scalb(reference[k], -k2);
                    assertEquals(expected, tracker.trackedModes().singularValues(k)[0],
                            1e-14 * expected + Math.ulp(expected), name + " at " + scale[0] + ": sigma_" + k);
                }
            }
        }
    }

    @Test
    void thePreferredSolverIsTheForcedOneElseLapackWhereAvailable() {
        // this module's tests run twice: without the property, and with -Ddeeplinear.svd=ejml (pom.xml)
        String forced = System.getProperty(SingularValueSolver.PROPERTY);
        String expected = forced != null ? forced : LapackSingularValues.available() ? "lapack" : "ejml";
        assertEquals(expected, SingularValueSolver.preferred(4, 3).name());
    }

    @Test
    void anUnknownSolverIsRejected() {
        assertRejected(SingularValueSolver.PROPERTY, () -> SingularValueSolver.named("qr", 3, 3), "qr",
                "one of [ejml, lapack]");
        Target target = Target.random(3, 3, new double[] {2, 1}, Seed.of(1));
        assertRejected(SingularValueSolver.PROPERTY, () -> new ModeTracker(target, TrackerSettings.defaults(), "qr"));
        if (!LapackSingularValues.available()) {
            assertRejected(SingularValueSolver.PROPERTY, () -> SingularValueSolver.named("lapack", 3, 3),
                    "an available solver");
        }
    }

    /** Decomposes, checks the factors, and returns the values sorted descending. */
    private static double[] decomposeAndCheck(SingularValueSolver solver, DMatrixRMaj a) {
        int m = a.numRows;
        int n = a.numCols;
        int p = Math.min(m, n);
        DMatrixRMaj before = a.copy();
        double[] values = new double[p];
        DMatrixRMaj u = new DMatrixRMaj(m, p);
        DMatrixRMaj v = new DMatrixRMaj(n, p);
        assertTrue(solver.decompose(a, values, u, v), solver.name());
        assertTrue(Arrays.equals(before.data, a.data), solver.name() + " must not modify its input");
        double scale = Math.max(Double.MIN_NORMAL, Arrays.stream(values).map(Math::abs).max().orElse(0));
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < p; k++) {
                    sum += u.get(i, k) * values[k] * v.get(j, k);
                }
                assertEquals(a.get(i, j), sum, TOL * scale, solver.name() + " A[" + i + "][" + j + "]");
            }
        }
        assertOrthonormalColumns(u, solver.name() + " U");
        assertOrthonormalColumns(v, solver.name() + " V");
        return descending(values);
    }

    private static double[] descending(double[] values) {
        double[] sorted = Arrays.stream(values).map(Math::abs).sorted().toArray();
        for (int k = 0; k < sorted.length / 2; k++) {
            double t = sorted[k];
            sorted[k] = sorted[sorted.length - 1 - k];
            sorted[sorted.length - 1 - k] = t;
        }
        return sorted;
    }

    private static void assertOrthonormalColumns(DMatrixRMaj x, String what) {
        for (int a = 0; a < x.numCols; a++) {
            for (int b = 0; b < x.numCols; b++) {
                double dot = 0;
                for (int i = 0; i < x.numRows; i++) {
                    dot += x.get(i, a) * x.get(i, b);
                }
                assertEquals(a == b ? 1 : 0, dot, TOL, what + " columns " + a + ", " + b);
            }
        }
    }

    private static void assertSameValues(double[] expected, double[] actual, String what) {
        double scale = Math.max(Double.MIN_NORMAL, expected[0]);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], TOL * scale, what + " sigma_" + k);
        }
    }

    private static DMatrixRMaj gaussian(int rows, int cols, Random random) {
        DMatrixRMaj x = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = random.nextGaussian();
        }
        return x;
    }

    private static DMatrixRMaj product(DMatrixRMaj b, DMatrixRMaj c) {
        DMatrixRMaj out = new DMatrixRMaj(b.numRows, c.numCols);
        for (int i = 0; i < b.numRows; i++) {
            for (int j = 0; j < c.numCols; j++) {
                double sum = 0;
                for (int k = 0; k < b.numCols; k++) {
                    sum += b.get(i, k) * c.get(k, j);
                }
                out.set(i, j, sum);
            }
        }
        return out;
    }
}
