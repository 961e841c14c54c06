package org.deeplinear.spectral;

import java.util.List;
import org.deeplinear.core.Matrix;

/**
 * What dl-spectral's tests share: exact constructions (plane rotations, products written loop by loop, independent
 * of the library). The seeded QuickTheories entry point and the check of the library's error format are dl-core's
 * {@link org.deeplinear.core.testing.QtSeed} and {@link org.deeplinear.core.testing.Rejections}.
 */
public final class SpectralTestSupport {

    private SpectralTestSupport() {
    }

    /**
     * The d x d identity.
     *
     * @param d the dimension
     * @return I
     */
    public static double[][] identity(int d) {
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            out[i][i] = 1;
        }
        return out;
    }

    /**
     * {@code m * G(i, j, angle)}: the product with a plane (Givens) rotation acting on columns i and j,
     * {@code col_i <- c col_i + s col_j}, {@code col_j <- -s col_i + c col_j}.
     *
     * @param m     the matrix (not modified)
     * @param i     the first column
     * @param j     the second column
     * @param angle the angle in radians
     * @return a new matrix
     */
    public static double[][] rotateColumns(double[][] m, int i, int j, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double[][] out = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
            out[r] = m[r].clone();
            out[r][i] = c * m[r][i] + s * m[r][j];
            out[r][j] = -s * m[r][i] + c * m[r][j];
        }
        return out;
    }

    /**
     * {@code sum_k sigma_k u_k v_k^T} with {@code u_k}, {@code v_k} the k-th columns of {@code u} and {@code v},
     * written loop by loop.
     *
     * @param u      m x r or wider (first r columns used)
     * @param sigmas r values
     * @param v      n x r or wider
     * @return the m x n matrix
     */
    public static Matrix compose(double[][] u, double[] sigmas, double[][] v) {
        int m = u.length;
        int n = v.length;
        double[][] a = new double[m][n];
        for (int k = 0; k < sigmas.length; k++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] += sigmas[k] * u[i][k] * v[j][k];
                }
            }
        }
        return Matrix.of("A", a);
    }

    /**
     * The first {@code cols} columns of a matrix.
     *
     * @param m    the matrix
     * @param cols how many
     * @return a new matrix
     */
    public static double[][] leadingColumns(double[][] m, int cols) {
        double[][] out = new double[m.length][cols];
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(m[r], 0, out[r], 0, cols);
        }
        return out;
    }

    /**
     * The SVD solvers a tracker can run on here: EJML always, LAPACK {@code dgesdd} where a native LAPACK loads,
     * and always under CI (whose machine installs OpenBLAS, so that a missing LAPACK fails there instead of
     * shrinking the list).
     *
     * @return solver names for {@code ModeTracker(target, settings, solver)}
     */
    public static List<String> solvers() {
        return LapackSingularValues.available() || System.getenv("CI") != null ? List.of("ejml", "lapack")
                : List.of("ejml");
    }
}
