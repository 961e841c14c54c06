package org.deeplinear.spectral.timeline;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.target.Spectrum;

/**
 * Finds the plateaus of a loss curve: stretches over which the loss stays within a relative band, or drifts through
 * it no faster than one band per minimum duration, that last at least that duration, each set beside the best
 * rank-r residual of the target ({@link Spectrum#bestRankResidual(int)}) closest to its level.
 *
 * <p>Stateless.
 */
public final class Plateaus {

    private Plateaus() {
    }

    /**
     * The plateaus of a sampled loss.
     *
     * <p>Two steps, each linear in the number of samples.
     *
     * <p><b>Band runs.</b> Scanning from the first sample, a run starts at the earliest sample from which the loss
     * stays within the band ({@code max <= (1 + band) * min} over the run) for at least {@code minDuration}; it
     * extends as far as the band allows; the scan resumes after it (two monotone queues). Runs do not overlap and
     * are in time order. A loss that keeps falling by more than the band within every {@code minDuration} has none.
     *
     * <p><b>Merging.</b> Each run is given the rank {@code r} whose residual is closest to its level (see
     * {@link Plateau}). Walking the runs in time order, a run {@code q} is merged into the plateau {@code p} before
     * it when all three hold:
     * <ol>
     *   <li>they have the same rank;</li>
     *   <li>their ranges are within the band of each other:
     *       {@code max(p.min, q.min) <= (1 + band) * min(p.max, q.max)};</li>
     *   <li>every sample between them (if any) lies within their joint range
     *       {@code [min(p.min, q.min), max(p.max, q.max)]}.</li>
     * </ol>
     * Both band inequalities are decided exactly, not as the rounded product {@code fl(fl(1 + band) * min)}.
     * The merged plateau spans {@code p}'s first to {@code q}'s last sample, and its level, range and rank are
     * recomputed over that span (a chain of runs merges one after another). So a plateau that the band cut into
     * consecutive pieces is found once: a loss drifting slowly across a step, by at most about the band in every
     * {@code minDuration}, is a chain of adjacent band runs of one rank and becomes one plateau, however far it
     * drifts while its nearest residual stays the same; a merged plateau's {@code max / min} may then exceed
     * {@code 1 + band}. A step to another level (beyond the band) or a detour outside the runs' range between
     * them keeps two plateaus apart. The detection uses no residual to decide where a plateau is, only to name its
     * rank: a loss resting away from every residual is still found.
     *
     * @param times       the sample times, finite and strictly increasing (not modified)
     * @param loss        the loss at each time, finite and {@code >= 0} (not modified)
     * @param spectrum    the target's spectrum, for the residuals
     * @param band        the relative band, finite and {@code >= 0}, e.g. 0.02 for 2%
     * @param minDuration the shortest band run (and so the shortest plateau), finite and {@code > 0}, in time units
     * @return the plateaus, in time order, non-overlapping (immutable)
     * @throws IllegalArgumentException if an argument is null, the times are not finite and strictly increasing,
     *                                  the loss has the wrong length or a negative or non-finite value (the message
     *                                  names the sample), or the band or duration is out of range
     */
    public static List<Plateau> detect(double[] times, double[] loss, Spectrum spectrum, double band,
            double minDuration) {
        SampleChecks.requireIncreasing("times", times);
        SampleChecks.requireSeries("loss", loss, times);
        for (int j = 0; j < loss.length; j++) {
            Arguments.check(loss[j] >= 0, "loss[" + j + "]", loss[j] + " (sample " + j + ", t = " + times[j] + ")",
                    "a loss >= 0");
        }
        Arguments.notNull("spectrum", spectrum);
        Arguments.nonNegative("band", band);
        Arguments.positive("minDuration", minDuration);

        int n = loss.length;
        List<Plateau> plateaus = new ArrayList<>();
        ArrayDeque<Integer> maxQueue = new ArrayDeque<>(); // indices with decreasing loss
        ArrayDeque<Integer> minQueue = new ArrayDeque<>(); // indices with increasing loss
        int end = 0; // the window is [start, end)
        for (int start = 0; start < n; ) {
            if (end <= start) {
                end = start;
                maxQueue.clear();
                minQueue.clear();
            }
            while (end < n && fits(loss, maxQueue, minQueue, end, band)) {
                push(loss, maxQueue, minQueue, end);
                end++;
            }
            int last = end - 1;
            if (last > start && times[last] - times[start] >= minDuration) {
                Plateau run = plateau(times, loss, spectrum, start, last, loss[minQueue.peekFirst()],
                        loss[maxQueue.peekFirst()]);
                int previous = plateaus.size() - 1;
                Plateau p = previous >= 0 ? plateaus.get(previous) : null;
                if (p != null && mergeable(loss, p, run, band)) {
                    plateaus.set(previous, plateau(times, loss, spectrum, p.startIndex(), last,
                            Math.min(p.min(), run.min()), Math.max(p.max(), run.max())));
                } else {
                    plateaus.add(run);
                }
                start = end;
            } else {
                if (!maxQueue.isEmpty() && maxQueue.peekFirst() == start) {
                    maxQueue.pollFirst();
                }
                if (!minQueue.isEmpty() && minQueue.peekFirst() == start) {
                    minQueue.pollFirst();
                }
                start++;
            }
        }
        return List.copyOf(plateaus);
    }

    /** Conditions 1 to 3 of {@link #detect}; visits the samples between the two runs once. */
    private static boolean mergeable(double[] loss, Plateau p, Plateau q, double band) {
        if (p.rank() != q.rank()
                || !withinBand(Math.max(p.min(), q.min()), Math.min(p.max(), q.max()), band)) {
            return false;
        }
        double low = Math.min(p.min(), q.min());
        double high = Math.max(p.max(), q.max());
        for (int j = p.endIndex() + 1; j < q.startIndex(); j++) {
            if (loss[j] < low || loss[j] > high) {
                return false;
            }
        }
        return true;
    }

    private static boolean fits(double[] loss, ArrayDeque<Integer> maxQueue, ArrayDeque<Integer> minQueue, int j,
            double band) {
        double max = maxQueue.isEmpty() ? loss[j] : Math.max(loss[maxQueue.peekFirst()], loss[j]);
        double min = minQueue.isEmpty() ? loss[j] : Math.min(loss[minQueue.peekFirst()], loss[j]);
        return withinBand(max, min, band);
    }

    /**
     * Whether {@code max <= (1 + band) * min} exactly (for finite {@code max, min >= 0} and {@code band >= 0}). The
     * rounded {@code fl(fl(1 + band) * min)} is within two ulps of the exact product (two roundings, each at most
     * half an ulp relative, or half of {@code Double.MIN_VALUE} among the subnormals), so the rounded comparison
     * decides where {@code max} is more than four of its ulps away from it; nearer, or where it overflows, the
     * product and the comparison are exact in BigDecimal.
     */
    private static boolean withinBand(double max, double min, double band) {
        double bound = (1 + band) * min;
        if (Double.isFinite(bound)) {
            double margin = 4 * Math.ulp(bound);
            if (max > bound + margin) {
                return false;
            }
            if (max < bound - margin) {
                return true;
            }
        }
        BigDecimal exact = BigDecimal.ONE.add(new BigDecimal(band)).multiply(new BigDecimal(min));
        return new BigDecimal(max).compareTo(exact) <= 0;
    }

    private static void push(double[] loss, ArrayDeque<Integer> maxQueue, ArrayDeque<Integer> minQueue, int j) {
        while (!maxQueue.isEmpty() && loss[maxQueue.peekLast()] <= loss[j]) {
            maxQueue.pollLast();
        }
        maxQueue.addLast(j);
        while (!minQueue.isEmpty() && loss[minQueue.peekLast()] >= loss[j]) {
            minQueue.pollLast();
        }
        minQueue.addLast(j);
    }

    /**
     * The plateau on samples first..last whose loss ranges over [min, max]; its level the time-weighted mean of the
     * loss (trapezoids), summed over the run itself: each interval's share of the span times its mean loss, so that
     * nothing overflows where the mean is finite and no total of earlier samples cancels (a running integral
     * subtracted at both ends overflowed after losses near 1e308 and lost the plateau's digits after large ones).
     */
    private static Plateau plateau(double[] t, double[] loss, Spectrum spectrum, int first, int last, double min,
            double max) {
        double scale = Double.isFinite(t[last] - t[first]) ? 1 : 0.5;  // halved times when the span overflows
        double span = t[last] * scale - t[first] * scale;
        double mean = 0;
        for (int j = first + 1; j <= last; j++) {
            mean += (t[j] * scale - t[j - 1] * scale) / span * (0.5 * loss[j] + 0.5 * loss[j - 1]);
        }
        double level = Math.min(max, Math.max(min, mean));
        int rank = 0;
        double residual = spectrum.bestRankResidual(0);
        for (int r = 1; r <= spectrum.size(); r++) {
            double candidate = spectrum.bestRankResidual(r);
            if (Math.abs(level - candidate) < Math.abs(level - residual)) {
                rank = r;
                residual = candidate;
            }
        }
        return new Plateau(first, last, t[first], t[last], level, min, max, rank, residual);
    }
}
