package org.deeplinear.ode.events;

/** What a run does when an event occurs. Every occurrence that is watched for is recorded in the trajectory. */
public enum EventAction {
    /** Record the occurrence and go on. */
    RECORD_AND_CONTINUE,
    /**
     * Record the first occurrence, go on, and stop watching for this event: later occurrences are neither checked
     * for nor recorded, so the event costs nothing for the rest of the run. A half-time is a first crossing.
     */
    RECORD_FIRST,
    /**
     * Record the occurrence and end the run at the event's time. A {@link EventSpec.Kind#DIVERGENCE divergence}
     * that stops the run ends it with a {@code SimulationException} carrying the trajectory so far.
     */
    STOP
}
