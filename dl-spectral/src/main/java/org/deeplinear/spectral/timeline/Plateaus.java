package org.deeplinear.spectral.timeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.target.Spectrum;

/**
 * Finds the plateaus of a loss curve: maximal runs of samples over which the loss stays within a relative band
 * and that last at least a minimum duration, each set beside the best rank-r residual of the target
 * ({@link Spectrum#bestRankResidual(int)}) closest to its level.
 *
 * <p>Stateless.
 */
public final class Plateaus {

    private Plateaus() {
    }

    /**
     * The plateaus of a sampled loss.
     *
     * <p>Scanning from the first sample, a plateau starts at the earliest sample from which the loss stays within
     * the band ({@code max <= (1 + band) * min} over the run) for at least {@code minDuration}; it extends as far
     * as the band allows; the scan resumes after it. Plateaus therefore do not overlap and are in time order. A
     * loss that keeps falling by more than the band within every {@code minDuration} has none. Cost
     * {@code O(samples)} (two monotone queues).
     *
     * @param times       the sample times, finite and strictly increasing (not modified)
     * @param loss        the loss at each time, finite and {@code >= 0} (not modified)
     * @param spectrum    the target's spectrum, for the residuals
     * @param band        the relative band, finite and {@code >= 0}, e.g. 0.02 for 2%
     * @param minDuration the shortest plateau, finite and {@code > 0}, in time units
     * @return the plateaus, in time order (immutable)
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

        List<Plateau> plateaus = new ArrayList<>();
        ArrayDeque<Integer> maxQueue = new ArrayDeque<>(); // indices with decreasing loss
        ArrayDeque<Integer> minQueue = new ArrayDeque<>(); // indices with increasing loss
        int n = loss.length;
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
                plateaus.add(plateau(times, loss, spectrum, start, last));
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

    private static boolean fits(double[] loss, ArrayDeque<Integer> maxQueue, ArrayDeque<Integer> minQueue, int j,
            double band) {
        double max = maxQueue.isEmpty() ? loss[j] : Math.max(loss[maxQueue.peekFirst()], loss[j]);
        double min = minQueue.isEmpty() ? loss[j] : Math.min(loss[minQueue.peekFirst()], loss[j]);
        return max <= (1 + band) * min;
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

    private static Plateau plateau(double[] t, double[] loss, Spectrum spectrum, int first, int last) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        double area = 0;
        for (int j = first; j <= last; j++) {
            min = Math.min(min, loss[j]);
            max = Math.max(max, loss[j]);
            if (j > first) {
                area += 0.5 * (loss[j] + loss[j - 1]) * (t[j] - t[j - 1]);
            }
        }
        double level = Math.min(max, Math.max(min, area / (t[last] - t[first])));
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
