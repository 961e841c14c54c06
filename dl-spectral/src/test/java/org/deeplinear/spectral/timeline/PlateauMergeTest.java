package org.deeplinear.spectral.timeline;

import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.spectral.timeline.PlateausTest.RESIDUALS;
import static org.deeplinear.spectral.timeline.PlateausTest.SPECTRUM;
import static org.deeplinear.spectral.timeline.PlateausTest.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Plateaus cut into pieces by the band are merged: staircases over the residuals of sigma = (4, 3, 2, 1),
 * {@code R_r} = 15, 7, 2.5, 0.5 (PlateausTest), whose steps drift instead of staying flat. Steps r = 0..3 rest on
 * [0, 1], [1.2, 2.5], [2.7, 4], [4.2, 6] with cosine ramps of width 0.2 between them; band 1%, minimum duration
 * 0.3, samples every 0.01.
 */
class PlateauMergeTest {

    static final double[] STARTS = {1, 2.5, 4};
    static final double[][] FLAT = {{0, 1}, {1.2, 2.5}, {2.7, 4}, {4.2, 6}};
    static final double BAND = 0.01;
    static final double MIN_DURATION = 0.3;

    /** The staircase whose step r rests on {@code levels[r](t)}; each ramp joins the two levels continuously. */
    static double[] staircase(double[] t, DoubleUnaryOperator[] levels) {
        double[] loss = new double[t.length];
        for (int j = 0; j < t.length; j++) {
            loss[j] = level(t[j], levels);
        }
        return loss;
    }

    private static double level(double t, DoubleUnaryOperator[] levels) {
        for (int r = 0; r < STARTS.length; r++) {
            if (t < STARTS[r]) {
                return levels[r].applyAsDouble(t);
            }
            if (t < STARTS[r] + 0.2) {
                double from = levels[r].applyAsDouble(STARTS[r]);
                double to = levels[r + 1].applyAsDouble(STARTS[r] + 0.2);
                return from + (to - from) * 0.5 * (1 - Math.cos(Math.PI * (t - STARTS[r]) / 0.2));
            }
        }
        return levels[3].applyAsDouble(t);
    }

    /** Flat steps at R_r, except step {@code drifting}: R_r (1 + amplitude (t - a) / (b - a)) across [a, b]. */
    static DoubleUnaryOperator[] drifting(int drifting, double amplitude) {
        DoubleUnaryOperator[] levels = new DoubleUnaryOperator[4];
        for (int r = 0; r < 4; r++) {
            double residual = RESIDUALS[r];
            if (r == drifting) {
                double a = FLAT[r][0];
                double b = FLAT[r][1];
                levels[r] = t -> residual * (1 + amplitude * Math.min(1, Math.max(0, (t - a) / (b - a))));
            } else {
                levels[r] = t -> residual;
            }
        }
        return levels;
    }

    static void assertOnePlateauPerStep(List<Plateau> plateaus) {
        assertOnePlateauPerStep(plateaus, -1, 0);
    }

    /**
     * One plateau per step, covering the step's resting part and reaching into the ramps around it by less than a
     * ramp; the plateau of step {@code drifting} may end up to {@code shortfall} early (its last band run stops
     * where the drift leaves the band, and what remains of the step is shorter than a run).
     */
    static void assertOnePlateauPerStep(List<Plateau> plateaus, int drifting, double shortfall) {
        assertEquals(List.of(0, 1, 2, 3), plateaus.stream().map(Plateau::rank).toList(), plateaus::toString);
        for (int r = 0; r < 4; r++) {
            Plateau p = plateaus.get(r);
            assertEquals(RESIDUALS[r], p.residual());
            double early = r == drifting ? shortfall : 1e-12;
            assertTrue(p.start() <= FLAT[r][0] + 1e-12 && p.start() > FLAT[r][0] - 0.2, p::toString);
            assertTrue(p.end() >= FLAT[r][1] - early && p.end() < FLAT[r][1] + 0.2, p::toString);
        }
    }

    @Test
    void aLastStepSplitByTheBandIsOnePlateau() {
        // the last step sinks by 1.5% (one and a half bands) across its 1.8 time units, as the staircase run of the
        // verification report does while the last mode converges: the band alone cuts it into two runs of rank 3
        double[] t = times(601);
        List<Plateau> plateaus = Plateaus.detect(t, staircase(t, drifting(3, -0.015)), SPECTRUM, BAND, MIN_DURATION);
        assertOnePlateauPerStep(plateaus);
        Plateau last = plateaus.get(3);
        // the merged range spans the drift, more than one band: min = 0.5 * 0.985 at t = 6, max = 0.5 at t = 4.2
        assertEquals(0.5 * 0.985, last.min(), 1e-15);
        assertEquals(0.5, last.max(), 1e-15);
        assertTrue(last.max() > (1 + BAND) * last.min());
        // the level is the time-weighted mean, R_3 (1 - 0.015 / 2) on the resting part, within a band of R_3
        assertEquals(0.5 * (1 - 0.0075), last.level(), 0.5 * 0.001);
        assertTrue(last.relativeDeviation() <= BAND);
    }

    @Test
    void aSlowlyDriftingStepIsFoundOnceWithItsRank() {
        // a drift of 3% (three bands) across a step of 1.3 or more: under 1% in every 0.3, so a chain of band runs
        double[] t = times(601);
        qt().withExamples(40).forAll(integers().between(1, 3), doubles().between(-0.03, 0.03)).checkAssert(
                (step, amplitude) -> {
                    List<Plateau> plateaus = Plateaus.detect(t, staircase(t, drifting(step, amplitude)), SPECTRUM,
                            BAND, MIN_DURATION);
                    // a falling drift may leave the last sliver of the step, where it has fallen by less than one
                    // band since the last run began, out: at most the time the drift takes to cross one band
                    double length = FLAT[step][1] - FLAT[step][0];
                    assertOnePlateauPerStep(plateaus, step, length * BAND / Math.abs(amplitude));
                    Plateau p = plateaus.get(step);
                    // the level lies between the ends of the drift, widened by a band for the ramps' share
                    double low = RESIDUALS[step] * Math.min(1, 1 + amplitude) / (1 + BAND);
                    double high = RESIDUALS[step] * Math.max(1, 1 + amplitude) * (1 + BAND);
                    assertTrue(p.level() >= low && p.level() <= high, p::toString);
                });
        // the 3% rise named in the brief: R_1 (1 + 0.03 (t - 1.2) / 1.3) on [1.2, 2.5]
        List<Plateau> rising = Plateaus.detect(t, staircase(t, drifting(1, 0.03)), SPECTRUM, BAND, MIN_DURATION);
        assertOnePlateauPerStep(rising, 1, 1.3 * BAND / 0.03);
        assertTrue(rising.get(1).max() >= 7 * 1.03 - 1e-12, rising.get(1)::toString);
    }

    @Test
    void aStepToAnotherLevelOfTheSameRankIsNotMerged() {
        // the last step drops by 5% (five bands) in a ramp of 0.2 at t = 5: still nearest R_3 = 0.5 (not 0), but
        // the two runs' ranges are 5% apart, so two plateaus of rank 3
        double[] t = times(601);
        DoubleUnaryOperator[] levels = drifting(-1, 0);
        levels[3] = x -> x < 5 ? 0.5 : x < 5.2 ? 0.5 - 0.025 * 0.5 * (1 - Math.cos(Math.PI * (x - 5) / 0.2)) : 0.475;
        List<Plateau> plateaus = Plateaus.detect(t, staircase(t, levels), SPECTRUM, BAND, MIN_DURATION);
        assertEquals(List.of(0, 1, 2, 3, 3), plateaus.stream().map(Plateau::rank).toList(), plateaus::toString);
        assertEquals(0.5, plateaus.get(3).level(), 0.5 * BAND);
        assertEquals(0.475, plateaus.get(4).level(), 0.475 * BAND);
    }

    @Test
    void aDetourBetweenTwoRunsKeepsThemApart() {
        // the last step flat at R_3 but for a spike to 0.55 (10%) on [5, 5.05]: both runs around it rest at 0.5,
        // within the band of each other, yet the loss left their range between them
        double[] t = times(601);
        DoubleUnaryOperator[] levels = drifting(-1, 0);
        levels[3] = x -> x >= 5 - 1e-9 && x <= 5.05 + 1e-9 ? 0.55 : 0.5;
        List<Plateau> plateaus = Plateaus.detect(t, staircase(t, levels), SPECTRUM, BAND, MIN_DURATION);
        assertEquals(List.of(0, 1, 2, 3, 3), plateaus.stream().map(Plateau::rank).toList(), plateaus::toString);
        // without the spike (within the runs' range: 0.5 exactly) the same two halves are one plateau
        levels[3] = x -> 0.5;
        assertOnePlateauPerStep(Plateaus.detect(t, staircase(t, levels), SPECTRUM, BAND, MIN_DURATION));
    }
}
