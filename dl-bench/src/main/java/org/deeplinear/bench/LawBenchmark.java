package org.deeplinear.bench;

import java.util.concurrent.TimeUnit;
import org.deeplinear.theory.laws.DepthBalancedLaw;
import org.deeplinear.theory.laws.LogisticLaw;
import org.deeplinear.theory.laws.ModeLaw;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Law evaluations of dl-theory: the value {@code s(t)} and its inverse, the time to reach a value, for the
 * two-layer logistic law ({@code depth = 2}, closed form) and the depth-N balanced law ({@code depth = 3, 4}).
 * {@value #POINTS} points per invocation over {@code t in [0, 10]} and {@code s in (s0, sigma)}, reported in
 * nanoseconds per evaluation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LawBenchmark {

    /** Points per invocation. */
    public static final int POINTS = 1024;

    /** The depth: 2 for the logistic law, more for the depth-N balanced law. */
    @Param({"2", "3", "4"})
    public int depth;

    private ModeLaw law;
    private final double[] times = new double[POINTS];
    private final double[] values = new double[POINTS];

    /** sigma = 3, s0 = 1e-3 (the peer's init scale); evenly spaced times and values. */
    @Setup
    public void setUp() {
        law = depth == 2 ? new LogisticLaw(3.0, 1e-3) : new DepthBalancedLaw(depth, 3.0, 1e-3);
        for (int i = 0; i < POINTS; i++) {
            times[i] = 10.0 * i / (POINTS - 1);
            values[i] = 1e-3 + (3.0 - 2e-3) * (i + 0.5) / POINTS;
        }
    }

    /**
     * {@code s(t)} at {@value #POINTS} times.
     *
     * @return the sum of the values, so that nothing is eliminated
     */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    public double value() {
        double sum = 0;
        for (double t : times) {
            sum += law.value(t);
        }
        return sum;
    }

    /**
     * The time to reach each of {@value #POINTS} values.
     *
     * @return the sum of the times, so that nothing is eliminated
     */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    public double timeToReach() {
        double sum = 0;
        for (double s : values) {
            sum += law.timeToReach(s).orElse(0.0);
        }
        return sum;
    }
}
