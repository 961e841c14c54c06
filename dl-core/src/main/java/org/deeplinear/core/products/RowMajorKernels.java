package org.deeplinear.core.products;

import java.util.Arrays;

/**
 * Plain Java products on dense row-major blocks of flat arrays, in the loop orders EJML uses for its row-major
 * matrices (row by row, the inner loop running along rows of {@code B} and {@code C}, or a dot product along rows
 * of {@code A} and {@code B} when {@code B} is transposed). The EJML backend's flat-array products, and the
 * small products that a BLAS call would cost more than. Allocates nothing.
 */
final class RowMajorKernels {

    /** Entries of {@code y} per block of a matrix-vector product's combination of rows. */
    private static final int BLOCK = 128;

    private RowMajorKernels() {
    }

    /** See the flat {@code ProductBackend.gemm}; no checks beyond Java's bounds. */
    static void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha, double[] a,
            int aOffset, double[] b, int bOffset, double beta, double[] c, int cOffset) {
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * n;
            if (beta == 0) {
                Arrays.fill(c, row, row + n, 0.0);
            } else if (beta != 1) {
                for (int j = row; j < row + n; j++) {
                    c[j] *= beta;
                }
            }
        }
        if (k == 0 || alpha == 0) {
            return;
        }
        // op(A)[i][l] is a[aOffset + i * k + l], or a[aOffset + l * m + i] when transposed
        int aRow = transposeA ? 1 : k;
        int aCol = transposeA ? m : 1;
        if (transposeB) {
            // B is stored n x k: C[i][j] += alpha sum_l op(A)[i][l] B[j][l]
            for (int i = 0; i < m; i++) {
                int cRow = cOffset + i * n;
                for (int j = 0; j < n; j++) {
                    int bRow = bOffset + j * k;
                    double sum = 0;
                    for (int l = 0, ai = aOffset + i * aRow; l < k; l++, ai += aCol) {
                        sum += a[ai] * b[bRow + l];
                    }
                    c[cRow + j] += alpha * sum;
                }
            }
            return;
        }
        // C[i][:] += (alpha op(A)[i][l]) B[l][:]
        for (int i = 0; i < m; i++) {
            int cRow = cOffset + i * n;
            for (int l = 0, ai = aOffset + i * aRow; l < k; l++, ai += aCol) {
                double x = alpha * a[ai];
                int bRow = bOffset + l * n;
                for (int j = 0; j < n; j++) {
                    c[cRow + j] += x * b[bRow + j];
                }
            }
        }
    }

    /** See {@code ProductBackend.gemv}; no checks beyond Java's bounds. */
    static void gemv(boolean transposeA, int m, int n, double alpha, double[] a, int aOffset, double[] x,
            int xOffset, double beta, double[] y, int yOffset) {
        int length = transposeA ? n : m;
        if (beta == 0) {
            Arrays.fill(y, yOffset, yOffset + length, 0.0);
        } else if (beta != 1) {
            for (int j = yOffset; j < yOffset + length; j++) {
                y[j] *= beta;
            }
        }
        if (alpha == 0) {
            return;
        }
        if (transposeA) {
            // y += sum_i (alpha x_i) A[i][:], a block of y at a time, four rows per pass over the block
            for (int from = 0; from < n; from += BLOCK) {
                combineRows(m, n, alpha, a, aOffset, x, xOffset, y, yOffset, from, Math.min(n, from + BLOCK));
            }
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = aOffset + i * n;
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += a[row + j] * x[xOffset + j];
            }
            y[yOffset + i] += alpha * sum;
        }
    }

    /**
     * Entries {@code [from, to)} of {@code y += sum_i (alpha x_i) A[i][:]}: the rows four at a time, each group added
     * to {@code y} as one sum. A method per block of {@link #BLOCK} entries, so that the JIT compiles it within a
     * few calls (a loop over a whole long vector, run once per call, waits interpreted for its on-stack
     * replacement), and a block of the four rows and {@code y} stays in the first-level cache.
     */
    private static void combineRows(int m, int n, double alpha, double[] a, int aOffset, double[] x, int xOffset,
            double[] y, int yOffset, int from, int to) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            double c0 = alpha * x[xOffset + i];
            double c1 = alpha * x[xOffset + i + 1];
            double c2 = alpha * x[xOffset + i + 2];
            double c3 = alpha * x[xOffset + i + 3];
            int r0 = aOffset + i * n;
            int r1 = r0 + n;
            int r2 = r1 + n;
            int r3 = r2 + n;
            for (int j = from; j < to; j++) {
                y[yOffset + j] += c0 * a[r0 + j] + c1 * a[r1 + j] + c2 * a[r2 + j] + c3 * a[r3 + j];
            }
        }
        for (; i < m; i++) {
            double c = alpha * x[xOffset + i];
            int row = aOffset + i * n;
            for (int j = from; j < to; j++) {
                y[yOffset + j] += c * a[row + j];
            }
        }
    }
}
