package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.events.Crossing;
import org.deeplinear.ode.events.EventRecord;
import org.deeplinear.ode.events.EventSpec;
import org.deeplinear.ode.mode.SingleMode;
import org.junit.jupiter.api.Test;

/**
 * Events located to 1e-10 against the closed forms of THEORY.md: the half-time {@code ln(sigma/s0 - 1)/(2 sigma)},
 * other crossings through the inverse logistic law, the loss level; the max-check interval comes from the problem;
 * watching events does not change the integration.
 */
class EventsTest {

    private static final double SIGMA = 2.0;
    private static final double S0 = 1e-4;
    private static final Target TARGET = Target.random(4, 3, new double[] {SIGMA, 1.0}, Seed.of(31));
    private static final FactorChain ALIGNED =
            Initializations.aligned(new double[] {S0, S0}).create(Widths.of(3, 2, 4), TARGET);
    private static final IntegratorSettings TIGHT = IntegratorSettings.defaults().withTolerances(1e-12, 1e-14);

    @Test
    void halfTimeOfAnAlignedBalancedModeIsTheClosedForm() {
        Trajectory run = Simulation.flow(Model.of(ALIGNED, TARGET)).until(8).integrator(TIGHT).halfTimes().run();
        assertEquals(ClosedForms.halfTime(SIGMA, S0), run.halfTime(0).orElseThrow(), 1e-10);
        assertEquals(ClosedForms.halfTime(1.0, S0), run.halfTime(1).orElseThrow(), 1e-10);
        // the same through the single-mode equation
        Trajectory mode = Simulation.modes(SingleMode.balanced(SIGMA, S0)).until(8).integrator(TIGHT).halfTimes()
                .run();
        assertEquals(ClosedForms.halfTime(SIGMA, S0), mode.halfTime(0).orElseThrow(), 1e-10);
    }

    @Test
    void otherFractionsFollowTheInverseLogisticLaw() {
        Trajectory run = Simulation.modes(SingleMode.balanced(SIGMA, S0)).until(8).integrator(TIGHT)
                .event(EventSpec.modeCrossing(0, 0.1), EventSpec.modeCrossing(0, 0.9)).run();
        assertEquals(ClosedForms.logisticTime(SIGMA, S0, 0.1 * SIGMA), run.firstCrossing(0, 0.1).orElseThrow(), 1e-10);
        assertEquals(ClosedForms.logisticTime(SIGMA, S0, 0.9 * SIGMA), run.firstCrossing(0, 0.9).orElseThrow(), 1e-10);
        assertTrue(run.halfTime(0).isEmpty(), "the half-time was not watched");
    }

    @Test
    void aModeAboveSigmaCrossesDownward() {
        double s0 = 2 * SIGMA;
        Trajectory down = Simulation.modes(SingleMode.balanced(SIGMA, s0)).until(3).integrator(TIGHT)
                .event(EventSpec.modeCrossing(0, 1.5, Crossing.DOWN)).run();
        assertEquals(1, down.events().size());
        assertEquals(ClosedForms.logisticTime(SIGMA, s0, 1.5 * SIGMA), down.events().get(0).time(), 1e-10);
        Trajectory up = Simulation.modes(SingleMode.balanced(SIGMA, s0)).until(3).integrator(TIGHT)
                .event(EventSpec.modeCrossing(0, 1.5, Crossing.UP)).run();
        assertTrue(up.events().isEmpty(), "no upward crossing when s decreases to sigma");
    }

    @Test
    void lossBelowALevelCanStopTheRunAtTheRightTime() {
        // a level where ds/dt is of order 1, so that the time is as well conditioned as the state
        double level = 0.1;
        Trajectory run = Simulation.modes(SingleMode.balanced(SIGMA, S0)).until(20).integrator(TIGHT)
                .event(EventSpec.lossBelow(level).stopping()).run();
        // loss = (sigma - s)^2 / 2 = level at s = sigma - sqrt(2 level)
        double expected = ClosedForms.logisticTime(SIGMA, S0, SIGMA - Math.sqrt(2 * level));
        assertEquals(Trajectory.Status.STOPPED_BY_EVENT, run.status());
        assertEquals(expected, run.endTime(), 1e-10);
        assertEquals(level, run.finalLoss(), 1e-12);
    }

    @Test
    void imbalanceDriftIsCaughtUnderDescentButNotUnderFlow() {
        Target target = Target.random(4, 3, new double[] {2.0, 1.0}, Seed.of(32));
        FactorChain start = Initializations.smallGaussian(0.5, Seed.of(33)).create(Widths.of(3, 3, 4), target);
        EventSpec drift = EventSpec.imbalanceDriftAbove(1e-6);
        Trajectory descent = Simulation.descent(start, target, LearningRate.of(0.05), 200).event(drift).run();
        assertEquals(1, descent.events().size());
        EventRecord first = descent.events().get(0);
        assertEquals(0.0, Math.IEEEremainder(first.time(), 0.05), 1e-12, "descent events land on iterates");
        Trajectory flow = Simulation.flow(start, target).until(10).integrator(TIGHT).event(drift).run();
        assertTrue(flow.events().isEmpty());
    }

    @Test
    void theMaxCheckIntervalComesFromTheProblem() {
        Simulation simulation = Simulation.flow(Model.of(ALIGNED, TARGET)).until(100).halfTimes().build();
        assertEquals(0.25 / SIGMA, simulation.maxCheckInterval(), 0.0);
        Simulation shortRun = Simulation.flow(Model.of(ALIGNED, TARGET)).until(1).build();
        assertEquals(0.01, shortRun.maxCheckInterval(), 1e-18);
        assertEquals(3.0, Simulation.flow(Model.of(ALIGNED, TARGET)).until(1).maxCheckInterval(3.0).build()
                .maxCheckInterval(), 0.0);
    }

    @Test
    void watchingEventsDoesNotChangeTheIntegration() {
        Trajectory plain = Simulation.flow(Model.of(ALIGNED, TARGET)).until(8).run();
        Trajectory watched = Simulation.flow(Model.of(ALIGNED, TARGET)).until(8).halfTimes()
                .event(EventSpec.lossBelow(0.1)).run();
        assertEquals(3, watched.events().size());
        assertEquals(plain.statistics().acceptedSteps(), watched.statistics().acceptedSteps());
        assertArrayEquals(plain.finalFactors().orElseThrow().toState(), watched.finalFactors().orElseThrow().toState());
    }
}
