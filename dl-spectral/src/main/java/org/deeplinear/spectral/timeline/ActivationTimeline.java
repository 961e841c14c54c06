package org.deeplinear.spectral.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.deeplinear.core.Arguments;

/**
 * The order in which a map learned its target's modes: for each target mode {@code i} with {@code sigma_i > 0},
 * the first time its aligned coordinate {@code s_i} rose to {@code f * sigma_i} (an {@link Activation}), the
 * learning order (modes by activation time), and the gaps between consecutive activations. Modes that were
 * already at or above the threshold at the first sample, and modes that never reached it, are listed apart;
 * modes with {@code sigma_i = 0} have no threshold to cross and appear in no list.
 *
 * <p>Built by {@link #detect(double[], double[][], double[], double, List)} from plain arrays, so that series
 * from any source (a tracker, an integrator's observer, a file) can be analysed. Immutable.
 *
 * <p>A crossing is upward: the first sample {@code j} with {@code s_i(t_{j-1}) < f sigma_i <= s_i(t_j)}. A
 * series that crosses and falls back between two samples is not seen; a recorded event is.
 *
 * <p>The modes of a repeated singular value ({@link org.deeplinear.core.target.Spectrum#repeats}) are not defined one
 * by one (THEORY.md: equal singular values, compare subspaces): their coordinates, and so their activations and
 * order here, are those of the basis the target was built with. A network of width k that learns part of such a value
 * may show one of its modes activated and another not, or both half-way (a review's sigmas 2, 1, 1 through k = 2:
 * order [0, 2]); compare their sum, as {@code Claims.topModes} does.
 */
public final class ActivationTimeline {

    private final double fraction;
    private final List<Activation> byTime;
    private final Activation[] byMode;
    private final List<Integer> activeAtStart;
    private final List<Integer> neverActivated;

    private ActivationTimeline(double fraction, List<Activation> byTime, Activation[] byMode,
            List<Integer> activeAtStart, List<Integer> neverActivated) {
        this.fraction = fraction;
        this.byTime = byTime;
        this.byMode = byMode;
        this.activeAtStart = activeAtStart;
        this.neverActivated = neverActivated;
    }

    /**
     * The timeline from sampled aligned coordinates, every time interpolated.
     *
     * @param times    the sample times, finite and strictly increasing (not modified)
     * @param modes    {@code modes[i][j] = s_i(t_j)}, one series per target mode (not modified)
     * @param sigmas   the target's singular values {@code sigma_i >= 0}, one per mode (not modified)
     * @param fraction the activation fraction f, in (0, 1]
     * @return the timeline
     * @throws IllegalArgumentException as {@link #detect(double[], double[][], double[], double, List)}
     */
    public static ActivationTimeline detect(double[] times, double[][] modes, double[] sigmas, double fraction) {
        return detect(times, modes, sigmas, fraction, List.of());
    }

    /**
     * The timeline from sampled aligned coordinates, with the crossings that were recorded as events.
     *
     * <p>Cost: one pass over every series, {@code O(p * samples)}.
     *
     * @param times    the sample times, finite and strictly increasing (not modified)
     * @param modes    {@code modes[i][j] = s_i(t_j)}, one series per target mode, each finite and one value per
     *                 sample (not modified)
     * @param sigmas   the target's singular values {@code sigma_i >= 0}, finite, one per mode (not modified)
     * @param fraction the activation fraction f, in (0, 1]
     * @param recorded crossings of {@code f * sigma_i} located by the caller, at most one per mode; the mode's
     *                 activation takes the event's time and tolerance
     * @return the timeline
     * @throws IllegalArgumentException if an argument is null, the times are not finite and strictly increasing,
     *                                  a series has the wrong length or a non-finite value (the message names the
     *                                  mode and the sample), a sigma is negative, f is outside (0, 1], or an
     *                                  event names a mode out of range, a mode twice or a mode with
     *                                  {@code sigma = 0}, or another fraction
     */
    public static ActivationTimeline detect(double[] times, double[][] modes, double[] sigmas, double fraction,
            List<CrossingEvent> recorded) {
        SampleChecks.requireIncreasing("times", times);
        Arguments.notNull("modes", modes);
        Arguments.notNull("sigmas", sigmas);
        Arguments.check(sigmas.length == modes.length, "sigmas.length", sigmas.length,
                modes.length + " values, one per mode series");
        for (int i = 0; i < modes.length; i++) {
            SampleChecks.requireSeries("modes[" + i + "]", modes[i], times);
            Arguments.nonNegative("sigmas[" + i + "]", sigmas[i]);
        }
        Arguments.check(Double.isFinite(fraction) && fraction > 0 && fraction <= 1, "fraction", fraction,
                "a fraction in (0, 1]");
        Arguments.notNull("recorded", recorded);
        CrossingEvent[] events = new CrossingEvent[modes.length];
        for (int e = 0; e < recorded.size(); e++) {
            CrossingEvent event = Arguments.notNull("recorded[" + e + "]", recorded.get(e));
            Arguments.check(event.mode() < modes.length, "recorded[" + e + "].mode", event.mode(),
                    "a mode below " + modes.length);
            Arguments.check(events[event.mode()] == null, "recorded[" + e + "].mode", event.mode(),
                    "at most one event per mode");
            if (sigmas[event.mode()] == 0) {
                throw Arguments.fail("recorded[" + e + "].mode", event.mode(), "a mode with sigma > 0 (sigma_"
                        + event.mode() + " = 0 has no threshold to cross)");
            }
            Arguments.check(event.fraction() == fraction, "recorded[" + e + "].fraction", event.fraction(),
                    "the timeline's fraction " + fraction);
            events[event.mode()] = event;
        }

        Activation[] byMode = new Activation[modes.length];
        List<Integer> atStart = new ArrayList<>();
        List<Integer> never = new ArrayList<>();
        for (int i = 0; i < modes.length; i++) {
            double sigma = sigmas[i];
            if (sigma == 0) {
                continue;
            }
            double threshold = fraction * sigma;
            CrossingEvent event = events[i];
            if (event != null) {
                // the bracket within the doubles: time +- tolerance may pass the largest double (review of
                // dl-spectral, 2026-12-07: CrossingEvent(0, 0.5, MAX, MAX) had an infinite bracket end)
                double start = Math.max(-Double.MAX_VALUE, event.time() - event.tolerance());
                double end = Math.min(Double.MAX_VALUE, event.time() + event.tolerance());
                byMode[i] = new Activation(i, sigma, threshold, event.time(), Activation.Source.RECORDED, start, end,
                        event.tolerance(), event.tolerance());
                continue;
            }
            double[] s = modes[i];
            if (reaches(s[0], fraction, sigma)) {
                atStart.add(i);
                continue;
            }
            int j = 1;
            while (j < s.length && !reaches(s[j], fraction, sigma)) {
                j++;
            }
            if (j == s.length) {
                never.add(i);
            } else {
                byMode[i] = interpolate(i, fraction, sigma, threshold, times, s, j);
            }
        }
        List<Activation> byTime = new ArrayList<>();
        for (Activation a : byMode) {
            if (a != null) {
                byTime.add(a);
            }
        }
        byTime.sort(Comparator.comparingDouble(Activation::time).thenComparingInt(Activation::mode));
        return new ActivationTimeline(fraction, List.copyOf(byTime), byMode, List.copyOf(atStart),
                List.copyOf(never));
    }

    /**
     * Whether {@code s >= f sigma} exactly, not against the rounded product {@code fl(f sigma)} (which is half an
     * ulp off in the normal range and up to half of {@code Double.MIN_VALUE}, i.e. 20% of {@code 2.5 MIN_VALUE},
     * among the subnormals): {@code fma} rounds the exact {@code s - f sigma} once, keeping its sign, and a negative
     * difference too small to represent rounds to {@code -0.0}, which {@code Double.compare} puts below 0.
     */
    private static boolean reaches(double s, double fraction, double sigma) {
        return Double.compare(Math.fma(-fraction, sigma, s), 0.0) >= 0;
    }

    /**
     * The crossing between samples j - 1 (below) and j (at or above), with its error bound and estimate. Computed
     * scale-free, so that no intermediate overflows or underflows where the crossing's time is finite: the fraction
     * {@code r} of the interval at which the chord reaches the threshold (its numerator the exact
     * {@code f sigma - s_(j-1)}, rounded once), and the curvature as the dimensionless
     * {@code kappa = dt^2 |s''| / ds} from ratios of differences (values and times halved first where a difference
     * of two finite ones could overflow, values scaled up by {@code 2^600} where they are all below {@code 2^-900}).
     */
    private static Activation interpolate(int mode, double fraction, double sigma, double threshold, double[] t,
            double[] s, int j) {
        int from = Math.max(0, j - 2);
        int to = Math.min(s.length - 1, j + 1);
        double sLargest = largest(s, from, to, sigma);
        double sScale = sLargest >= 0.5 * Double.MAX_VALUE ? 0.5 : sLargest < 0x1p-900 ? 0x1p600 : 1;
        double tScale = halving(t, from, to, 0);
        double ta = t[j - 1];
        double tb = t[j];
        double dt = tb * tScale - ta * tScale;
        double ds = s[j] * sScale - s[j - 1] * sScale; // > 0: s[j - 1] < f sigma <= s[j]
        double r = Math.min(1, Math.max(0, Math.fma(fraction, sigma * sScale, -(s[j - 1] * sScale)) / ds));
        double time = Math.min(tb, Math.max(ta, (ta * tScale + r * dt) / tScale));
        // rounded up: the rounded differences can fall half an ulp short of the distance to the bracket's ends
        // (review of dl-spectral, 2026-12-07: 1.0 for 1.000000000000000111), and the bound is a guarantee; but a
        // bracket on one side of 0 is at most the largest double wide, which then bounds the distance (the audit of
        // 2026-12-07: [0, MAX] rounded MAX up to infinity). Only a bracket across 0 wider than that has none
        double bound = Math.nextUp(Math.max(time - ta, tb - time));
        if (bound == Double.POSITIVE_INFINITY && (ta >= 0 || tb <= 0)) {
            bound = Double.MAX_VALUE;
        }
        double kappa = -1;
        if (j >= 2) {
            kappa = Math.max(kappa, curvature(t, s, j - 2, dt, ds, tScale, sScale));
        }
        if (j + 1 < s.length) {
            kappa = Math.max(kappa, curvature(t, s, j - 1, dt, ds, tScale, sScale));
        }
        // the rounding of the inputs and of the interpolation itself: values to half an ulp, the time to an ulp
        double rounding = 0.5 * ((Math.ulp(s[j - 1]) + Math.ulp(s[j]) + Math.ulp(threshold)) * sScale / ds)
                * (dt / tScale) + 2 * Math.ulp(Math.max(Math.abs(ta), Math.abs(tb)));
        // linear interpolation's error: (time - ta)(tb - time) |s''| / (2 slope) = r (1 - r) dt kappa / 2; where the
        // bracket is wider than the largest double, dt / tScale overflows and the formula is infinite or NaN
        // (infinity times 0): the bound then
        double formula = kappa < 0 ? bound : 0.5 * r * (1 - r) * (dt / tScale) * kappa + rounding;
        double estimate = Double.isFinite(formula) ? Math.min(bound, formula) : bound;
        return new Activation(mode, sigma, threshold, time, Activation.Source.INTERPOLATED, ta, tb, bound, estimate);
    }

    /** 0.5 if a difference of two of {@code x[from..to]} (or {@code extra}) could overflow, else 1. */
    private static double halving(double[] x, int from, int to, double extra) {
        return largest(x, from, to, extra) >= 0.5 * Double.MAX_VALUE ? 0.5 : 1;
    }

    /** The largest magnitude among {@code x[from..to]} and {@code extra}. */
    private static double largest(double[] x, int from, int to, double extra) {
        double largest = Math.abs(extra);
        for (int k = from; k <= to; k++) {
            largest = Math.max(largest, Math.abs(x[k]));
        }
        return largest;
    }

    /**
     * {@code dt^2 |s''| / ds} for {@code s''} the second divided difference over samples k, k + 1, k + 2, with
     * {@code dt, ds} the crossing interval's (scaled) differences: {@code 2 |d2 dt / h2 - d1 dt / h1| dt / (h1 +
     * h2) / ds}, every factor a ratio of like quantities.
     */
    private static double curvature(double[] t, double[] s, int k, double dt, double ds, double tScale,
            double sScale) {
        double h1 = t[k + 1] * tScale - t[k] * tScale;
        double h2 = t[k + 2] * tScale - t[k + 1] * tScale;
        double d1 = (s[k + 1] * sScale - s[k] * sScale) / ds;
        double d2 = (s[k + 2] * sScale - s[k + 1] * sScale) / ds;
        double kappa = 2 * Math.abs(d2 * (dt / h2) - d1 * (dt / h1)) * (dt / (h1 + h2));
        return Double.isFinite(kappa) ? kappa : Double.MAX_VALUE;
    }

    /**
     * The activation fraction f.
     *
     * @return f, in (0, 1]
     */
    public double fraction() {
        return fraction;
    }

    /**
     * The activations in learning order: by time, ties by mode.
     *
     * @return an immutable list
     */
    public List<Activation> activations() {
        return byTime;
    }

    /**
     * The activation of one mode.
     *
     * @param mode the target mode, 0-based
     * @return its activation, or empty if it was active at the start, never activated or has {@code sigma = 0}
     * @throws IndexOutOfBoundsException if the mode is out of range (every mode is, on a timeline of no modes; the
     *                                  message says so)
     */
    public Optional<Activation> activation(int mode) {
        Arguments.index("mode", mode, 0, byMode.length - 1);
        return Optional.ofNullable(byMode[mode]);
    }

    /**
     * The learning order: the activated modes by activation time (ties by mode).
     *
     * @return a new array of mode indices
     */
    public int[] learningOrder() {
        return byTime.stream().mapToInt(Activation::mode).toArray();
    }

    /**
     * The gaps between consecutive activations in learning order, {@code t_(k+1) - t_(k)}; the error of gap k is
     * at most the sum of the two activations' error bounds.
     *
     * @return a new array, one shorter than the number of activations (empty if fewer than two)
     */
    public double[] gaps() {
        double[] gaps = new double[Math.max(0, byTime.size() - 1)];
        for (int k = 0; k < gaps.length; k++) {
            gaps[k] = byTime.get(k + 1).time() - byTime.get(k).time();
        }
        return gaps;
    }

    /**
     * Modes with {@code sigma_i > 0} already at or above their threshold at the first sample (and with no
     * recorded event).
     *
     * @return an immutable list of mode indices, ascending
     */
    public List<Integer> activeAtStart() {
        return activeAtStart;
    }

    /**
     * Modes with {@code sigma_i > 0} that stayed below their threshold at every sample (and have no recorded
     * event).
     *
     * @return an immutable list of mode indices, ascending
     */
    public List<Integer> neverActivated() {
        return neverActivated;
    }

    @Override
    public String toString() {
        return "ActivationTimeline(f = " + fraction + ", order = " + Arrays.toString(learningOrder())
                + ", active at start = " + activeAtStart + ", never = " + neverActivated + ")";
    }
}
