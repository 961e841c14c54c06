package org.deeplinear.bench;

import dev.ludovic.netlib.lapack.LAPACK;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.netlib.util.intW;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The full SVD {@code A = U S V^T} of a square {@code n x n} matrix with both singular bases, the decomposition
 * that mode tracking repeats at every sample: EJML's {@code DecompositionFactory_DDRM.svd} against LAPACK's
 * divide-and-conquer {@code dgesdd} through {@code dev.ludovic.netlib:lapack} (the system's native LAPACK, OpenBLAS's
 * on Debian, when one is installed; netlib's Java translation otherwise, printed at setup as its class name by
 * {@link #implementation()}). Milliseconds per decomposition.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SvdBenchmark {

    /** The side. */
    @Param({"64", "128", "256", "512", "1024"})
    public int n;

    private DMatrixRMaj matrix;
    private SingularValueDecomposition_F64<DMatrixRMaj> ejml;
    private LAPACK lapack;
    private double[] work;
    private double[] columnMajor;
    private double[] s;
    private double[] u;
    private double[] vt;
    private int[] iwork;

    /** A random matrix (seed 3) and workspaces sized by a LAPACK workspace query. */
    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(3);
        matrix = Backends.random(n, n, random);
        ejml = DecompositionFactory_DDRM.svd(n, n, true, true, false);
        lapack = LAPACK.getInstance();
        columnMajor = new double[n * n];
        s = new double[n];
        u = new double[n * n];
        vt = new double[n * n];
        iwork = new int[8 * n];
        double[] query = new double[1];
        intW info = new intW(0);
        lapack.dgesdd("S", n, n, columnMajor, n, s, u, n, vt, n, query, -1, iwork, info);
        work = new double[(int) query[0]];
        // in the run's output: a fallback to netlib's Java LAPACK would otherwise be tabled as native dgesdd
        System.out.println("SvdBenchmark: LAPACK implementation " + implementation() + " (n = " + n + ")");
    }

    /**
     * Which LAPACK implementation ran, for the record.
     *
     * @return the class name of netlib's LAPACK instance
     */
    public String implementation() {
        return lapack.getClass().getSimpleName();
    }

    /**
     * EJML's SVD (it copies its input, so the matrix is reused as is).
     *
     * @return the largest singular value
     */
    @Benchmark
    public double ejmlSvd() {
        if (!ejml.decompose(matrix)) {
            throw new IllegalStateException("EJML SVD failed");
        }
        return ejml.getSingularValues()[0];
    }

    /**
     * LAPACK {@code dgesdd}, thin bases ({@code jobz = S}); the row-major input is passed as is, which LAPACK reads
     * as {@code A^T}: its SVD is {@code V S U^T}, the same singular values with the bases swapped. The copy into
     * the workspace (dgesdd overwrites its input) is included.
     *
     * @return the largest singular value
     */
    @Benchmark
    public double lapackDgesdd() {
        System.arraycopy(matrix.data, 0, columnMajor, 0, n * n);
        intW info = new intW(0);
        lapack.dgesdd("S", n, n, columnMajor, n, s, u, n, vt, n, work, work.length, iwork, info);
        if (info.val != 0) {
            throw new IllegalStateException("dgesdd info = " + info.val);
        }
        return s[0];
    }
}
