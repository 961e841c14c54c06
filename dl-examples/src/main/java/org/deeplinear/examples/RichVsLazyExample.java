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
import org.deeplinear.theory.laws.LambdaBalancedLaw;

/**
 * Rich against lazy learning: the imbalance {@code lambda = w^2 - u^2} of a mode, conserved by gradient flow,
 * decides whether it learns through a plateau and a sigmoidal rise (rich, {@code |lambda| < sigma / sqrt 2}) or
 * rises at once like a linear model (lazy). Prints the half-time of each run beside the lambda-balanced law's.
 */
public final class RichVsLazyExample {

    private RichVsLazyExample() {
    }

    /**
     * Runs the example.
     *
     * @param args none: any is refused (exit code 2)
     */
    public static void main(String[] args) {
        ExampleArguments.requireNone("RichVsLazyExample", args);
        Target target = Target.random(4, 4, new double[] {1}, Seed.of(5));
        double s0 = 1e-3;
        System.out.println("sigma = 1, s0 = 1e-3; threshold sigma/sqrt 2 = " + 1 / Math.sqrt(2));
        for (double lambda : new double[] {0, 0.1, 0.3, 0.7, 1, 2, 4}) {
            FactorChain start = Initializations.aligned(new double[] {s0}, new double[] {lambda})
                    .create(Widths.uniform(4, 4, 4, 2), target);
            Trajectory run = Simulation.flow(Model.of(start, target)).until(10).samples(SampleTimes.endpoints())
                    .halfTimes().run();
            LambdaBalancedLaw law = new LambdaBalancedLaw(1, lambda, s0);
            System.out.printf(Locale.ROOT,
                    "lambda = %3.1f  %-4s  t_half simulated %.10f | law %.10f  final s %.10f%n", lambda,
                    law.isRich() ? "rich" : "lazy", run.halfTime(0).getAsDouble(), law.halfTime().getAsDouble(),
                    run.finalModes()[0]);
        }
        System.out.println("The larger |lambda|, the shorter the plateau: lazy modes skip it.");
    }
}
