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
import org.deeplinear.theory.laws.LambdaBalancedLaw;
import org.deeplinear.theory.laws.OffTargetDecayLaw;

/**
 * Off-target decay: a direction the target does not have ({@code sigma = 0}) decays, but only algebraically,
 * {@code s(t) = s0 / (1 + 2 s0 t) ~ 1/(2t)}, when the factors are balanced; with an imbalance {@code lambda} it
 * decays exponentially at rate {@code |lambda|}. Prints both runs beside their laws.
 */
public final class OffTargetDecayExample {

    private OffTargetDecayExample() {
    }

    /**
     * Runs the example.
     *
     * @param args none: any is refused (exit code 2)
     */
    public static void main(String[] args) {
        ExampleArguments.requireNone("OffTargetDecayExample", args);
        Target target = Target.random(8, 8, new double[] {2, 1, 0}, Seed.of(3));
        double s0 = 0.5;
        double lambda = 1;
        Trajectory balanced = run(target, new double[] {1e-3, 1e-3, s0}, new double[3]);
        Trajectory imbalanced = run(target, new double[] {1e-3, 1e-3, s0}, new double[] {0, 0, lambda});
        OffTargetDecayLaw algebraic = new OffTargetDecayLaw(2, s0);
        LambdaBalancedLaw exponential = new LambdaBalancedLaw(0, lambda, s0);
        System.out.println("Off-target mode (sigma = 0) from s0 = 0.5:");
        System.out.println("         balanced: simulated | s0/(1 + 2 s0 t)"
                + "     imbalanced (lambda = 1): simulated | law");
        double[] t = balanced.times();
        for (int j = 0; j < t.length; j++) {
            System.out.printf(Locale.ROOT, "t = %4.1f  %.3e | %.3e      %.3e | %.3e%n", t[j],
                    balanced.series(Observers.MODES).get(j, 2), algebraic.value(t[j]),
                    imbalanced.series(Observers.MODES).get(j, 2), exponential.value(t[j]));
        }
        System.out.println("Balanced: the tail is 1/(2t), slow; imbalanced: e^{-|lambda| t}, fast.");
    }

    private static Trajectory run(Target target, double[] s0, double[] lambda) {
        FactorChain start = Initializations.aligned(s0, lambda).create(Widths.uniform(8, 8, 8, 2), target);
        return Simulation.flow(Model.of(start, target)).until(20).samples(SampleTimes.uniform(11))
                .observe(Observers.modes()).run();
    }
}
