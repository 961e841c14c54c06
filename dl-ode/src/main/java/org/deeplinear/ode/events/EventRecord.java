package org.deeplinear.ode.events;

import org.deeplinear.core.Arguments;

/**
 * One occurrence of an event in a run.
 *
 * @param event      the event that occurred
 * @param time       when: located to {@link EventSpec#timeAccuracy} by gradient flow; for gradient descent,
 *                   {@code eta * j} for the first iterate {@code j} past the crossing
 * @param increasing whether the event's function {@code g} increased through 0
 */
public record EventRecord(EventSpec event, double time, boolean increasing) {

    /**
     * Validates the record.
     *
     * @param event      the event that occurred
     * @param time       when, finite
     * @param increasing whether {@code g} increased through 0
     * @throws IllegalArgumentException if the event is null or the time not finite
     */
    public EventRecord {
        Arguments.notNull("event", event);
        Arguments.finite("time", time);
    }
}
