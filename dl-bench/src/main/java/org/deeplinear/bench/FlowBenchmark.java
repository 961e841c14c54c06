package org.deeplinear.bench;

import java.util.concurrent.TimeUnit;
import org.deeplinear.core.model.Model;
import org.deeplinear.ode.SampleTimes;
import org.deeplinear.ode.Simulation;
import org.deeplinear.ode.Trajectory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One whole gradient flow through the public API, warm: the default case (a rank-4 target with sigmas
 * 4, 3, 2, 1 in {@code n x n}, a small Gaussian start of scale 1e-3, {@code T = 10}, the default Dormand-Prince
 * 8(5,3) at rtol 1e-10, atol 1e-12), sampled at its two end points as {@code bench/side-by-side.sh} runs
 * {@code dl simulate}; with {@code halfTimes = true}, also the half-time events of the four modes. Milliseconds per
 * run: what a program that runs many simulations in one JVM (a sweep, the report) pays for each, against the
 * cold run of a one-off {@code dl simulate} (BENCHMARKS.md, section 6).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FlowBenchmark {

    /** The side {@code n = m = k}. */
    @Param({"32", "64"})
    public int n;

    /** Whether the half-time events are watched. */
    @Param({"false", "true"})
    public boolean halfTimes;

    private Model model;

    /** The peer's default problem at side {@code n} ({@link DefaultCase}). */
    @Setup
    public void setUp() {
        model = DefaultCase.model(n);
    }

    /**
     * The flow to {@code T = 10}.
     *
     * @return the trajectory, so that the run is not eliminated
     */
    @Benchmark
    public Trajectory flow() {
        Simulation.Builder builder = Simulation.flow(model).until(10).samples(SampleTimes.endpoints());
        return (halfTimes ? builder.halfTimes() : builder).run();
    }
}
