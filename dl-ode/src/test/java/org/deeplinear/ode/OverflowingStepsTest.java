package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.mode.SingleMode;
import org.junit.jupiter.api.Test;

/**
 * The default integrator's trial steps: one too long for the flow can overflow in a stage; that rejects the step
 * (as a too-large error does) instead of ending the run, and only a flow faster than the clock can resolve ends
 * it, promptly and with the right reason.
 */
class OverflowingStepsTest {

    /** Depth 4, sigma_max = 10: a stiff flow, its steps near the explicit stability limit. */
    private static final Target TARGET = Target.random(6, 5, new double[] {10, 3.3, 1}, Seed.of(1));
    private static final FactorChain START = Initializations.smallGaussian(0.1, Seed.of(101))
            .create(Widths.of(5, 7, 7, 7, 6), TARGET);

    /** The flow to T = 5 with the given settings. */
    private static Trajectory stiffFlow(IntegratorSettings settings) {
        return Simulation.flow(START, TARGET).until(5).samples(SampleTimes.none()).integrator(settings).run();
    }

    @Test
    void aTrialStepThatOverflowsIsRejectedAndTheFlowGoesOn() {
        // depth 4, sigma_max = 10: the flow is stiff (its steps hover near the explicit stability limit), and at
        // tolerance 1e-3 a step grown tenfold overflows in its stages (measured: 3 trial steps, the first from
        // t = 0.2288). Before trial overflows were rejections, this run (its draw before Seed mixed its value)
        // ended as DIVERGED at t = 0.2589 (overflow in a trial step to t = 1.565); so did every seed 1..12 at
        // tolerances 1e-2, 3e-3, 1e-3 and 3e-4 (review of 2026-11-28), while tighter tolerances converge.
        Trajectory loose = stiffFlow(IntegratorSettings.defaults().withTolerances(1e-3, 1e-3));
        assertEquals(Trajectory.Status.COMPLETED, loose.status());
        assertTrue(loose.statistics().rejectedSteps().orElseThrow() > 0, loose.statistics().toString());
        // an independent reference: Hipparchus's classical Runge-Kutta with a fixed step of 1e-4 (h lambda_max
        // about 0.013 for the Hessian's largest eigenvalue, about 4 sigma_max^(3/2) = 126)
        Trajectory reference = stiffFlow(
                IntegratorSettings.fixedStep(IntegratorSettings.Method.CLASSICAL_RUNGE_KUTTA, 1e-4));
        // measured: 0.49944922 against 0.49943380, 3.1e-5 relative, within the loose run's tolerance
        assertEquals(reference.finalLoss(), loose.finalLoss(), 1e-4 * reference.finalLoss());
        assertTrue(loose.finalLoss() < loose.initialLoss());
    }

    @Test
    void hipparchusDormandPrince54RejectsAnOverflowingTrialStepToo() {
        // the same flow with the 5(4) pair: before, DIVERGED at t = 0.539 (overflow in a trial step to t = 1.22);
        // over seeds 1..30 at tolerances 1e-2, 3e-3, 1e-3, 3e-4, 97 of the 120 runs ended so; none does now
        Trajectory run = stiffFlow(
                IntegratorSettings.adaptive(IntegratorSettings.Method.DORMAND_PRINCE_54, 1e-3, 1e-3));
        assertEquals(Trajectory.Status.COMPLETED, run.status());
        assertTrue(run.statistics().rejectedSteps().orElseThrow() > 0, run.statistics().toString());
        Trajectory reference = stiffFlow(
                IntegratorSettings.fixedStep(IntegratorSettings.Method.CLASSICAL_RUNGE_KUTTA, 1e-4));
        // at tolerance 1e-3 the 5(4) pair's result moves with the last bits of the problem: 0.50141 against the
        // reference's 0.49997 (2.9e-3) once the target's bases changed by an ulp (a faster norm in their
        // Gram-Schmidt), within 1e-3 before (the draw before Seed mixed its value; this one's: 0.49951 against
        // 0.49943, 1.4e-4); the bound says "converges to the reference at its tolerance's reach"
        assertEquals(reference.finalLoss(), run.finalLoss(), 1e-2 * reference.finalLoss());
        // and a rate that overflows in finite time still ends as a divergence, promptly
        SimulationException e = assertThrows(SimulationException.class,
                () -> Simulation.modes(SingleMode.depth(100, 1e150, 1e-150)).until(1)
                        .integrator(IntegratorSettings.adaptive(IntegratorSettings.Method.DORMAND_PRINCE_54, 1e-10,
                                1e-12)).run());
        assertEquals(SimulationException.Reason.DIVERGED, e.reason());
        assertTrue(e.trajectory().statistics().evaluations() < 10_000, e.trajectory().statistics().toString());
    }

    @Test
    void aRateThatOverflowsInFiniteTimeStillEndsPromptlyAsDiverged() {
        // depth 100: ds/dt = 100 s^1.98 (sigma - s), sigma = 1e150, s0 = 1e-150: while s << sigma it blows up at
        // t* = s0^-0.98 / (0.98 * 100 sigma) = 1.02e-5, and its rate overflows (s^1.98 > 1e156 / 100) on the way.
        // Trial steps overflow ever closer to that point: the step shrinks to a few ulps of t, then the overflow is
        // reported (measured: 159 evaluations, 3 accepted and 25 rejected steps). Rejecting overflows without that
        // floor on the step would creep towards the overflow until the budget of ten million evaluations.
        SimulationException e = assertThrows(SimulationException.class,
                () -> Simulation.modes(SingleMode.depth(100, 1e150, 1e-150)).until(1).run());
        assertEquals(SimulationException.Reason.DIVERGED, e.reason());
        assertTrue(e.time() > 0 && e.time() < 1e-4, "ended at " + e.time());
        assertTrue(e.trajectory().statistics().evaluations() < 1_000, e.trajectory().statistics().toString());
    }

    @Test
    void anOverflowAtTheSmallestStepIsADivergenceWhereTheNormGrows() {
        // where the last step tried overflows, the state's norm decides (review of 2026-12-06). A blow-up beside a
        // stiff decay: the depth-100 mode above with a lambda-balanced mode decaying at a rate of 1e8 (sigma = 0,
        // lambda = 1e8, s0 = 1). A first rule, the Rayleigh quotient <k_1 - k_0, k_0> over the state, was swayed
        // by the decaying mode's rate and ended STEP_SIZE_UNDERFLOW at an overflowing trial; now the step of four
        // ulps tried last at 1.02e-5 is rejected by its error, not by an overflow: the clock cannot resolve the
        // blow-up there (measured: STEP_SIZE_UNDERFLOW at t = 1.0206e-5). Either way the run ends at the blow-up
        SimulationException e = assertThrows(SimulationException.class,
                () -> Simulation.modes(SingleMode.lambdaBalanced(0, 1e8, 1), SingleMode.depth(100, 1e150, 1e-150))
                        .until(1).run());
        assertTrue(e.reason() == SimulationException.Reason.DIVERGED
                || e.reason() == SimulationException.Reason.STEP_SIZE_UNDERFLOW, e.getMessage());
        assertTrue(e.time() > 0 && e.time() < 1e-4, "ended at " + e.time());
        // the same blow-up where the smallest step allowed (1e-9) is longer than the clock's: still a divergence
        // (the minimal-step error came first, before the floor counted the smallest step allowed)
        SimulationException limited = assertThrows(SimulationException.class,
                () -> Simulation.modes(SingleMode.depth(100, 1e150, 1e-150)).until(1)
                        .integrator(IntegratorSettings.defaults().withStepLimits(1e-9, Double.POSITIVE_INFINITY))
                        .run());
        assertEquals(SimulationException.Reason.DIVERGED, limited.reason(), limited.getMessage());
        // a decay from 1e150, whose rate over its scale overflows Hipparchus's first-step estimate (a NaN step):
        // it ended DIVERGED at t = 0 after two evaluations; now the floor's step is tried, and the run completes
        // to the closed form s(1) = s0 / (1 + 2 s0) = 0.5 to rounding (THEORY.md, off-target decay)
        Trajectory decay = Simulation.modes(SingleMode.balanced(0, 1e150)).until(1).run();
        assertEquals(Trajectory.Status.COMPLETED, decay.status());
        assertEquals(1e150 / (1 + 2e150), decay.finalModes()[0], 1e-9);
    }

    @Test
    void aFlowFasterThanTheClockCanResolveEndsInStepSizeUnderflow() {
        // lambda-balanced, lambda = 1e12: ds/dt = sqrt(lambda^2 + 4 s^2) (sigma - s), a rate of 1e12 near s = 0;
        // started at t = 1e6, where one ulp of t is 1.16e-10, the steps it needs (about 1e-12) cannot move the
        // clock. The first trial steps overflow and are rejected; shorter ones stay finite (the rate is about linear
        // in s), and the error control shrinks them until the step is below 4 ulps of t: STEP_SIZE_UNDERFLOW
        // (measured: 56 evaluations, 7 rejected steps). Before, that first overflow was reported as DIVERGED.
        SimulationException e = assertThrows(SimulationException.class,
                () -> Simulation.modes(SingleMode.lambdaBalanced(1.0, 1e12, 0.0)).span(1e6, 1e6 + 1)
                        .samples(SampleTimes.none()).run());
        assertEquals(SimulationException.Reason.STEP_SIZE_UNDERFLOW, e.reason());
        assertEquals(1e6, e.time(), 0.0);
        assertTrue(e.trajectory().statistics().evaluations() < 1_000, e.trajectory().statistics().toString());
    }
}
