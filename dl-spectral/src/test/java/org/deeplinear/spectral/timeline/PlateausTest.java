package org.deeplinear.spectral.timeline;

import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.deeplinear.spectral.SpectralTestSupport.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.target.Spectrum;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;

/**
 * Plateaus of synthetic loss curves whose steps are known: the best rank-r residuals of sigma = (4, 3, 2, 1),
 * {@code R_r = 1/2 sum_{i >= r} sigma_i^2} = 15, 7, 2.5, 0.5, 0 (exact in binary).
 */
class PlateausTest {

    static final Spectrum SPECTRUM = Target.fromSpectrum(new double[] {4, 3, 2, 1}, Matrix.of(identity(4)),
            Matrix.of(identity(4))).spectrum();
    static final double[] RESIDUALS = {15, 7, 2.5, 0.5, 0};
    static final double H = 0.01;

    /** Flat at R_0, R_1, R_2, R_3 with cosine ramps of width 0.2 starting at 1, 2.5 and 4; t in [0, 6]. */
    static double staircase(double t) {
        double[] starts = {1, 2.5, 4};
        for (int r = 0; r < starts.length; r++) {
            if (t < starts[r]) {
                return RESIDUALS[r];
            }
            if (t < starts[r] + 0.2) {
                double x = (t - starts[r]) / 0.2;
                return RESIDUALS[r] + (RESIDUALS[r + 1] - RESIDUALS[r]) * 0.5 * (1 - Math.cos(Math.PI * x));
            }
        }
        return RESIDUALS[3];
    }

    static double[] times(int samples) {
        double[] t = new double[samples];
        for (int j = 0; j < samples; j++) {
            t[j] = j * H;
        }
        return t;
    }

    @Test
    void eachStepOfAStaircaseIsFoundWithItsLevel() {
        double[] t = times(601);
        double[] loss = new double[t.length];
        for (int j = 0; j < t.length; j++) {
            loss[j] = staircase(t[j]);
        }
        double band = 0.01;
        List<Plateau> plateaus = Plateaus.detect(t, loss, SPECTRUM, band, 0.3);
        assertEquals(4, plateaus.size(), plateaus::toString);
        double[][] flat = {{0, 1}, {1.2, 2.5}, {2.7, 4}, {4.2, 6}}; // where the staircase is exactly flat
        for (int r = 0; r < 4; r++) {
            Plateau p = plateaus.get(r);
            assertEquals(r, p.rank());
            assertEquals(RESIDUALS[r], p.residual());
            // every sample is within the band of the others and R_r is one of them: |level - R_r| <= band R_r
            assertEquals(RESIDUALS[r], p.level(), band * RESIDUALS[r]);
            assertTrue(p.relativeDeviation() <= band);
            assertTrue(p.max() <= (1 + band) * p.min());
            // the plateau covers the flat part and reaches into the ramps around it by less than a ramp
            assertTrue(p.start() <= flat[r][0] + 1e-12 && p.start() > flat[r][0] - 0.2, p::toString);
            assertTrue(p.end() >= flat[r][1] - 1e-12 && p.end() < flat[r][1] + 0.2, p::toString);
            assertEquals(p.end() - p.start(), p.duration());
            assertEquals(t[p.startIndex()], p.start());
            assertEquals(t[p.endIndex()], p.end());
        }
    }

    @Test
    void aLossThatKeepsFallingHasNoPlateau() {
        // e^{-t}: over any 0.3 the loss falls by e^{0.3} = 1.35, far outside a 1% band
        double[] t = times(601);
        double[] loss = new double[t.length];
        for (int j = 0; j < t.length; j++) {
            loss[j] = Math.exp(-t[j]);
        }
        assertTrue(Plateaus.detect(t, loss, SPECTRUM, 0.01, 0.3).isEmpty());
        // with a band wider than e^{0.3} - 1 the same curve has plateaus: the band is what decides
        assertTrue(!Plateaus.detect(t, loss, SPECTRUM, 0.4, 0.3).isEmpty());
    }

    @Test
    void aZeroLossIsTheFullRankPlateau() {
        double[] t = times(11);
        List<Plateau> plateaus = Plateaus.detect(t, new double[11], SPECTRUM, 0, 0.05);
        assertEquals(1, plateaus.size());
        Plateau p = plateaus.get(0);
        assertEquals(4, p.rank());
        assertEquals(0, p.level());
        assertEquals(0, p.relativeDeviation());
        assertEquals(0, p.startIndex());
        assertEquals(10, p.endIndex());
    }

    @Test
    void logisticLossPlateausSitAtTheResiduals() {
        // L(t) = 1/2 sum_i (sigma_i - s_i(t))^2 with each s_i balanced logistic from s0 = 1e-9 (THEORY.md), for
        // sigma = (8, 4, 2, 1): half-times ln(sigma/s0 - 1)/(2 sigma) = 1.43, 2.77, 5.36, 10.36, residuals
        // R_r = 42.5, 10.5, 2.5, 0.5, 0. Between activations the loss rests near R_r but drifts (the next mode
        // already grows, the last one still converges), so a plateau may come in consecutive pieces of one rank.
        double s0 = 1e-9;
        double[] sigmas = {8, 4, 2, 1};
        Spectrum spectrum = Target.fromSpectrum(sigmas, Matrix.of(identity(4)), Matrix.of(identity(4))).spectrum();
        double[] t = times(801); // up to t = 8, where s_3 = 1e-9 e^{16} = 0.009 has barely begun to rise
        double[] loss = new double[t.length];
        for (int j = 0; j < t.length; j++) {
            double sum = 0;
            for (double sigma : sigmas) {
                double s = sigma / (1 + (sigma / s0 - 1) * Math.exp(-2 * sigma * t[j]));
                sum += (sigma - s) * (sigma - s);
            }
            loss[j] = 0.5 * sum;
        }
        double band = 0.05;
        List<Plateau> plateaus = Plateaus.detect(t, loss, spectrum, band, 0.3);
        assertEquals(List.of(0, 1, 2, 3), plateaus.stream().map(Plateau::rank).distinct().toList(),
                plateaus::toString);
        for (int k = 0; k < plateaus.size(); k++) {
            Plateau p = plateaus.get(k);
            assertTrue(p.relativeDeviation() <= band, p::toString);
            if (k > 0) {
                assertTrue(p.rank() >= plateaus.get(k - 1).rank());
                assertTrue(p.start() > plateaus.get(k - 1).end());
            }
        }
    }

    @Test
    void theLevelIsTheTimeWeightedMeanWhateverCameBefore() {
        // losses near the largest double, then a plateau at R_3 = 0.5 of sigma = (4, 3, 2, 1): a running integral
        // subtracted at both ends overflowed (inf - inf: level NaN, rank 0; review of 2026-11-28)
        double[] t = {0, 1, 2, 3, 4, 5};
        List<Plateau> huge = Plateaus.detect(t, new double[] {1e308, 1e308, 1e308, 0.5, 0.5, 0.5}, SPECTRUM, 0.01,
                1.0);
        assertEquals(2, huge.size(), huge::toString);
        assertEquals(1e308, huge.get(0).level(), 0.0);
        assertEquals(0.5, huge.get(1).level(), 0.0);
        assertEquals(3, huge.get(1).rank());
        // after losses of 1e15 over [0, 1000), a plateau alternating 0.5 and 0.51 at unit steps: its trapezoids
        // average exactly (0.5 + 0.51) / 2 = 0.505 (the running integral kept no digit of it: 0.5, the clamp)
        int n = 1000 + 11;
        double[] times = new double[n];
        double[] loss = new double[n];
        for (int j = 0; j < n; j++) {
            times[j] = j;
            loss[j] = j < 1000 ? 1e15 : (j % 2 == 0 ? 0.5 : 0.51);
        }
        List<Plateau> late = Plateaus.detect(times, loss, SPECTRUM, 0.05, 5.0);
        Plateau last = late.get(late.size() - 1);
        assertEquals(1000, last.startIndex());
        assertEquals(0.505, last.level(), 1e-15);
    }

    @Test
    void badInputIsRejectedNamingTheSample() {
        double[] t = {0, 1, 2};
        assertRejected("loss", () -> Plateaus.detect(t, new double[] {1, -1, 1}, SPECTRUM, 0.1, 1),
                "loss[1] = -1.0 (sample 1, t = 1.0)", "a loss >= 0");
        assertRejected("loss", () -> Plateaus.detect(t, new double[] {1, 1, Double.NaN}, SPECTRUM, 0.1, 1),
                "loss[2] = NaN (sample 2, t = 2.0)");
        assertRejected("times", () -> Plateaus.detect(new double[] {0, 2, 1}, new double[3], SPECTRUM, 0.1, 1),
                "times[2] = 1.0 (sample 2)");
        assertRejected("loss", () -> Plateaus.detect(t, new double[2], SPECTRUM, 0.1, 1), "loss.length = 2");
        assertRejected("band", () -> Plateaus.detect(t, new double[3], SPECTRUM, -0.1, 1), "band = -0.1");
        assertRejected("minDuration", () -> Plateaus.detect(t, new double[3], SPECTRUM, 0.1, 0), "minDuration = 0.0");
        assertRejected("spectrum", () -> Plateaus.detect(t, new double[3], null, 0.1, 1), "spectrum = null");
        assertRejected("times", () -> Plateaus.detect(new double[0], new double[0], SPECTRUM, 0.1, 1),
                "times.length = 0");
    }
}
