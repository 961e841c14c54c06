package org.deeplinear.core.products;

import org.deeplinear.core.Arguments;
import org.ejml.data.DMatrixRMaj;

/**
 * General matrix products on EJML row-major storage: {@code C = alpha op(A) op(B) + beta C}, where
 * {@code op(X)} is {@code X} or {@code X^T}. The one operation the model's hot paths need.
 *
 * <p>Contract, as BLAS {@code dgemm}: {@code c} is already of the result's shape and is not reshaped; it must not
 * share storage with {@code a} or {@code b}; when {@code beta == 0} the previous contents of {@code c} are ignored
 * (even NaN). Implementations are stateless or thread-safe, so one backend can serve every engine.
 */
public interface ProductBackend {

    /**
     * A short name that says which implementation runs, e.g. {@code "ejml"}; printed by the programs.
     *
     * @return the name
     */
    String name();

    /**
     * {@code C = alpha op(A) op(B) + beta C}.
     *
     * @param transposeA whether {@code op(A) = A^T}
     * @param transposeB whether {@code op(B) = B^T}
     * @param alpha      scale of the product
     * @param a          left operand (Not modified)
     * @param b          right operand (Not modified)
     * @param beta       scale of the previous {@code c}; 0 overwrites it
     * @param c          the result, of shape rows(op(A)) x cols(op(B)) (Modified)
     * @throws IllegalArgumentException if the shapes do not conform
     */
    void gemm(boolean transposeA, boolean transposeB, double alpha, DMatrixRMaj a, DMatrixRMaj b, double beta,
            DMatrixRMaj c);

    /**
     * {@code C = alpha op(A) op(B) + beta C} on dense row-major blocks of flat arrays, from given offsets: how the
     * gradient engine multiplies the layers where they lie in a state vector and writes gradients where they
     * belong in a derivative, without copies. {@code op(A)} is {@code m x k} ({@code A} is stored {@code k x m}
     * when transposed), {@code op(B)} is {@code k x n}, {@code C} is {@code m x n}; each block's rows follow one
     * another with no padding. The contract is {@link #gemm(boolean, boolean, double, DMatrixRMaj, DMatrixRMaj,
     * double, DMatrixRMaj) gemm}'s; the bounds are the caller's to respect (an out-of-range block may throw
     * {@link IndexOutOfBoundsException}). The library's backends compute in place without copies (EJML and native BLAS
     * allocate nothing; netlib's pure-Java BLAS allocates blocking buffers inside large products, see
     * {@link ProductBackends}); this default, for a backend that implements only the matrix form, copies the blocks
     * into matrices, calls that form, and copies {@code C} back, so that such a backend still computes every product.
     *
     * @param transposeA whether {@code op(A) = A^T}
     * @param transposeB whether {@code op(B) = B^T}
     * @param m          rows of {@code op(A)} and {@code C}
     * @param n          columns of {@code op(B)} and {@code C}
     * @param k          columns of {@code op(A)}, rows of {@code op(B)}
     * @param alpha      scale of the product
     * @param a          array holding {@code A} (Not modified)
     * @param aOffset    where {@code A} starts in {@code a}
     * @param b          array holding {@code B} (Not modified)
     * @param bOffset    where {@code B} starts in {@code b}
     * @param beta       scale of the previous {@code C}; 0 overwrites it
     * @param c          array holding {@code C}, sharing no entries with {@code A} or {@code B} (not checked: an
     *                   overlap gives what BLAS gives, undefined results) (Modified)
     * @param cOffset    where {@code C} starts in {@code c}
     * @throws IllegalArgumentException if a size is negative or an array null
     */
    default void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha, double[] a,
            int aOffset, double[] b, int bOffset, double beta, double[] c, int cOffset) {
        checkBlocks(m, n, k, a, b, c);
        DMatrixRMaj ma = new DMatrixRMaj(transposeA ? k : m, transposeA ? m : k);
        DMatrixRMaj mb = new DMatrixRMaj(transposeB ? n : k, transposeB ? k : n);
        DMatrixRMaj mc = new DMatrixRMaj(m, n);
        System.arraycopy(a, aOffset, ma.data, 0, m * k);
        System.arraycopy(b, bOffset, mb.data, 0, k * n);
        System.arraycopy(c, cOffset, mc.data, 0, m * n);
        gemm(transposeA, transposeB, alpha, ma, mb, beta, mc);
        System.arraycopy(mc.data, 0, c, cOffset, m * n);
    }

    /**
     * {@code y = alpha op(A) x + beta y}, a matrix-vector product on a dense row-major block of a flat array, as
     * BLAS {@code dgemv}: {@code A} is {@code m x n}, its rows following one another from {@code aOffset} with no
     * padding; {@code op(A)} is {@code A} ({@code x} has {@code n} entries, {@code y} has {@code m}) or {@code A^T}
     * ({@code x} has {@code m}, {@code y} has {@code n}: {@code y += alpha sum_i x_i A[i][:]}, a linear combination
     * of the rows, how the ODE integrators combine their stages). As BLAS: when {@code beta == 0} the previous
     * {@code y} is ignored (even NaN), when {@code alpha == 0} neither {@code A} nor {@code x} is read, and {@code y}
     * must share no entries with {@code A} or {@code x} (not checked: an overlap gives undefined results); unlike BLAS,
     * an empty {@code A} ({@code m} or {@code n} 0) still scales {@code y} by {@code beta}, as {@code gemm} with
     * {@code k = 0} does. A weight {@code x_i = 0} does not hide a non-finite row ({@code 0 * NaN} is NaN on every
     * backend): a caller that must not read a row leaves it out of {@code A}. The bounds are the caller's to respect
     * (an out-of-range block may throw {@link IndexOutOfBoundsException}). This default runs in plain Java,
     * allocating nothing; the BLAS backends call {@code dgemv}.
     *
     * @param transposeA whether {@code op(A) = A^T}
     * @param m          rows of {@code A}, {@code >= 0}
     * @param n          columns of {@code A}, {@code >= 0}
     * @param alpha      scale of the product
     * @param a          array holding {@code A} (Not modified)
     * @param aOffset    where {@code A} starts in {@code a}
     * @param x          array holding {@code x} (Not modified)
     * @param xOffset    where {@code x} starts in {@code x}
     * @param beta       scale of the previous {@code y}; 0 overwrites it
     * @param y          array holding {@code y} (Modified)
     * @param yOffset    where {@code y} starts in {@code y}
     * @throws IllegalArgumentException if a size is negative or an array is null
     */
    default void gemv(boolean transposeA, int m, int n, double alpha, double[] a, int aOffset, double[] x,
            int xOffset, double beta, double[] y, int yOffset) {
        checkVectors(m, n, a, x, y);
        RowMajorKernels.gemv(transposeA, m, n, alpha, a, aOffset, x, xOffset, beta, y, yOffset);
    }

    /**
     * Whether a {@link #gemv} of {@code multiplyAdds} multiply-adds ({@code m n}) runs in plain Java on this backend:
     * a caller that lays out its own data can then prefer arrays of their own over rows of one array (Java 17's
     * compiler vectorises the former; BLAS needs the latter). True by default; the netlib backends call BLAS from
     * a threshold on. A backend whose {@code gemv} calls BLAS overrides this too.
     *
     * @param multiplyAdds the product's size, {@code m n}
     * @return whether it runs in Java
     */
    default boolean gemvInJava(long multiplyAdds) {
        return true;
    }

    /**
     * Checks that the operands of {@link #gemm} conform; for implementations.
     *
     * @param transposeA whether {@code op(A) = A^T}
     * @param transposeB whether {@code op(B) = B^T}
     * @param a          left operand
     * @param b          right operand
     * @param c          result
     * @throws IllegalArgumentException if an operand is null, the shapes do not conform, or {@code c} shares
     *                                  storage with {@code a} or {@code b}
     */
    static void checkShapes(boolean transposeA, boolean transposeB, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        Arguments.notNull("a", a);
        Arguments.notNull("b", b);
        Arguments.notNull("c", c);
        if (c.data == a.data || c.data == b.data) {
            throw Arguments.fail("c", "the storage of " + (c.data == a.data ? "a" : "b"),
                    "a result that shares no storage with a or b");
        }
        int m = transposeA ? a.numCols : a.numRows;
        int k = transposeA ? a.numRows : a.numCols;
        int kb = transposeB ? b.numCols : b.numRows;
        int n = transposeB ? b.numRows : b.numCols;
        if (k != kb || c.numRows != m || c.numCols != n) {
            throw Arguments.fail("gemm shapes", "op(A) " + m + " x " + k + ", op(B) " + kb + " x " + n + ", C "
                    + c.numRows + " x " + c.numCols, "op(A) m x k, op(B) k x n, C m x n");
        }
    }

    /**
     * Checks the sizes and arrays of the flat-array {@link #gemm(boolean, boolean, int, int, int, double, double[],
     * int, double[], int, double, double[], int) gemm}; for implementations (the bounds stay the caller's).
     *
     * @param m rows of {@code op(A)} and {@code C}
     * @param n columns of {@code op(B)} and {@code C}
     * @param k columns of {@code op(A)}, rows of {@code op(B)}
     * @param a array holding {@code A}
     * @param b array holding {@code B}
     * @param c array holding {@code C}
     * @throws IllegalArgumentException if a size is negative or an array null
     */
    static void checkBlocks(int m, int n, int k, double[] a, double[] b, double[] c) {
        if ((m | n | k) < 0) {
            String name = m < 0 ? "m" : n < 0 ? "n" : "k";
            throw Arguments.fail(name, m < 0 ? m : n < 0 ? n : k, "a size >= 0");
        }
        if (a == null || b == null || c == null) {
            throw Arguments.fail(a == null ? "a" : b == null ? "b" : "c", null, "an array");
        }
    }

    /**
     * Checks the sizes and arrays of {@link #gemv}; for implementations (the bounds stay the caller's).
     *
     * @param m rows of {@code A}
     * @param n columns of {@code A}
     * @param a array holding {@code A}
     * @param x array holding {@code x}
     * @param y array holding {@code y}
     * @throws IllegalArgumentException if a size is negative or an array null
     */
    static void checkVectors(int m, int n, double[] a, double[] x, double[] y) {
        if ((m | n) < 0) {
            throw Arguments.fail(m < 0 ? "m" : "n", m < 0 ? m : n, "a size >= 0");
        }
        if (a == null || x == null || y == null) {
            throw Arguments.fail(a == null ? "a" : x == null ? "x" : "y", null, "an array");
        }
    }
}
