package org.deeplinear.spectral;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplinear.core.Seed;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;

/**
 * The cosines and alignments {@link TrackedModes} reports lie in [-1, 1], the range of a cosine of unit vectors,
 * although they are computed from rounded matrix products. The sample is the target itself, so each tracked mode is
 * a target mode: its cosine with that mode is 1 up to rounding, where the rounded products went past 1 (7,002 values
 * with |c| > 1 over these cases with the clamp taken out, the largest 1.000000000000002, on LAPACK's SVD; the first
 * one checked, n = 3, seed 1, mode 1 against target mode 1, was 1.0000000000000002).
 */
class ModeTrackerCosineRangeTest {

    @Test
    void cosinesAndAlignmentsOfATargetSampledAsItselfStayInMinusOneToOne() {
        for (int n = 3; n <= 8; n++) {
            double[] sigmas = new double[n];
            for (int i = 0; i < n; i++) {
                sigmas[i] = n - i;
            }
            for (long seed = 1; seed <= 200; seed++) {
                Target target = Target.random(n, n, sigmas, Seed.of(seed));
                ModeTracker tracker = new ModeTracker(target);
                tracker.add(0, target.matrix());
                TrackedModes modes = tracker.trackedModes();
                for (int k = 0; k < modes.modes(); k++) {
                    for (int i = 0; i < modes.targetModes(); i++) {
                        String where = "n = " + n + ", seed " + seed + ", mode " + k + " vs target mode " + i;
                        for (double[] values : new double[][] {modes.leftCosines(k, i), modes.rightCosines(k, i),
                                modes.alignments(k, i)}) {
                            assertTrue(Math.abs(values[0]) <= 1.0, where + ": " + values[0]);
                            assertFalse(Double.isNaN(Math.acos(values[0])), where);
                        }
                    }
                }
            }
        }
    }
}
