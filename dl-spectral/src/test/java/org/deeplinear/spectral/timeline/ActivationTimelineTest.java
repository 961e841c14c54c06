package org.deeplinear.spectral.timeline;

import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.Rejections.assertOutOfRange;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.math.BigDecimal;
import java.util.List;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.target.Target;
import org.deeplinear.spectral.ModeTracker;
import org.junit.jupiter.api.Test;

/**
 * Activation times of series sampled from the balanced logistic law (THEORY.md, "Aligned single modes"):
 * {@code s(t) = sigma / (1 + (sigma/s0 - 1) e^{-2 sigma t})}, whose half-time (the crossing of {@code sigma/2})
 * is {@code t_half = ln(sigma/s0 - 1) / (2 sigma)}.
 */
class ActivationTimelineTest {

    static final double[] SIGMAS = {5, 3, 2, 1};
    static final double S0 = 1e-3;

    static double logistic(double sigma, double s0, double t) {
        return sigma / (1 + (sigma / s0 - 1) * Math.exp(-2 * sigma * t));
    }

    static double halfTime(double sigma, double s0) {
        return Math.log(sigma / s0 - 1) / (2 * sigma);
    }

    static double[] grid(double end, int samples) {
        double[] t = new double[samples];
        for (int j = 0; j < samples; j++) {
            t[j] = end * j / (samples - 1);
        }
        return t;
    }

    static double[][] logisticModes(double[] times, double[] sigmas, double s0) {
        double[][] modes = new double[sigmas.length][times.length];
        for (int i = 0; i < sigmas.length; i++) {
            for (int j = 0; j < times.length; j++) {
                modes[i][j] = logistic(sigmas[i], s0, times[j]);
            }
        }
        return modes;
    }

    @Test
    void logisticHalfTimesAreRecoveredWithinTheReportedError() {
        double[] times = grid(6, 121); // spacing 0.05; the slowest half-time, ln(999)/2 = 3.45, lies inside
        ActivationTimeline timeline = ActivationTimeline.detect(times, logisticModes(times, SIGMAS, S0), SIGMAS, 0.5);
        assertArrayEquals(new int[] {0, 1, 2, 3}, timeline.learningOrder()); // follows sigma: 5, 3, 2, 1
        double largestError = 0;
        for (int i = 0; i < SIGMAS.length; i++) {
            Activation a = timeline.activation(i).orElseThrow();
            double exact = halfTime(SIGMAS[i], S0);
            double error = Math.abs(a.time() - exact);
            largestError = Math.max(largestError, error);
            assertEquals(Activation.Source.INTERPOLATED, a.source());
            assertEquals(SIGMAS[i] / 2, a.threshold());
            assertTrue(a.bracketStart() <= exact && exact <= a.bracketEnd());
            assertTrue(error <= a.errorBound(), () -> "mode " + a + ": error " + error);
            assertTrue(error <= a.errorEstimate(), () -> "mode " + a + ": error " + error);
            assertTrue(a.errorBound() <= 0.05); // at most the sample spacing
            // the estimate is far tighter than the bracket: O(h^2 s''/s') against O(h)
            assertTrue(a.errorEstimate() < 0.01 * a.errorBound(), a::toString);
        }
        // the interpolation error is real (the checks above are not vacuous), and much smaller than the bracket
        assertTrue(largestError > 1e-6, "largest error " + largestError);
        double[] gaps = timeline.gaps();
        for (int k = 0; k < gaps.length; k++) {
            Activation a = timeline.activations().get(k);
            Activation b = timeline.activations().get(k + 1);
            double exact = halfTime(SIGMAS[k + 1], S0) - halfTime(SIGMAS[k], S0);
            assertEquals(exact, gaps[k], a.errorBound() + b.errorBound());
        }
    }

    /**
     * The learning order is by time, not by mode index: mode 0 (sigma 2 from s0 = 1e-6) starts lowest and crosses
     * last, mode 1 (sigma 3 from 1e-3) first, mode 2 (sigma 1 from 1e-2, the smallest sigma) in between. Each series
     * is THEORY.md's logistic law in closed form, s(t) = sigma e^{2 sigma t} / (e^{2 sigma t} - 1 + sigma/s0), and its
     * crossing of f sigma the closed-form inverse t = ln[s (sigma - s0) / (s0 (sigma - s))] / (2 sigma) at
     * s = f sigma: with f = 0.6, ln(1.5 (sigma/s0 - 1)) / (2 sigma) = 3.7285 (mode 0), 1.4019 (mode 1), 2.5003 (mode
     * 2). Compared at the sampling tolerance Activation documents: within each time's error bound (at most the
     * spacing 0.025) and its estimate; gaps within the sum of the two bounds (ActivationTimeline.gaps).
     */
    @Test
    void modesThatActivateOutOfIndexOrderAreListedByTime() {
        double[] sigmas = {2, 3, 1};
        double[] s0 = {1e-6, 1e-3, 1e-2};
        double f = 0.6;
        double[] times = grid(5, 201);
        double[][] modes = new double[3][times.length];
        double[] exact = new double[3];
        for (int i = 0; i < 3; i++) {
            double sigma = sigmas[i];
            for (int j = 0; j < times.length; j++) {
                double e = Math.exp(2 * sigma * times[j]);
                modes[i][j] = sigma * e / (e - 1 + sigma / s0[i]);
            }
            double s = f * sigma;
            exact[i] = Math.log(s * (sigma - s0[i]) / (s0[i] * (sigma - s))) / (2 * sigma);
        }
        ActivationTimeline timeline = ActivationTimeline.detect(times, modes, sigmas, f);
        assertArrayEquals(new int[] {1, 2, 0}, timeline.learningOrder(), timeline::toString);
        List<Activation> activations = timeline.activations();
        assertEquals(3, activations.size());
        int[] order = {1, 2, 0};
        for (int k = 0; k < 3; k++) {
            Activation a = activations.get(k);
            assertEquals(order[k], a.mode(), a::toString);
            assertEquals(a, timeline.activation(order[k]).orElseThrow());
            // the reference crossing is itself rounded: a few ulps of slack for it, as above
            double error = Math.abs(a.time() - exact[order[k]]) - 4 * Math.ulp(exact[order[k]]);
            // one sample interval: grid(5, 201) has spacing 5 / 200 = 0.025
            assertTrue(a.errorBound() <= 0.025, a::toString);
            assertTrue(error <= a.errorBound(), () -> a + ": error " + error);
            assertTrue(error <= a.errorEstimate(), () -> a + ": error " + error);
        }
        double[] gaps = timeline.gaps();
        assertEquals(2, gaps.length);
        for (int k = 0; k < 2; k++) {
            Activation a = activations.get(k);
            Activation b = activations.get(k + 1);
            double expected = exact[order[k + 1]] - exact[order[k]];
            assertTrue(expected > 1, "1.10 and 1.23 apart: " + expected);
            assertEquals(expected, gaps[k], a.errorBound() + b.errorBound(), "gap " + k);
        }
    }

    @Test
    void halfTimesOfAnyLogisticAreWithinTheBoundAndTheEstimate() {
        // sigma in [0.5, 8], s0 = sigma * 10^-x with x in [1, 6], sampled on 50..400 points up to 3 half-times
        qt().withExamples(300).forAll(doubles().between(0.5, 8), doubles().between(1, 6), integers().between(50, 400))
                .checkAssert((sigma, x, samples) -> {
                    double s0 = sigma * Math.pow(10, -x);
                    double exact = halfTime(sigma, s0);
                    double[] times = grid(3 * exact, samples);
                    Activation a = ActivationTimeline.detect(times, logisticModes(times, new double[] {sigma}, s0),
                            new double[] {sigma}, 0.5).activation(0).orElseThrow();
                    // the reference half-time is itself rounded: a few ulps of slack for it
                    double error = Math.abs(a.time() - exact) - 4 * Math.ulp(exact);
                    assertTrue(error <= a.errorBound(), () -> a + " error " + error);
                    assertTrue(error <= a.errorEstimate(), () -> a + " error " + error);
                });
    }

    @Test
    void aLinearSeriesIsInterpolatedExactlyWithZeroEstimate() {
        double[] times = {0, 1, 2, 3, 4};
        double[][] modes = {{0, 0.25, 0.5, 0.75, 1.0}}; // s = t / 4, crosses 0.3 * 1 at t = 1.2
        Activation a = ActivationTimeline.detect(times, modes, new double[] {1}, 0.3).activation(0).orElseThrow();
        assertEquals(1.2, a.time(), 1e-15);
        // no curvature: the estimate is only the rounding term (a few ulps of the values over the slope)
        assertEquals(0, a.errorEstimate(), 1e-14);
        assertEquals(0.8, a.errorBound(), 1e-15); // max(1.2 - 1, 2 - 1.2)
        assertEquals(1, a.bracketStart());
        assertEquals(2, a.bracketEnd());
        // the bound covers the exact distance to the bracket's far end: over [-1, 1], s from 0 to 1, a threshold just
        // under 1/2 of sigma = 1 (0.5 - 2^-54) crosses at -2^-53, where the rounded 1 - time was 1.0, short of the
        // exact 1.000000000000000111 (BigDecimal; review of dl-spectral)
        Activation near = ActivationTimeline.detect(new double[] {-1, 1}, new double[][] {{0, 1}},
                new double[] {1}, 0.5 - 0x1p-54).activation(0).orElseThrow();
        java.math.BigDecimal distance = java.math.BigDecimal.ONE.subtract(new java.math.BigDecimal(near.time()));
        assertTrue(new java.math.BigDecimal(near.errorBound()).compareTo(distance) >= 0,
                near.errorBound() + " below " + distance);
    }

    @Test
    void extremeScalesGiveTheSameCrossingAsUnitOnes() {
        // s = t / 4 at unit scale crosses 0.3 at t = 1.2; the same curve with s scaled by 1e-170 and t by 1e170,
        // or s by 1e10 and t by 1e-300 (and with values near the largest double), crosses at the scaled time. The
        // unscaled slope (s1 - s0) / (tb - ta) underflowed or overflowed there: the bracket's end and a NaN
        // estimate (review of 2026-11-28).
        double[] unit = {0, 1, 2, 3, 4};
        double[] s = {0, 0.25, 0.5, 0.75, 1.0};
        double[][] scales = {{1e-170, 1e170}, {1e10, 1e-300}, {1e300, 1e-300}, {1e-300, 1e300}, {1e307, 1e-10}};
        Activation reference = ActivationTimeline.detect(unit, new double[][] {s}, new double[] {1}, 0.3)
                .activation(0).orElseThrow();
        for (double[] scale : scales) {
            double[] times = new double[unit.length];
            double[] modes = new double[unit.length];
            for (int k = 0; k < unit.length; k++) {
                times[k] = unit[k] * scale[1];
                modes[k] = s[k] * scale[0];
            }
            Activation a = ActivationTimeline.detect(times, new double[][] {modes}, new double[] {scale[0]}, 0.3)
                    .activation(0).orElseThrow();
            String at = "s x " + scale[0] + ", t x " + scale[1];
            assertEquals(1.2 * scale[1], a.time(), 4 * Math.ulp(1.2 * scale[1]), at);
            assertEquals(0.8 * scale[1], a.errorBound(), 4 * Math.ulp(0.8 * scale[1]), at);
            assertTrue(Double.isFinite(a.errorEstimate()) && a.errorEstimate() <= a.errorBound(), at);
            assertEquals(reference.errorEstimate() * scale[1], a.errorEstimate(), 1e-14 * scale[1], at);
        }
        // and a curved one (s = t^2 / 16 crosses 0.3 at t = 2.19): the estimate scales with the times
        double[] curved = {0, 1.0 / 16, 4.0 / 16, 9.0 / 16, 1.0};
        Activation unitCurved = ActivationTimeline.detect(unit, new double[][] {curved}, new double[] {1}, 0.3)
                .activation(0).orElseThrow();
        double[] times = new double[unit.length];
        double[] modes = new double[unit.length];
        for (int k = 0; k < unit.length; k++) {
            times[k] = unit[k] * 1e170;
            modes[k] = curved[k] * 1e-170;
        }
        Activation tiny = ActivationTimeline.detect(times, new double[][] {modes}, new double[] {1e-170}, 0.3)
                .activation(0).orElseThrow();
        assertTrue(unitCurved.errorEstimate() > 0);
        assertEquals(unitCurved.time() * 1e170, tiny.time(), 1e-14 * tiny.time());
        assertEquals(unitCurved.errorEstimate() * 1e170, tiny.errorEstimate(), 1e-12 * tiny.errorEstimate());
    }

    @Test
    void aBracketWiderThanTheLargestDoubleHasItsBoundAsEstimateNotNaN() {
        // times -M, 0.9 M, M (M = Double.MAX_VALUE): the bracket [-M, 0.9 M] is 1.9 M wide, so the estimate's
        // interval length dt / tScale overflows; times 0 (r (1 - r) or kappa) it was NaN (review). Activation's
        // Javadoc: an estimate at most the bound; where the formula is not finite, the estimate is the bound.
        double m = Double.MAX_VALUE;
        double[] times = {-m, 0.9 * m, m};
        // s = 0, 2, 3 crosses 0.5 * 2 = 1 half-way: time (t0 + t1) / 2, about -0.05 M, and bound (t1 - t0) / 2,
        // about 0.95 M, on both sides (exact in BigDecimal, rounded once)
        Activation half = ActivationTimeline.detect(times, new double[][] {{0, 2, 3}}, new double[] {2}, 0.5)
                .activation(0).orElseThrow();
        BigDecimal t0 = new BigDecimal(times[0]);
        BigDecimal t1 = new BigDecimal(times[1]);
        double midpoint = t0.add(t1).divide(BigDecimal.valueOf(2)).doubleValue();
        double halfWidth = t1.subtract(t0).divide(BigDecimal.valueOf(2)).doubleValue();
        // to a few ulps of the endpoints, the scale at which the interpolation rounds (as the rounding term counts)
        assertEquals(midpoint, half.time(), 2 * Math.ulp(m));
        assertEquals(halfWidth, half.errorBound(), 2 * Math.ulp(m));
        assertEquals(half.errorBound(), half.errorEstimate(), 0.0);
        // s = 0, 1, 2 reaches 1 at the bracket's end 0.9 M: r = 1, the bound 1.9 M is infinite, and so the estimate
        Activation end = ActivationTimeline.detect(times, new double[][] {{0, 1, 2}}, new double[] {2}, 0.5)
                .activation(0).orElseThrow();
        assertEquals(times[1], end.time(), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, end.errorBound(), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, end.errorEstimate(), 0.0);
    }

    /**
     * A bracket within the doubles has a finite bound (audit of 2026-12-07): s = -M, 0, M (M = Double.MAX_VALUE)
     * reaches 1 * M at t = M, the bracket [0, M]; the distance to its far end, M - 0 = M, was rounded up with
     * Math.nextUp to infinity. A bracket on one side of 0 is at most M wide, so M bounds the distance.
     */
    @Test
    void aBracketOnOneSideOfZeroHasAFiniteBoundEvenAtTheLargestDouble() {
        double m = Double.MAX_VALUE;
        Activation a = ActivationTimeline.detect(new double[] {-m, 0, m}, new double[][] {{-m, 0, m}},
                new double[] {m}, 1).activation(0).orElseThrow();
        assertEquals(0.0, a.bracketStart());
        assertEquals(m, a.bracketEnd());
        assertEquals(m, a.time());
        assertEquals(m, a.errorBound(), 0.0);
        assertTrue(a.errorEstimate() <= m, a::toString);
        // below 0 alike: times -M, -M/2, 0, the series reaching 1 at the last sample, time 0, bracket [-M/2, 0]
        Activation below = ActivationTimeline.detect(new double[] {-m, -m / 2, 0}, new double[][] {{0, 0, 1}},
                new double[] {1}, 1).activation(0).orElseThrow();
        assertEquals(0.0, below.time());
        assertEquals(Math.nextUp(m / 2), below.errorBound(), 0.0);
    }

    @Test
    void theThresholdIsComparedExactlyNotAsTheRoundedProduct() {
        // review of dl-spectral, finding 5: every test was s >= fl(f sigma). Expected values from exact arithmetic
        // on the given doubles.
        double min = Double.MIN_VALUE;
        // (a) f sigma = 0.5 MIN_VALUE rounds to 0: s_0 = 0 counted as active at the start. Exactly, 0 < 0.5 MIN and
        // MIN >= 0.5 MIN: the crossing lies between samples 1 and 2, at r = 0.5 on the chord
        ActivationTimeline a = ActivationTimeline.detect(new double[] {0, 1, 2}, new double[][] {{0, 0, min}},
                new double[] {min}, 0.5);
        assertEquals(List.of(), a.activeAtStart());
        Activation first = a.activation(0).orElseThrow();
        assertEquals(1.5, first.time());
        assertEquals(1.0, first.bracketStart());
        assertEquals(2.0, first.bracketEnd());
        // (b) f sigma = 2.5 MIN_VALUE rounds to 2 MIN: the crossing was put at t = 1 with bracket [0, 1], which
        // excludes the true one. Exactly, 2 MIN < 2.5 MIN <= 3 MIN: bracket [1, 2], chord at 1 + 0.5 / 1
        Activation second = ActivationTimeline.detect(new double[] {0, 1, 2}, new double[][] {{0, 2 * min, 3 * min}},
                new double[] {5 * min}, 0.5).activation(0).orElseThrow();
        assertEquals(1.5, second.time());
        assertEquals(1.0, second.bracketStart());
        assertEquals(2.0, second.bracketEnd());
        // (c) the normal range: fl(0.7 * 0.1) = 0.06999999999999999 is below the exact product of the two doubles
        // (BigDecimal), so a series at that value has not reached it
        double s = 0.7 * 0.1;
        assertTrue(new BigDecimal(s).compareTo(new BigDecimal(0.7).multiply(new BigDecimal(0.1))) < 0);
        ActivationTimeline c = ActivationTimeline.detect(new double[] {0, 1}, new double[][] {{s, 1}},
                new double[] {0.1}, 0.7);
        assertEquals(List.of(), c.activeAtStart());
        assertEquals(0.0, c.activation(0).orElseThrow().bracketStart());
    }

    @Test
    void recordedEventsAreUsedActiveAndNeverActivatedModesAreListedApart() {
        double[] times = grid(2, 41);
        double[] sigmas = {5, 3, 2, 1, 0, 4};
        double[][] modes = logisticModes(times, sigmas, S0);
        modes[4] = new double[times.length]; // sigma = 0: the logistic form is 0/0, the mode stays at 0
        modes[5] = new double[times.length];
        java.util.Arrays.fill(modes[5], 3); // 3 >= 0.5 * 4 from the start
        double recorded = halfTime(3, S0);
        ActivationTimeline timeline = ActivationTimeline.detect(times, modes, sigmas, 0.5,
                List.of(new CrossingEvent(1, 0.5, recorded, 1e-9)));
        Activation a = timeline.activation(1).orElseThrow();
        assertEquals(Activation.Source.RECORDED, a.source());
        assertEquals(recorded, a.time());
        assertEquals(1e-9, a.errorBound());
        // a recorded time and tolerance near the largest double: the bracket stays within the doubles (its end was
        // infinite), [MAX - MAX, MAX] = [0, MAX]
        double max = Double.MAX_VALUE;
        Activation far = ActivationTimeline.detect(times, modes, sigmas, 0.5, List.of(new CrossingEvent(1, 0.5, max,
                max))).activation(1).orElseThrow();
        assertEquals(0.0, far.bracketStart());
        assertEquals(max, far.bracketEnd());
        // sigma = 2 has its half-time ln(1999)/4 = 1.90 inside [0, 2]; sigma = 1 (ln(999)/2 = 3.45) does not
        assertEquals(List.of(5), timeline.activeAtStart());
        assertEquals(List.of(3), timeline.neverActivated());
        assertArrayEquals(new int[] {0, 1, 2}, timeline.learningOrder());
        assertTrue(timeline.activation(4).isEmpty()); // sigma = 0: no threshold
        assertTrue(timeline.activation(3).isEmpty());
        assertEquals(0.5, timeline.fraction());
    }

    @Test
    void trackerTimelineMatchesTheSeriesOfItsMaps() {
        // A(t) = U* diag(s(t)) V*^T on a random 6 x 4 target: the tracker's aligned coordinates are s(t)
        double[] sigmas = {5, 3, 2, 1};
        Target target = Target.random(6, 4, sigmas, Seed.of(11));
        double[] times = grid(4, 81);
        double[][] modes = logisticModes(times, sigmas, S0);
        ModeTracker tracker = new ModeTracker(target);
        Matrix u = target.spectrum().leftVectors();
        Matrix v = target.spectrum().rightVectors();
        for (int j = 0; j < times.length; j++) {
            double[][] a = new double[6][4];
            for (int k = 0; k < 4; k++) {
                for (int r = 0; r < 6; r++) {
                    for (int c = 0; c < 4; c++) {
                        a[r][c] += u.get(r, k) * modes[k][j] * v.get(c, k);
                    }
                }
            }
            tracker.add(times[j], Matrix.of(a));
        }
        ActivationTimeline fromTracker = tracker.activationTimeline(0.5);
        ActivationTimeline fromSeries = ActivationTimeline.detect(times, modes, sigmas, 0.5);
        assertArrayEquals(fromSeries.learningOrder(), fromTracker.learningOrder());
        for (int i = 0; i < 3; i++) {
            assertEquals(fromSeries.activation(i).orElseThrow().time(),
                    fromTracker.activation(i).orElseThrow().time(), 1e-10);
        }
    }

    @Test
    void badInputIsRejectedNamingTheSample() {
        double[] times = {0, 1, 2};
        double[][] modes = {{0, 1, 2}};
        double[] sigmas = {2};
        assertRejected("times", () -> ActivationTimeline.detect(new double[] {0, 1, 1}, modes, sigmas, 0.5),
                "times[2] = 1.0 (sample 2)", "a time > times[1] = 1.0");
        assertRejected("times", () -> ActivationTimeline.detect(new double[] {0, Double.NaN, 2}, modes, sigmas, 0.5),
                "times[1] = NaN (sample 1)");
        assertRejected("modes",
                () -> ActivationTimeline.detect(times, new double[][] {{0, Double.NaN, 1}}, sigmas, 0.5),
                "modes[0][1] = NaN (sample 1, t = 1.0)");
        assertRejected("modes", () -> ActivationTimeline.detect(times, new double[][] {{0, 1}}, sigmas, 0.5),
                "modes[0].length = 2");
        assertRejected("sigmas", () -> ActivationTimeline.detect(times, modes, new double[] {-1}, 0.5),
                "sigmas[0] = -1.0");
        assertRejected("sigmas", () -> ActivationTimeline.detect(times, modes, new double[] {1, 2}, 0.5),
                "sigmas.length");
        assertRejected("fraction", () -> ActivationTimeline.detect(times, modes, sigmas, 0), "fraction = 0.0");
        assertRejected("fraction", () -> ActivationTimeline.detect(times, modes, sigmas, 1.5), "fraction = 1.5");
        assertRejected("recorded",
                () -> ActivationTimeline.detect(times, modes, sigmas, 0.5, List.of(new CrossingEvent(1, 0.5, 0.5, 0))),
                "recorded[0].mode = 1");
        assertRejected("recorded",
                () -> ActivationTimeline.detect(times, modes, sigmas, 0.5,
                        List.of(new CrossingEvent(0, 0.5, 0.5, 0), new CrossingEvent(0, 0.5, 0.6, 0))),
                "recorded[1].mode = 0");
        assertRejected("recorded",
                () -> ActivationTimeline.detect(times, modes, sigmas, 0.5, List.of(new CrossingEvent(0, 0.25, 0.5, 0))),
                "recorded[0].fraction = 0.25", "the timeline's fraction 0.5");
        // an event for an in-range mode with sigma = 0 (no threshold) was dropped without a word (review of
        // dl-spectral, finding 8: activation(1) empty, no error)
        List<CrossingEvent> atZero = List.of(new CrossingEvent(1, 0.5, 0.3, 0.01));
        assertRejected("recorded", () -> ActivationTimeline.detect(new double[] {0, 1},
                new double[][] {{0, 1}, {0, 1}}, new double[] {1, 0}, 0.5, atZero), "recorded[0].mode = 1",
                "sigma_1 = 0");
        assertRejected("time", () -> new CrossingEvent(0, 0.5, Double.NaN, 0), "time = NaN");
        assertRejected("tolerance", () -> new CrossingEvent(0, 0.5, 1, -1), "tolerance = -1.0");
        assertRejected("fraction", () -> new CrossingEvent(0, 0, 1, 0), "fraction = 0.0");
        ActivationTimeline ok = ActivationTimeline.detect(times, modes, sigmas, 0.5);
        // an index out of range is an IndexOutOfBoundsException, as everywhere (README; it was an
        // IllegalArgumentException here, review of 2026-12-07)
        assertOutOfRange("mode = 1: expected 0..0", () -> ok.activation(1));
        // a timeline of no modes said "expected a mode in 0..-1" (review)
        ActivationTimeline none = ActivationTimeline.detect(new double[] {0}, new double[0][], new double[0], 0.5);
        assertOutOfRange("mode = 0: expected none (the range is empty)", () -> none.activation(0));
    }
}
