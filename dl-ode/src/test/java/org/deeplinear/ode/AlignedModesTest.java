package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.observe.Observers;
import org.deeplinear.ode.observe.Series;
import org.junit.jupiter.api.Test;

/**
 * Aligned starts of the full matrix flow follow the single-mode laws of THEORY.md: balanced ones the logistic law
 * to 1e-9, lambda-balanced ones the explicit lambda-balanced law to 1e-9; an aligned start stays aligned (coupling
 * below 1e-12); and the checks can fail (a lambda-balanced start is not logistic, a random start couples).
 */
class AlignedModesTest {

    private static final double[] SIGMAS = {3.0, 2.0, 1.0};
    private static final double[] S0 = {1e-3, 5e-3, 2e-2};
    private static final Target TARGET = Target.random(6, 5, SIGMAS, Seed.of(11));
    private static final Widths WIDTHS = Widths.of(5, 4, 6); // n = 5, k = 4, m = 6
    private static final IntegratorSettings TIGHT = IntegratorSettings.defaults().withTolerances(1e-12, 1e-14);

    private static Trajectory run(FactorChain start, double end) {
        return Simulation.flow(Model.of(start, TARGET)).until(end).integrator(TIGHT)
                .samples(SampleTimes.uniform(61)).observe(Observers.modes(), Observers.coupling()).run();
    }

    /** Largest |s_i(t) - law_i(t)| over the samples. */
    private interface Law {
        double at(int mode, double t);
    }

    private static double worst(Trajectory run, Law law) {
        Series modes = run.series(Observers.MODES);
        double[] times = run.times();
        double worst = 0;
        for (int k = 0; k < times.length; k++) {
            for (int i = 0; i < SIGMAS.length; i++) {
                worst = Math.max(worst, Math.abs(modes.get(k, i) - law.at(i, times[k])));
            }
        }
        return worst;
    }

    private static double maxCoupling(Trajectory run) {
        double max = 0;
        for (double c : run.series(Observers.COUPLING).column(0)) {
            max = Math.max(max, c);
        }
        return max;
    }

    @Test
    void balancedAlignedModesFollowTheLogisticLaw() {
        Trajectory run = run(Initializations.aligned(S0).create(WIDTHS, TARGET), 6.0);
        double error = worst(run, (i, t) -> ClosedForms.logistic(SIGMAS[i], S0[i], t));
        assertTrue(error <= 1e-9, "largest deviation from the logistic law: " + error);
        // the modes not in the start stay at 0 (rounding only)
        Series modes = run.series(Observers.MODES);
        for (int k = 0; k < modes.size(); k++) {
            assertTrue(Math.abs(modes.get(k, 3)) < 1e-15);
        }
    }

    @Test
    void anAlignedStartStaysAligned() {
        Trajectory run = run(Initializations.aligned(S0).create(WIDTHS, TARGET), 6.0);
        double coupling = maxCoupling(run);
        assertTrue(coupling < 1e-12, "coupling reached " + coupling);
    }

    @Test
    void aRandomStartCouplesSoTheAlignmentCheckCanFail() {
        Trajectory run = run(Initializations.smallGaussian(1e-2, Seed.of(3)).create(WIDTHS, TARGET), 2.0);
        assertTrue(maxCoupling(run) > 1e-2, "coupling " + maxCoupling(run));
    }

    @Test
    void lambdaBalancedAlignedModesFollowTheirLaw() {
        double[] lambda = {0.5, -0.8, 0.3};
        Trajectory run = run(Initializations.aligned(S0, lambda).create(WIDTHS, TARGET), 6.0);
        double error = worst(run, (i, t) -> ClosedForms.lambdaBalanced(SIGMAS[i], lambda[i], S0[i], t));
        assertTrue(error <= 1e-9, "largest deviation from the lambda-balanced law: " + error);
        double logisticError = worst(run, (i, t) -> ClosedForms.logistic(SIGMAS[i], S0[i], t));
        assertTrue(logisticError > 1e-2, "a lambda-balanced start is not logistic: " + logisticError);
        assertTrue(maxCoupling(run) < 1e-12);
    }
}
