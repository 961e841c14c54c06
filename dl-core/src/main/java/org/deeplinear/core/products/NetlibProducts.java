package org.deeplinear.core.products;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * A {@link ProductBackend} on {@code dev.ludovic.netlib:blas}: the system's native BLAS through JNI, or netlib's
 * pure-Java BLAS, chosen by {@link NetlibLoader}.
 *
 * <p>Row-major storage (EJML's matrices, or blocks of flat arrays) is mapped onto column-major {@code dgemm}
 * without copies: a row-major
 * {@code r x c} array is, read column-major, its transpose ({@code c x r}, leading dimension {@code c}). So
 * {@code C = alpha op(A) op(B) + beta C} (row-major) is computed as the column-major
 * {@code C^T = alpha op(B)^T op(A)^T + beta C^T}: the operands swap places and keep their transposition flags.
 *
 * <p>Products of fewer than {@link #smallFlops()} multiply-adds ({@code m k n}), and matrix-vector products of
 * fewer than {@link #smallGemv()} ({@code m n}), run in Java instead
 * ({@link RowMajorKernels}, EJML's loop orders): below that
 * size the fixed cost of the call (JNI transition, argument checks, BLAS dispatch) exceeds the arithmetic (see
 * BENCHMARKS.md for the measurement). Stateless and thread-safe.
 */
final class NetlibProducts implements ProductBackend {

    private final BLAS blas;
    private final String name;
    private final long smallFlops;
    private final long smallGemv;

    /**
     * @param blas       the netlib implementation
     * @param name       the backend's name, saying which implementation runs
     * @param smallFlops products with {@code m k n} below this run in Java ({@link RowMajorKernels}); 0 sends
     *                   everything to {@code blas}
     * @param smallGemv  matrix-vector products with {@code m n} below this run in Java; 0 sends them all to
     *                   {@code blas}
     */
    NetlibProducts(BLAS blas, String name, long smallFlops, long smallGemv) {
        this.blas = blas;
        this.name = name;
        this.smallFlops = smallFlops;
        this.smallGemv = smallGemv;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The size below which products run in Java.
     *
     * @return the threshold on {@code m k n}, 0 if every product goes to BLAS
     */
    long smallFlops() {
        return smallFlops;
    }

    /**
     * The size below which matrix-vector products run in Java.
     *
     * @return the threshold on {@code m n}, 0 if every matrix-vector product goes to BLAS
     */
    long smallGemv() {
        return smallGemv;
    }

    /**
     * The same implementation with other small-product thresholds (tests use 0 and 0 to send every product to BLAS).
     *
     * @param flops the new threshold on a product's {@code m k n}
     * @param gemv  the new threshold on a matrix-vector product's {@code m n}
     * @return a backend of the same name and implementation
     */
    NetlibProducts withSmallProducts(long flops, long gemv) {
        return new NetlibProducts(blas, name, flops, gemv);
    }

    /** The backend's {@link #name()}. */
    @Override
    public String toString() {
        return name();
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
            double beta, DMatrixRMaj c) {
        ProductBackend.checkShapes(transposeA, transposeB, a, b, c);
        gemm(transposeA, transposeB, c.numRows, c.numCols, transposeA ? a.numRows : a.numCols, alpha, a.data, 0,
                b.data, 0, beta, c.data, 0);
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha, double[] a,
            int aOffset, double[] b, int bOffset, double beta, double[] c, int cOffset) {
        ProductBackend.checkBlocks(m, n, k, a, b, c);
        if ((long) m * n * k < smallFlops || k == 0) {
            // small products cost less in Java than a call; with k = 0, BLAS would not scale C by beta
            RowMajorKernels.gemm(transposeA, transposeB, m, n, k, alpha, a, aOffset, b, bOffset, beta, c, cOffset);
            return;
        }
        if (m == 0 || n == 0) {
            return;
        }
        // column-major C^T (n x m, ld n) = alpha op(B)^T (n x k) op(A)^T (k x m) + beta C^T; each row-major block
        // read column-major is its transpose, with the row length as leading dimension
        blas.dgemm(transposeB ? "T" : "N", transposeA ? "T" : "N", n, m, k, alpha, b, bOffset, transposeB ? k : n,
                a, aOffset, transposeA ? m : k, beta, c, cOffset, n);
    }

    @Override
    public boolean gemvInJava(long multiplyAdds) {
        return multiplyAdds < smallGemv;
    }

    @Override
    public void gemv(boolean transposeA, int m, int n, double alpha, double[] a, int aOffset, double[] x,
            int xOffset, double beta, double[] y, int yOffset) {
        ProductBackend.checkVectors(m, n, a, x, y);
        if (gemvInJava((long) m * n) || m == 0 || n == 0) {
            // small products cost less in Java than a call (NetlibLoader.SMALL_GEMV says why the threshold is higher
            // than gemm's); an empty A leaves BLAS nothing to scale by
            RowMajorKernels.gemv(transposeA, m, n, alpha, a, aOffset, x, xOffset, beta, y, yOffset);
            return;
        }
        double scale = beta;
        if (beta == 0) {
            // the contract's beta = 0 (y ignored, even NaN) made sure of here: some OpenBLAS kernels multiplied y by
            // the zero instead (OpenBLAS issues 746, 929)
            Arrays.fill(y, yOffset, yOffset + (transposeA ? n : m), 0.0);
            scale = 1.0;
        }
        // the row-major m x n block read column-major is its transpose (n x m, leading dimension n): A^T x is that
        // matrix times x ("N"), A x is its transpose times x ("T")
        blas.dgemv(transposeA ? "N" : "T", n, m, alpha, a, aOffset, n, x, xOffset, 1, scale, y, yOffset, 1);
    }
}
