package org.deeplinear.core.products;

import java.util.Arrays;

/**
 * Plain Java products on dense row-major blocks of flat arrays, in the loop orders EJML uses for its row-major
 * matrices (row by row, the inner loop running along rows of {@code B} and {@code C}, or a dot product along rows
 * of {@code A} and {@code B} when {@code B} is transposed). The EJML backend's flat-array products, and the
 * small products that a BLAS call would cost more than. Allocates nothing.
 */
final class RowMajorKernels {

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
            // y += (alpha x_i) A[i][:], row by row
            for (int i = 0; i < m; i++) {
                double c = alpha * x[xOffset + i];
                int row = aOffset + i * n;
                for (int j = 0; j < n; j++) {
                    y[yOffset + j] += c * a[row + j];
                }
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
}
