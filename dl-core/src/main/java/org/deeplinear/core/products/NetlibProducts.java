package org.deeplinear.core.products;

import dev.ludovic.netlib.blas.BLAS;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
 * BENCHMARKS.md for the measurement).
 *
 * <p>Products call netlib's kernels ({@code dgemmK}, {@code dgemvK}: the native call, or the Java loops) directly,
 * past the argument checks of netlib's public {@code dgemm} and {@code dgemv}: this class checks the sizes and
 * bounds itself (once, not again per flag), and netlib's checks, eight case-insensitive string compares per call,
 * were what the JIT compiled longest in a short run (109 ms of C2's time in a cold 32 x 32 descent, which ran them
 * in slower code meanwhile; BENCHMARKS.md 6.2). The kernels are protected methods of netlib's
 * {@code AbstractBLAS}, reached through a private lookup; where that is refused (a netlib version without them, a
 * module that does not open its package) the public methods are called instead ({@link #callsKernels()}). Stateless
 * and thread-safe.
 */
final class NetlibProducts implements ProductBackend {

    /** netlib's {@code AbstractBLAS}, the class that declares the kernels; null if not found. */
    private static final Class<?> KERNEL_OWNER = kernelOwner();

    /** netlib's {@code AbstractBLAS.dgemmK}, taking the {@link BLAS} as its first argument; null if not reachable. */
    private static final MethodHandle DGEMM_KERNEL = kernel("dgemmK", MethodType.methodType(void.class,
            String.class, String.class, int.class, int.class, int.class, double.class, double[].class, int.class,
            int.class, double[].class, int.class, int.class, double.class, double[].class, int.class, int.class));

    /** netlib's {@code AbstractBLAS.dgemvK}, taking the {@link BLAS} as its first argument; null if not reachable. */
    private static final MethodHandle DGEMV_KERNEL = kernel("dgemvK", MethodType.methodType(void.class,
            String.class, int.class, int.class, double.class, double[].class, int.class, int.class, double[].class,
            int.class, int.class, double.class, double[].class, int.class, int.class));

    private final BLAS blas;
    private final String name;
    private final long smallFlops;
    private final long smallGemv;
    private final boolean callsKernels;

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
        this.callsKernels = DGEMM_KERNEL != null && DGEMV_KERNEL != null && KERNEL_OWNER.isInstance(blas);
    }

    /** netlib's {@code AbstractBLAS}, package-private, whose subclasses implement the kernels; null if not found. */
    private static Class<?> kernelOwner() {
        try {
            return Class.forName("dev.ludovic.netlib.blas.AbstractBLAS", false, BLAS.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /**
     * A handle on one of netlib's kernels, a protected method of {@code AbstractBLAS}, adapted to take the
     * {@link BLAS} instance first; null where the method or the access is missing.
     */
    private static MethodHandle kernel(String name, MethodType type) {
        if (KERNEL_OWNER == null) {
            return null;
        }
        try {
            MethodHandle handle = MethodHandles.privateLookupIn(KERNEL_OWNER, MethodHandles.lookup())
                    .findVirtual(KERNEL_OWNER, name, type);
            return handle.asType(handle.type().changeParameterType(0, BLAS.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * Checks that a block of {@code size} entries from {@code offset} lies inside an array of {@code length}: native
     * BLAS would read or write past it unchecked, since netlib's own checks are passed by.
     *
     * @throws IndexOutOfBoundsException naming the operand, if it does not
     */
    private static void checkInside(String operand, int offset, long size, int length) {
        if (offset < 0 || offset + size > length) {
            throw new IndexOutOfBoundsException(operand + ": a block of " + size + " entries from offset " + offset
                    + " does not fit in its " + length + " entries");
        }
    }

    /** The netlib implementation products are computed with. */
    BLAS blas() {
        return blas;
    }

    /**
     * Whether products call netlib's kernels directly (past its public methods' argument checks).
     *
     * @return true where netlib's kernels were reachable, as with the version this library pins
     */
    boolean callsKernels() {
        return callsKernels;
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
        if (m == 0 || n == 0 || (alpha == 0 && beta == 1)) {
            // nothing to compute (netlib's public dgemm returned here too)
            return;
        }
        checkInside("a", aOffset, (long) m * k, a.length);
        checkInside("b", bOffset, (long) k * n, b.length);
        checkInside("c", cOffset, (long) m * n, c.length);
        // column-major C^T (n x m, ld n) = alpha op(B)^T (n x k) op(A)^T (k x m) + beta C^T; each row-major block
        // read column-major is its transpose, with the row length as leading dimension
        String opB = transposeB ? "T" : "N";
        String opA = transposeA ? "T" : "N";
        if (!callsKernels) {
            blas.dgemm(opB, opA, n, m, k, alpha, b, bOffset, transposeB ? k : n, a, aOffset, transposeA ? m : k,
                    beta, c, cOffset, n);
            return;
        }
        try {
            DGEMM_KERNEL.invokeExact(blas, opB, opA, n, m, k, alpha, b, bOffset, transposeB ? k : n, a, aOffset,
                    transposeA ? m : k, beta, c, cOffset, n);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("netlib's dgemm kernel threw a checked exception", e);
        }
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
        checkInside("a", aOffset, (long) m * n, a.length);
        checkInside("x", xOffset, transposeA ? m : n, x.length);
        checkInside("y", yOffset, transposeA ? n : m, y.length);
        double scale = beta;
        if (beta == 0) {
            // the contract's beta = 0 (y ignored, even NaN) made sure of here: some OpenBLAS kernels multiplied y by
            // the zero instead (OpenBLAS issues 746, 929)
            Arrays.fill(y, yOffset, yOffset + (transposeA ? n : m), 0.0);
            scale = 1.0;
        }
        // the row-major m x n block read column-major is its transpose (n x m, leading dimension n): A^T x is that
        // matrix times x ("N"), A x is its transpose times x ("T")
        String op = transposeA ? "N" : "T";
        if (!callsKernels) {
            blas.dgemv(op, n, m, alpha, a, aOffset, n, x, xOffset, 1, scale, y, yOffset, 1);
            return;
        }
        try {
            DGEMV_KERNEL.invokeExact(blas, op, n, m, alpha, a, aOffset, n, x, xOffset, 1, scale, y, yOffset, 1);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("netlib's dgemv kernel threw a checked exception", e);
        }
    }
}
