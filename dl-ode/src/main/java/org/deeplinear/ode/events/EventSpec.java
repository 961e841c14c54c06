package org.deeplinear.ode.events;

import java.util.OptionalInt;
import java.util.function.ToDoubleFunction;
import org.deeplinear.core.Arguments;
import org.deeplinear.ode.observe.Observation;

/**
 * An event to watch for during a run: a function {@code g} of the state whose sign change marks the event, the
 * direction of change that counts, and what to do when it happens. Immutable.
 *
 * <p>Gradient flow locates each occurrence with Hipparchus's event machinery to {@link #timeAccuracy} in time,
 * checking {@code g} at least every max-check interval, which the simulation derives from the problem (a
 * fraction of {@code 1/sigma_max} and of the span) rather than Hipparchus's default of 600 time units, which
 * would skip whole plateaus. Gradient descent checks {@code g} at every iterate.
 *
 * <p>Where {@code g} is exactly 0 (a mode at rest on its level, a level equal to a stationary start's loss), the
 * flow gives it the side {@code g} was on before (at the start, below): a start on the level that leaves it is no
 * occurrence, nor is a run that reaches the level and rests there; one that later leaves it to the other side
 * crosses then. Descent, comparing iterates, counts an iterate on the level as on neither side: leaving it is no
 * occurrence, but reaching it from the other side is one ({@code g >= 0} after {@code g < 0} is an upward crossing).
 *
 * <pre>{@code
 * EventSpec half = EventSpec.halfTime(0);                         // s_0 rises through sigma_0 / 2
 * EventSpec done = EventSpec.lossBelow(1e-6).stopping();          // stop once the loss is small
 * EventSpec blowUp = EventSpec.divergence(1e6);                   // stops with SimulationException
 * }</pre>
 */
public final class EventSpec {

    /**
     * The accuracy in time to which gradient flow locates events over a span of 1 or more; over a shorter span, that
     * times the span ({@link #timeAccuracy(double)}).
     */
    public static final double TIME_ACCURACY = 1e-12;

    /**
     * The accuracy in time to which gradient flow locates events over a span: {@link #TIME_ACCURACY}, or that times
     * the span where the span is shorter than 1, so that a run on a short time scale (a mode of {@code sigma = 1e150}
     * has its half-time near {@code 3e-150}) has its events located relative to it (at {@code 1e-12} absolute, that
     * half-time was 0.33% off, and a depth-4 run over {@code 1e-150} recorded none; review of 2026-12-08).
     *
     * @param span the run's span {@code t1 - t0}, finite and {@code > 0}
     * @return {@code TIME_ACCURACY min(1, span)}
     * @throws IllegalArgumentException if the span is not finite or not {@code > 0}
     */
    public static double timeAccuracy(double span) {
        Arguments.positive("span", span);
        return TIME_ACCURACY * Math.min(1.0, span);
    }

    /** The kinds of built-in events. */
    public enum Kind {
        /** An aligned mode crosses a fraction of its sigma. */
        MODE_CROSSING,
        /** The loss falls below a level. */
        LOSS_BELOW,
        /** The imbalance drifts from its initial value by more than a tolerance. */
        IMBALANCE_DRIFT,
        /** The state becomes non-finite or its norm exceeds a bound. */
        DIVERGENCE,
        /** A user-supplied function. */
        CUSTOM
    }

    private final Kind kind;
    private final String name;
    private final ToDoubleFunction<Observation> g;
    private final Crossing crossing;
    private final EventAction action;
    private final int mode;
    private final double level;

    private EventSpec(Kind kind, String name, ToDoubleFunction<Observation> g, Crossing crossing,
            EventAction action, int mode, double level) {
        this.kind = kind;
        this.name = name;
        this.g = g;
        this.crossing = crossing;
        this.action = action;
        this.mode = mode;
        this.level = level;
    }

    /**
     * Mode {@code i} rises through {@code fraction * sigma_i}; {@code g = s_i - fraction * sigma_i}. Records and
     * continues.
     *
     * @param mode     the mode, 0-based
     * @param fraction the fraction of sigma, finite
     * @return the event
     * @throws IllegalArgumentException if the mode is negative or the fraction not finite
     */
    public static EventSpec modeCrossing(int mode, double fraction) {
        return modeCrossing(mode, fraction, Crossing.UP);
    }

    /**
     * Mode {@code i} crosses {@code fraction * sigma_i} in the given direction; {@code g = s_i - fraction *
     * sigma_i}. Records and continues.
     *
     * @param mode     the mode, 0-based
     * @param fraction the fraction of sigma, finite
     * @param crossing which direction counts
     * @return the event
     * @throws IllegalArgumentException if the mode is negative, the fraction not finite or the crossing null
     */
    public static EventSpec modeCrossing(int mode, double fraction, Crossing crossing) {
        Arguments.atLeast("mode", mode, 0);
        Arguments.finite("fraction", fraction);
        Arguments.notNull("crossing", crossing);
        return new EventSpec(Kind.MODE_CROSSING, "s_" + mode + " crosses " + fraction + " sigma_" + mode,
                o -> o.mode(mode) - fraction * o.sigma(mode), crossing, EventAction.RECORD_AND_CONTINUE, mode,
                fraction);
    }

    /**
     * The half-time of mode {@code i}: the first time {@code s_i} rises through {@code sigma_i / 2} (for the
     * balanced logistic law, also its inflection). Records that first crossing, goes on, and stops watching
     * ({@link EventAction#RECORD_FIRST}).
     *
     * @param mode the mode, 0-based
     * @return the event
     * @throws IllegalArgumentException if the mode is negative
     */
    public static EventSpec halfTime(int mode) {
        return modeCrossing(mode, 0.5).withAction(EventAction.RECORD_FIRST);
    }

    /**
     * The loss falls below a level; {@code g = loss - level}. Records and continues.
     *
     * @param level the level, finite and {@code > 0}
     * @return the event
     * @throws IllegalArgumentException if the level is not finite or {@code <= 0}
     */
    public static EventSpec lossBelow(double level) {
        Arguments.positive("level", level);
        return new EventSpec(Kind.LOSS_BELOW, "loss below " + level, o -> o.loss() - level, Crossing.DOWN,
                EventAction.RECORD_AND_CONTINUE, -1, level);
    }

    /**
     * The imbalance drifts above a tolerance; {@code g = drift - tolerance}. Records and continues.
     *
     * @param tolerance the tolerance, finite and {@code > 0}
     * @return the event
     * @throws IllegalArgumentException if the tolerance is not finite or {@code <= 0}
     */
    public static EventSpec imbalanceDriftAbove(double tolerance) {
        Arguments.positive("tolerance", tolerance);
        return new EventSpec(Kind.IMBALANCE_DRIFT, "imbalance drift above " + tolerance,
                o -> o.imbalanceDrift() - tolerance, Crossing.UP, EventAction.RECORD_AND_CONTINUE, -1, tolerance);
    }

    /**
     * Divergence: the state becomes non-finite or its norm exceeds a bound; {@code g = bound - ||state||}, and
     * {@code -1} when the state is not finite. Stops by default, which ends the run with a
     * {@code SimulationException}.
     *
     * @param bound the largest norm allowed, finite and {@code > 0}
     * @return the event
     * @throws IllegalArgumentException if the bound is not finite or {@code <= 0}
     */
    public static EventSpec divergence(double bound) {
        Arguments.positive("bound", bound);
        return new EventSpec(Kind.DIVERGENCE, "state norm above " + bound,
                o -> {
                    // the norm is NaN or infinite exactly when the state is not finite (or its norm overflows): one
                    // pass over the state instead of a finiteness pass and a norm
                    double norm = o.stateNorm();
                    return Double.isFinite(norm) ? bound - norm : -1.0;
                }, Crossing.DOWN, EventAction.STOP, -1, bound);
    }

    /**
     * An event of your own. Only the sign of {@code g} counts, so its scale does not matter: a function of size
     * 1e-300 is located to {@link #timeAccuracy} as one of size 1 is (values below {@code 2^-500} are located by
     * bisection, so a little less closely within it). A NaN, whose sign is undefined, ends the run there with
     * {@link org.deeplinear.ode.SimulationException.Reason#UNDEFINED_EVENT_FUNCTION}, keeping what was recorded
     * before it (in descent, at an iterate whose loss is not finite, the run diverged: {@code DIVERGED}). In a flow
     * the NaN is read as the function's side at its last occurrence (or the start) and the run ends at the start of
     * the step where it was found, so a crossing less than one event check before the NaN can be lost with that
     * step (a review of 2026-12-08: {@code t - 1} crossing at 1 and NaN from 1.001 ended at 0.888 without the
     * crossing); check more finely ({@code Simulation.Builder.maxCheckInterval}) where that matters. A function that
     * throws a {@code RuntimeException} ends the run with
     * {@link org.deeplinear.ode.SimulationException.Reason#CALLBACK_FAILED}, what it threw as the cause, keeping what
     * was recorded before.
     *
     * @param name     what it is, for records and messages
     * @param g        the function whose sign change marks the event; it must be continuous in time for gradient
     *                 flow to locate it, and a number (infinities count by their sign) wherever the state is finite
     * @param crossing which direction counts
     * @return the event, recording and continuing
     * @throws IllegalArgumentException if an argument is null or the name blank
     */
    public static EventSpec custom(String name, ToDoubleFunction<Observation> g, Crossing crossing) {
        Arguments.notNull("name", name);
        Arguments.check(!name.isBlank(), "name", "\"" + name + "\"", "a non-blank name");
        Arguments.notNull("g", g);
        Arguments.notNull("crossing", crossing);
        return new EventSpec(Kind.CUSTOM, name, g, crossing, EventAction.RECORD_AND_CONTINUE, -1, Double.NaN);
    }

    /**
     * The same event, stopping the run when it occurs. In a flow, events that occur at the very same instant are
     * recorded in the order they were given to the simulation, and the run stops at the first stopping one: the
     * events given after it are not recorded at that instant, so give an event that must be recorded there before
     * the stopping event (gradient descent checks every event at each iterate and records them all). At a stop,
     * an event whose function changes sign no more than {@link #timeAccuracy} after the located time counts as
     * occurring at that instant and is recorded at it.
     *
     * @return a copy with {@link EventAction#STOP}
     */
    public EventSpec stopping() {
        return withAction(EventAction.STOP);
    }

    /**
     * The same event, recorded without stopping the run.
     *
     * @return a copy with {@link EventAction#RECORD_AND_CONTINUE}
     */
    public EventSpec continuing() {
        return withAction(EventAction.RECORD_AND_CONTINUE);
    }

    /**
     * The same event, recorded at its first occurrence only, after which the run stops watching for it.
     *
     * @return a copy with {@link EventAction#RECORD_FIRST}
     */
    public EventSpec firstOnly() {
        return withAction(EventAction.RECORD_FIRST);
    }

    private EventSpec withAction(EventAction newAction) {
        return new EventSpec(kind, name, g, crossing, newAction, mode, level);
    }

    /**
     * The event's function at one instant.
     *
     * @param observation the state (valid only during this call), not null
     * @return {@code g}, whose sign change marks the event
     * @throws IllegalArgumentException if {@code observation} is null
     */
    public double g(Observation observation) {
        // a null check only (no message formed): this runs at every check of every event
        return g.applyAsDouble(Arguments.notNull("observation", observation));
    }

    /**
     * The kind of event.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * What the event is, for records and messages.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Which direction of crossing counts.
     *
     * @return the filter
     */
    public Crossing crossing() {
        return crossing;
    }

    /**
     * What the run does when the event occurs.
     *
     * @return the action
     */
    public EventAction action() {
        return action;
    }

    /**
     * The mode watched, for {@link Kind#MODE_CROSSING}.
     *
     * @return the mode, or empty for other kinds
     */
    public OptionalInt mode() {
        return kind == Kind.MODE_CROSSING ? OptionalInt.of(mode) : OptionalInt.empty();
    }

    /**
     * Whether this event records mode {@code i} rising through {@code fraction * sigma_i}: a
     * {@link #modeCrossing mode crossing} of that mode and fraction whose crossing accepts a rise. What
     * {@code Simulation.Builder.halfTimes()} and {@code Trajectory.watches} ask of the events given.
     *
     * @param i        the mode, 0-based
     * @param fraction the fraction of sigma
     * @return whether this event watches that rise
     */
    public boolean watchesRise(int i, double fraction) {
        return kind == Kind.MODE_CROSSING && mode == i && level == fraction && crossing.accepts(true);
    }

    /**
     * The event's parameter: the fraction of sigma, the loss level, the drift tolerance or the norm bound (NaN
     * for custom events).
     *
     * @return the parameter
     */
    public double level() {
        return level;
    }

    @Override
    public String toString() {
        return "EventSpec(" + name + ", " + crossing + ", " + action + ")";
    }
}
