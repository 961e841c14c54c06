package org.deeplinear.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.deeplinear.core.Shape;
import org.deeplinear.core.Widths;
import org.deeplinear.core.model.GradientEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One right-hand side of gradient flow, {@link GradientEngine#evaluate}, for a square two-layer network
 * ({@code m = k = n}): three {@code n x n x n} products, {@code 6 n^3} flops counted (the {@code O(n^2)} residual,
 * loss and copies ignored), as the peer's {@code peer_rhs_bench.py} counts them. Microseconds per call;
 * {@code bench/rhs.sh} turns them into GFLOP/s. With {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes
 * allocated per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RhsBenchmark {

    /** The side {@code n = m = k}. */
    @Param({"8", "16", "32", "64", "128", "256", "512", "1024"})
    public int n;

    /** The backend: {@code preferred}, or a name for {@code ProductBackends.named}. */
    @Param({"preferred"})
    public String backend;

    private GradientEngine engine;
    private double[] state;
    private double[] derivative;

    /** A random rank-4 target and a random state (seeds 1 and 2), both of unit scale. */
    @Setup
    public void setUp() {
        Widths widths = Shape.of(n, n, n).widths();
        engine = new GradientEngine(widths, DefaultCase.target(n), Backends.byName(backend));
        SplittableRandom random = new SplittableRandom(2);
        state = new double[widths.parameterCount()];
        double scale = 1 / Math.sqrt(n);
        for (int i = 0; i < state.length; i++) {
            state[i] = scale * (2 * random.nextDouble() - 1);
        }
        derivative = new double[state.length];
    }

    /**
     * One right-hand side.
     *
     * @return the loss, so that the call is not eliminated
     */
    @Benchmark
    public double evaluate() {
        return engine.evaluate(state, derivative);
    }
}
