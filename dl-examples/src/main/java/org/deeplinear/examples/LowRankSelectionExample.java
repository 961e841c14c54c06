package org.deeplinear.examples;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.SampleTimes;
import org.deeplinear.ode.Simulation;
import org.deeplinear.ode.Trajectory;
import org.deeplinear.ode.observe.Observers;
import org.deeplinear.spectral.ModeTracker;
import org.deeplinear.spectral.rank.RankSeries;
import org.deeplinear.spectral.timeline.ActivationTimeline;

/**
 * Low-rank selection: from a small random start, gradient flow learns the target's modes one at a time, largest
 * singular value first, and the effective rank of {@code A(t)} climbs a staircase. Prints the activation order,
 * the half-times and the numerical rank over time, measured by dl-spectral's {@link ModeTracker}.
 */
public final class LowRankSelectionExample {

    private LowRankSelectionExample() {
    }

    /**
     * Runs the example.
     *
     * @param args none: any is refused (exit code 2)
     */
    public static void main(String[] args) {
        ExampleArguments.requireNone("LowRankSelectionExample", args);
        Target target = Target.random(16, 16, new double[] {8, 4, 2, 1}, Seed.of(11));
        FactorChain start = Initializations.smallGaussian(1e-5, Seed.of(12)).create(Widths.uniform(16, 16, 16, 2),
                target);
        double[] snapshots = new double[57];
        Arrays.setAll(snapshots, j -> 0.25 * j);
        Trajectory run = Simulation.flow(Model.of(start, target)).until(14).samples(SampleTimes.uniform(281))
                .observe(Observers.loss(), Observers.modes()).snapshotsAt(snapshots).halfTimes().run();

        ModeTracker tracker = new ModeTracker(target);
        for (Map.Entry<Double, FactorChain> e : run.snapshots().entrySet()) {
            tracker.add(e.getKey(), Model.of(e.getValue(), target).endToEnd());
        }
        ActivationTimeline timeline = tracker.activationTimeline(0.5);
        System.out.println("Target sigma = 8, 4, 2, 1; Gaussian start of scale 1e-5");
        // (1-based, as the lines below and the report name the modes: mode 1 has the largest sigma)
        System.out.println("Learning order (target modes, 1 = largest sigma): "
                + Arrays.toString(Arrays.stream(timeline.learningOrder()).map(i -> i + 1).toArray()));
        for (int i = 0; i < 4; i++) {
            System.out.printf(Locale.ROOT, "  mode %d (sigma %.0f) reaches sigma/2 at t = %.4f%n", i + 1,
                    target.spectrum().sigma(i), run.halfTime(i).getAsDouble());
        }
        RankSeries ranks = tracker.rankSeries();
        System.out.println("Numerical rank of A(t) (threshold " + ranks.threshold() + "): a staircase");
        double[] times = ranks.times();
        int[] numerical = ranks.numerical();
        for (int j = 0; j < times.length; j += 4) {
            System.out.printf(Locale.ROOT, "  t = %5.2f  rank %d  stable rank %.3f  loss %.6f%n", times[j],
                    numerical[j], ranks.stable()[j], tracker.losses()[j]);
        }
    }
}
