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
import org.deeplinear.ode.SimulationException;
import org.deeplinear.ode.Trajectory;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.observe.Observers;
import org.deeplinear.theory.laws.LogisticLaw;
import org.deeplinear.theory.laws.WeightGradientMap;

/**
 * Gradient descent against gradient flow on one aligned mode: small steps follow the flow's logistic law; past
 * {@code eta sigma = 1} descent no longer settles on sigma: for {@code 1 < eta sigma < sqrt 5 - 1} (about 1.236) it
 * settles on a stable 2-cycle, beyond that the 2-cycle is unstable too (the run at {@code eta = 1.3}, whose
 * iterates stay bounded and off that cycle), and past {@code eta sigma = 2} descent diverges (THEORY.md, "Gradient
 * descent against gradient flow"). Prints the last iterates of each run and what the weight-level map
 * {@code s' = s (1 + eta (sigma - s))^2} predicts.
 */
public final class DescentVsFlowExample {

    private DescentVsFlowExample() {
    }

    /**
     * Runs the example.
     *
     * @param args none: any is refused (exit code 2)
     */
    public static void main(String[] args) {
        ExampleArguments.requireNone("DescentVsFlowExample", args);
        Target target = Target.random(4, 4, new double[] {1}, Seed.of(5));
        double s0 = 0.01;
        Model model = Model.of(Initializations.aligned(new double[] {s0}).create(Widths.uniform(4, 4, 4, 2), target),
                target);
        System.out.printf(Locale.ROOT, "Flow: s(10) = %.10f (logistic law)%n", new LogisticLaw(1, s0).value(10));
        for (double eta : new double[] {0.01, 0.1, 0.5, 1.1, 1.3, 2.1}) {
            long steps = Math.max(Math.round(20 / eta), 50);
            WeightGradientMap map = new WeightGradientMap(eta, 1, s0);
            try {
                double span = steps * eta;
                Trajectory run = Simulation.descent(model, LearningRate.of(eta), steps)
                        .samples(SampleTimes.at(span - eta, span)).observe(Observers.modes()).run();
                double[] s = run.series(Observers.MODES).column(0);
                System.out.printf(Locale.ROOT,
                        "eta = %4.2f: last two iterates %.6f %.6f  (map: fixed point %s, 2-cycle %s)%n", eta, s[0],
                        s[s.length - 1], map.isFixedPointStable() ? "stable" : "unstable",
                        map.twoCycle().map(c -> String.format(Locale.ROOT, "%.6f / %.6f%s", c.low(), c.high(),
                                c.isStable() ? " stable" : " unstable")).orElse("none"));
            } catch (SimulationException e) {
                System.out.printf(Locale.ROOT, "eta = %4.2f: %s%n", eta, e.getMessage());
            }
        }
        System.out.println("Stable fixed point iff 0 < eta sigma < 1; stable 2-cycle for 1 < eta sigma < sqrt 5 - 1;"
                + " divergence beyond eta sigma = 2.");
    }
}
