package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;

import org.deeplinear.core.Seed;
import org.deeplinear.ode.Simulation;
import org.deeplinear.ode.SampleTimes;
import org.deeplinear.ode.Trajectory;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.observe.Observers;
import org.deeplinear.ode.observe.Series;
import org.deeplinear.theory.claims.Claim;
import org.deeplinear.theory.claims.Claims;
import org.deeplinear.theory.claims.Verdict;
import org.deeplinear.theory.claims.Witness;
import org.deeplinear.theory.generators.Generators;
import org.deeplinear.theory.generators.Start;
import org.deeplinear.theory.generators.StartRecipe;
import org.deeplinear.theory.generators.TargetRecipe;
import org.junit.jupiter.api.Test;

/**
 * A claim of the consumer's own, property-tested with the library's public generators and claims: gradient flow
 * never increases the loss (dL/dt = -||grad L||^2 <= 0), so the sampled loss may rise only by the integrator's
 * error. It must be refuted by gradient descent with a learning rate past the stability threshold.
 */
class LossNeverIncreasesTest {

    /** Relative rise allowed between samples: the integrator runs at rtol 1e-10 (IntegratorSettings.defaults()). */
    private static final double TOLERANCE = 1e-8;

    /** The consumer's claim: the loss never rises by more than TOLERANCE (relative) from one sample to the next. */
    private static final Claim<Trajectory> LOSS_NEVER_INCREASES = run -> {
        Series loss = run.series(Observers.LOSS);
        double[] t = run.times();
        double worst = 0;
        Witness witness = Witness.of(0, 0, "no rise");
        for (int j = 1; j < loss.size(); j++) {
            double before = loss.get(j - 1, 0);
            double rise = (loss.get(j, 0) - before) / Math.max(before, Double.MIN_NORMAL);
            if (rise > worst) {
                worst = rise;
                witness = Witness.atTime(t[j], loss.get(j, 0), before, "loss rose");
            }
        }
        return Verdict.of("the loss never increases", worst, TOLERANCE, witness, "relative rise between samples");
    };

    private static final StartRecipe SMALL_RANDOM_STARTS =
            StartRecipe.smallRandom(TargetRecipe.gapped(3, 6, 3, 0.5, 3.0, 0.2), 2, 2, 6, 1e-3, 1e-1);

    @Test
    void gradientFlowNeverIncreasesTheLossAndConservesTheImbalance() {
        qt().withFixedSeed(Generators.qtSeed()).withExamples(10)
                .forAll(SMALL_RANDOM_STARTS.cases())
                .check(c -> {
                    Start start = c.value();
                    Trajectory run = Simulation.flow(start.model()).until(5.0)
                            .samples(SampleTimes.uniform(51))
                            .observe(Observers.loss(), Observers.imbalanceDrift())
                            .run();
                    return LOSS_NEVER_INCREASES.check(run).holds()
                            && Claims.conservation(1e-9).check(run).holds();
                });
    }

    @Test
    void descentPastTheStabilityThresholdRefutesIt() {
        // eta sigma_max = 2.4 > 2: the weight-level map diverges (THEORY.md, "Gradient descent against gradient flow")
        Start start = StartRecipe.alignedBalanced(TargetRecipe.gapped(4, 4, 2, 1.0, 2.0, 0.2), 2, 0.5, 0.9)
                .build(Seed.of(3));
        double eta = 2.4 / start.target().spectrum().sigmaMax();
        Trajectory run;
        try {
            run = Simulation.descent(start.model(), LearningRate.of(eta), 40)
                    .samples(SampleTimes.every(eta))
                    .observe(Observers.loss())
                    .run();
        } catch (org.deeplinear.ode.SimulationException diverged) {
            run = diverged.trajectory();
        }
        assertFalse(LOSS_NEVER_INCREASES.check(run).holds());
    }
}
