package org.deeplinear.spectral.rank;

import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.deeplinear.spectral.SpectralTestSupport.compose;
import static org.deeplinear.spectral.SpectralTestSupport.identity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.math.BigDecimal;
import java.util.Arrays;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.target.Target;
import org.deeplinear.spectral.ModeTracker;
import org.deeplinear.spectral.TrackerSettings;
import org.junit.jupiter.api.Test;

/** Effective ranks on spectra whose ranks are known in closed form. */
class EffectiveRanksTest {

    @Test
    void knownSpectra() {
        double[] sigmas = {3, 2, 1};
        assertEquals(3, EffectiveRanks.numericalRank(sigmas, 0.5));
        // a value equal to the threshold does not count (strictly above)
        assertEquals(2, EffectiveRanks.numericalRank(sigmas, 1.0));
        // (9 + 4 + 1) / 9
        assertEquals(14.0 / 9, EffectiveRanks.stableRank(sigmas), 1e-15);
        // p = (1/2, 1/4, 1/4): H = 1/2 ln 2 + 2 * 1/4 ln 4 = 3/2 ln 2, exp(H) = 2^(3/2)
        assertEquals(Math.pow(2, 1.5), EffectiveRanks.entropyRank(new double[] {2, 1, 1}), 1e-14);
        // order does not matter
        assertEquals(Math.pow(2, 1.5), EffectiveRanks.entropyRank(new double[] {1, 2, 1}), 1e-14);
    }

    @Test
    void aRelativeThresholdIsComparedExactlyAndMayPassTheLargestDouble() {
        // review of dl-spectral, findings 4 and 5: the tracker formed rankTolerance * sigma_max(A*) rounded, and
        // refused it once it overflowed. Expected values from exact arithmetic (BigDecimal) on the given doubles.
        // fl(0.1 * 3) = 0.30000000000000004 lies above the exact product of the doubles 0.1 and 3, so it counts
        double s = 0.1 * 3;
        assertTrue(new BigDecimal(s).compareTo(new BigDecimal(0.1).multiply(new BigDecimal(3))) > 0);
        assertEquals(1, EffectiveRanks.numericalRank(new double[] {s}, 0.1, 3));
        assertEquals(0, EffectiveRanks.numericalRank(new double[] {s}, s)); // the rounded threshold: not above
        // 1e10 * 1e300 is no double; no value exceeds it: rank 0 (as for any tolerance above 1)
        Target target = Target.of(Matrix.of(new double[][] {{1e300, 0}, {0, 1e299}}));
        ModeTracker tracker = new ModeTracker(target, TrackerSettings.defaults().withRankTolerance(1e10));
        tracker.add(0, target.matrix());
        RankSeries ranks = tracker.rankSeries();
        assertArrayEquals(new int[] {0}, ranks.numerical());
        assertEquals(Double.POSITIVE_INFINITY, ranks.threshold());
        // and a tolerance of 0.5 counts the value 1e300 only, as before
        ModeTracker half = new ModeTracker(target, TrackerSettings.defaults().withRankTolerance(0.5));
        half.add(0, target.matrix());
        assertArrayEquals(new int[] {1}, half.rankSeries().numerical());
    }

    @Test
    void rankZeroIsZeroForAllThree() {
        double[] zeros = new double[5];
        assertEquals(0, EffectiveRanks.numericalRank(zeros, 0));
        assertEquals(0, EffectiveRanks.stableRank(zeros));
        assertEquals(0, EffectiveRanks.entropyRank(zeros));
        assertEquals(0, EffectiveRanks.entropyRank(new double[0]));
    }

    @Test
    void flatSpectrumOfSizeRHasEveryRankR() {
        // r equal values s (any scale) padded with zeros: p_i = 1/r, H = ln r, exp(H) = r; stable rank r s^2 / s^2
        qt().forAll(integers().between(1, 64), doubles().between(-12, 12), integers().between(0, 8))
                .checkAssert((r, log10Scale, zeros) -> {
                    double s = Math.pow(10, log10Scale);
                    double[] sigmas = new double[r + zeros];
                    Arrays.fill(sigmas, 0, r, s);
                    assertEquals(r, EffectiveRanks.entropyRank(sigmas), 1e-12 * r);
                    assertEquals(r, EffectiveRanks.stableRank(sigmas), 1e-12 * r);
                    assertEquals(r, EffectiveRanks.numericalRank(sigmas, 0));
                });
    }

    @Test
    void entropyAndStableRanksLieBetweenOneAndTheRank() {
        qt().forAll(lists().of(doubles().between(0, 10)).ofSizeBetween(1, 20)).checkAssert(list -> {
            double[] sigmas = list.stream().mapToDouble(Double::doubleValue).toArray();
            int rank = EffectiveRanks.numericalRank(sigmas, 0);
            if (rank == 0) {
                return;
            }
            double entropy = EffectiveRanks.entropyRank(sigmas);
            double stable = EffectiveRanks.stableRank(sigmas);
            assertEquals(true, entropy >= 1 - 1e-12 && entropy <= rank + 1e-12, () -> entropy + " vs " + rank);
            assertEquals(true, stable >= 1 - 1e-12 && stable <= rank + 1e-12, () -> stable + " vs " + rank);
        });
    }

    @Test
    void aDominantValueHasEntropyRankNearOne() {
        // one value 1, nine values 1e-9: entropy rank -> 1 as the small values -> 0 (must not be 10)
        double[] sigmas = new double[10];
        Arrays.fill(sigmas, 1e-9);
        sigmas[0] = 1;
        // exp(H) - 1 = 1.96e-7 here (p_i = sigma_i / sum sigma, Roy-Vetterli; mpmath): 1e-6 is 5 times it
        assertEquals(1, EffectiveRanks.entropyRank(sigmas), 1e-6);
        // sum s^2 / max s^2 - 1 = 9e-18, below half an ulp of 1: the stable rank is 1 to rounding
        assertEquals(1, EffectiveRanks.stableRank(sigmas), 1e-15);
    }

    @Test
    void theJavadocsExamplesHold() {
        // RankSeries.numerical() counts values above the exact tolerance * scale: 0.1 * 3 = 0.30000000000000001665...
        // in binary (0.1 is 0.1000000000000000055511151231257827), below the value 0.30000000000000004 (exactly
        // 0.3000000000000000444...), while the rounded product threshold() equals the value
        RankSeries ranks = RankSeries.of(new double[] {0}, new double[][] {{0.30000000000000004}}, 0.1, 3);
        assertEquals(0.30000000000000004, ranks.threshold());
        assertEquals(1, ranks.numerical()[0]);
        // EffectiveRanks: r equal values have entropy rank r up to rounding (exp(ln 3) rounds below 3)
        assertEquals(2.9999999999999996, EffectiveRanks.entropyRank(new double[] {5, 5, 5}));
    }

    @Test
    void badSpectraAreRejected() {
        assertRejected("sigmas", () -> EffectiveRanks.stableRank(new double[] {1, -1}), "sigmas[1] = -1.0");
        assertRejected("sigmas", () -> EffectiveRanks.entropyRank(new double[] {Double.NaN}), "sigmas[0] = NaN");
        assertRejected("threshold", () -> EffectiveRanks.numericalRank(new double[] {1}, -1), "threshold = -1.0");
        assertRejected("sigmas", () -> EffectiveRanks.stableRank(null), "sigmas = null");
        // RankSeries names its own parameter, not EffectiveRanks' internal "sigmas" (review)
        assertRejected("singularValues", () -> RankSeries.of(new double[] {0, 1}, new double[][] {{1}, {-2}}, 0),
                "singularValues[1][0] = -2.0 (sample 1, t = 1.0): expected a finite singular value >= 0");
        assertRejected("singularValues", () -> RankSeries.of(new double[] {0, 1}, new double[][] {{1}, null}, 0),
                "singularValues[1] = null");
        assertRejected("singularValues", () -> RankSeries.of(new double[] {0, 1}, new double[][] {{1}}, 0),
                "singularValues.length");
        assertRejected("times", () -> RankSeries.of(new double[] {1, 0}, new double[][] {{1}, {1}}, 0),
                "times[1] = 0.0 (sample 1)");
    }

    @Test
    void trackerSeriesOnRankZeroFullRankAndRankOne() {
        // target diag(4, 3, 2, 1); numerical threshold 0.01 * sigma_max(A*) = 0.04
        Target target = Target.fromSpectrum(new double[] {4, 3, 2, 1}, Matrix.of(identity(4)),
                Matrix.of(identity(4)));
        ModeTracker tracker = new ModeTracker(target, TrackerSettings.defaults().withRankTolerance(0.01));
        tracker.add(0, Matrix.zeros(4, 4));
        tracker.add(1, target.matrix());
        tracker.add(2, compose(identity(4), new double[] {4, 0.01, 0, 0}, identity(4)));
        RankSeries ranks = tracker.rankSeries();
        assertEquals(0.04, ranks.threshold(), 1e-17);
        assertArrayEquals(new int[] {0, 4, 1}, ranks.numerical());
        // stable: 0 (A = 0), (16 + 9 + 4 + 1) / 16, 1 + (0.01 / 4)^2
        assertArrayEquals(new double[] {0, 30.0 / 16, 1 + 0.0025 * 0.0025}, ranks.stable(), 1e-14);
        // entropy of (4, 3, 2, 1)/10 and of (4, 0.01)/4.01
        double[] p = {0.4, 0.3, 0.2, 0.1};
        double h = 0;
        for (double x : p) {
            h -= x * Math.log(x);
        }
        double a = 4 / 4.01;
        double b = 0.01 / 4.01;
        double h2 = -a * Math.log(a) - b * Math.log(b);
        assertArrayEquals(new double[] {0, Math.exp(h), Math.exp(h2)}, ranks.entropy(), 1e-12);
        assertArrayEquals(new double[] {0, 1, 2}, ranks.times());
    }

    /**
     * Toward a zero target the threshold {@code 0.01 sigma_max(A*)} is 0, and a map through a hidden width 2 has two
     * values and four of rounding (about {@code 1e-16}, what the SVD leaves): the tracker's numerical rank counted
     * them, 6 where {@code dl simulate --ranks} counts 2 (the seventeenth session's note). It now counts values above
     * the map's rounding too, {@code 6 eps sigma_max(A)} ({@code EffectiveRanks.numericalRank} with the sizes), as
     * the CLI does.
     */
    @Test
    void trackerRankTowardAZeroTargetCountsOnlyWhatTheMapHas() {
        java.util.Random random = new java.util.Random(5);
        double[][] w = new double[6][2];
        double[][] u = new double[2][6];
        for (int i = 0; i < 6; i++) {
            for (int c = 0; c < 2; c++) {
                w[i][c] = random.nextGaussian();
                u[c][i] = random.nextGaussian();
            }
        }
        double[][] a = new double[6][6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                a[i][j] = w[i][0] * u[0][j] + w[i][1] * u[1][j];
            }
        }
        Matrix map = Matrix.of(a);
        ModeTracker tracker = new ModeTracker(Target.of(Matrix.zeros(6, 6)), TrackerSettings.defaults());
        tracker.add(0, map);
        assertArrayEquals(new int[] {2}, tracker.rankSeries().numerical());
        assertEquals(2, EffectiveRanks.numericalRank(tracker.singularValues(0), 0.01, 0, 6, 6));
        assertRejected("rows", 0, () -> RankSeries.of(new double[] {0}, new double[][] {{1}}, 0.01, 1, 0, 1));
        assertRejected("cols", -1, () -> RankSeries.of(new double[] {0}, new double[][] {{1}}, 0.01, 1, 1, -1));
    }

    @Test
    void entropyRankOfEqualValuesIsTheirCountExactly() {
        // exp(H) of r equal values is r; the rounded sums gave 40.000000000000156 for 40 (review of 2026-12-06),
        // above the [1, length] the Javadoc promises and above the count of non-zero values
        for (int r : new int[] {1, 3, 40, 64, 1000}) {
            double[] equal = new double[r];
            java.util.Arrays.fill(equal, 0.7);
            // r to rounding (e^(ln r) may land an ulp below), never above it
            double rank = EffectiveRanks.entropyRank(equal);
            assertTrue(rank <= r, r + " equal values: " + rank);
            assertEquals(r, rank, 4 * Math.ulp((double) r), r + " equal values");
            double[] padded = java.util.Arrays.copyOf(equal, r + 5);   // zeros do not count
            double withZeros = EffectiveRanks.entropyRank(padded);
            assertTrue(withZeros <= r, r + " equal values and five zeros: " + withZeros);
        }
    }

    /**
     * Above the map's rounding too: for a 3 x 5 map the floor is max(3, 5) eps sigma_max = 5 * 2^-52 * sigma_max
     * (1.1e-15 at sigma_max = 1), so a zero threshold (a zero target's) counts 2 of {1, 1e-3, 1e-16, 0} where the
     * three-argument form counts 3; where the relative threshold is the higher, it decides (1 of them above 1e-2).
     * A map whose rounding passes the target's scale (1e300, 1e290, 1e284: the last below 5 eps 1e300 = 1.1e285)
     * counts 2. Sizes below 1 are refused.
     */
    @Test
    void theRankAboveTheMapsRoundingCountsOnlyTheValuesTheMapHas() {
        double[] sigmas = {1, 1e-3, 1e-16, 0};
        assertEquals(3, EffectiveRanks.numericalRank(sigmas, 1e-2, 0));
        assertEquals(2, EffectiveRanks.numericalRank(sigmas, 1e-2, 0, 3, 5));
        assertEquals(1, EffectiveRanks.numericalRank(sigmas, 1e-2, 1, 3, 5));
        assertEquals(2, EffectiveRanks.numericalRank(new double[] {1e300, 1e290, 1e284}, 1e-2, 5, 3, 5));
        assertEquals(0, EffectiveRanks.numericalRank(new double[] {0, 0}, 0, 0, 2, 2));
        assertRejected("rows", 0, () -> EffectiveRanks.numericalRank(sigmas, 1e-2, 1, 0, 5));
        assertRejected("cols", -1, () -> EffectiveRanks.numericalRank(sigmas, 1e-2, 1, 3, -1));
    }
}
