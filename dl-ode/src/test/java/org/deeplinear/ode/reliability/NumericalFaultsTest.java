package org.deeplinear.ode.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.IntegratorSettings;
import org.deeplinear.ode.SampleTimes;
import org.deeplinear.ode.Simulation;
import org.deeplinear.ode.SimulationException;
import org.deeplinear.ode.Trajectory;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.mode.SingleMode;
import org.deeplinear.ode.observe.Observers;
import org.deeplinear.ode.observe.Series;
import org.junit.jupiter.api.Test;

/**
 * Numerical faults end in the documented {@link SimulationException} that names the time reached and carries what
 * was measured up to then (all of it finite), or run to a finite end: never NaN results, never a hung run (each
 * test has a generous hang guard; none comes near it). Divergent descent, an integrator that gives up (step size,
 * evaluation budget), an overflow in a law's parameters, starts at overflowing scales, and rank-deficient or
 * ill-conditioned targets.
 */
class NumericalFaultsTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final Target TARGET = Target.random(5, 4, new double[] {3.0, 1.0}, Seed.of(71));
    private static final FactorChain START =
            Initializations.smallGaussian(1e-2, Seed.of(72)).create(Widths.of(4, 3, 5), TARGET);

    /** Every recorded number is finite; the trajectory ends where the exception says. */
    static void finiteUpTo(SimulationException e) {
        Trajectory partial = e.trajectory();
        assertEquals(Trajectory.Status.FAILED, partial.status());
        assertEquals(e.time(), partial.endTime(), 0.0, "the trajectory ends at the time reported");
        assertTrue(e.getMessage().contains("t = " + e.time()), e.getMessage());
        assertTrue(Double.isFinite(e.time()));
        finite(partial, 0);
    }

    /**
     * No recorded sample holds a NaN, and none an infinity except, in the last {@code overflowing} samples, a
     * loss that overflowed (descent records the iterate whose loss overflows, then stops); the initial summary is
     * finite.
     */
    static void finite(Trajectory run, int overflowing) {
        for (double t : run.times()) {
            assertTrue(Double.isFinite(t));
        }
        for (Map.Entry<String, Series> s : run.allSeries().entrySet()) {
            for (int c = 0; c < s.getValue().width(); c++) {
                double[] column = s.getValue().column(c);
                for (int i = 0; i < column.length; i++) {
                    boolean mayOverflow = s.getKey().equals(Observers.LOSS) && i >= column.length - overflowing;
                    boolean ok = mayOverflow ? column[i] == Double.POSITIVE_INFINITY || Double.isFinite(column[i])
                            : Double.isFinite(column[i]);
                    assertTrue(ok, s.getKey() + "[" + i + "][" + c + "] = " + column[i] + " at t = "
                            + run.times()[i]);
                }
            }
        }
        assertTrue(Double.isFinite(run.initialLoss()));
        for (double s : run.initialModes()) {
            assertTrue(Double.isFinite(s));
        }
        assertFalse(Double.isNaN(run.finalLoss()), "final loss " + run.finalLoss());
    }

    private static SimulationException fails(Simulation.Builder builder) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(SimulationException.class, builder::run));
    }

    @Test
    void divergentDescentEndsWithTheStepReachedAndFiniteSamples() {
        double eta = 1.0; // eta sigma_max = 3 > 2: past the stability threshold of THEORY.md
        SimulationException e = fails(Simulation.descent(START, TARGET, LearningRate.of(eta), 1_000_000)
                .samples(SampleTimes.every(eta)).observe(Observers.loss(), Observers.modes()));
        assertEquals(SimulationException.Reason.DIVERGED, e.reason());
        assertTrue(e.getMessage().contains("step "), e.getMessage());
        long steps = e.trajectory().statistics().acceptedSteps();
        assertEquals(steps * eta, e.time(), 0.0, "t = eta * step");
        // the step named is the iterate whose loss overflowed, the one at e.time() (it said the next one)
        assertTrue(e.getMessage().contains("non-finite at step " + steps + " "), e.getMessage());
        assertTrue(steps > 3 && steps < 10_000, "diverged after " + steps + " steps");
        assertEquals(Trajectory.Status.FAILED, e.trajectory().status());
        assertTrue(e.getMessage().contains("t = " + e.time()), e.getMessage());
        finite(e.trajectory(), 1);
        // it measured every iterate up to the failure, and they grew
        double[] loss = e.trajectory().series(Observers.LOSS).column(0);
        assertEquals(steps + 1, loss.length);
        assertTrue(loss[loss.length - 1] > 1e100 * loss[0], "loss grew from " + loss[0] + " to "
                + loss[loss.length - 1]);
    }

    @Test
    void anIntegratorThatUnderflowsItsStepGivesUpWithTheTimeReached() {
        IntegratorSettings tooTight = IntegratorSettings.defaults().withTolerances(1e-13, 1e-16).withStepLimits(0.2, 1);
        SimulationException e = fails(Simulation.flow(START, TARGET).until(5).integrator(tooTight)
                .samples(SampleTimes.uniform(51)));
        assertEquals(SimulationException.Reason.STEP_SIZE_UNDERFLOW, e.reason());
        finiteUpTo(e);
    }

    @Test
    void anIllConditionedTargetExhaustsAnEvaluationBudgetInsteadOfRunningForever() {
        // sigma_max / sigma_min = 1e12: the explicit integrator's step is held near 1/(4 sigma_max) by stability
        Target stiff = Target.random(4, 4, new double[] {1e6, 1.0, 1e-6}, Seed.of(73));
        FactorChain start = Initializations.smallGaussian(1e-2, Seed.of(74)).create(Widths.of(4, 4, 4), stiff);
        SimulationException e = fails(Simulation.flow(start, stiff).until(100)
                .integrator(IntegratorSettings.defaults().withMaxEvaluations(50_000))
                .samples(SampleTimes.uniform(101)).observe(Observers.loss(), Observers.modes(), Observers.coupling()));
        assertEquals(SimulationException.Reason.TOO_MANY_EVALUATIONS, e.reason());
        assertTrue(e.time() > 0 && e.time() < 100, "reached " + e.time());
        finiteUpTo(e);
        // by then the top mode was learnt: s_1 is within 1e-6 of sigma_1 = 1e6 (relative)
        double[] modes = e.trajectory().finalModes();
        assertEquals(1e6, modes[0], 1.0);
    }

    @Test
    void aRankDeficientTargetIsLearntWithoutNaN() {
        // A* = 2 u v^T, rank 1 in 4 x 3: the zero singular values give zero modes, coupling is defined at A = 0
        double[] u = {0.5, 0.5, 0.5, 0.5};
        double[] v = {0.6, 0.8, 0.0};
        double[][] a = new double[4][3];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                a[i][j] = 2 * u[i] * v[j];
            }
        }
        Target rankOne = Target.of(Matrix.of("A*", a));
        assertEquals(1, rankOne.spectrum().rank(1e-12));
        FactorChain zeroStart = Initializations.aligned(new double[] {0.0}).create(Widths.of(3, 2, 4), rankOne);
        FactorChain smallStart = Initializations.smallGaussian(1e-3, Seed.of(75)).create(Widths.of(3, 2, 4), rankOne);
        for (FactorChain start : new FactorChain[] {zeroStart, smallStart}) {
            Trajectory run = assertTimeoutPreemptively(HANG_GUARD, () -> Simulation.flow(start, rankOne).until(20)
                    .observe(Observers.loss(), Observers.modes(), Observers.coupling(), Observers.imbalanceNorm())
                    .halfTimes().run());
            finite(run, 0);
            assertEquals(Trajectory.Status.COMPLETED, run.status());
        }
    }

    @Test
    void aSingleModeWhoseRateOverflowsDivergesWithTheTimeReached() {
        // depth 100: ds/dt = 100 s^1.98 (sigma - s), sigma = 1e150; the loss (sigma - s)^2 / 2 <= 5e299 stays
        // finite, the rate passes 1.8e308 once s^1.98 passes ~1e156 / 100, long before s reaches sigma
        SimulationException e = fails(Simulation.modes(SingleMode.depth(100, 1e150, 1.0)).until(1));
        assertEquals(SimulationException.Reason.DIVERGED, e.reason());
        finiteUpTo(e);
        // lambda-balanced: sqrt(lambda^2 + 4 s^2) (sigma - s) = 1e300 * 1e150 overflows at once: the start has no
        // finite rate, refused when the simulation is built (it was a "divergence" at t = 0)
        IllegalArgumentException atOnce = assertThrows(IllegalArgumentException.class,
                () -> Simulation.modes(SingleMode.lambdaBalanced(1e150, 1e300, 1.0)).until(1).build());
        assertTrue(atOnce.getMessage().startsWith("initial rate = non-finite: expected a finite derivative"),
                atOnce.getMessage());
    }

    @Test
    void lawParametersWhoseLossOverflowsAreRefusedBeforeTheRun() {
        // 1/2 (sigma - s0)^2 with sigma = 1e300 is 5e599: no double; refused as Model.of refuses such models
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Simulation.modes(SingleMode.balanced(1e300, 1.0)).until(1).build());
        assertTrue(e.getMessage().startsWith("loss = Infinity: expected a finite initial loss"), e.getMessage());
    }

    @Test
    void startsAtOverflowingScalesAreRefusedBeforeTheRun() {
        // entries of 1e160: the loss (1e160)^4 overflows a double; the run cannot start from it
        FactorChain huge = Initializations.smallGaussian(1e160, Seed.of(76)).create(Widths.of(4, 3, 5), TARGET);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Simulation.flow(huge, TARGET).until(1).build());
        // (Infinity or NaN, as the overflowing products meet)
        assertTrue(e.getMessage().startsWith("loss = ") && e.getMessage().contains(": expected a finite initial loss"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Simulation.descent(huge, TARGET, LearningRate.of(0.1), 10).build());
    }

    @Test
    void aLargeUnbalancedStartStaysStiffAndExhaustsItsBudgetWithFiniteData() {
        // entries of 1e40 (loss ~ 1e160, finite): the flow conserves W^T W - U U^T (THEORY.md identity 2), of
        // order 1e80, so the factors cannot shrink and the explicit step stays near 1e-80: only a budget ends it
        FactorChain large = Initializations.smallGaussian(1e40, Seed.of(77)).create(Widths.of(4, 3, 5), TARGET);
        SimulationException e = fails(Simulation.flow(large, TARGET).until(1)
                .integrator(IntegratorSettings.defaults().withMaxEvaluations(50_000)));
        assertEquals(SimulationException.Reason.TOO_MANY_EVALUATIONS, e.reason());
        assertTrue(e.time() < 1e-60, "reached " + e.time());
        finiteUpTo(e);
    }
}
