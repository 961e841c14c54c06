package org.deeplinear.bench;

import java.util.concurrent.TimeUnit;
import org.deeplinear.core.model.Model;
import org.deeplinear.ode.SampleTimes;
import org.deeplinear.ode.Simulation;
import org.deeplinear.ode.Trajectory;
import org.deeplinear.ode.descent.LearningRate;
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
 * Gradient descent through the public API, {@code Simulation.descent(...).run()}, of {@value #STEPS} steps with no
 * samples, reported per step (microseconds): one right-hand side and the in-place update
 * {@code W_j += eta (-dL/dW_j)}, plus the run's fixed cost (building the engine, the trajectory) spread over the
 * steps; with {@code halfTimes = true}, also the half-time events of the four target modes, checked at every
 * iterate as {@code dl simulate} asks. The descent case is {@code n = 32}, {@code lr = 1e-3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DescentBenchmark {

    /** Steps per run. */
    public static final int STEPS = 1000;

    /** The side {@code n = m = k}. */
    @Param({"32", "128", "256"})
    public int n;

    /** Whether the half-time events are checked at every iterate. */
    @Param({"false", "true"})
    public boolean halfTimes;

    private Model model;

    /** The peer's default problem at side {@code n} ({@link DefaultCase}). */
    @Setup
    public void setUp() {
        model = DefaultCase.model(n);
    }

    /**
     * {@value #STEPS} descent steps of {@code eta = 1e-3}.
     *
     * @return the trajectory, so that the run is not eliminated
     */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Trajectory descent() {
        Simulation.Builder builder = Simulation.descent(model, LearningRate.of(1e-3), STEPS)
                .samples(SampleTimes.none());
        return (halfTimes ? builder.halfTimes() : builder).run();
    }
}
