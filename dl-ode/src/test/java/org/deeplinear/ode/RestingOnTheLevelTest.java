package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.deeplinear.core.model.Model;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.events.Crossing;
import org.deeplinear.ode.events.EventSpec;
import org.deeplinear.ode.mode.SingleMode;
import org.junit.jupiter.api.Test;

/**
 * An event whose function is exactly 0 at the start, or stays 0, crosses nothing (API audit of 2026-12-07: a flow
 * watching such an event looped inside Hipparchus, stepping past the zero half the time accuracy at a time, until
 * the heap ran out). The runs are bounded by a timeout so that a regression fails instead of hanging the build.
 */
class RestingOnTheLevelTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    /** A flow of one mode at its fixed point, s = sigma: ds/dt = 2 s (sigma - s) is exactly 0 in doubles. */
    @Test
    void aModeAtRestOnTheLevelRecordsNothing() {
        Trajectory run = assertTimeoutPreemptively(BOUND, () -> Simulation.modes(SingleMode.balanced(1, 1.0))
                .until(5).event(EventSpec.modeCrossing(0, 1.0, Crossing.EITHER)).run());
        assertTrue(run.events().isEmpty(), run.events().toString());
        assertEquals(1.0, run.finalModes()[0], 0.0);
    }

    /**
     * Zero factors are a stationary point (both gradients are products with a zero factor), so the loss stays
     * 1/2 ||A*||^2 exactly: a loss level equal to it is a function that is 0 throughout. Descent, which checks at
     * every iterate, records nothing there either.
     */
    @Test
    void aLossLevelEqualToAStationaryStartsLossRecordsNothing() {
        Model model = EventFunctionValuesTest.alignedTwoModes(0);
        EventSpec level = EventSpec.lossBelow(model.loss());
        Trajectory flow = assertTimeoutPreemptively(BOUND, () -> Simulation.flow(model).until(1).event(level).run());
        assertTrue(flow.events().isEmpty(), flow.events().toString());
        Trajectory descent = Simulation.descent(model, LearningRate.of(0.1), 10).event(level).run();
        assertTrue(descent.events().isEmpty(), descent.events().toString());
    }

    @Test
    void aFunctionThatIsZeroThroughoutRecordsNothing() {
        EventSpec zero = EventSpec.custom("zero", o -> 0.0, Crossing.EITHER);
        Trajectory run = assertTimeoutPreemptively(BOUND, () -> Simulation.modes(SingleMode.balanced(2, 1e-3))
                .until(5).event(zero).run());
        assertTrue(run.events().isEmpty(), run.events().toString());
    }

    /**
     * A function at rest on 0 from the start, then leaving it upward at t = 1: no crossing, in the flow as in
     * descent (an iterate on the level is on neither side, so the first iterate above it is not an upward crossing);
     * a second, real crossing later is recorded by both.
     */
    @Test
    void leavingARestOnTheLevelIsNotACrossingButALaterCrossingIs() {
        EventSpec late = EventSpec.custom("late", o -> o.time() <= 1 ? 0.0 : Math.sin(Math.PI * (o.time() - 1)),
                Crossing.EITHER);
        Trajectory flow = assertTimeoutPreemptively(BOUND, () -> Simulation.modes(SingleMode.balanced(2, 1e-3))
                .until(2.5).event(late).run());
        // sin(pi (t - 1)) > 0 on (1, 2), crosses 0 downward at t = 2
        assertEquals(1, flow.events().size(), flow.events().toString());
        // located to the flow's event accuracy (1e-12) on an integration of its own accuracy; 1e-10 covers both
        assertEquals(2.0, flow.events().get(0).time(), 1e-10);
        assertTrue(!flow.events().get(0).increasing(), "downward at t = 2");

        // eta = 1/8 is exact: the iterates' times k/8 meet t = 1 exactly; at t = 2, sin(pi) rounds to 1.2e-16 > 0,
        // so descent records the crossing at the next iterate, 17/8
        Trajectory descent = Simulation.descent(EventFunctionValuesTest.alignedTwoModes(1e-3), LearningRate.of(0.125),
                20).event(late).run();
        assertEquals(1, descent.events().size(), descent.events().toString());
        assertEquals(2.125, descent.events().get(0).time(), 0.0);
        assertTrue(!descent.events().get(0).increasing(), "downward");
    }

    /**
     * Reaching the level and resting on it crosses nothing, from below or from above (review of 2026-12-07: from
     * below the flow failed, "interval does not bracket a root", the same time having given 0 and then a side);
     * g = min(t - 1, 0) rests from t = 1; g = 0 outside (1, 2) and (t - 1)(2 - t) > 0 inside comes down onto it.
     */
    @Test
    void reachingTheLevelAndRestingThereIsNotACrossing() {
        EventSpec fromBelow = EventSpec.custom("below", o -> Math.min(o.time() - 1, 0.0), Crossing.EITHER);
        EventSpec bump = EventSpec.custom("bump", o -> o.time() <= 1 || o.time() >= 2 ? 0.0
                : (o.time() - 1) * (2 - o.time()), Crossing.EITHER);
        EventSpec fromAbove = EventSpec.custom("above", o -> Math.max(1 - o.time(), 0.0), Crossing.EITHER);
        for (EventSpec e : List.of(fromBelow, bump, fromAbove)) {
            Trajectory run = assertTimeoutPreemptively(BOUND, () -> Simulation.modes(SingleMode.balanced(2, 1e-3))
                    .until(5).event(e).run());
            assertTrue(run.events().isEmpty(), e + ": " + run.events());
        }
        // nor at the instant another event stops the run (review: the stop's instant read the function itself, 0,
        // and recorded the resting event there as an upward crossing)
        EventSpec stop = EventSpec.custom("stop", o -> o.time() - 3, Crossing.EITHER).stopping();
        Trajectory stopped = assertTimeoutPreemptively(BOUND, () -> Simulation.modes(SingleMode.balanced(2, 1e-3))
                .until(5).event(fromBelow).event(stop).run());
        assertEquals(1, stopped.events().size(), stopped.events().toString());
        assertEquals("stop", stopped.events().get(0).event().name());
    }

    /**
     * A start exactly on the level that leaves it is not a crossing, up or down (as gradient descent counts: an
     * iterate on the level is on neither side): s0 = 1 = sigma/2 rises (sigma = 2), s0 = 3 = 1.5 sigma falls to
     * sigma; the levels are exact in doubles (0.5 x 2, 1.5 x 2).
     */
    @Test
    void aStartOnTheLevelThatLeavesItIsNotACrossing() {
        Trajectory up = assertTimeoutPreemptively(BOUND, () -> Simulation.modes(SingleMode.balanced(2, 1.0))
                .until(3).event(EventSpec.modeCrossing(0, 0.5, Crossing.EITHER)).run());
        assertTrue(up.events().isEmpty(), up.events().toString());
        // logistic from s0 = 1 = sigma/2 (t_half = 0): at t = 3, sigma - s = 2/(1 + e^12) = 1.2e-5 (THEORY.md)
        assertTrue(up.finalModes()[0] > 1.9, "s rose toward sigma = 2");
        Trajectory down = assertTimeoutPreemptively(BOUND, () -> Simulation.modes(SingleMode.balanced(2, 3.0))
                .until(3).event(EventSpec.modeCrossing(0, 1.5, Crossing.EITHER)).run());
        assertTrue(down.events().isEmpty(), down.events().toString());
    }
}
