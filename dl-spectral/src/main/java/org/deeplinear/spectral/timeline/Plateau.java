package org.deeplinear.spectral.timeline;

import org.deeplinear.core.Arguments;

/**
 * An interval over which the loss rested: one band run ({@code max <= (1 + band) * min} over the samples
 * {@code startIndex..endIndex}) or a chain of consecutive band runs of one rank that {@link Plateaus#detect} merged
 * (a slow drift cut into pieces by the band), set beside the best rank-r residual {@code 1/2 sum_{i >= r} sigma_i^2}
 * (0-based modes, i.e. the modes after the r largest) closest to its level: the plateau of a network that has
 * learned r modes.
 *
 * @param startIndex the first sample of the plateau
 * @param endIndex   its last sample, {@code > startIndex}
 * @param start      the time of the first sample
 * @param end        the time of the last sample
 * @param level      the time-weighted mean of the loss over the plateau (trapezoid rule), between
 *                   {@code min} and {@code max}
 * @param min        the smallest loss on the plateau
 * @param max        the largest loss on the plateau, at most {@code (1 + band) * min} for a single band run (a
 *                   merged chain may span more)
 * @param rank       the r in {@code 0..p} whose best rank-r residual is closest to {@code level} in absolute
 *                   value (ties to the smaller r)
 * @param residual   that residual, {@code 1/2 sum_{i >= r} sigma_i^2}
 */
public record Plateau(int startIndex, int endIndex, double start, double end, double level, double min, double max,
        int rank, double residual) {

    /**
     * Validates the plateau: what a detection produces (audit of 2026-12-07: any value was accepted, and a NaN
     * level gave a NaN {@link #relativeDeviation()}).
     *
     * @param startIndex the first sample, {@code >= 0}
     * @param endIndex   the last sample, {@code > startIndex}
     * @param start      the time of the first sample, finite
     * @param end        the time of the last sample, finite and {@code > start}
     * @param level      the mean loss, in {@code [min, max]}
     * @param min        the smallest loss, finite and {@code >= 0}
     * @param max        the largest loss, finite and {@code >= min}
     * @param rank       the rank r, {@code >= 0}
     * @param residual   the best rank-r residual, finite and {@code >= 0}
     * @throws IllegalArgumentException naming the first component out of its range
     */
    public Plateau {
        Arguments.atLeast("startIndex", startIndex, 0);
        Arguments.check(endIndex > startIndex, "endIndex", endIndex, "a sample > startIndex = " + startIndex);
        Arguments.finite("start", start);
        Arguments.check(Double.isFinite(end) && end > start, "end", end, "a finite time > start = " + start);
        Arguments.nonNegative("min", min);
        Arguments.check(Double.isFinite(max) && max >= min, "max", max, "a finite loss >= min = " + min);
        Arguments.check(level >= min && level <= max, "level", level, "a loss in [min, max] = [" + min + ", " + max
                + "]");
        Arguments.atLeast("rank", rank, 0);
        Arguments.nonNegative("residual", residual);
    }

    /**
     * The plateau's duration.
     *
     * @return {@code end - start > 0}
     */
    public double duration() {
        return end - start;
    }

    /**
     * How far the level is from the residual, relative: {@code |level - residual| / max(level, residual)}, 0 when
     * both are 0.
     *
     * @return the relative deviation, in [0, 1]
     */
    public double relativeDeviation() {
        double scale = Math.max(level, residual);
        return scale == 0 ? 0 : Math.abs(level - residual) / scale;
    }
}
