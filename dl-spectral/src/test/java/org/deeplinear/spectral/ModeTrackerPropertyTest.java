package org.deeplinear.spectral;

import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.QtSeed.seeds;
import static org.deeplinear.spectral.SpectralTestSupport.compose;
import static org.deeplinear.spectral.SpectralTestSupport.identity;
import static org.deeplinear.spectral.SpectralTestSupport.rotateColumns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;

/**
 * Random analytic sequences {@code A(t) = R(t) diag(sigma(t)) S(t)^T} (4 x 4): three plane rotations on each side
 * at random rates in [-1, 1] rad per unit time, singular values {@code a_k + b_k t} with random a in [0.5, 3]
 * (sorted descending) and b in [-1.5, 1.5] (so that they cross), sampled every 0.02 on [0, 1]. Each case is rebuilt
 * from its seed. Whenever no sample brings two values within 1e-4 sigma_max of each other, every mode keeps its
 * identity and its vectors are the construction's columns, signs included.
 */
class ModeTrackerPropertyTest {

    private static final int[][] PLANES = {{0, 1}, {1, 2}, {2, 3}};
    /** The spacing of the doubles at 1, 2^-52. */
    private static final double EPS = Math.ulp(1.0);

    record Case(double[] rateU, double[] rateV, double[] a, double[] b) {

        static Case from(long seed) {
            Random random = new Random(seed);
            double[] ru = new double[3];
            double[] rv = new double[3];
            double[] a = new double[4];
            double[] b = new double[4];
            for (int k = 0; k < 3; k++) {
                ru[k] = 2 * random.nextDouble() - 1;
                rv[k] = 2 * random.nextDouble() - 1;
            }
            for (int k = 0; k < 4; k++) {
                a[k] = 0.5 + 2.5 * random.nextDouble();
                b[k] = 3 * random.nextDouble() - 1.5;
            }
            java.util.Arrays.sort(a); // descending at t = 0, so that tracked mode k is column k of the construction
            for (int k = 0; k < 2; k++) {
                double x = a[k];
                a[k] = a[3 - k];
                a[3 - k] = x;
            }
            return new Case(ru, rv, a, b);
        }

        double[] sigmas(double t) {
            double[] s = new double[4];
            for (int k = 0; k < 4; k++) {
                s[k] = a[k] + b[k] * t;
            }
            return s;
        }

        double[][] rotation(double[] rates, double t) {
            double[][] r = identity(4);
            for (int k = 0; k < 3; k++) {
                r = rotateColumns(r, PLANES[k][0], PLANES[k][1], rates[k] * t);
            }
            return r;
        }

        /**
         * Distinct positive values in descending order at t = 0, and no sample with a relative gap below 1e-4: 100
         * times TrackerSettings.DEFAULT_CLUSTER_TOLERANCE (1e-6), so that no pair is a cluster, and the cosines'
         * bound 1000 eps sigma_max / gap below stays under 2.2e-9.
         */
        boolean wellSeparated() {
            double[] s0 = sigmas(0);
            for (int k = 1; k < 4; k++) {
                if (!(s0[k - 1] > s0[k])) {
                    return false;
                }
            }
            for (int j = 0; j <= 50; j++) {
                double[] s = sigmas(0.02 * j);
                double max = 0;
                for (double x : s) {
                    max = Math.max(max, x);
                }
                for (int x = 0; x < 4; x++) {
                    if (s[x] <= 1e-4 * max) {
                        return false;
                    }
                    for (int y = x + 1; y < 4; y++) {
                        if (Math.abs(s[x] - s[y]) <= 1e-4 * max) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }
    }

    @Test
    void randomSmoothSequencesAreTrackedWithoutSwapsOrFlips() {
        Target target = Target.fromSpectrum(new double[] {4, 3, 2, 1}, Matrix.of(identity(4)),
                Matrix.of(identity(4)));
        int[] crossed = new int[1];
        qt().withExamples(60).forAll(seeds()).assuming(seed -> Case.from(seed).wellSeparated())
                .checkAssert(seed -> {
                    Case c = Case.from(seed);
                    ModeTracker tracker = new ModeTracker(target);
                    for (int j = 0; j <= 50; j++) {
                        double t = 0.02 * j;
                        tracker.add(t, compose(c.rotation(c.rateU, t), c.sigmas(t), c.rotation(c.rateV, t)));
                    }
                    TrackedModes modes = tracker.trackedModes();
                    assertTrue(modes.ambiguities().isEmpty(), () -> "seed " + seed + ": " + modes.ambiguities());
                    boolean swapped = false;
                    for (int k = 0; k < 4; k++) {
                        double[] sigma = modes.singularValues(k);
                        int[] position = modes.positions(k);
                        for (int j = 0; j <= 50; j++) {
                            double t = 0.02 * j;
                            double[] exact = c.sigmas(t);
                            double max = 0;
                            double gap = Double.POSITIVE_INFINITY;
                            for (int x = 0; x < 4; x++) {
                                max = Math.max(max, exact[x]);
                                gap = x == k ? gap : Math.min(gap, Math.abs(exact[x] - exact[k]));
                            }
                            // the SVD's backward error and the construction's rounding are a few eps ||A||: by
                            // Weyl's inequality each singular value moves by at most that, and by Wedin's sin-theta
                            // theorem each singular vector by that over the gap to the other values (at least 1e-4
                            // sigma_max here). Measured over seeds 20261128, 1 and 2: 20 eps sigma_max for the values
                            // and 37 eps sigma_max / gap for the cosines; bounds 100 and 1000 of them
                            assertEquals(exact[k], sigma[j], 100 * EPS * max, "seed " + seed);
                            double vectors = 1000 * EPS * max / gap;
                            swapped |= position[j] != k;
                            for (int i = 0; i < 4; i++) {
                                assertEquals(c.rotation(c.rateU, t)[i][k], modes.leftCosines(k, i)[j], vectors,
                                        "seed " + seed);
                                assertEquals(c.rotation(c.rateV, t)[i][k], modes.rightCosines(k, i)[j], vectors,
                                        "seed " + seed);
                            }
                        }
                    }
                    if (swapped) {
                        crossed[0]++;
                    }
                });
        // the property is not vacuous: many of the cases had crossings (positions that changed); measured 51 to 55 of
        // the 60 over seeds 20261128 and 1 to 4 (a case keeps its order only if its four lines do not meet in [0, 1])
        assertTrue(crossed[0] >= 10, "cases with crossings: " + crossed[0]);
    }
}
