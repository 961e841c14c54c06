package org.deeplinear.ode.events;

/** What a run does when an event occurs. Every occurrence is recorded in the trajectory either way. */
public enum EventAction {
    /** Record the occurrence and go on. */
    RECORD_AND_CONTINUE,
    /**
     * Record the occurrence and end the run at the event's time. A {@link EventSpec.Kind#DIVERGENCE divergence}
     * that stops the run ends it with a {@code SimulationException} carrying the trajectory so far.
     */
    STOP
}
