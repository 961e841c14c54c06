package org.deeplinear.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.products.ProductBackends;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The stage combinations of one Dormand-Prince 8(5,3) step outside the right-hand side:
 * {@code y_k = y_0 + h sum_{l<k} a_kl f_l} for the {@value #STAGES} stages, on a state of {@code 2 n^2} doubles
 * (a square two-layer network). Three loop orders of the same arithmetic:
 * <ul>
 * <li>{@link #reductionOrder()}: for each entry, a sum over the previous stages, as Hipparchus 4.0.2's
 * {@code ExplicitRungeKuttaIntegrator.applyInternalButcherWeights} writes it: a dependent chain of
 * multiply-adds per entry, which the JIT does not vectorise;</li>
 * <li>{@link #axpyOrder()}: for each previous stage, {@code y_k += (h a_kl) f_l} over the whole state: independent
 * entries that vectorise;</li>
 * <li>{@link #blockedOrder()}: the axpy order over blocks of {@value #BLOCK} entries, so that the block of
 * {@code y_k} being built stays in the first-level cache while every previous stage streams past it;</li>
 * <li>{@link #productOrder()}: the stages' derivatives as the rows of one array, each stage one matrix-vector product
 * ({@code ProductBackend.gemv}) on the preferred backend, as SciPy's DOP853 forms them ({@code np.dot(K[:s].T, a)}):
 * BLAS {@code dgemv} on both threads from {@code 2^15} multiply-adds, a Java kernel four rows per pass below.</li>
 * </ul>
 * Microseconds per step (all {@value #STAGES} stages); compare with {@code 15} right-hand sides per step
 * ({@link RhsBenchmark}). dl-ode's own Dormand-Prince 8(5,3) ({@code org.deeplinear.ode.DormandPrince853}) forms its
 * stages in the product order.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StageCombinationBenchmark {

    /** Stages of Hipparchus's DormandPrince853Integrator (12 of the method, 4 more for its dense output). */
    public static final int STAGES = 16;

    /** Entries per block of {@link #blockedOrder()} (8 KiB of doubles). */
    public static final int BLOCK = 1024;

    /** The side: the state has {@code 2 n^2} entries. */
    @Param({"32", "256"})
    public int n;

    private double[] y0;
    private double[][] f;
    private double[][] a;
    private double[] yTmp;
    private double[] rows;
    private final ProductBackend products = ProductBackends.preferred();
    private final double h = 1e-2;

    /** Random stage derivatives and tableau-like weights (seed 5). */
    @Setup
    public void setUp() {
        int dim = 2 * n * n;
        SplittableRandom random = new SplittableRandom(5);
        y0 = new double[dim];
        yTmp = new double[dim];
        f = new double[STAGES][dim];
        a = new double[STAGES - 1][];
        for (int j = 0; j < dim; j++) {
            y0[j] = random.nextDouble();
        }
        for (double[] row : f) {
            for (int j = 0; j < dim; j++) {
                row[j] = random.nextDouble();
            }
        }
        rows = new double[STAGES * dim];
        for (int l = 0; l < STAGES; l++) {
            System.arraycopy(f[l], 0, rows, l * dim, dim);
        }
        for (int k = 0; k < STAGES - 1; k++) {
            a[k] = new double[k + 1];
            for (int l = 0; l <= k; l++) {
                a[k][l] = random.nextDouble() - 0.5;
            }
        }
    }

    /**
     * Hipparchus's order: an inner sum over stages for each entry.
     *
     * @return one entry, so that nothing is eliminated
     */
    @Benchmark
    public double reductionOrder() {
        double check = 0;
        for (int k = 1; k < STAGES; ++k) {
            for (int j = 0; j < y0.length; ++j) {
                double sum = f[0][j] * a[k - 1][0];
                for (int l = 1; l < k; ++l) {
                    sum += f[l][j] * a[k - 1][l];
                }
                yTmp[j] = y0[j] + h * sum;
            }
            check += yTmp[k];
        }
        return check;
    }

    /**
     * The axpy order: one pass over the state per previous stage.
     *
     * @return one entry, so that nothing is eliminated
     */
    @Benchmark
    public double axpyOrder() {
        double check = 0;
        for (int k = 1; k < STAGES; ++k) {
            double[] row = a[k - 1];
            System.arraycopy(y0, 0, yTmp, 0, y0.length);
            for (int l = 0; l < k; ++l) {
                double w = h * row[l];
                double[] fl = f[l];
                for (int j = 0; j < yTmp.length; ++j) {
                    yTmp[j] += w * fl[j];
                }
            }
            check += yTmp[k];
        }
        return check;
    }

    /**
     * The axpy order, block by block.
     *
     * @return one entry, so that nothing is eliminated
     */
    @Benchmark
    public double blockedOrder() {
        double check = 0;
        int dim = y0.length;
        for (int k = 1; k < STAGES; ++k) {
            double[] row = a[k - 1];
            for (int start = 0; start < dim; start += BLOCK) {
                int end = Math.min(dim, start + BLOCK);
                System.arraycopy(y0, start, yTmp, start, end - start);
                for (int l = 0; l < k; ++l) {
                    double w = h * row[l];
                    double[] fl = f[l];
                    for (int j = start; j < end; ++j) {
                        yTmp[j] += w * fl[j];
                    }
                }
            }
            check += yTmp[k];
        }
        return check;
    }

    /**
     * The product order: one matrix-vector product over the previous stages' rows per stage.
     *
     * @return one entry, so that nothing is eliminated
     */
    @Benchmark
    public double productOrder() {
        double check = 0;
        int dim = y0.length;
        for (int k = 1; k < STAGES; ++k) {
            System.arraycopy(y0, 0, yTmp, 0, dim);
            products.gemv(true, k, dim, h, rows, 0, a[k - 1], 0, 1.0, yTmp, 0);
            check += yTmp[k];
        }
        return check;
    }
}
