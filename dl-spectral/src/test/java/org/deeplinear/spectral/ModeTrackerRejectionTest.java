package org.deeplinear.spectral;

import static org.deeplinear.core.testing.Rejections.assertOutOfRange;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.deeplinear.spectral.SpectralTestSupport.compose;
import static org.deeplinear.spectral.SpectralTestSupport.identity;
import static org.deeplinear.spectral.SpectralTestSupport.leadingColumns;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplinear.core.Matrix;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;

/** Bad samples are rejected with a message naming the sample (index and time), and leave the tracker unchanged. */
class ModeTrackerRejectionTest {

    static Target target() {
        // 3 x 2 target with identity bases and sigma = (2, 1)
        return Target.fromSpectrum(new double[] {2, 1}, Matrix.of(leadingColumns(identity(3), 2)),
                Matrix.of(identity(2)));
    }

    static Matrix map(double scale) {
        return compose(leadingColumns(identity(3), 2), new double[] {2 * scale, scale}, identity(2));
    }

    static ModeTracker twoSamples() {
        ModeTracker tracker = new ModeTracker(target());
        tracker.add(0.0, map(0.1));
        tracker.add(0.5, map(0.2));
        return tracker;
    }

    @Test
    void aMapWhoseLossIsLargeButFiniteIsTracked() {
        // 3 x 2 with entries 9e153 in its first two rows: 1/2 ||A - A*||^2 is about 1/2 * 4 * 8.1e307 = 1.62e308,
        // finite, though the sum of squares is not (it was refused as "a map whose loss is finite")
        ModeTracker tracker = new ModeTracker(target());
        tracker.add(0.0, Matrix.of(new double[][] {{9e153, 9e153}, {9e153, -9e153}, {0, 0}}));
        assertEquals(1.62e308, tracker.losses()[0], 1e-15 * 1.62e308);
    }

    @Test
    void timesThatDoNotIncreaseAreRejected() {
        ModeTracker tracker = twoSamples();
        assertRejected("sample 2", () -> tracker.add(0.5, map(0.3)), "sample 2 (t) = 0.5",
                "a time > 0.5, the time of sample 1");
        assertRejected("sample 2", () -> tracker.add(0.25, map(0.3)), "sample 2 (t) = 0.25");
        assertRejected("sample 2", () -> tracker.add(Double.NaN, map(0.3)), "sample 2 (t) = NaN", "a finite time");
        assertRejected("sample 2", () -> tracker.add(Double.POSITIVE_INFINITY, map(0.3)), "sample 2 (t) = Infinity");
        assertEquals(2, tracker.samples());
    }

    @Test
    void aShapeThatChangesIsRejected() {
        ModeTracker tracker = twoSamples();
        assertRejected("sample 2", () -> tracker.add(1.0, Matrix.zeros(2, 3)), "sample 2 (t = 1.0): map = 2 x 3",
                "3 x 2, the shape of the target and of every sample");
        assertRejected("sample 2", () -> tracker.add(1.0, null), "sample 2 (t = 1.0): map = null");
        assertEquals(2, tracker.samples());
    }

    @Test
    void aNonFiniteSampleIsRejected() {
        // Matrix itself holds only finite entries; the tracker rejects a map whose loss 1/2 ||A - A*||_F^2
        // overflows to infinity (entries 1e200: their squares are 1e400 > Double.MAX_VALUE)
        ModeTracker tracker = twoSamples();
        assertRejected("sample 2", () -> tracker.add(1.0, map(1e200)), "sample 2 (t = 1.0): map", "finite");
        assertThrows(IllegalArgumentException.class, () -> Matrix.of(new double[][] {{Double.NaN}}));
        assertEquals(2, tracker.samples());
    }

    @Test
    void aRejectedSampleLeavesTheTrackerAsItWas() {
        ModeTracker rejected = twoSamples();
        assertThrows(IllegalArgumentException.class, () -> rejected.add(1.0, map(1e200)));
        assertThrows(IllegalArgumentException.class, () -> rejected.add(0.5, map(0.3)));
        rejected.add(1.0, map(0.3));
        ModeTracker clean = twoSamples();
        clean.add(1.0, map(0.3));
        assertArrayEquals(clean.times(), rejected.times());
        assertArrayEquals(clean.losses(), rejected.losses());
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(clean.trackedModes().singularValues(k), rejected.trackedModes().singularValues(k));
            assertArrayEquals(clean.leftVector(k), rejected.leftVector(k));
        }
    }

    @Test
    void resultsNeedASampleAndIndicesAreChecked() {
        ModeTracker empty = new ModeTracker(target());
        assertThrows(IllegalStateException.class, empty::trackedModes);
        assertThrows(IllegalStateException.class, empty::rankSeries);
        assertThrows(IllegalStateException.class, () -> empty.leftVector(0));
        ModeTracker tracker = twoSamples();
        // indices out of range: IndexOutOfBoundsException, as everywhere (README; review of 2026-12-07)
        assertOutOfRange("mode = 2: expected 0..1", () -> tracker.leftVector(2));
        assertOutOfRange("mode = -1: expected 0..1", () -> tracker.trackedModes().singularValues(-1));
        assertOutOfRange("targetMode = 2: expected 0..1", () -> tracker.trackedModes().leftCosines(0, 2));
        assertOutOfRange("sample = 2: expected 0..1", () -> tracker.singularValues(2));
        assertRejected("target", () -> new ModeTracker(null), "target = null");
        assertRejected("clusterTolerance", () -> TrackerSettings.defaults().withClusterTolerance(1.0),
                "clusterTolerance = 1.0");
        assertRejected("overlapThreshold", () -> TrackerSettings.defaults().withOverlapThreshold(Double.NaN),
                "overlapThreshold = NaN");
        assertRejected("rankTolerance", () -> TrackerSettings.defaults().withRankTolerance(-1), "rankTolerance = -1.0");
        assertRejected("cosineModes", () -> TrackerSettings.defaults().withCosineModes(0), "cosineModes = 0");
    }

    @Test
    void theLossIsTheWhitenedSquaredError() {
        // A = diag(0.2, 0.1) against A* = diag(2, 1): 1/2 ((2 - 0.2)^2 + (1 - 0.1)^2) = 1/2 (3.24 + 0.81) = 2.025
        assertEquals(2.025, twoSamples().losses()[0], 1e-15);
    }
}
