package org.deeplinear.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.target.Target;
import org.deeplinear.spectral.ModeTracker;
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
 * One SVD-tracking step, {@link ModeTracker#add}: the SVD of the sampled map, the matching of its modes to the
 * previous sample's, the cosines against the target's bases and the aligned coordinates. Alternates between two
 * nearby maps (a rank-4 target plus two small random perturbations) so that every step has to match modes.
 * Milliseconds per step; a fresh tracker each iteration keeps its history bounded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrackingBenchmark {

    /** The side {@code m = n}. */
    @Param({"64", "128", "256", "512"})
    public int n;

    private Target target;
    private Matrix[] maps;
    private ModeTracker tracker;
    private double t;

    /** The target (seed 1) and the two maps (seed 4). */
    @Setup(Level.Trial)
    public void setUp() {
        target = DefaultCase.target(n);
        SplittableRandom random = new SplittableRandom(4);
        maps = new Matrix[2];
        for (int s = 0; s < 2; s++) {
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] = target.matrix().get(i, j) + 1e-3 * (2 * random.nextDouble() - 1);
                }
            }
            maps[s] = Matrix.of("A", a);
        }
    }

    /** A fresh tracker for each iteration. */
    @Setup(Level.Iteration)
    public void newTracker() {
        tracker = new ModeTracker(target);
        t = 0;
    }

    /**
     * One tracking step.
     *
     * @return the number of samples so far, so that the step is not eliminated
     */
    @Benchmark
    public int add() {
        t += 1;
        tracker.add(t, maps[tracker.samples() & 1]);
        return tracker.samples();
    }
}
