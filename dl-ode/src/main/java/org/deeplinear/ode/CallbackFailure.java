package org.deeplinear.ode;

import org.deeplinear.ode.events.EventSpec;

/**
 * What an observer's measurement or an event's function threw during a run, with the callback named and the time:
 * caught by the run, which turns it into a {@link SimulationException} of reason
 * {@link SimulationException.Reason#CALLBACK_FAILED} carrying the trajectory so far (the exception reached the caller
 * as it was, and what was recorded was lost: review of 2026-12-08). Without a stack trace of its own; the cause
 * keeps the callback's.
 */
final class CallbackFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean observer;

    private CallbackFailure(String callback, double time, boolean observer, RuntimeException cause) {
        super(callback + " threw at t = " + time + ": " + cause, cause, false, false);
        this.observer = observer;
    }

    /** Whether an observer threw (else an event's function): a final sample of the same state would ask it again. */
    boolean observerThrew() {
        return observer;
    }

    /** An event's function at a view's state, a throw turned into a failure naming the event. */
    static double eventFunction(EventSpec spec, StateView view) {
        try {
            return spec.g(view);
        } catch (RuntimeException e) {
            throw new CallbackFailure("the function of event " + spec.name(), view.time(), false, e);
        }
    }

    /** A failure of an observer's measurement. */
    static CallbackFailure ofObserver(String name, double time, RuntimeException cause) {
        return new CallbackFailure("observer " + name, time, true, cause);
    }
}
