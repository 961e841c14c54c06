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
     * From this many pairs on, {@link #diagonal} sums the modes in one pass over the rows; below, each mode down its
     * column. Down the columns, each of the {@code q} passes strides {@code q} entries: at {@code q = 512} (every
     * mode of a 512 x 512 target, as a modes observer asks at each sample) it took 3.8 ms against 0.26 ms in one
     * pass over the rows; at {@code q = 4} (a descent's watched modes) the columns took 240 ns against 370 ns, and
     * C2 compiles that loop sooner (BENCHMARKS.md 6.2). The two are level at {@code q = 8}.
     */
    static final int ROW_PASS_FROM = 8;

    /**
     * {@code out[i] = u_i^T X e_i}, {@code i < q}, for {@code X} an {@code m x q} row-major product with
     * {@code V_q}: each mode summed in row order, either down its column ({@code q < }{@link #ROW_PASS_FROM}) or all
     * at once in one pass over the rows; the same sums in the same order, so the same bits either way.
     *
     * @param x   the product, row-major with rows of {@code q} (Not modified)
     * @param out the modes, at least {@code q} long (Modified)
     */
    void diagonal(double[] x, double[] out) {
        if (count >= ROW_PASS_FROM) {
            Arrays.fill(out, 0, count, 0.0);
            for (int base = 0; base < rows * count; base += count) {
                for (int i = 0; i < count; i++) {
                    out[i] += left[base + i] * x[base + i];
                }
            }
            return;
        }
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
