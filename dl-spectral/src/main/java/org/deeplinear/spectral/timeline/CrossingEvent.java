package org.deeplinear.spectral.timeline;

import org.deeplinear.core.Arguments;

/**
 * A crossing recorded by whoever produced the samples (for instance an event detector of an integrator): target
 * mode {@code mode} rose to its activation threshold {@code fraction * sigma_i} at {@code time}, located to within
 * {@code tolerance}. {@link ActivationTimeline} prefers such a time to one interpolated between samples; it
 * rejects an event recorded for another fraction than its own. The caller passes upward crossings only (the
 * first one of each mode).
 *
 * @param mode      the target mode, 0-based, in the target's order (descending sigma)
 * @param fraction  the fraction f of {@code sigma_i} that was crossed, in (0, 1]
 * @param time      the time of the crossing, finite
 * @param tolerance the accuracy to which the time was located, finite and {@code >= 0} (the event locator's
 *                  convergence threshold); reported as the activation's error bound
 */
public record CrossingEvent(int mode, double fraction, double time, double tolerance) {

    /**
     * Validates the event.
     *
     * @param mode      the target mode, 0-based
     * @param fraction  the fraction crossed, in (0, 1]
     * @param time      the time of the crossing
     * @param tolerance the accuracy of the time
     * @throws IllegalArgumentException if {@code mode < 0}, the fraction is outside (0, 1], the time is not finite
     *                                  or the tolerance is negative or not finite
     */
    public CrossingEvent {
        Arguments.atLeast("mode", mode, 0);
        Arguments.check(fraction > 0 && fraction <= 1, "fraction", fraction, "a fraction in (0, 1]");
        Arguments.finite("time", time);
        Arguments.nonNegative("tolerance", tolerance);
    }
}
