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
import org.deeplinear.theory.laws.LogisticLaw;

/**
 * The logistic law: an aligned, balanced mode of {@code A = W U} grows as
 * {@code s(t) = sigma e^{2 sigma t} / (e^{2 sigma t} - 1 + sigma/s0)} (Saxe, McClelland, Ganguli 2014). Runs gradient
 * flow from an aligned start and prints the simulated modes beside the law, and the half-times beside
 * {@code ln(sigma/s0 - 1) / (2 sigma)}.
 */
public final class LogisticLawExample {

    private LogisticLawExample() {
    }

    /**
     * Runs the example.
     *
     * @param args none: any is refused (exit code 2)
     */
    public static void main(String[] args) {
        ExampleArguments.requireNone("LogisticLawExample", args);
        double[] sigmas = {4, 3, 2, 1};
        double s0 = 1e-3;
        Target target = Target.random(32, 32, sigmas, Seed.of(7));
        FactorChain start = Initializations.aligned(new double[] {s0, s0, s0, s0})
                .create(Widths.uniform(32, 32, 32, 2), target);
        Trajectory run = Simulation.flow(Model.of(start, target)).until(8).samples(SampleTimes.uniform(9))
                .observe(Observers.modes()).halfTimes().run();

        System.out.println("Aligned balanced modes from s0 = 1e-3: simulated | logistic law");
        Series modes = run.series(Observers.MODES);
        double[] t = run.times();
        for (int j = 0; j < t.length; j++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "t = %4.1f ", t[j]));
            for (int i = 0; i < sigmas.length; i++) {
                line.append(String.format(Locale.ROOT, " | s_%d %.10f %.10f", i + 1, modes.get(j, i),
                        new LogisticLaw(sigmas[i], s0).value(t[j])));
            }
            System.out.println(line);
        }
        System.out.println("Half-times: event located by the integrator | ln(sigma/s0 - 1) / (2 sigma)");
        for (int i = 0; i < sigmas.length; i++) {
            System.out.printf(Locale.ROOT, "  sigma = %.0f: %.12f | %.12f%n", sigmas[i], run.halfTime(i).getAsDouble(),
                    new LogisticLaw(sigmas[i], s0).halfTime().getAsDouble());
        }
        System.out.println(run.statistics());
    }
}
