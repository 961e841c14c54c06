package org.deeplinear.spectral.reliability;

import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.Rejections.rejectedNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.target.Target;
import org.deeplinear.spectral.ModeTracker;
import org.deeplinear.spectral.TrackerSettings;
import org.deeplinear.spectral.rank.EffectiveRanks;
import org.deeplinear.spectral.timeline.ActivationTimeline;
import org.deeplinear.spectral.timeline.Plateaus;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * dl-spectral's public factories and entry points fed garbage: {@link TrackerSettings} over the edges of every
 * parameter (exactly the documented ranges are accepted), a {@link ModeTracker} given bad samples (non-finite or
 * repeated times, wrong shapes, null maps, entries whose squares overflow), and the static measures given null,
 * negative, NaN or mismatched arrays. Each either works or throws an {@link IllegalArgumentException} whose
 * message starts with the name of the parameter (or the sample) at fault; nothing else escapes, and a rejected
 * sample leaves the tracker as it was.
 */
class SpectralGarbageTest {

    private static final Target TARGET = Target.random(4, 3, new double[] {2, 1}, Seed.of(81));

    static Gen<Double> edgeDoubles() {
        return Generate.pick(List.of(0.0, -0.0, 1e-300, 1e-6, 0.5, 1.0 - 1e-16, 1.0, 1.5, -1e-300, -1.0, 1e300,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    static Gen<Integer> edgeInts() {
        return Generate.pick(List.of(Integer.MIN_VALUE, -1, 0, 1, 2, 16, Integer.MAX_VALUE));
    }

    @Test
    void trackerSettingsAcceptExactlyTheirDocumentedRanges() {
        qt().withExamples(400).forAll(edgeDoubles(), edgeDoubles(), edgeDoubles(), edgeInts())
                .checkAssert((cluster, overlap, rank, cosines) -> {
                    boolean valid = Double.isFinite(cluster) && cluster >= 0 && cluster < 1 && overlap >= 0
                            && overlap <= 1 && Double.isFinite(rank) && rank >= 0 && cosines >= 1;
                    assertEquals(!valid, rejectedNaming(List.of("clusterTolerance", "overlapThreshold",
                            "rankTolerance", "cosineModes"), () -> new TrackerSettings(cluster, overlap, rank, cosines),
                            cluster, overlap, rank, cosines));
                });
    }

    @Test
    void aTrackerRejectsBadSamplesByNameAndStaysAsItWas() {
        assertTrue(rejectedNaming(List.of("target"), () -> new ModeTracker(null)));
        assertTrue(rejectedNaming(List.of("settings", "target"), () -> new ModeTracker(TARGET, null)));
        ModeTracker tracker = new ModeTracker(TARGET);
        Matrix good = Matrix.of(new double[][] {{1, 0, 0}, {0, 0.5, 0}, {0, 0, 0}, {0, 0, 0}});
        tracker.add(0.0, good);
        List<String> sample = List.of("sample 1");
        assertTrue(rejectedNaming(sample, () -> add(tracker, Double.NaN, good)));
        assertTrue(rejectedNaming(sample, () -> add(tracker, Double.POSITIVE_INFINITY, good)));
        assertTrue(rejectedNaming(sample, () -> add(tracker, 0.0, good)));
        assertTrue(rejectedNaming(sample, () -> add(tracker, -1.0, good)));
        assertTrue(rejectedNaming(sample, () -> add(tracker, 1.0, null)));
        assertTrue(rejectedNaming(sample, () -> add(tracker, 1.0, Matrix.zeros(3, 4))));
        // entries of 1e300: the loss 1/2 ||A - A*||^2 overflows; refused, not tracked as NaN
        Matrix huge = Matrix.of(new double[][] {{1e300, 0, 0}, {0, 1e300, 0}, {0, 0, 0}, {0, 0, 1e300}});
        rejectedNaming(sample, () -> add(tracker, 1.0, huge));
        assertEquals(1, tracker.samples(), "rejected samples leave the tracker unchanged");
        tracker.add(1.0, good);
        assertEquals(2, tracker.samples());
        for (double[] row : tracker.alignedSeries().allModes()) {
            for (double s : row) {
                assertTrue(Double.isFinite(s));
            }
        }
    }

    private static ModeTracker add(ModeTracker tracker, double t, Matrix a) {
        tracker.add(t, a);
        return tracker;
    }

    @Test
    void effectiveRanksRejectArraysThatAreNotSpectra() {
        List<double[]> bad = Arrays.asList(null, new double[] {1, Double.NaN}, new double[] {1, -1},
                new double[] {Double.POSITIVE_INFINITY});
        for (double[] sigmas : bad) {
            assertTrue(rejectedNaming(List.of("sigmas"), () -> EffectiveRanks.stableRank(sigmas), sigmas));
            assertTrue(rejectedNaming(List.of("sigmas"), () -> EffectiveRanks.entropyRank(sigmas), sigmas));
            assertTrue(rejectedNaming(List.of("sigmas"), () -> EffectiveRanks.numericalRank(sigmas, 0.1), sigmas));
        }
        assertTrue(rejectedNaming(List.of("threshold"), () -> EffectiveRanks.numericalRank(new double[] {1},
                Double.NaN)));
        // extreme but valid spectra: finite answers
        double[] extreme = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MIN_VALUE, 0};
        assertEquals(2.0, EffectiveRanks.stableRank(extreme), 1e-12);
        assertTrue(Double.isFinite(EffectiveRanks.entropyRank(extreme)));
        assertEquals(0.0, EffectiveRanks.stableRank(new double[] {0, 0}), 0.0);
    }

    @Test
    void timelinesAndPlateausRejectMismatchedOrNonFiniteSeries() {
        double[] times = {0, 1, 2};
        double[][] modes = {{0.1, 0.5, 0.9}, {0.0, 0.1, 0.2}};
        double[] sigmas = {1, 0.5};
        List<String> names = List.of("times", "modes", "sigmas", "fraction");
        assertTrue(rejectedNaming(names, () -> ActivationTimeline.detect(null, modes, sigmas, 0.5)));
        assertTrue(rejectedNaming(names, () -> ActivationTimeline.detect(new double[] {0, 2, 1}, modes, sigmas,
                0.5)));
        assertTrue(rejectedNaming(names, () -> ActivationTimeline.detect(times, new double[][] {{0.1, 0.2}},
                sigmas, 0.5)));
        assertTrue(rejectedNaming(names, () -> ActivationTimeline.detect(times, modes, sigmas, Double.NaN)));
        assertTrue(rejectedNaming(names, () -> ActivationTimeline.detect(times, new double[][] {{0.1, Double.NaN,
            0.9}, {0, 0, 0}}, sigmas, 0.5)));
        List<String> plateauNames = List.of("times", "loss", "spectrum", "band", "minDuration");
        assertTrue(rejectedNaming(plateauNames, () -> Plateaus.detect(times, new double[] {1, -1, 0},
                TARGET.spectrum(), 0.02, 0.5)));
        assertTrue(rejectedNaming(plateauNames, () -> Plateaus.detect(times, new double[] {1, 1},
                TARGET.spectrum(), 0.02, 0.5)));
        assertTrue(rejectedNaming(plateauNames, () -> Plateaus.detect(times, new double[] {1, 1, 1},
                TARGET.spectrum(), Double.NaN, 0.5)));
        assertTrue(rejectedNaming(plateauNames, () -> Plateaus.detect(times, new double[] {1, 1, 1},
                TARGET.spectrum(), 0.02, 0)));
        assertTrue(rejectedNaming(plateauNames, () -> Plateaus.detect(times, new double[] {1, 1, 1},
                null, 0.02, 0.5)));
    }
}
