package org.deeplinear.examples;

import java.util.Locale;
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
import org.deeplinear.ode.observe.Series;

/**
 * A narrow hidden layer: with {@code k = 2} hidden units and a target of rank 4, only the two largest modes
 * survive; the loss ends at the best rank-2 residual {@code 1/2 (sigma_3^2 + sigma_4^2)}. Prints the modes over
 * time.
 */
public final class NarrowHiddenLayerExample {

    private NarrowHiddenLayerExample() {
    }

    /**
     * Runs the example.
     *
     * @param args none: any is refused (exit code 2)
     */
    public static void main(String[] args) {
        ExampleArguments.requireNone("NarrowHiddenLayerExample", args);
        Target target = Target.random(16, 16, new double[] {4, 3, 2, 1}, Seed.of(9));
        FactorChain start = Initializations.smallGaussian(1e-3, Seed.of(10)).create(Widths.uniform(16, 2, 16, 2),
                target);
        Trajectory run = Simulation.flow(Model.of(start, target)).until(20).samples(SampleTimes.uniform(11))
                .observe(Observers.loss(), Observers.modes()).run();
        Series modes = run.series(Observers.MODES);
        System.out.println("Target sigma = 4, 3, 2, 1; hidden width k = 2");
        for (int j = 0; j < run.sampleCount(); j++) {
            System.out.printf(Locale.ROOT, "t = %4.1f  s = %.6f %.6f %.6f %.6f  loss %.6f%n", run.times()[j],
                    shown(modes.get(j, 0)), shown(modes.get(j, 1)), shown(modes.get(j, 2)), shown(modes.get(j, 3)),
                    run.series(Observers.LOSS).get(j, 0));
        }
        System.out.printf(Locale.ROOT, "Best rank-2 residual 1/2 (2^2 + 1^2) = %.6f; final loss %.6f%n",
                target.spectrum().bestRankResidual(2), run.finalLoss());
    }

    /** A mode as six decimals show it: below half their last digit, 0 (it printed "-0.000000" for -1e-9). */
    private static double shown(double s) {
        return Math.abs(s) < 5e-7 ? 0.0 : s;
    }
}
