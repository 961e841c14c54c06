package org.deeplinear.ode.reliability;

import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.IntegratorSettings;
import org.deeplinear.ode.SampleTimes;
import org.deeplinear.ode.SimulationException;
import org.deeplinear.ode.Simulation;
import org.deeplinear.ode.Trajectory;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.events.EventSpec;
import org.deeplinear.ode.mode.SingleMode;
import org.deeplinear.ode.observe.Observation;
import org.deeplinear.ode.observe.Observer;
import org.deeplinear.ode.observe.Observers;
import org.junit.jupiter.api.Test;

/**
 * Contracts of runs and of their builders that a review of 2026-12-06 found broken; each test fails on the code
 * before it.
 */
class RunContractsTest {

    private static final Target TARGET = Target.random(3, 2, new double[] {2, 1}, Seed.of(3));
    private static final FactorChain ALIGNED =
            Initializations.aligned(new double[] {1e-3, 1e-3}).create(Widths.of(2, 2, 3), TARGET);

    @Test
    void aDecayIsNeverReportedAsADivergence() {
        // sigma = 0: s(t) = s0 / (1 + 2 s0 t) (THEORY.md, off-target decay), bounded. With the default atol 1e-12
        // far above s (5e-25 at t = 1e24) the error control no longer holds the explicit steps stable: a trial step
        // whose stages were finite but whose end overflowed was accepted (error 0 on a zero error scale) and the
        // run ended DIVERGED at t = 5.9e23. Such a step is now rejected, and where the steps the error control
        // allows are too long for the explicit method's stability down to the smallest step the clock resolves (a
        // quadratic decay: its trial stages overflow), the run ends as an integrator that gives up, whichever end
        // time (a review of the stages' matrix products found 1e31 and 1e32 ending DIVERGED at t = 1.56e29, and
        // 3e29 completing: where the trial steps overflow moves with the last bits of the stages)
        for (double end : new double[] {3e29, 1e30, 1e31, 1e32}) {
            try {
                Trajectory run = Simulation.modes(SingleMode.balanced(0, 0.1)).until(end).run();
                assertEquals(Trajectory.Status.COMPLETED, run.status());
            } catch (SimulationException e) {
                assertTrue(e.reason() != SimulationException.Reason.DIVERGED, "until " + end + ": " + e.getMessage());
            }
        }
        // with an absolute tolerance below the solution's scale the same run completes, to the closed form
        Trajectory run = Simulation.modes(SingleMode.balanced(0, 0.1)).until(1e30)
                .integrator(IntegratorSettings.defaults().withTolerances(1e-10, 1e-300)).run();
        assertEquals(Trajectory.Status.COMPLETED, run.status());
        double expected = 0.1 / (1 + 2 * 0.1 * 1e30);
        assertEquals(expected, run.finalModes()[0], 1e-9 * expected);
    }

    @Test
    void sampleTimesAreStrictlyAscendingWhereTheGridIsFinerThanTheClock() {
        // 20,001 samples over [1e12, 1e12 + 1]: 5e-5 apart where doubles are 1.2e-4 apart (11,808 repeats before)
        Trajectory run = Simulation.modes(SingleMode.balanced(2, 0.1)).span(1e12, 1e12 + 1)
                .samples(SampleTimes.uniform(20_001)).observe(Observers.loss()).run();
        double[] times = run.times();
        for (int i = 1; i < times.length; i++) {
            assertTrue(times[i] > times[i - 1], "times[" + i + "] = " + times[i] + " after " + times[i - 1]);
        }
        assertEquals(1e12, times[0]);
        assertEquals(1e12 + 1, times[times.length - 1]);
    }

    @Test
    void equalSingleModesHashAlike() {
        // equals compares sigma with ==, which takes -0.0 for 0.0; the hashes differed
        assertEquals(SingleMode.balanced(0.0, 0.1), SingleMode.balanced(-0.0, 0.1));
        assertEquals(SingleMode.balanced(0.0, 0.1).hashCode(), SingleMode.balanced(-0.0, 0.1).hashCode());
        assertEquals(SingleMode.lambdaBalanced(1, 0.0, 0.1).hashCode(),
                SingleMode.lambdaBalanced(1, -0.0, 0.1).hashCode());
    }

    @Test
    void settingsTheRunCannotTakeAreRefusedWhenBuilt() {
        // a largest step below the clock's resolution spun for ten million evaluations at t = 1; a smallest step
        // longer than the span failed at once as a step-size underflow
        assertRejected("maxStep", () -> Simulation.modes(SingleMode.balanced(2, 0.1)).span(1, 2)
                .integrator(IntegratorSettings.defaults().withStepLimits(0, 1e-20)).build());
        assertRejected("minStep", () -> Simulation.flow(ALIGNED, TARGET).until(0.5)
                .integrator(IntegratorSettings.defaults().withStepLimits(1, 2)).build());
        // a descent ignored the start it was given
        assertRejected("startTime", () -> Simulation.descent(ALIGNED, TARGET, LearningRate.of(0.1), 10)
                .span(5, Double.NaN).build());
        // a norm already above the divergence bound never crosses it: the run completed
        assertRejected("divergence event", () -> Simulation.modes(SingleMode.balanced(2, 5.0)).until(2)
                .event(EventSpec.divergence(1.0)).build());
        // an observer without a name failed only after the run, in Series
        for (String name : new String[] {null, " "}) {
            Observer unnamed = new Observer() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public int width(int modes) {
                    return 1;
                }

                @Override
                public void measure(Observation observation, double[] out) {
                    out[0] = 1;
                }
            };
            assertRejected("observer name", () -> Simulation.flow(ALIGNED, TARGET).until(1).observe(unnamed).build());
        }
    }

    @Test
    void aRunStoppedByAnEventEndsAtItsTime() {
        // the end time and the last sample were Hipparchus's final state's time, an ulp from the event's in most
        // starts of a sweep over s0
        for (double s0 : new double[] {1e-3, 2e-3, 3e-3, 5e-3, 7e-3, 1e-2, 2e-2, 3e-2}) {
            FactorChain start = Initializations.aligned(new double[] {s0, s0}).create(Widths.of(2, 2, 3), TARGET);
            Trajectory run = Simulation.flow(start, TARGET).until(10).samples(SampleTimes.uniform(11))
                    .event(EventSpec.halfTime(0).stopping()).run();
            double[] times = run.times();
            assertEquals(run.events().get(0).time(), run.endTime(), 0.0, "s0 = " + s0);
            assertEquals(run.halfTime(0).getAsDouble(), times[times.length - 1], 0.0, "s0 = " + s0);
        }
    }
}
