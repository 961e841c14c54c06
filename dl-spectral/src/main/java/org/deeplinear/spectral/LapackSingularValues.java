package org.deeplinear.spectral;

import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.deeplinear.core.products.ProductBackends;
import org.ejml.data.DMatrixRMaj;
import org.netlib.util.intW;

/**
 * LAPACK's divide-and-conquer SVD {@code dgesdd} (thin bases, {@code jobz = S}) on the system's native LAPACK
 * through {@code dev.ludovic.netlib:lapack}: 2.6-7x faster than EJML at n = 64..1024 (BENCHMARKS.md 5.1).
 *
 * <p>The row-major m x n sample read column-major is {@code A^T} (n x m), so {@code dgesdd} decomposes
 * {@code A^T = U' S V'^T}: LAPACK's {@code V'^T} (p x m, column-major) read row-major is the sample's {@code U}
 * (m x p) and is written straight into the caller's buffer; LAPACK's {@code U'} (n x p, column-major) is the
 * sample's {@code V} transposed, copied over ({@code n p} doubles). {@code dgesdd} overwrites its input, so the
 * sample is copied once into a buffer of this solver. The buffers, the workspace (from a {@code lwork = -1}
 * query) and {@code iwork} ({@code 8 p} ints) are allocated once, at construction.
 */
final class LapackSingularValues implements SingularValueSolver {

    private final int m;
    private final int n;
    private final int p;
    private final LAPACK lapack;
    private final double[] columnMajor;
    private final double[] uPrime;
    private final double[] work;
    private final int[] iwork;
    private final intW info = new intW(0);
    private double[] valuesWork;    // dgesdd's workspace for jobz = N, from its own query at the first values() call

    LapackSingularValues(int m, int n) {
        this.lapack = Loader.LAPACK_INSTANCE;
        if (lapack == null) {
            throw new IllegalStateException(Loader.PROBLEM);
        }
        this.m = m;
        this.n = n;
        this.p = Math.min(m, n);
        this.columnMajor = new double[m * n];
        this.uPrime = new double[n * p];
        this.iwork = new int[8 * p];
        double[] query = new double[1];
        lapack.dgesdd("S", n, m, columnMajor, n, new double[p], uPrime, n, new double[p * m], p, query, -1,
                iwork, info);
        check("workspace query");
        this.work = new double[Math.max(1, (int) Math.ceil(query[0]))];
    }

    /** Whether a native LAPACK is available: a native BLAS was found by dl-core, and netlib's LAPACK binding loads. */
    static boolean available() {
        return Loader.LAPACK_INSTANCE != null;
    }

    /** Why {@link #available()} is false, or {@code null}. */
    static String problem() {
        return Loader.PROBLEM;
    }

    @Override
    public boolean decompose(DMatrixRMaj a, double[] values, DMatrixRMaj u, DMatrixRMaj v) {
        System.arraycopy(a.data, 0, columnMajor, 0, columnMajor.length);
        lapack.dgesdd("S", n, m, columnMajor, n, values, uPrime, n, u.data, p, work, work.length, iwork, info);
        if (info.val > 0) {
            return false;
        }
        check("dgesdd");
        double[] vData = v.data;
        for (int k = 0; k < p; k++) {
            int from = k * n;
            for (int j = 0; j < n; j++) {
                vData[j * p + k] = uPrime[from + j];
            }
        }
        return true;
    }

    @Override
    public boolean values(DMatrixRMaj a, double[] values) {
        System.arraycopy(a.data, 0, columnMajor, 0, columnMajor.length);
        if (valuesWork == null) {
            double[] query = new double[1];
            lapack.dgesdd("N", n, m, columnMajor, n, values, uPrime, 1, uPrime, 1, query, -1, iwork, info);
            check("workspace query");
            valuesWork = new double[Math.max(1, (int) Math.ceil(query[0]))];
        }
        // (U and V^T are not referenced with jobz = N: uPrime stands for them with leading dimensions 1)
        lapack.dgesdd("N", n, m, columnMajor, n, values, uPrime, 1, uPrime, 1, valuesWork, valuesWork.length,
                iwork, info);
        if (info.val > 0) {
            return false;
        }
        check("dgesdd");
        return true;
    }

    private void check(String what) {
        if (info.val != 0) {
            throw new IllegalStateException(what + ": LAPACK info = " + info.val + " (an illegal argument)");
        }
    }

    @Override
    public String name() {
        return "lapack";
    }

    /**
     * Loads netlib's native LAPACK once, only if dl-core's {@link ProductBackends#netlibNative()} found a native
     * BLAS (the same JNI route and the same system libraries); netlib's logger is silenced while it loads.
     */
    private static final class Loader {

        private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib.lapack.InstanceBuilder");

        static final LAPACK LAPACK_INSTANCE;
        static final String PROBLEM;

        static {
            LAPACK instance = null;
            String problem = ProductBackends.nativeProblem().orElse(null);
            if (ProductBackends.netlibNative().isPresent()) {
                Level previous = NETLIB_LOG.getLevel();
                NETLIB_LOG.setLevel(Level.OFF);
                try {
                    instance = NativeLAPACK.getInstance();
                } catch (RuntimeException | LinkageError e) {
                    problem = "no native LAPACK could be loaded (" + e.getMessage()
                            + "); on Debian: apt-get install libopenblas0-pthread";
                } finally {
                    NETLIB_LOG.setLevel(previous);
                }
            }
            LAPACK_INSTANCE = instance;
            PROBLEM = problem;
        }

        private Loader() {
        }
    }
}
