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
 * the modes (at 512 x 512, 34 ms against 120 ms for NumPy's same LAPACK calls on this kind of machine).
 *
 * <p>A map at either end of the double range is first scaled by a power of two ({@link Matrix#svdScaleExponent},
 * exact), as the trackers' samples are; a value scaled back beyond the largest double is infinite. A reusable engine
 * for one shape, its workspace allocated once (LAPACK's at the first call); not thread-safe.
 *
 * <pre>{@code
 * SingularValues spectrum = new SingularValues(32, 32);
 * double[] values = spectrum.of(model.endToEnd());                    // descending
 * int rank = EffectiveRanks.numericalRank(values, 1e-2, target.spectrum().sigmaMax());
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
        Arguments.check(a.hasShape(m, n), "a", a.shape(), m + " x " + n + " (the engine's shape)");
        a.copyTo(sample.data, 0);
        int exponent = Matrix.svdScaleExponent(sample);
        if (exponent != 0) {
            Matrix.svdScale(sample, exponent, sample);
        }
        if (!solver.values(sample, values)) {
            throw new IllegalStateException("the singular value decomposition of the " + m + " x " + n
                    + " map did not converge (" + solver.name() + ")");
        }
        double[] out = new double[values.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.scalb(values[k], exponent);
        }
        Arrays.sort(out);
        for (int i = 0, j = out.length - 1; i < j; i++, j--) {
            double swap = out[i];
            out[i] = out[j];
            out[j] = swap;
        }
        return out;
    }
}
