package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.events.Crossing;
import org.deeplinear.ode.events.EventRecord;
import org.deeplinear.ode.events.EventSpec;
import org.deeplinear.ode.mode.SingleMode;
import org.junit.jupiter.api.Test;

/**
 * An event's function is located by its sign alone, whatever its scale; where its sign is undefined (NaN) the run
 * ends and says which event and when, keeping what it recorded (review of 2026-12-07: a function below about 1e-162
 * near its root failed the flow, "failed to find root"; a NaN was ignored, or failed a flow with Hipparchus's
 * "internal error, please fill a bug report", or silenced the event in descent for the rest of the run).
 */
class EventFunctionValuesTest {

    /** Far beyond these runs' fraction of a second: only against a regression that hangs, as the old code did. */
    private static final Duration BOUND = Duration.ofSeconds(60);
    /**
     * The root of every scaled function below (arbitrary, inside the runs' span and off their steps' ends):
     * {@code scale (t - ROOT)} changes sign at ROOT exactly.
     */
    private static final double ROOT = 1.2345;

    /** 2 x 2 layers toward diag(2, 1), both modes aligned and balanced from {@code s0} (RestingOnTheLevelTest's). */
    static Model alignedTwoModes(double s0) {
        Matrix identity = Matrix.of(new double[][] {{1, 0}, {0, 1}});
        Target target = Target.fromSpectrum(new double[] {2, 1}, identity, identity);
        return Model.of(Initializations.aligned(new double[] {s0, s0}).create(Widths.of(2, 2, 2), target), target);
    }

    private static Simulation.Builder aMode() {
        return Simulation.modes(SingleMode.balanced(2, 1e-3)).until(3);
    }

    /**
     * {@code scale (t - ROOT)} for scales on both sides of where Hipparchus's bracketing tests, which multiply two
     * values of the function, underflowed to 0: two values near 1e-162 multiply to about MIN_VALUE = 4.9e-324
     * (1e-200 and 1e-300 below it, their values still normal doubles; 1e300 far above, whose products overflow to
     * infinity with the right sign). The flow locates each within its time accuracy, upward.
     */
    @Test
    void aFunctionOfAnyScaleIsLocatedAtItsRoot() {
        for (double scale : new double[] {1, 1e-100, 1e-200, 1e-300, 1e300}) {
            EventSpec e = EventSpec.custom("scaled", o -> scale * (o.time() - ROOT), Crossing.EITHER);
            Trajectory run = assertTimeoutPreemptively(BOUND, () -> aMode().event(e).run());
            assertEquals(1, run.events().size(), scale + ": " + run.events());
            assertEquals(ROOT, run.events().get(0).time(), EventSpec.TIME_ACCURACY, "scale " + scale);
            assertTrue(run.events().get(0).increasing(), "scale " + scale);
        }
    }

    /**
     * A function that is NaN from t = 1 on, coming from either side, ends the flow with
     * {@link SimulationException.Reason#UNDEFINED_EVENT_FUNCTION}: at the last accepted state before it (t <= 1),
     * the message naming the event, and an event recorded before it (t - 1/2 crosses at 1/2) kept.
     */
    @Test
    void aNaNFunctionEndsTheFlowAndSaysWhichAndWhen() {
        EventSpec half = EventSpec.custom("half", o -> o.time() - 0.5, Crossing.EITHER);
        for (double before : new double[] {-1, 1}) {
            EventSpec bad = EventSpec.custom("bad", o -> o.time() < 1 ? before : Double.NaN, Crossing.EITHER);
            SimulationException e = assertThrows(SimulationException.class,
                    () -> assertTimeoutPreemptively(BOUND, () -> aMode().event(half).event(bad).run()));
            assertEquals(SimulationException.Reason.UNDEFINED_EVENT_FUNCTION, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("event bad is NaN"), e.getMessage());
            assertTrue(e.time() <= 1 && e.time() > 0.5, e.getMessage());
            assertEquals(Trajectory.Status.FAILED, e.trajectory().status());
            List<EventRecord> kept = e.trajectory().events();
            assertEquals(1, kept.size(), kept.toString());
            assertEquals(0.5, kept.get(0).time(), EventSpec.TIME_ACCURACY);
        }
    }

    /**
     * Descent ends at the iterate where the function is NaN: with eta = 1/8 (exact), iterate 8 is at t = 1, the
     * crossing of t - 1/2 at iterate 4 (t = 1/2, where the function is 0 after -1/8: an upward crossing) is kept.
     */
    @Test
    void aNaNFunctionEndsDescentAtThatIterate() {
        Model small = alignedTwoModes(1e-3);
        EventSpec half = EventSpec.custom("half", o -> o.time() - 0.5, Crossing.EITHER);
        EventSpec bad = EventSpec.custom("bad", o -> o.time() < 1 ? -1 : Double.NaN, Crossing.EITHER);
        SimulationException e = assertThrows(SimulationException.class, () -> Simulation.descent(
                small, LearningRate.of(0.125), 20).event(half).event(bad).run());
        assertEquals(SimulationException.Reason.UNDEFINED_EVENT_FUNCTION, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("event bad is NaN at step 8"), e.getMessage());
        assertEquals(1.0, e.time(), 0.0);
        assertEquals(1.0, e.trajectory().endTime(), 0.0);
        assertEquals(List.of(0.5), e.trajectory().events().stream().map(EventRecord::time).toList());
    }

    /**
     * An event that stops the run wins over a function undefined at or after that instant (review of 2026-12-07: a
     * NaN later in the stop's step failed the flow, the stop lost; in descent a NaN at the stop's iterate did), and a
     * function undefined from the start ends the run there, in the flow as in descent (descent ignored it).
     */
    @Test
    void aStopWinsOverALaterNaNAndANaNAtTheStartEndsTheRunThere() {
        EventSpec stop = EventSpec.custom("stop", o -> o.time() - 1.2, Crossing.EITHER).stopping();
        // NaN from 1e-9 after the stop, 1000 times the time accuracy: inside the stop's step, past its located time
        EventSpec after = EventSpec.custom("after", o -> o.time() < 1.2 + 1e-9 ? -1 : Double.NaN, Crossing.EITHER);
        Trajectory flow = assertTimeoutPreemptively(BOUND, () -> aMode().event(stop).event(after).run());
        assertEquals(Trajectory.Status.STOPPED_BY_EVENT, flow.status());
        assertEquals(1.2, flow.endTime(), EventSpec.TIME_ACCURACY);
        Model small = alignedTwoModes(1e-3);
        // eta = 1/8: iterate 8 is at t = 1, where both the stop (t - 1 reaches 0) and the NaN occur
        EventSpec stopAtOne = EventSpec.custom("stop", o -> o.time() - 1, Crossing.EITHER).stopping();
        EventSpec nanFromOne = EventSpec.custom("nan", o -> o.time() < 1 ? -1 : Double.NaN, Crossing.EITHER);
        Trajectory descent = Simulation.descent(small, LearningRate.of(0.125), 20)
                .event(nanFromOne).event(stopAtOne).run();
        assertEquals(Trajectory.Status.STOPPED_BY_EVENT, descent.status());
        assertEquals(1.0, descent.endTime(), 0.0);
        EventSpec never = EventSpec.custom("never", o -> Double.NaN, Crossing.EITHER);
        SimulationException atFlowStart = assertThrows(SimulationException.class,
                () -> assertTimeoutPreemptively(BOUND, () -> aMode().event(never).run()));
        assertEquals(SimulationException.Reason.UNDEFINED_EVENT_FUNCTION, atFlowStart.reason());
        assertEquals(0.0, atFlowStart.time(), 0.0);
        SimulationException atDescentStart = assertThrows(SimulationException.class, () -> Simulation.descent(
                small, LearningRate.of(0.125), 20).event(never).run());
        assertEquals(SimulationException.Reason.UNDEFINED_EVENT_FUNCTION, atDescentStart.reason());
        assertTrue(atDescentStart.getMessage().contains("is NaN at step 0"), atDescentStart.getMessage());
        assertEquals(0.0, atDescentStart.time(), 0.0);
    }

    /**
     * A function that is NaN only where the loss is not finite leaves the failure to the divergence: balanced
     * aligned factors follow the weight-GD map of each mode, whose orbits diverge beyond eta sigma = 2 (THEORY.md);
     * here eta sigma = 20 x 2, so the iterates overflow, and the run says it diverged, not that the event was
     * undefined; the events given after it are still checked at that iterate (one whose function turns from -1 to
     * 1 where the loss stops being finite records it).
     */
    @Test
    void aNaNFunctionWhereTheLossIsNotFiniteIsADivergence() {
        Model large = alignedTwoModes(1);
        EventSpec finite = EventSpec.custom("finite", o -> Double.isFinite(o.loss()) ? -1 : Double.NaN,
                Crossing.EITHER);
        SimulationException e = assertThrows(SimulationException.class, () -> Simulation.descent(
                large, LearningRate.of(20), 1000).event(finite)
                .event(EventSpec.custom("after", o -> Double.isFinite(o.loss()) ? -1 : 1, Crossing.UP)).run());
        assertEquals(SimulationException.Reason.DIVERGED, e.reason(), e.getMessage());
        List<EventRecord> records = e.trajectory().events();
        assertEquals(1, records.size(), records.toString());
        assertEquals("after", records.get(0).event().name());
        assertEquals(e.time(), records.get(0).time(), 0.0);
    }
}
