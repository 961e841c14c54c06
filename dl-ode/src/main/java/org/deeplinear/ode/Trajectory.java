package org.deeplinear.ode;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.events.EventRecord;
import org.deeplinear.ode.events.EventSpec;
import org.deeplinear.ode.observe.Observer;
import org.deeplinear.ode.observe.Series;

/**
 * What a run recorded: the sample times and each observer's {@link Series}, the factor snapshots taken at the
 * times asked for, the events that occurred, the initial and final summaries (loss and aligned modes) and the
 * run's {@link RunStatistics}. Immutable. A trajectory carried by a {@link SimulationException} ends at the
 * failure, with status {@link Status#FAILED}.
 *
 * <p><b>The last sample of a run that ends early.</b> The samples are taken at the times the
 * {@link SampleTimes} ask for, up to the time the run reached. A run that ends before its end time (or step
 * count), stopped by an event ({@link EventSpec#stopping()}, a divergence event) or failed with a
 * {@link SimulationException}, also records one final sample at {@link #endTime()}, the observers evaluated at
 * the state it stopped in (the located event state, the last accepted step, or for descent the iterate reached),
 * unless a sample already sits exactly at that time. A fixed-step run's grid sample less than {@code 2^-11} of a
 * step before the last iterate a failed run reached is that iterate up to the rounding of the times, and gives way
 * to the final sample, so the iterate is not sampled twice. So the series reach the time the run reached (but where
 * an observer throws there: the run's {@link SimulationException} then says "no final sample", and where an
 * observer threw at a descent's iterate, it is not asked again at it): a
 * run stopped at the last half-time has its final sample at that half-time, with {@code s_i = sigma_i / 2} for the
 * mode that stopped it. That final sample is off the requested grid (the times are then no longer equally
 * spaced at the end), and it is the one sample a run asked for with {@link SampleTimes#none()} still does not
 * get. A run that completes records the requested times only (for descent, the iterates nearest them).
 */
public final class Trajectory {

    /** How a run ended. */
    public enum Status {
        /** It reached its end time (or step count). */
        COMPLETED,
        /**
         * An event with {@link org.deeplinear.ode.events.EventAction#STOP} ended it: before its end, or at it (a stop
         * at the end time or the last iterate counts as the event's, with every step made).
         */
        STOPPED_BY_EVENT,
        /** It failed; see the {@link SimulationException} that carried it. */
        FAILED
    }

    private final String dynamics;
    private final Status status;
    private final double startTime;
    private final double endTime;
    private final double[] times;
    private final Map<String, Series> series;
    private final NavigableMap<Double, FactorChain> snapshots;
    private final List<EventRecord> events;
    private final double initialLoss;
    private final double finalLoss;
    private final double[] initialModes;
    private final double[] finalModes;
    private final FactorChain finalFactors;
    private final Matrix finalEndToEnd;
    private final RunStatistics statistics;
    private final Target target;            // null for independent single modes
    private final int depth;                // 0 for single modes of different depths
    private final List<EventSpec> watched;  // the events the run watched
    private final boolean allHalfTimes;     // Simulation.Builder.halfTimes(): every mode's half-time watched

    Trajectory(String dynamics, Target target, int depth, Status status, double startTime, double endTime,
            double[] times, Map<String, Series> series, NavigableMap<Double, FactorChain> snapshots,
            List<EventSpec> watched, boolean allHalfTimes, List<EventRecord> events,
            double initialLoss, double finalLoss, double[] initialModes, double[] finalModes,
            FactorChain finalFactors, Matrix finalEndToEnd, RunStatistics statistics) {
        this.dynamics = dynamics;
        this.target = target;
        this.depth = depth;
        this.status = status;
        this.startTime = startTime;
        this.endTime = endTime;
        this.times = times;
        this.series = Collections.unmodifiableMap(series);
        this.snapshots = Collections.unmodifiableNavigableMap(new TreeMap<>(snapshots));
        this.watched = List.copyOf(watched);
        this.allHalfTimes = allHalfTimes;
        this.events = List.copyOf(events);
        this.initialLoss = initialLoss;
        this.finalLoss = finalLoss;
        this.initialModes = initialModes;
        this.finalModes = finalModes;
        this.finalFactors = finalFactors;
        this.finalEndToEnd = finalEndToEnd;
        this.statistics = statistics;
    }

    /**
     * The target the run moved toward: the one its simulation was built with (a flow or descent of factors, a closed
     * flow); empty for independent single modes, which have no target. Claims read a run against a target and
     * refuse a run toward another one.
     *
     * @return the target, or empty
     */
    public Optional<Target> target() {
        return Optional.ofNullable(target);
    }

    /**
     * The depth of the network whose flow or descent this is: its factor chain's, or a closed flow's (2 for the
     * lambda-balanced one, N for the balanced depth-N one); for independent single modes, their common
     * {@code SingleMode.depth()} (2 but for the depth-N law), empty where they differ. Claims stated for one depth
     * refuse a run of another.
     *
     * @return the depth N, at least 2, or empty
     */
    public OptionalInt depth() {
        return depth == 0 ? OptionalInt.empty() : OptionalInt.of(depth);
    }

    /**
     * What was simulated, e.g. {@code "gradient flow of FactorChain(...)"}.
     *
     * @return a description
     */
    public String dynamics() {
        return dynamics;
    }

    /**
     * How the run ended.
     *
     * @return the status
     */
    public Status status() {
        return status;
    }

    /**
     * The start time.
     *
     * @return {@code t0}
     */
    public double startTime() {
        return startTime;
    }

    /**
     * The time the run reached: its end time, a stopping event's time, or the last accepted state before a
     * failure.
     *
     * @return the final time
     */
    public double endTime() {
        return endTime;
    }

    /**
     * The sample times at which the observers recorded: the requested times up to {@link #endTime()}, and for a
     * run that ended early {@link #endTime()} itself as the last (see the class comment).
     *
     * @return a new array, strictly ascending
     */
    public double[] times() {
        return times.clone();
    }

    /**
     * The number of samples.
     *
     * @return the length of {@link #times()}
     */
    public int sampleCount() {
        return times.length;
    }

    /**
     * What one observer recorded.
     *
     * @param name the observer's name
     * @return its series, one row per sample
     * @throws IllegalArgumentException if no observer of that name ran
     */
    public Series series(String name) {
        Series s = series.get(name);
        if (s == null) {
            // named as the parameter is (it said "series = null"; review of 2026-12-08)
            throw Arguments.fail("name", name, "one of the series recorded, " + series.keySet());
        }
        return s;
    }

    /**
     * What one observer recorded.
     *
     * @param observer the observer
     * @return its series
     * @throws IllegalArgumentException if the observer is null or did not run
     */
    public Series series(Observer observer) {
        return series(Arguments.notNull("observer", observer).name());
    }

    /**
     * Every observer's series, by name, in the order the observers were given.
     *
     * @return the unmodifiable map
     */
    public Map<String, Series> allSeries() {
        return series;
    }

    /**
     * The factor snapshots, by time, taken only at the times asked for (for descent, at the iterates nearest them,
     * and keyed by those iterates' times, as samples are).
     *
     * @return the unmodifiable map (empty for dynamics without factors)
     */
    public NavigableMap<Double, FactorChain> snapshots() {
        return snapshots;
    }

    /**
     * The events that occurred, in time order.
     *
     * @return the unmodifiable list
     */
    public List<EventRecord> events() {
        return events;
    }

    /**
     * The first time mode {@code i} rose through {@code fraction * sigma_i}, if it did: the run must have watched
     * that crossing upward ({@link EventSpec#modeCrossing} with a crossing that accepts a rise).
     *
     * @param mode     the mode, 0-based
     * @param fraction the fraction of sigma the event was built with
     * @return the time, or empty if the watched mode never rose through the level
     * @throws IndexOutOfBoundsException if {@code mode} is outside {@code [0, p)}, {@code p} the number of modes
     *                                   ({@link #finalModes()}' length): no event can watch it, and an empty answer
     *                                   would read as "never crossed"
     * @throws IllegalArgumentException  if {@code fraction} is not finite, as {@link EventSpec#modeCrossing} refuses
     *                                   it (it was an {@link IllegalStateException} advising that very call)
     * @throws IllegalStateException     if the run did not watch that rise: an empty answer would read as "never
     *                                   crossed" too (user review of 2026-12-07)
     */
    public OptionalDouble firstCrossing(int mode, double fraction) {
        Arguments.index("mode", mode, 0, finalModes.length - 1);
        Arguments.finite("fraction", fraction);
        if (!watches(mode, fraction)) {
            throw new IllegalStateException("mode " + mode + " rising through " + fraction + " sigma was not watched: "
                    + (fraction == 0.5 ? "add Simulation.Builder.halfTimes() or EventSpec.halfTime(" + mode + ")"
                    : "add EventSpec.modeCrossing(" + mode + ", " + fraction + ")") + " to the simulation");
        }
        for (EventRecord r : events) {
            EventSpec e = r.event();
            if (e.kind() == EventSpec.Kind.MODE_CROSSING && e.mode().getAsInt() == mode && e.level() == fraction
                    && r.increasing()) {
                return OptionalDouble.of(r.time());
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * Whether the run watched mode {@code i} rising through {@code fraction * sigma_i}: an event
     * {@link EventSpec#modeCrossing} of that mode and fraction whose crossing accepts a rise, or for the fraction 1/2
     * {@code Simulation.Builder.halfTimes()}. Only then can {@link #firstCrossing} answer.
     *
     * @param mode     the mode, 0-based
     * @param fraction the fraction of sigma
     * @return whether that rise was watched
     */
    public boolean watches(int mode, double fraction) {
        // halfTimes() watches every mode with sigma_i > 0; one with sigma_i = 0 has no half-time
        return (allHalfTimes && fraction == 0.5) || watched.stream().anyMatch(e -> e.watchesRise(mode, fraction));
    }

    /**
     * The half-time of mode {@code i}: the first time {@code s_i} rose through {@code sigma_i / 2}, if it did; the
     * run must have watched it ({@link EventSpec#halfTime} or {@code Simulation.Builder.halfTimes()}). For gradient
     * descent this is {@code eta} times the first step at which {@code s_i >= sigma_i / 2}, as the peer counts
     * from step 1. A mode that starts at or above half its sigma never rises through it and has no half-time here,
     * in a flow and in descent, where the peer's count from step 0 gives 0 ({@code dl simulate}'s {@code t_half}
     * follows the peer), and a law's {@code ModeLaw.halfTime()} gives 0 for a start at exactly {@code sigma / 2}.
     *
     * @param mode the mode, 0-based
     * @return the time, or empty if the watched mode never rose through half its sigma
     * @throws IndexOutOfBoundsException if {@code mode} is outside {@code [0, p)} (as {@link #firstCrossing})
     * @throws IllegalStateException     if the run did not watch the mode's half-time (as {@link #firstCrossing})
     */
    public OptionalDouble halfTime(int mode) {
        return firstCrossing(mode, 0.5);
    }

    /**
     * The loss at the start.
     *
     * @return {@code L(t0)}
     */
    public double initialLoss() {
        return initialLoss;
    }

    /**
     * The loss at {@link #endTime()}.
     *
     * @return {@code L(t_end)}; non-finite only in a trajectory whose run diverged
     */
    public double finalLoss() {
        return finalLoss;
    }

    /**
     * The aligned modes at the start.
     *
     * @return a new array {@code s_i(t0)}, one per mode
     */
    public double[] initialModes() {
        return initialModes.clone();
    }

    /**
     * The aligned modes at {@link #endTime()}.
     *
     * @return a new array {@code s_i(t_end)}
     */
    public double[] finalModes() {
        return finalModes.clone();
    }

    /**
     * The factors at {@link #endTime()}, for dynamics that have them and a finite final state.
     *
     * @return the final chain, or empty
     */
    public Optional<FactorChain> finalFactors() {
        return Optional.ofNullable(finalFactors);
    }

    /**
     * The end-to-end map at {@link #endTime()}, for matrix dynamics and a finite final state.
     *
     * @return {@code A(t_end)}, or empty
     */
    public Optional<Matrix> finalEndToEnd() {
        return Optional.ofNullable(finalEndToEnd);
    }

    /**
     * The run's cost.
     *
     * @return the statistics
     */
    public RunStatistics statistics() {
        return statistics;
    }

    @Override
    public String toString() {
        return "Trajectory(" + dynamics + ", " + status + ", t in [" + startTime + ", " + endTime + "], "
                + times.length + " samples, " + events.size() + " events)";
    }
}
