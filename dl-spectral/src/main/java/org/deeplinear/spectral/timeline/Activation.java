package org.deeplinear.spectral.timeline;

import org.deeplinear.core.Arguments;

/**
 * When one target mode was activated: the first time its aligned coordinate {@code s_i} rose to a fraction
 * {@code f} of its singular value, {@code s_i(t) = f * sigma_i}.
 *
 * <p>The time is either {@link Source#RECORDED recorded} (a {@link CrossingEvent} supplied by the caller; its
 * error bound is the event's tolerance) or {@link Source#INTERPOLATED interpolated} linearly between the last
 * sample below the threshold and the first one at or above it. An interpolated time comes with two error
 * figures:
 * <ul>
 *   <li>{@link #errorBound()}: {@code max(time - bracketStart, bracketEnd - time)}, a guaranteed bound on
 *       {@code |time - true crossing|} provided the crossing lies in the bracket (the series is continuous and is
 *       below the threshold up to {@code bracketStart});</li>
 *   <li>{@link #errorEstimate()}: the linear-interpolation error {@code (time - a)(b - time)/2 * |s''| / slope}
 *       with {@code |s''|} estimated from the second divided differences of the neighbouring samples and
 *       {@code slope} the secant's; an estimate (of order {@code h^2 |s''| / s'}), not a bound, capped at
 *       {@link #errorBound()}. It equals the bound when fewer than three samples are available, and where the
 *       formula is not finite (a bracket wider than the largest double).</li>
 * </ul>
 * For a recorded time both figures equal the event's tolerance and the bracket is {@code time +- tolerance}.
 *
 * @param mode          the target mode, 0-based (descending sigma)
 * @param sigma         its singular value {@code sigma_i > 0}
 * @param threshold     {@code f * sigma_i}
 * @param time          the activation time
 * @param source        where the time comes from
 * @param bracketStart  the start of the interval known to hold the crossing
 * @param bracketEnd    its end
 * @param errorBound    a bound on {@code |time - true crossing|}, in time units
 * @param errorEstimate an estimate of {@code |time - true crossing|}, at most {@code errorBound}
 */
public record Activation(int mode, double sigma, double threshold, double time, Source source, double bracketStart,
        double bracketEnd, double errorBound, double errorEstimate) {

    /**
     * Validates the activation: what a detection produces (audit of 2026-12-07: any value was accepted).
     *
     * @param mode          the target mode, {@code >= 0}
     * @param sigma         its singular value, finite and {@code > 0}
     * @param threshold     {@code f * sigma_i} for {@code f} in (0, 1]: in {@code [0, sigma]} (the product of a
     *                      subnormal sigma may round to 0)
     * @param time          the activation time, finite
     * @param source        where the time comes from, not null
     * @param bracketStart  the start of the bracket, finite and {@code <= time}
     * @param bracketEnd    its end, finite and {@code >= time}
     * @param errorBound    the bound, {@code >= 0}; infinite only for a bracket wider than the largest double
     * @param errorEstimate the estimate, in {@code [0, errorBound]}
     * @throws IllegalArgumentException naming the first component out of its range
     */
    public Activation {
        Arguments.atLeast("mode", mode, 0);
        Arguments.positive("sigma", sigma);
        Arguments.check(threshold >= 0 && threshold <= sigma, "threshold", threshold,
                "f sigma in [0, sigma = " + sigma + "] (f in (0, 1])");
        Arguments.finite("time", time);
        Arguments.notNull("source", source);
        Arguments.check(Double.isFinite(bracketStart) && bracketStart <= time, "bracketStart", bracketStart,
                "a finite time <= time = " + time);
        Arguments.check(Double.isFinite(bracketEnd) && bracketEnd >= time, "bracketEnd", bracketEnd,
                "a finite time >= time = " + time);
        Arguments.check(errorBound >= 0, "errorBound", errorBound, "a bound >= 0 (infinite only where the bracket is"
                + " wider than the largest double)");
        Arguments.check(errorEstimate >= 0 && errorEstimate <= errorBound, "errorEstimate", errorEstimate,
                "an estimate in [0, errorBound = " + errorBound + "]");
    }

    /** Where an activation time comes from. */
    public enum Source {
        /** From a {@link CrossingEvent} supplied by the caller. */
        RECORDED,
        /** Interpolated linearly between two samples that bracket the crossing. */
        INTERPOLATED
    }
}
