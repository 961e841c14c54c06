package org.deeplinear.spectral;

import java.util.Arrays;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.ejml.data.DMatrixRMaj;

/**
 * The singular values of m x n maps without their vectors, for what needs only the spectrum (numerical and stable
 * ranks, {@link org.deeplinear.spectral.rank.EffectiveRanks}): LAPACK's {@code dgesdd} with {@code jobz = N} where a
 * native LAPACK is available, else EJML's values-only SVD, the solver {@link ModeTracker} would choose
 * ({@code -Ddeeplinear.svd}). Several times faster than a {@link ModeTracker} sample, which needs both bases to follow
 * the modes (at 512 x 512, 34 ms against 120 ms: NumPy's {@code np.linalg.svd} of a Gaussian matrix with
 * {@code compute_uv} false and true, the same LAPACK routine, 5 calls each, 2026-12-07, on this kind of machine).
 *
 * <p>A map at either end of the double range is first scaled by a power of two ({@link Matrix#svdScaleExponent},
 * exact), as the trackers' samples are; a value scaled back beyond the largest double is infinite. A reusable engine
 * for one shape, its workspace allocated once (LAPACK's at the first call); not thread-safe.
 *
 * <pre>{@code
 * SingularValues spectrum = new SingularValues(32, 32);
 * double[] values = spectrum.of(model.endToEnd());                    // descending
 * int rank = EffectiveRanks.numericalRank(values, 1e-2, target.spectrum().sigmaMax(), 32, 32);   // as --ranks
 * }</pre>
 */
public final class SingularValues {

    private final int m;
    private final int n;
    private final SingularValueSolver solver;
    private final DMatrixRMaj sample;
    private final double[] values;

    /**
     * An engine for m x n maps.
     *
     * @param m rows, at least 1
     * @param n columns, at least 1, with {@code m n} entries in one array
     * @throws IllegalArgumentException if a dimension is below 1 or the entries do not fit in one array, or the
     *                                  {@code deeplinear.svd} property names an unknown or unavailable solver
     */
    public SingularValues(int m, int n) {
        Arguments.atLeast("m", m, 1);
        Matrix.checkEntries("n", m, n);
        this.m = m;
        this.n = n;
        this.solver = SingularValueSolver.preferred(m, n);
        this.sample = new DMatrixRMaj(m, n);
        this.values = new double[Math.min(m, n)];
    }

    /**
     * The singular values of a map, largest first.
     *
     * @param a the map, m x n
     * @return a new array of the {@code min(m, n)} singular values, in descending order; the largest are infinite
     *         where they pass the largest double (a finite map whose {@code ||A||_2} is no double)
     * @throws IllegalArgumentException if {@code a} is null or not m x n
     * @throws IllegalStateException    if the decomposition does not converge
     */
    public double[] of(Matrix a) {
        Arguments.notNull("a", a);
        if (!a.hasShape(m, n)) {
            // the message only on failure: this runs at every sample of dl simulate --ranks
            throw Arguments.fail("a", a.shape(), m + " x " + n + " (the engine's shape)");
        }
        a.copyTo(sample.data, 0);
        int exponent = Matrix.svdScaleExponent(sample);
        if (exponent != 0) {
            Matrix.svdScale(sample, exponent, sample);
        }
        if (!solver.values(sample, values)) {
            throw new IllegalStateException("the singular value decomposition of the " + m + " x " + n
                    + " map did not converge (" + solver.name() + ")");
        }
        // ascending in place, then scaled back into the result largest first (scalb keeps the order)
        Arrays.sort(values);
        double[] out = new double[values.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.scalb(values[values.length - 1 - k], exponent);
        }
        return out;
    }
}
