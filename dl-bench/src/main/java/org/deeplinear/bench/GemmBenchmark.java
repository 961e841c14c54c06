package org.deeplinear.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.products.ProductBackends;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One square product {@code C = A B} ({@code 2 n^3} flops) on each backend: the figures behind the backends'
 * order in {@link ProductBackends} and the native backend's small-product threshold. Reported in microseconds per
 * product; GFLOP/s = {@code 2 n^3 / (1000 * us)}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GemmBenchmark {

    /** The side of the square matrices. */
    @Param({"4", "8", "12", "16", "24", "32", "64", "128", "256", "512", "1024"})
    public int n;

    /** The backend: a name for {@link ProductBackends#named(String)}, or {@code preferred}. */
    @Param({"ejml", "netlib-native", "netlib-java"})
    public String backend;

    private ProductBackend products;
    private DMatrixRMaj a;
    private DMatrixRMaj b;
    private DMatrixRMaj c;

    /** Creates the backend and random operands (seed 1). */
    @Setup
    public void setUp() {
        products = Backends.byName(backend);
        SplittableRandom random = new SplittableRandom(1);
        a = Backends.random(n, n, random);
        b = Backends.random(n, n, random);
        c = new DMatrixRMaj(n, n);
    }

    /**
     * {@code C = A B}.
     *
     * @return {@code C}, so that the product is not eliminated
     */
    @Benchmark
    public DMatrixRMaj gemm() {
        products.gemm(false, false, 1.0, a, b, 0.0, c);
        return c;
    }
}
