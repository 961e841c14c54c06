package org.deeplinear.spectral;

import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.target.Target;
import org.deeplinear.core.testing.SystemProperties;
import org.junit.jupiter.api.Test;

/**
 * {@link SingularValues}, the values without the vectors, on each solver ({@code -Ddeeplinear.svd}): a map built from
 * a known spectrum gives it back largest first, its zeros included, to {@code 1e-12 sigma_max} (a backward-stable SVD
 * errs by a small multiple of {@code 2.2e-16 sigma_max}, SingularValueSolverTest); the same map scaled by
 * {@code 2^1000} and {@code 2^-900} gives the values scaled alike, to the same {@code 1e-12 sigma_max} scaled (the
 * scaling by powers of two is exact; LAPACK's own scaling of extreme inputs moves the rounding); a map of another
 * shape is refused.
 */
class SingularValuesTest {

    private static final double TOL = 1e-12;

    @Test
    void aKnownSpectrumComesBackLargestFirstOnEachSolver() throws Throwable {
        double[] sigmas = {3, 2, 1e-3};   // arbitrary, with a small value and a zero (6 x 4, rank 3); seed arbitrary
        Target target = Target.random(6, 4, sigmas, Seed.of(11));
        double[] expected = {3, 2, 1e-3, 0};
        for (String solver : SpectralTestSupport.solvers()) {
            SystemProperties.restoring(SingularValueSolver.PROPERTY, () -> {
                System.setProperty(SingularValueSolver.PROPERTY, solver);
                SingularValues spectrum = new SingularValues(6, 4);
                for (int repeat = 0; repeat < 2; repeat++) {   // the engine reused
                    double[] values = spectrum.of(target.matrix());
                    for (int k = 0; k < expected.length; k++) {
                        assertEquals(expected[k], values[k], TOL * sigmas[0], solver + " sigma_" + k);
                    }
                }
                for (int exponent : new int[] {1000, -900}) {
                    double[] values = spectrum.of(target.matrix());
                    double[] scaled = spectrum.of(scaled(target.matrix(), exponent));
                    for (int k = 0; k < 3; k++) {
                        assertEquals(Math.scalb(values[k], exponent), scaled[k], Math.scalb(TOL * sigmas[0], exponent),
                                solver + " 2^" + exponent + " sigma_" + k);
                    }
                }
            });
        }
    }

    /** {@code a 2^exponent}, exact while the entries stay normal doubles. */
    private static Matrix scaled(Matrix a, int exponent) {
        double[] entries = new double[a.rows() * a.cols()];
        a.copyTo(entries, 0);
        for (int i = 0; i < entries.length; i++) {
            entries[i] = Math.scalb(entries[i], exponent);
        }
        return Matrix.fromRowMajor("a", a.rows(), a.cols(), entries);
    }

    /**
     * A finite map whose norm is no double: its largest value is infinite, as the Javadoc says (4 x 3 entries of
     * 1.6e308: sigma_max = 1.6e308 sqrt(12) = 5.5e308), the others finite (the rank-one map's are rounding).
     */
    @Test
    void aNormBeyondTheDoublesIsInfinite() {
        double[][] entries = new double[4][3];
        for (double[] row : entries) {
            java.util.Arrays.fill(row, 1.6e308);
        }
        double[] values = new SingularValues(4, 3).of(Matrix.of("a", entries));
        assertEquals(Double.POSITIVE_INFINITY, values[0]);
        assertTrue(Double.isFinite(values[1]) && Double.isFinite(values[2]), java.util.Arrays.toString(values));
    }

    @Test
    void aMapOfAnotherShapeIsRefused() {
        SingularValues spectrum = new SingularValues(3, 2);
        assertRejected("a", "2 x 3", () -> spectrum.of(Matrix.zeros(2, 3)));
        assertRejected("a", null, () -> spectrum.of(null));
        assertRejected("m", 0, () -> new SingularValues(0, 2));
    }
}
