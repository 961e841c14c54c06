package org.deeplinear.ode;

import java.util.Arrays;
import org.deeplinear.core.target.Spectrum;
import org.deeplinear.core.target.Target;
import org.ejml.data.DMatrixRMaj;

/**
 * The target's leading {@code q} singular pairs as the blocks the views multiply with: {@code V_q} ({@code n x q},
 * row-major, a matrix to multiply by) and {@code U_q} ({@code m x q}, row-major), and the aligned modes from a
 * product with {@code V_q}: {@code s_i = u_i^T X e_i} for {@code X = A V_q}, {@code W_N ... W_1 V_q} or
 * {@code G V_q}. One place for the bases of every way the modes are computed; read only after construction.
 */
final class AlignedBasis {

    private final int count;
    private final int rows;
    private final DMatrixRMaj right;
    private final double[] left;
    private final double[] sigmas;

    /**
     * The first {@code count} singular pairs of a target (in its order, descending sigma).
     *
     * @param count how many, {@code 0 <= count <= target.spectrum().size()}
     */
    AlignedBasis(Target target, int count) {
        Spectrum spectrum = target.spectrum();
        this.count = count;
        this.rows = target.rows();
        int n = target.cols();
        right = new DMatrixRMaj(n, Math.max(count, 1));
        left = new double[rows * count];
        sigmas = Arrays.copyOf(spectrum.singularValues(), count);
        for (int i = 0; i < count; i++) {
            double[] u = spectrum.leftVector(i);
            double[] v = spectrum.rightVector(i);
            for (int r = 0; r < rows; r++) {
                left[r * count + i] = u[r];
            }
            for (int c = 0; c < n; c++) {
                right.data[c * right.numCols + i] = v[c];
            }
        }
    }

    /** The number of pairs {@code q}. */
    int count() {
        return count;
    }

    /** {@code U_q}, {@code m x q} row-major; not to be modified. */
    double[] left() {
        return left;
    }

    /** {@code V_q}, {@code n x max(q, 1)}; not to be modified. */
    DMatrixRMaj right() {
        return right;
    }

    /** {@code sigma_i}, {@code i < q}. */
    double sigma(int i) {
        return sigmas[i];
    }

    /**
     * {@code out[i] = u_i^T X e_i}, {@code i < q}, for {@code X} an {@code m x q} row-major product with
     * {@code V_q}: each mode one sum down its column, in row order (C2 compiled this in 7 + 3 ms in a cold descent;
     * a running sum per mode in one pass over the rows, the same sums, took it 19-37 ms, BENCHMARKS.md 6.2).
     *
     * @param x   the product, row-major with rows of {@code q} (Not modified)
     * @param out the modes, at least {@code q} long (Modified)
     */
    void diagonal(double[] x, double[] out) {
        int length = rows * count;
        for (int i = 0; i < count; i++) {
            double sum = 0;
            for (int e = i; e < length; e += count) {
                sum += left[e] * x[e];
            }
            out[i] = sum;
        }
    }
}
