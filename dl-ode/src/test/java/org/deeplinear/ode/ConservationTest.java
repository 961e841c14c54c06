package org.deeplinear.ode;

import static org.deeplinear.core.testing.QtSeed.qt;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Target;
import org.deeplinear.core.testing.QtSeed;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.observe.Observers;
import org.junit.jupiter.api.Test;

/**
 * THEORY.md identity 2: gradient flow conserves {@code W^T W - U U^T} (depth N: every
 * {@code W_{j+1}^T W_{j+1} - W_j W_j^T}); at rtol 1e-12 the drift over [0, 10] stays below 1e-10, from random
 * (unbalanced, unaligned) starts. The drift is the integration's error, about its tolerance: at most 1.3e-12 over 60
 * such starts (measured), so the bound leaves a factor of about 77. Gradient descent does not conserve it: the same
 * measurement fails there.
 */
class ConservationTest {

    private static final IntegratorSettings TIGHT = IntegratorSettings.defaults().withTolerances(1e-12, 1e-14);

    private static double maxDrift(Trajectory run) {
        double max = 0;
        for (double d : run.series(Observers.IMBALANCE_DRIFT).column(0)) {
            max = Math.max(max, d);
        }
        return max;
    }

    private static Model randomModel(long seed, int depth) {
        Target target = Target.random(5, 4, new double[] {2.0, 1.0, 0.5}, Seed.of(seed));
        Widths widths = depth == 2 ? Widths.of(4, 3, 5) : Widths.of(4, 3, 3, 5);
        FactorChain start = Initializations.smallGaussian(0.4, Seed.of(seed + 1L)).create(widths, target);
        return Model.of(start, target);
    }

    @Test
    void gradientFlowConservesTheImbalance() {
        qt().withExamples(6)
                // problem seeds from QtSeed.seeds(), so that another -Ddeeplinear.qt.seed moves every example
                // (integers().between(0, 1_000_000) drew its bounds first under every seed; review of 2026-12-08)
                .forAll(QtSeed.seeds(), integers().between(2, 3))
                .checkAssert((seed, depth) -> {
                    Model model = randomModel(seed, depth);
                    Trajectory run = Simulation.flow(model).until(10).integrator(TIGHT)
                            .samples(SampleTimes.uniform(41))
                            .observe(Observers.imbalanceDrift(), Observers.imbalanceNorm(), Observers.loss())
                            .run();
                    double drift = maxDrift(run);
                    assertTrue(drift <= 1e-10, "seed " + seed + ", depth " + depth + ": drift " + drift);
                    // the run did move: the loss fell and the imbalance is far from zero
                    assertTrue(run.finalLoss() < 0.5 * run.initialLoss());
                    assertTrue(run.series(Observers.IMBALANCE_NORM).get(0, 0) > 1e-3);
                });
    }

    @Test
    void gradientDescentDoesNotConserveIt() {
        Model model = randomModel(7, 2);
        Trajectory run = Simulation.descent(model, LearningRate.of(0.1), 100)
                .samples(SampleTimes.uniform(11)).observe(Observers.imbalanceDrift()).run();
        assertTrue(maxDrift(run) > 1e-4, "descent drift " + maxDrift(run));
    }
}
