package org.deeplinear.ode;

import org.deeplinear.core.Arguments;
import org.deeplinear.ode.events.EventSpec;

/**
 * A run that could not finish: its integrator failed, its state diverged, an event's function was undefined, or an
 * observer or event function threw ({@link Reason#CALLBACK_FAILED}, what it threw as the cause).
 * Says why and the time reached, and carries the {@link Trajectory} recorded up to that point (samples, events,
 * statistics, and as its final state the last accepted state of a flow, or for gradient descent the iterate whose
 * loss was not finite or whose event function was undefined, where the trajectory also has its last sample; see
 * {@link Trajectory}).
 */
public final class SimulationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a run failed. */
    public enum Reason {
        /** The adaptive step control asked for a step below the minimum step. */
        STEP_SIZE_UNDERFLOW,
        /** The evaluation budget was spent before the end time. */
        TOO_MANY_EVALUATIONS,
        /** The state became non-finite, or a divergence event stopped the run. */
        DIVERGED,
        /**
         * An event's function was NaN at a finite state: its sign, which marks the event, is undefined there (a
         * custom function's fault; the run ends at that instant rather than lose the event's later crossings).
         */
        UNDEFINED_EVENT_FUNCTION,
        /**
         * An observer's measurement or an event's function threw (the cause is what it threw); the trajectory holds
         * the samples completed before it.
         */
        CALLBACK_FAILED,
        /** Any other failure of the integrator. */
        INTEGRATOR_FAILURE
    }

    /** Why the run failed. */
    private final Reason reason;
    /** The time reached. */
    private final double time;
    /** What was recorded up to the failure (not serialised). */
    private final transient Trajectory trajectory;

    /**
     * A failure.
     *
     * @param reason     why
     * @param time       the time reached (the last accepted step, or the divergence event's time)
     * @param detail     what the integrator or the check said
     * @param trajectory what was recorded up to {@code time}
     * @param cause      the integrator's exception, or null
     */
    public SimulationException(Reason reason, double time, String detail, Trajectory trajectory, Throwable cause) {
        super(Arguments.notNull("reason", reason) + " at t = " + time + ": " + detail, cause);
        this.reason = reason;
        this.time = time;
        this.trajectory = Arguments.notNull("trajectory", trajectory);
    }

    /**
     * Why the run failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The time reached.
     *
     * @return the time of a flow's last accepted state (or of the divergence event), or of the iterate at which
     *         gradient descent diverged
     */
    public double time() {
        return time;
    }

    /**
     * What was recorded up to the failure.
     *
     * @return the partial trajectory
     */
    public Trajectory trajectory() {
        return trajectory;
    }

    /**
     * What a run ended by {@link Reason#UNDEFINED_EVENT_FUNCTION} says, the same for a flow and descent.
     *
     * @param event the event whose function was NaN
     * @param where when, e.g. {@code "t = 1.5"} or {@code "step 8 (t = 1.0)"}
     * @return the detail
     */
    static String undefinedEventFunction(EventSpec event, String where) {
        return "the function of event " + event.name() + " is NaN at " + where
                + ": its sign, which marks the event, is undefined";
    }
}
