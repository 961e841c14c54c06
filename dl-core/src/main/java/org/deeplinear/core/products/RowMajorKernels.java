package org.deeplinear.core.products;

import java.util.Arrays;

/**
 * Plain Java products on dense row-major blocks of flat arrays, in the loop orders EJML uses for its row-major
 * matrices (row by row, the inner loop running along rows of {@code B} and {@code C}, or a dot product along rows
 * of {@code A} and {@code B} when {@code B} is transposed). The EJML backend's flat-array products, and the
 * small products that a BLAS call would cost more than. Allocates nothing (the matrix-vector kernel's scratch, five
 * blocks per thread, once).
 */
final class RowMajorKernels {

    /** Entries of {@code y} per block of a matrix-vector product's combination of rows. */
    private static final int BLOCK = 128;

    /** Per thread: a block of four rows and of {@code y}, copied for {@link #combineRows}. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[5][BLOCK]);

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
            double[][] scratch = SCRATCH.get();
            for (int from = 0; from < n; from += BLOCK) {
                combineRows(m, n, alpha, a, aOffset, x, xOffset, y, yOffset, from, Math.min(n, from + BLOCK), scratch);
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
     * replacement), and a block of the four rows and {@code y} stays in the first-level cache. The blocks are copied
     * into arrays of their own first: Java 17's C2 does not vectorise a loop that reads one array at several
     * offsets it cannot align (the rows of {@code A} at {@code i n}), and that loop ran 2.7 times slower than the
     * same arithmetic on separate arrays; with the copies, 1.4 times (a 2,048-entry state, 13 rows). {@code scratch}
     * is the thread's {@link #SCRATCH}, fetched once per product.
     */
    private static void combineRows(int m, int n, double alpha, double[] a, int aOffset, double[] x, int xOffset,
            double[] y, int yOffset, int from, int to, double[][] scratch) {
        double[] t = scratch[4];
        double[] s0 = scratch[0];
        double[] s1 = scratch[1];
        double[] s2 = scratch[2];
        double[] s3 = scratch[3];
        int length = to - from;
        System.arraycopy(y, yOffset + from, t, 0, length);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            double c0 = alpha * x[xOffset + i];
            double c1 = alpha * x[xOffset + i + 1];
            double c2 = alpha * x[xOffset + i + 2];
            double c3 = alpha * x[xOffset + i + 3];
            int r0 = aOffset + i * n + from;
            System.arraycopy(a, r0, s0, 0, length);
            System.arraycopy(a, r0 + n, s1, 0, length);
            System.arraycopy(a, r0 + 2 * n, s2, 0, length);
            System.arraycopy(a, r0 + 3 * n, s3, 0, length);
            for (int j = 0; j < length; j++) {
                t[j] += c0 * s0[j] + c1 * s1[j] + c2 * s2[j] + c3 * s3[j];
            }
        }
        for (; i < m; i++) {
            double c = alpha * x[xOffset + i];
            System.arraycopy(a, aOffset + i * n + from, s0, 0, length);
            for (int j = 0; j < length; j++) {
                t[j] += c * s0[j];
            }
        }
        System.arraycopy(t, 0, y, yOffset + from, length);
    }
}
