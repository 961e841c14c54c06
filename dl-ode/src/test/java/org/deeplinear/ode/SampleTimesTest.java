package org.deeplinear.ode;

import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.events.EventSpec;
import org.deeplinear.ode.mode.SingleMode;
import org.deeplinear.ode.observe.Observer;
import org.deeplinear.ode.observe.Series;
import org.junit.jupiter.api.Test;

/**
 * Sample times at the edges of double arithmetic, and small contracts around them (review of 2026-11-28: each
 * case below failed before its fix).
 */
class SampleTimesTest {

    private static void strictlyAscending(double[] times) {
        for (int i = 1; i < times.length; i++) {
            assertTrue(times[i] > times[i - 1], "times[" + i + "] = " + times[i] + " after " + times[i - 1]);
        }
    }

    @Test
    void everyIntervalEndsOnceAtTheEnd() {
        // 0.727 * 78 = 56.705999999999996: it was a sample, and the end 56.706 another one 4e-15 later
        double[] times = SampleTimes.every(0.727).resolve(0, 56.706);
        assertEquals(79, times.length);
        assertEquals(56.706, times[78], 0.0);
        strictlyAscending(times);
        double[] shifted = SampleTimes.every(0.176).resolve(3.4, 6.04);
        assertEquals(6.04, shifted[shifted.length - 1], 0.0);
        strictlyAscending(shifted);
        // an end that is not a multiple still gets its own sample
        assertArrayEquals(new double[] {0, 0.4, 0.8, 1.0}, SampleTimes.every(0.4).resolve(0, 1.0), 1e-15);
    }

    @Test
    void anIntervalFarLongerThanTheSpanKeepsTheStart() {
        // (review of 2026-12-07) the Javadoc's grid: the start, then the end; a span below 1e-9 intervals took the
        // start for a multiple that rounds onto the end and replaced it: [1e-6], and a run never sampled its start
        assertArrayEquals(new double[] {0, 1e-6}, SampleTimes.every(1000).resolve(0, 1e-6), 0.0);
        assertArrayEquals(new double[] {0, 8}, SampleTimes.every(1e300).resolve(0, 8), 0.0);
        assertArrayEquals(new double[] {0, 8}, SampleTimes.every(10).resolve(0, 8), 0.0);
    }

    @Test
    void uniformTimesOverAHugeSpanStayFinite() {
        // (end - start) * i overflowed from i = 18 for an end of 1e307
        double[] times = SampleTimes.uniform(101).resolve(0, 1e307);
        for (double t : times) {
            assertTrue(Double.isFinite(t), "a time " + t);
        }
        assertEquals(1e307, times[100], 0.0);
        assertEquals(5e306, times[50], 1e291);
        strictlyAscending(times);
    }

    @Test
    void minusZeroIsTheInstantZero() {
        assertArrayEquals(new double[] {0, 1}, SampleTimes.at(-0.0, 0.0, 1).resolve(0, 1), 0.0);
        Target target = Target.random(6, 5, new double[] {2.0, 1.0}, Seed.of(5));
        FactorChain start = Initializations.smallGaussian(0.3, Seed.of(6)).create(Widths.of(5, 3, 6), target);
        Trajectory run = Simulation.flow(start, target).until(1).snapshotsAt(-0.0, 0.0).run();
        assertEquals(1, run.snapshots().size(), run.snapshots().keySet().toString());
    }

    @Test
    void halfTimesDoNotWatchAModeTwice() {
        // an explicit half-time event plus halfTimes() recorded mode 0's crossing twice
        Trajectory run = Simulation.modes(SingleMode.balanced(1, 0.01)).until(5).event(EventSpec.halfTime(0))
                .halfTimes().run();
        assertEquals(1, run.events().size(), run.events().toString());
    }

    @Test
    void smallContractsNameTheirParameter() {
        // 25 and 26 digits: the default tolerance 1e-22 was below what they allow, refused as "tolerance"
        assertTrue(SingleMode.balanced(1, 0.01).valueAt(1.0, 25).toDouble() > 0.01);
        assertTrue(SingleMode.balanced(1, 0.01).valueAt(1.0, 26).toDouble() > 0.01);
        // size * width past an int was accepted (then an index out of bounds), or misreported
        assertRejected("size * width", () -> Series.of("x", 65537, 65536, new double[65536]));
        Trajectory run = Simulation.modes(SingleMode.balanced(1, 0.01)).until(1).run();
        assertRejected("observer", () -> run.series((Observer) null));
    }

    @Test
    void countAndResolveRefuseTheSpansASimulationRefuses() {
        // (API audit) both are public and took any span: every(0.1) over [1, 0] counted -8 and made an array of
        // floor(-10 + 1e-9) + 1 = -9 entries (NegativeArraySizeException); uniform(3) over [NaN, NaN] or
        // [0, Infinity] gave [NaN]. Refused now as build() refuses them, with its words ("endTime = 0.0: expected a
        // time after the start 1.0" there)
        assertRejected("end", 0.0, () -> SampleTimes.every(0.1).resolve(1, 0));
        assertRejected("end", 0.0, () -> SampleTimes.every(0.1).count(1, 0));
        assertRejected("start", Double.NaN, () -> SampleTimes.uniform(3).resolve(Double.NaN, Double.NaN));
        assertRejected("end", Double.POSITIVE_INFINITY, () -> SampleTimes.uniform(3).resolve(0,
                Double.POSITIVE_INFINITY));
        assertRejected("end", Double.NaN, () -> SampleTimes.uniform(3).count(0, Double.NaN));
        assertRejected("end", () -> SampleTimes.at(1).resolve(1, 1), "end = 1.0", "a time after the start 1.0");
        // finite ends whose span end - start overflows: the grid's start + (end - start) * 0.5 was NaN
        assertRejected("end", () -> SampleTimes.uniform(3).resolve(-1e308, 1e308), "end = 1.0E308", "that is finite");
        assertRejected("endTime", () -> Simulation.modes(SingleMode.balanced(1, 0.01)).span(1, 0).build(),
                "a time after the start 1.0");
        // and the spans a run takes still resolve (every 0.4 from 0 to 1: 0, 0.4, 0.8 and the end)
        assertEquals(4, SampleTimes.every(0.4).count(0, 1));
        assertArrayEquals(new double[] {-1e307, 0, 1e307}, SampleTimes.uniform(3).resolve(-1e307, 1e307), 0.0);
    }

    @Test
    void aUniformCountNoArrayHoldsIsRefusedBeforeAnythingIsAllocated() {
        // (API audit) uniform(Integer.MAX_VALUE).resolve(0, 1) asked for new double[2^31 - 1], past the largest
        // array HotSpot allocates (Matrix.MAX_ENTRIES = 2^31 - 9): an OutOfMemoryError, not a message naming count.
        // The memory budget refuses such grids in build() before they are resolved (MemoryBudgetTest)
        assertRejected("count", Integer.MAX_VALUE, () -> SampleTimes.uniform(Integer.MAX_VALUE).resolve(0, 1));
        assertRejected("count", Matrix.MAX_ENTRIES + 1, () -> SampleTimes.uniform(Matrix.MAX_ENTRIES + 1)
                .resolve(0, 1));
        // count() still says how many, for the budget's estimate
        assertEquals(Integer.MAX_VALUE, SampleTimes.uniform(Integer.MAX_VALUE).count(0, 1));
    }

    @Test
    void spansAndStepsTheClockCannotResolveAreRefusedWhenBuilt() {
        // they built, then failed as INTEGRATOR_FAILURE ("too small integration interval"), DIVERGED at -1e308
        // (t1 - t0 overflowed), or never moved the clock (Euler's 1e-7 below one ulp of 1e10, 1.9e-6)
        SingleMode mode = SingleMode.balanced(1, 0.01);
        assertRejected("endTime", () -> Simulation.modes(mode).span(1000, 1000 + 1e-11).build());
        assertRejected("endTime", () -> Simulation.modes(mode).span(-1e308, 1e308).build());
        assertRejected("endTime", () -> Simulation.modes(mode).until(1e-322).build());
        assertRejected("fixedStep", () -> Simulation.modes(mode).span(1e10, 1e10 + 1)
                .integrator(IntegratorSettings.fixedStep(IntegratorSettings.Method.EULER, 1e-7)).build());
        // and a start whose rate already overflows: w0^2 + u0^2 of a factor pair, (W W^T) G ~ lambda G of a
        // lambda-balanced closed flow (1e300 x 1e10; lambda^2 / 4 itself is formed as hypot(s, lambda / 2), so
        // lambda = 1e160 from 0.1 I, refused while it was squared, has a finite rate, 1e159)
        assertRejected("w0", () -> SingleMode.factorPair(0, 1e200, 1e-200));
        Target target = Target.random(3, 3, new double[] {1, 0.5}, Seed.of(1));
        assertRejected("initial rate", () -> Simulation.closedFlow(Matrix.of(
                new double[][] {{1e10, 0, 0}, {0, 1e10, 0}, {0, 0, 1e10}}), 1e300, target).until(1).build());
        Simulation.closedFlow(Matrix.of(new double[][] {{0.1, 0, 0}, {0, 0.1, 0}, {0, 0, 0.1}}), 1e160, target)
                .until(1).build();
        // while spans and steps the clock does resolve still build (1000 ulps of 1000 are 1.14e-10)
        Simulation.modes(mode).span(1e6, 1e6 + 1e-3).build();
        Simulation.modes(mode).span(1000, 1000 + 5e-10).build();
        Simulation.modes(mode).span(1e10, 1e10 + 1)
                .integrator(IntegratorSettings.fixedStep(IntegratorSettings.Method.EULER, 1e-3)).build();
    }
}
