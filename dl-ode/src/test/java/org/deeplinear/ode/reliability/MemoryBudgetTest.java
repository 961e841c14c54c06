package org.deeplinear.ode.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.SampleTimes;
import org.deeplinear.ode.Simulation;
import org.deeplinear.ode.Trajectory;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.observe.Observers;
import org.junit.jupiter.api.Test;

/**
 * A request whose recording (samples of every observer, factor snapshots) would exceed the memory budget is
 * refused when it is built, before anything is allocated, with a message that says how much it would need. The
 * need is the documented estimate {@link Simulation#recordingBytes(long, int, long, int)}:
 * {@code 8 (samples (2 + sum of observer widths) + snapshots * parameters)} bytes.
 */
class MemoryBudgetTest {

    private static final Target TARGET = Target.random(5, 4, new double[] {2, 1}, Seed.of(61));
    /** 4 x 3 + 3 x 5 = 27 parameters. */
    private static final FactorChain START =
            Initializations.smallGaussian(1e-2, Seed.of(62)).create(Widths.of(4, 3, 5), TARGET);
    private static final int PARAMETERS = 27;
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @Test
    void twoBillionSamplesAreRefusedUpFrontWithWhatTheyWouldNeed() {
        // loss (width 1) and modes (width 4, one per aligned coordinate, min(m, n) = 4): 2 + 5 = 7 doubles a sample
        long need = 8L * Integer.MAX_VALUE * 7;
        IllegalArgumentException e = assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(
                IllegalArgumentException.class, () -> Simulation.flow(START, TARGET).until(1)
                        .samples(SampleTimes.uniform(Integer.MAX_VALUE)).build()));
        assertTrue(e.getMessage().startsWith("samples and snapshots = "), e.getMessage());
        assertTrue(e.getMessage().contains("needs " + need + " bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("budget of " + Simulation.DEFAULT_MEMORY_BUDGET + " bytes"),
                e.getMessage());
        assertEquals(need, Simulation.recordingBytes(Integer.MAX_VALUE, 5, 0, PARAMETERS));
    }

    /**
     * Descent records at most its steps + 1 iterates (11 rows of loss and modes, 5 wide, here), but reads each time
     * asked for as an iterate first, 16 bytes per time: 2^31 - 1 times are refused for those (review of 2026-12-08:
     * they were counted as rows, and 300,000 of 500 values over 10 steps were refused as needing 1.2 GB).
     */
    @Test
    void descentIsRefusedForTheTimesItReads() {
        IllegalArgumentException e = assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(
                IllegalArgumentException.class, () -> Simulation.descent(START, TARGET, LearningRate.of(0.1), 10)
                        .samples(SampleTimes.uniform(Integer.MAX_VALUE)).build()));
        long need = Simulation.recordingBytes(11, 5, 0, PARAMETERS) + 16L * Integer.MAX_VALUE;
        assertTrue(e.getMessage().contains("needs " + need + " bytes"), e.getMessage());
    }

    @Test
    void theBudgetIsTheBoundaryToTheByte() {
        // 11 samples of loss, modes and coupling (1 + 4 + 1 = 6 wide) and 3 snapshots of 27 parameters
        long need = 8L * (11 * (2 + 6) + 3 * PARAMETERS);
        assertEquals(need, Simulation.recordingBytes(11, 6, 3, PARAMETERS));
        Simulation.Builder atBudget = Simulation.flow(START, TARGET).until(1).samples(SampleTimes.uniform(11))
                .observe(Observers.loss(), Observers.modes(), Observers.coupling()).snapshotsAt(0.2, 0.4, 0.6)
                .memoryBudget(need);
        Trajectory run = atBudget.run();
        assertEquals(11, run.sampleCount());
        assertEquals(3, run.snapshots().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> atBudget.memoryBudget(need - 1).build());
        assertTrue(e.getMessage().contains("needs " + need + " bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("budget of " + (need - 1) + " bytes"), e.getMessage());
    }

    @Test
    void manySnapshotsOfLargeFactorsAreRefused() {
        double[] times = new double[2000];
        for (int i = 0; i < times.length; i++) {
            times[i] = i / 2000.0;
        }
        long need = Simulation.recordingBytes(101, 5, times.length, PARAMETERS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Simulation.flow(START, TARGET).until(1).snapshotsAt(times).memoryBudget(100_000).build());
        assertTrue(need > 100_000);
        assertTrue(e.getMessage().contains("needs " + need + " bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("2000 snapshots"), e.getMessage());
    }

    @Test
    void theEstimateSaturatesInsteadOfOverflowing() {
        assertEquals(Long.MAX_VALUE, Simulation.recordingBytes(Long.MAX_VALUE / 2, 5, 0, 1));
        assertEquals(Long.MAX_VALUE, Simulation.recordingBytes(0, 0, Long.MAX_VALUE, Integer.MAX_VALUE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Simulation.recordingBytes(-1, 0, 0, 0));
        assertEquals("samples = -1: expected a count >= 0", e.getMessage());
    }

    @Test
    void aBudgetMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Simulation.flow(START, TARGET).memoryBudget(0));
        assertEquals("memoryBudget = 0: expected a number of bytes >= 1", e.getMessage());
    }

    @Test
    void theDefaultBudgetAcceptsTheUsualRequests() {
        Trajectory run = Simulation.flow(START, TARGET).until(1).samples(SampleTimes.uniform(10_001)).run();
        assertEquals(10_001, run.sampleCount());
    }
}
