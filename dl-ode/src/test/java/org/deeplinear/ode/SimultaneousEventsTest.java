package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.deeplinear.ode.events.Crossing;
import org.deeplinear.ode.events.EventRecord;
import org.deeplinear.ode.events.EventSpec;
import org.deeplinear.ode.mode.SingleMode;
import org.junit.jupiter.api.Test;

/**
 * Events of a flow that occur at the very same instant, against {@link EventSpec#stopping()}'s contract: they are
 * recorded in the order they were given to the simulation, and at a stopping instant the run stops at the first
 * stopping one given, after recording the events given before it. Hipparchus hands out the events of one instant in
 * the order of its heap and returns at the first stop it meets; with three events or more that dropped records,
 * stopped on the wrong event and recorded out of order (review of dl-ode, finding 1).
 */
class SimultaneousEventsTest {

    private static final double SIGMA = 2.0;
    private static final double S0 = 1e-4;
    private static final IntegratorSettings TIGHT = IntegratorSettings.defaults().withTolerances(1e-12, 1e-14);

    /** Identical functions, so identical crossings: {@code cos(2 pi t)} rises through 0 at 3/4, 7/4 and 11/4. */
    private static EventSpec clock(String name) {
        return EventSpec.custom(name, o -> Math.cos(2 * Math.PI * o.time()), Crossing.UP);
    }

    /** A single mode's flow to T = 3, watching these events. */
    private static Trajectory flow(EventSpec... events) {
        return Simulation.modes(SingleMode.balanced(SIGMA, S0)).until(3).integrator(TIGHT).event(events).run();
    }

    /** The records are these events, in this order, all at the time given. */
    private static void assertRecords(List<EventRecord> records, double time, EventSpec... expected) {
        assertEquals(expected.length, records.size(), records.toString());
        for (int r = 0; r < expected.length; r++) {
            assertSame(expected[r], records.get(r).event(), "record " + r + " of " + records);
            assertEquals(time, records.get(r).time(), 1e-10, "record " + r + " of " + records);
        }
    }

    @Test
    void threeIdenticalModesRecordTheHalfTimesGivenBeforeTheStoppingCrossing() {
        SingleMode mode = SingleMode.balanced(SIGMA, S0);
        EventSpec first = EventSpec.halfTime(0);
        EventSpec second = EventSpec.halfTime(1);
        EventSpec stop = EventSpec.modeCrossing(2, 0.5).stopping();
        Trajectory run = Simulation.modes(mode, mode, mode).until(8).integrator(TIGHT).event(first, second, stop)
                .run();
        // the logistic half-time of THEORY.md, ln(sigma/s0 - 1)/(2 sigma), the same for the three modes
        double half = ClosedForms.halfTime(SIGMA, S0);
        assertEquals(Trajectory.Status.STOPPED_BY_EVENT, run.status());
        assertRecords(run.events(), half, first, second, stop);
        // one instant: the very same time for all three, where the run ends
        for (EventRecord record : run.events()) {
            assertEquals(run.endTime(), record.time(), 0.0);
        }
        assertEquals(half, run.halfTime(1).orElseThrow(), 1e-10);
        // the stopping crossing given first stops the run before the half-times are handled
        Trajectory stopFirst = Simulation.modes(mode, mode, mode).until(8).integrator(TIGHT)
                .event(stop, first, second).run();
        assertEquals(Trajectory.Status.STOPPED_BY_EVENT, stopFirst.status());
        assertRecords(stopFirst.events(), half, stop);
    }

    @Test
    void aStoppingEventGivenAfterOthersAtItsInstantComesAfterThemAll() {
        EventSpec a = clock("A");
        EventSpec b = clock("B");
        EventSpec c = clock("C").stopping();
        Trajectory run = flow(a, b, c);
        assertEquals(Trajectory.Status.STOPPED_BY_EVENT, run.status());
        assertRecords(run.events(), 0.75, a, b, c);
        assertEquals(0.75, run.endTime(), 1e-10);
        // given in the middle, it stops the run after A and without C
        Trajectory middle = flow(a, c, b);
        assertRecords(middle.events(), 0.75, a, c);
        Trajectory firstGiven = flow(c, a, b);
        assertRecords(firstGiven.events(), 0.75, c);
    }

    @Test
    void theFirstStoppingEventGivenStopsTheRun() {
        EventSpec a = clock("A");
        EventSpec b = clock("B").stopping();
        EventSpec c = clock("C").stopping();
        assertRecords(flow(a, b, c).events(), 0.75, a, b);
        assertRecords(flow(a, c, b).events(), 0.75, a, c);
        assertRecords(flow(c, a, b).events(), 0.75, c);
        EventSpec d = clock("D");
        assertRecords(flow(d, a, c, b).events(), 0.75, d, a, c);
    }

    @Test
    void aDivergenceEventGivenBeforeAnotherStoppingOneAtItsInstantFailsTheRun() {
        // a divergence and a stopping event of the same function: the state norm, here s, rises through 1 at the
        // time the inverse logistic law of THEORY.md gives
        EventSpec divergence = EventSpec.divergence(1.0);
        EventSpec norm = EventSpec.custom("norm above 1", o -> 1.0 - o.stateNorm(), Crossing.DOWN).stopping();
        EventSpec a = EventSpec.custom("A", o -> 1.0 - o.stateNorm(), Crossing.DOWN);
        double crossing = ClosedForms.logisticTime(SIGMA, S0, 1.0);
        SimulationException failed = assertThrows(SimulationException.class, () -> flow(a, divergence, norm));
        assertEquals(SimulationException.Reason.DIVERGED, failed.reason());
        assertRecords(failed.trajectory().events(), crossing, a, divergence);
        Trajectory stopped = flow(a, norm, divergence);
        assertEquals(Trajectory.Status.STOPPED_BY_EVENT, stopped.status());
        assertRecords(stopped.events(), crossing, a, norm);
    }

    @Test
    void eventsOfOneInstantAreRecordedInTheOrderGivenAndFirstOnlyOnesOnce() {
        EventSpec a = clock("A").firstOnly();
        EventSpec b = clock("B");
        EventSpec c = clock("C").firstOnly();
        EventSpec d = clock("D");
        EventSpec e = clock("E");
        Trajectory run = flow(a, b, c, d, e);
        assertEquals(Trajectory.Status.COMPLETED, run.status());
        List<EventRecord> records = run.events();
        assertEquals(11, records.size(), records.toString());
        assertRecords(records.subList(0, 5), 0.75, a, b, c, d, e);
        // the first-only events are retired after 3/4; the others cross again at 7/4 and 11/4
        assertRecords(records.subList(5, 8), 1.75, b, d, e);
        assertRecords(records.subList(8, 11), 2.75, b, d, e);
        // the same events given in the reverse order are recorded in that order
        List<EventRecord> reverse = flow(e, d, c, b, a).events();
        assertEquals(11, reverse.size(), reverse.toString());
        assertRecords(reverse.subList(0, 5), 0.75, e, d, c, b, a);
        assertRecords(reverse.subList(5, 8), 1.75, e, d, b);
    }

    @Test
    void eventsWhoseFunctionIsZeroAtTheStoppingInstantAreRecordedOnce() {
        // g = t - 3/4 is exactly 0 at the time located: the run stops there, not just past it, and the events
        // handled at that instant, whose function is 0 there, did not cross again (either direction counts)
        EventSpec a = EventSpec.custom("A", o -> o.time() - 0.75, Crossing.EITHER);
        EventSpec b = EventSpec.custom("B", o -> o.time() - 0.75, Crossing.EITHER);
        EventSpec stop = EventSpec.custom("stop", o -> o.time() - 0.75, Crossing.EITHER).stopping();
        for (EventSpec[] order : new EventSpec[][] {{a, b, stop}, {b, a, stop}, {a, stop, b}}) {
            Trajectory run = flow(order);
            assertEquals(0.75, run.endTime(), 0.0);
            List<EventRecord> records = run.events();
            int recorded = order[2] == stop ? 3 : 2;
            assertRecords(records, 0.75, Arrays.copyOf(order, recorded));
            for (EventRecord record : records) {
                assertTrue(record.increasing(), records.toString());
            }
        }
    }

    @Test
    void aFirstOnlyEventAtTheStoppingInstantIsRecordedWhereItWasGiven() {
        EventSpec a = clock("A");
        EventSpec first = clock("first").firstOnly();
        EventSpec stop = clock("stop").stopping();
        EventSpec b = clock("B");
        assertRecords(flow(a, first, b, stop).events(), 0.75, a, first, b, stop);
        assertRecords(flow(first, stop, a, b).events(), 0.75, first, stop);
    }

    @Test
    void theHalfTimesOfTheBuilderAreRecordedAtAStoppingEventsInstant() {
        SingleMode mode = SingleMode.balanced(SIGMA, S0);
        EventSpec stop = EventSpec.modeCrossing(0, 0.5).stopping();
        // the logistic half-time of THEORY.md, ln(sigma/s0 - 1)/(2 sigma), the same for both identical modes
        double half = ClosedForms.halfTime(SIGMA, S0);
        // halfTimes() before or after event(...): mode 0's half-time is the stopping crossing itself (not watched
        // twice), mode 1's occurs at its very instant and was lost when the half-times came after the events given
        for (boolean halfTimesFirst : new boolean[] {true, false}) {
            Simulation.Builder builder = Simulation.modes(mode, mode).until(8).integrator(TIGHT);
            Trajectory run = (halfTimesFirst ? builder.halfTimes().event(stop) : builder.event(stop).halfTimes())
                    .run();
            assertEquals(Trajectory.Status.STOPPED_BY_EVENT, run.status());
            assertEquals(2, run.events().size(), run.events().toString());
            assertEquals(half, run.halfTime(0).orElseThrow(), 1e-10);
            assertEquals(half, run.halfTime(1).orElseThrow(), 1e-10, "halfTimes() first: " + halfTimesFirst);
        }
    }
}
