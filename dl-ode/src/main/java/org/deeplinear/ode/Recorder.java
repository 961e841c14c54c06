package org.deeplinear.ode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.ode.events.EventRecord;
import org.deeplinear.ode.events.EventSpec;
import org.deeplinear.ode.observe.Observer;
import org.deeplinear.ode.observe.Series;

/**
 * Streams what a run records: one row per sample and observer into growable primitive buffers (memory grows
 * with the samples, not the steps), factor snapshots at their times, event records; then builds the
 * {@link Trajectory}.
 */
final class Recorder {

    private final Dynamics dynamics;
    private final StateView view;
    private final Observer[] observers;
    private final double[][] rows;
    private final double[][] buffers;
    private double[] times = new double[16];
    private int size;
    private final TreeMap<Double, FactorChain> snapshots = new TreeMap<>();
    private final List<EventRecord> events = new ArrayList<>();
    private final String description;
    private final List<EventSpec> watched;
    private final boolean allHalfTimes;

    /**
     * A recorder of a run.
     *
     * @param dynamics    what is simulated
     * @param observers   what each sample records
     * @param simulation  the run's simulation: its events, and whether it watches every half-time, which the
     *                    trajectory answers for
     * @param description what the trajectory says was simulated (the dynamics' own description for a flow)
     */
    Recorder(Dynamics dynamics, List<Observer> observers, Simulation simulation, String description) {
        this.dynamics = dynamics;
        this.watched = simulation.events();
        this.allHalfTimes = simulation.watchesAllHalfTimes();
        this.description = description;
        this.view = dynamics.newView();
        this.observers = observers.toArray(new Observer[0]);
        this.rows = new double[this.observers.length][];
        this.buffers = new double[this.observers.length][];
        for (int o = 0; o < this.observers.length; o++) {
            rows[o] = new double[this.observers[o].width(view.modeCount())];
            buffers[o] = new double[16 * rows[o].length];
        }
    }

    /**
     * Records one sample of every observer at time t; nothing is recorded where an observer throws (the rows are
     * measured first, then appended).
     *
     * @throws CallbackFailure if an observer throws
     */
    void sample(double t, double[] y) {
        view.load(t, y);
        for (int o = 0; o < observers.length; o++) {
            try {
                observers[o].measure(view, rows[o]);
            } catch (RuntimeException e) {
                throw CallbackFailure.ofObserver(observers[o].name(), t, e);
            }
        }
        if (size == times.length) {
            times = Arrays.copyOf(times, 2 * size);
        }
        times[size] = t;
        for (int o = 0; o < observers.length; o++) {
            double[] row = rows[o];
            int need = (size + 1) * row.length;
            if (need > buffers[o].length) {
                buffers[o] = Arrays.copyOf(buffers[o], 2 * buffers[o].length);
            }
            System.arraycopy(row, 0, buffers[o], size * row.length, row.length);
        }
        size++;
    }

    /**
     * Records the sample of a run that ended early (a stopping event, a divergence, a failure) at the time it
     * reached, unless a sample already sits at that time (or, for an event within rounding of the end time, just
     * after it), so that the times stay strictly ascending. A sample less than {@code within} before that time is of
     * the same state, and gives way to it: the series still end at the time reached, and hold that state once.
     *
     * @param within how far before {@code t} a sample is of the state at {@code t}: 0, or for the last step of a
     *               fixed-step run {@link Integrators#iterateSlack}, within which its iterates sit off the grid
     */
    void finalSample(double t, double[] y, double within) {
        if (size > 0 && times[size - 1] < t && times[size - 1] >= t - within) {
            size--;
        }
        if (size == 0 || times[size - 1] < t) {
            sample(t, y);
        }
    }

    /**
     * {@link #finalSample} for a run that has failed: an observer that throws at the state reached (one that refuses
     * a diverged descent's iterate, whose loss is not finite) leaves the series ending at the last sample before it.
     *
     * @return null, or the observer's failure (for the run's message and cause)
     */
    CallbackFailure finalSampleOfFailure(double t, double[] y, double within) {
        int before = size;
        try {
            finalSample(t, y, within);
            return null;
        } catch (CallbackFailure e) {
            size = before;   // a sample the final one was to replace is kept (nothing was appended)
            return e;
        }
    }

    /** The clause a failure's message adds for a final sample an observer refused, or {@code ""}. */
    static String noFinalSample(CallbackFailure refused) {
        return refused == null ? "" : "; no final sample: " + refused.getMessage();
    }

    /** Takes a snapshot of the factors at time t, if the dynamics has factors and they are finite. */
    void snapshot(double t, double[] y) {
        view.load(t, y);
        view.factors().ifPresent(f -> snapshots.put(t, f));
    }

    void event(EventRecord record) {
        events.add(record);
    }

    /**
     * The trajectory recorded.
     *
     * @param begin {@code System.nanoTime()} where the run began; its wall time runs from there to the recording's
     *              hand-over here
     */
    Trajectory build(Trajectory.Status status, double start, double end, double[] finalState, String method,
            long evaluations, long accepted, OptionalLong rejected, long begin) {
        Map<String, Series> series = new LinkedHashMap<>();
        for (int o = 0; o < observers.length; o++) {
            series.put(observers[o].name(), Series.of(observers[o].name(), rows[o].length, size, buffers[o]));
        }
        // the run's wall time ends with its recording handed over; the summary below (start and end losses and
        // modes, computed again from the states) is the trajectory's, as the peer computes its own after its clock
        double wallSeconds = (System.nanoTime() - begin) * 1e-9;
        StateView summary = dynamics.newView();
        summary.load(start, dynamics.initialState());
        double initialLoss = summary.loss();
        double[] initialModes = modes(summary);
        summary.load(end, finalState);
        double finalLoss = summary.loss();
        double[] finalModes = modes(summary);
        FactorChain finalFactors = summary.factors().orElse(null);
        Matrix finalMap = summary.endToEnd().orElse(null);
        RunStatistics statistics = new RunStatistics(method, evaluations, accepted, rejected, wallSeconds,
                dynamics.backend());
        return new Trajectory(description, dynamics.optionalTarget().orElse(null), dynamics.networkDepth(), status,
                start, end, Arrays.copyOf(times, size), series, snapshots, watched, allHalfTimes, events, initialLoss,
                finalLoss, initialModes, finalModes, finalFactors, finalMap, statistics);
    }

    private static double[] modes(StateView v) {
        double[] s = new double[v.modeCount()];
        for (int i = 0; i < s.length; i++) {
            s[i] = v.mode(i);
        }
        return s;
    }
}
