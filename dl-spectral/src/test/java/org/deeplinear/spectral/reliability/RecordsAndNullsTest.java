package org.deeplinear.spectral.reliability;

import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.deeplinear.core.Seed;
import org.deeplinear.core.target.Target;
import org.deeplinear.spectral.Ambiguity;
import org.deeplinear.spectral.timeline.Activation;
import org.deeplinear.spectral.timeline.ActivationTimeline;
import org.deeplinear.spectral.timeline.Plateau;
import org.deeplinear.spectral.timeline.Plateaus;
import org.deeplinear.spectral.timeline.SampleChecks;
import org.junit.jupiter.api.Test;

/**
 * The API audit of 2026-12-07, dl-spectral: the timeline's records refuse values no detection produces (they
 * accepted anything: a NaN level gave a NaN relative deviation), and null arguments and null elements are refused
 * by name instead of a bare {@link NullPointerException}. What the library itself builds is accepted: the records
 * of real detections pass through the checks.
 */
class RecordsAndNullsTest {

    private static final Activation.Source INTERPOLATED = Activation.Source.INTERPOLATED;

    @Test
    void anActivationRefusesWhatNoDetectionProduces() {
        // the valid one: mode 0 of sigma 2 crossing 1 at t = 1.5 within [1, 2]
        Activation good = new Activation(0, 2, 1, 1.5, INTERPOLATED, 1, 2, 0.5, 0.1);
        assertEquals(1.5, good.time());
        assertRejected("mode", -1, () -> new Activation(-1, 2, 1, 1.5, INTERPOLATED, 1, 2, 0.5, 0.1));
        assertRejected("sigma", 0.0, () -> new Activation(0, 0, 0, 1.5, INTERPOLATED, 1, 2, 0.5, 0.1));
        assertRejected("sigma", Double.NaN, () -> new Activation(0, Double.NaN, 1, 1.5, INTERPOLATED, 1, 2, 0.5, 0.1));
        assertRejected("threshold", 3.0, () -> new Activation(0, 2, 3, 1.5, INTERPOLATED, 1, 2, 0.5, 0.1));
        assertRejected("threshold", -1.0, () -> new Activation(0, 2, -1, 1.5, INTERPOLATED, 1, 2, 0.5, 0.1));
        assertRejected("time", Double.NaN, () -> new Activation(0, 2, 1, Double.NaN, INTERPOLATED, 1, 2, 0.5, 0.1));
        assertRejected("source", null, () -> new Activation(0, 2, 1, 1.5, null, 1, 2, 0.5, 0.1));
        assertRejected("bracketStart", 1.6, () -> new Activation(0, 2, 1, 1.5, INTERPOLATED, 1.6, 2, 0.5, 0.1));
        assertRejected("bracketEnd", 1.4, () -> new Activation(0, 2, 1, 1.5, INTERPOLATED, 1, 1.4, 0.5, 0.1));
        assertRejected("bracketEnd", Double.POSITIVE_INFINITY,
                () -> new Activation(0, 2, 1, 1.5, INTERPOLATED, 1, Double.POSITIVE_INFINITY, 0.5, 0.1));
        assertRejected("errorBound", -0.5, () -> new Activation(0, 2, 1, 1.5, INTERPOLATED, 1, 2, -0.5, 0.1));
        assertRejected("errorBound", Double.NaN,
                () -> new Activation(0, 2, 1, 1.5, INTERPOLATED, 1, 2, Double.NaN, 0.1));
        assertRejected("errorEstimate", 0.6, () -> new Activation(0, 2, 1, 1.5, INTERPOLATED, 1, 2, 0.5, 0.6));
        assertRejected("errorEstimate", -0.1, () -> new Activation(0, 2, 1, 1.5, INTERPOLATED, 1, 2, 0.5, -0.1));
        // an infinite bound is what a bracket wider than the largest double gives (ActivationTimelineTest)
        double m = Double.MAX_VALUE;
        new Activation(0, 2, 1, 0.9 * m, INTERPOLATED, -m, 0.9 * m, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY);
    }

    @Test
    void aPlateauRefusesWhatNoDetectionProduces() {
        // the valid one: samples 2..5 over [1, 3], loss in [0.9, 1.1] at level 1, nearest residual 1 of rank 1
        Plateau good = new Plateau(2, 5, 1, 3, 1, 0.9, 1.1, 1, 1);
        assertEquals(0.0, good.relativeDeviation());
        assertRejected("startIndex", -1, () -> new Plateau(-1, 5, 1, 3, 1, 0.9, 1.1, 1, 1));
        assertRejected("endIndex", 2, () -> new Plateau(2, 2, 1, 3, 1, 0.9, 1.1, 1, 1));
        assertRejected("start", Double.NaN, () -> new Plateau(2, 5, Double.NaN, 3, 1, 0.9, 1.1, 1, 1));
        assertRejected("end", 1.0, () -> new Plateau(2, 5, 1, 1, 1, 0.9, 1.1, 1, 1));
        assertRejected("min", -0.5, () -> new Plateau(2, 5, 1, 3, 1, -0.5, 1.1, 1, 1));
        assertRejected("max", 0.8, () -> new Plateau(2, 5, 1, 3, 1, 0.9, 0.8, 1, 1));
        assertRejected("max", Double.POSITIVE_INFINITY,
                () -> new Plateau(2, 5, 1, 3, 1, 0.9, Double.POSITIVE_INFINITY, 1, 1));
        // a NaN level gave relativeDeviation() = NaN
        assertRejected("level", Double.NaN, () -> new Plateau(2, 5, 1, 3, Double.NaN, 0.9, 1.1, 1, 1));
        assertRejected("level", 1.2, () -> new Plateau(2, 5, 1, 3, 1.2, 0.9, 1.1, 1, 1));
        assertRejected("rank", -1, () -> new Plateau(2, 5, 1, 3, 1, 0.9, 1.1, -1, 1));
        assertRejected("residual", Double.NaN, () -> new Plateau(2, 5, 1, 3, 1, 0.9, 1.1, 1, Double.NaN));
        assertRejected("residual", -1.0, () -> new Plateau(2, 5, 1, 3, 1, 0.9, 1.1, 1, -1));
        // a detection's plateau passes: loss 4.5 (the residual of rank 0 for sigma = 3) over 10 samples
        Target target = Target.random(2, 2, new double[] {3}, Seed.of(1));
        double[] times = new double[10];
        double[] loss = new double[10];
        for (int j = 0; j < 10; j++) {
            times[j] = j;
            loss[j] = 4.5;
        }
        List<Plateau> found = Plateaus.detect(times, loss, target.spectrum(), 0.01, 1);
        assertEquals(1, found.size());
        assertEquals(0, found.get(0).rank());
    }

    @Test
    void nullElementsAndNullArgumentsAreRefusedByName() {
        // List.copyOf threw a bare NullPointerException
        assertRejected("modes[1]", null, () -> new Ambiguity(Ambiguity.Reason.CLOSE_VALUES, Arrays.asList(1, null),
                0, 1, 0, 1));
        assertEquals(List.of(1, 2), new Ambiguity(Ambiguity.Reason.CLOSE_VALUES, List.of(1, 2), 0, 1, 0, 1).modes());
        // the times were read without a check
        assertRejected("times", null, () -> SampleChecks.requireSeries("v", new double[] {1}, null));
        // a detection's activation passes the record's checks: 0, 1, 2 reaches 0.5 * 2 = 1 at t = 1
        Activation detected = ActivationTimeline.detect(new double[] {0, 1, 2}, new double[][] {{0, 1, 2}},
                new double[] {2}, 0.5).activation(0).orElseThrow();
        assertEquals(1.0, detected.time());
    }
}
