package org.deeplinear.ode;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.deeplinear.core.model.GradientEngine;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.events.EventAction;
import org.deeplinear.ode.events.EventRecord;
import org.deeplinear.ode.events.EventSpec;

/**
 * Gradient descent as a discrete stepper: {@code W_j <- W_j - eta_j dL/dW_j} for all layers at once, in place on
 * the flat state, one {@link GradientEngine} evaluation per step and nothing allocated in the loop. Iterate
 * {@code k} is at time {@code k * eta}; events are checked at every iterate (an event occurs at the first
 * iterate where its function has crossed zero), samples and snapshots are taken at the iterates nearest their
 * times. The aligned modes the events ask for at iterate {@code k} come from the residual of the evaluation that
 * starts step {@code k + 1} ({@link ResidualModes}, as the peer counts them), so a run an event stops at
 * iterate {@code k < steps} has made {@code k + 1} evaluations.
 */
final class DescentRun {

    private final Simulation simulation;
    private final FactorFlowDynamics dynamics;
    private final LearningRate rate;
    private final long steps;
    // the state of one run, set by run()
    private List<EventSpec> events;
    private ChainView view;
    private double[] previous;     // each event's function at the last iterate processed
    private boolean[] retired;     // events recorded once that are no longer watched (EventAction.RECORD_FIRST)
    private int watching;          // events still watched
    private ResidualModes modes;
    private double[] modeValues;
    private Recorder recorder;
    private long[] sampleSteps;
    private long[] snapshotSteps;
    private int nextSample;
    private int nextSnapshot;
    private String undefined;      // why an event's function was undefined at the iterate processed last, or null

    DescentRun(Simulation simulation) {
        this.simulation = simulation;
        this.dynamics = (FactorFlowDynamics) simulation.dynamics();
        this.rate = simulation.learningRate();
        this.steps = simulation.steps();
    }

    /** The learning rate as a message says it: {@code learning rate 0.1}, or the per-layer rates. */
    private String rateText() {
        return rate.isUniform() ? "learning rate " + rate.timeStep() : "learning rates " + rate;
    }

    Trajectory run() {
        StateMapper mapper = dynamics.mapper();
        int depth = mapper.widths().depth();
        double dt = rate.timeStep();
        double[] y = dynamics.initialState();
        double[] direction = new double[y.length];
        GradientEngine engine = new GradientEngine(mapper.widths(), dynamics.target(), dynamics.products());
        recorder = new Recorder(dynamics, simulation.observers(), simulation,
                dynamics.description("gradient descent with " + rateText()));
        sampleSteps = toSteps(simulation.samples().resolve(0.0, steps * dt, dt / 2), dt);
        snapshotSteps = toSteps(simulation.snapshotTimes(), dt);
        events = simulation.events();
        view = (ChainView) dynamics.newView();
        previous = new double[events.size()];
        retired = new boolean[events.size()];
        watching = events.size();
        undefined = null;
        modes = new ResidualModes(dynamics.target(), simulation.watchedModes());
        modeValues = new double[modes.count()];
        nextSample = 0;
        nextSnapshot = 0;
        // layer j occupies [bounds[j - 1], bounds[j]) of the state, stepped with etas[j]
        double[] etas = new double[depth + 1];
        int[] bounds = new int[depth + 1];
        for (int j = 1; j <= depth; j++) {
            etas[j] = rate.forLayer(j);
            bounds[j] = mapper.offset(j) + mapper.length(j);
        }
        EventSpec stoppedBy = null;
        boolean nonFinite = false;
        long done = 0;
        long evaluations = 0;
        // the wall clock starts at the loop, as the peer's starts at its NumPy loop (its set-up, the copies of the
        // start, is outside its clock), and ends with the recording handed over
        long begin = System.nanoTime();
        try {
            for (int e = 0; e < previous.length; e++) {
                previous[e] = CallbackFailure.eventFunction(events.get(e), view);
                if (Double.isNaN(previous[e]) && undefined == null) {
                    // undefined at the start (whose loss build() has checked finite): no crossing could be told from
                    // it
                    undefined = undefinedMessage(events.get(e), 0, 0.0);
                }
            }
            while (nextSample < sampleSteps.length && sampleSteps[nextSample] == 0) {
                recorder.sample(0.0, y);
                nextSample++;
            }
            while (nextSnapshot < snapshotSteps.length && snapshotSteps[nextSnapshot] == 0) {
                recorder.snapshot(0.0, y);
                nextSnapshot++;
            }
            begin = System.nanoTime();   // (set above too, for a callback that fails before the loop)
            // Iterate k is processed (events, samples, snapshots) after the evaluation that starts step k + 1,
            // before its update: the modes the events ask for then come from the residual of that evaluation. The
            // last iterate, which no evaluation follows, is processed after the loop with the modes computed from
            // the state, and its loss computed from the state for the same check of divergence as the others'.
            long last = undefined == null ? steps : 0;
            for (long k = 1; k <= last; k++) {
                double loss = engine.evaluate(y, direction);
                evaluations++;
                if (k > 1) {
                    stoppedBy = process(k - 1, (k - 1) * dt, y, engine, loss);
                }
                // divergence before a stop at the same iterate: a stopping event there ended the run as
                // STOPPED_BY_EVENT with an infinite final loss (review of 2026-12-07)
                if (!Double.isFinite(loss)) {
                    nonFinite = true;
                    break;
                }
                if (stoppedBy != null || undefined != null) {
                    break;
                }
                for (int j = 1; j <= depth; j++) {
                    update(y, etas[j], direction, bounds[j - 1], bounds[j]);
                }
                done = k;
            }
            if (!nonFinite && stoppedBy == null && undefined == null && done > 0) {
                stoppedBy = process(done, done * dt, y, null, Double.NaN);
                // the last update may overflow too; no evaluation follows it to see that (checked whether an event
                // stopped the run there or not)
                view.load(done * dt, y);
                nonFinite = !Double.isFinite(view.loss());
            }
        } catch (CallbackFailure e) {
            // an observer or an event's function threw at iterate done: its samples so far kept, and where an event's
            // function threw, the final one at that iterate (as a flow's; review of this change); at an iterate
            // whose loss is not finite (one that refuses it), the run has diverged there
            // (not where an observer threw: that was at this very state, and it would be asked again; review of this
            // change)
            String detail = sampleSteps.length > 0 && !e.observerThrew()
                    ? Recorder.noFinalSample(recorder.finalSampleOfFailure(done * dt, y, 0.0)) : "";
            Trajectory partial = built(Trajectory.Status.FAILED, done * dt, y, evaluations, done, begin);
            view.load(done * dt, y);
            if (!Double.isFinite(view.loss())) {
                throw new SimulationException(SimulationException.Reason.DIVERGED, done * dt, "the loss became"
                        + " non-finite at step " + done + " (" + rateText() + "); no sample there: " + e.getMessage(),
                        partial, e.getCause());
            }
            throw new SimulationException(SimulationException.Reason.CALLBACK_FAILED, done * dt, "step " + done
                    + ": " + e.getMessage() + detail, partial, e.getCause());
        }
        double tEnd = done * dt;
        boolean diverged = nonFinite || (stoppedBy != null && stoppedBy.kind() == EventSpec.Kind.DIVERGENCE);
        String noFinalSample = "";
        if ((nonFinite || stoppedBy != null || undefined != null) && sampleSteps.length > 0) {
            // the iterate reached; its time is computed as the samples' are, so a sample there is not repeated (an
            // observer may refuse a diverged iterate, whose loss is not finite: the run still fails as diverged)
            CallbackFailure refused = recorder.finalSampleOfFailure(tEnd, y, 0.0);
            noFinalSample = Recorder.noFinalSample(refused);
            if (refused != null && !diverged && undefined == null) {
                Trajectory partial = built(Trajectory.Status.FAILED, tEnd, y, evaluations, done, begin);
                throw new SimulationException(SimulationException.Reason.CALLBACK_FAILED, tEnd, "step " + done
                        + noFinalSample, partial, refused.getCause());
            }
        }
        Trajectory.Status status = diverged || undefined != null ? Trajectory.Status.FAILED
                : stoppedBy != null ? Trajectory.Status.STOPPED_BY_EVENT : Trajectory.Status.COMPLETED;
        Trajectory trajectory = built(status, tEnd, y, evaluations, done, begin);
        if (undefined != null && !diverged) {
            throw new SimulationException(SimulationException.Reason.UNDEFINED_EVENT_FUNCTION, tEnd,
                    undefined + noFinalSample, trajectory, null);
        }
        if (diverged) {
            String detail = nonFinite ? "the loss became non-finite at step " + done + " (" + rateText() + ")"
                    : "divergence event at step " + done + ": " + stoppedBy.name();
            throw new SimulationException(SimulationException.Reason.DIVERGED, tEnd, detail + noFinalSample,
                    trajectory, null);
        }
        return trajectory;
    }

    /** The trajectory recorded, ending at {@code tEnd} in state {@code y} after {@code done} steps. */
    private Trajectory built(Trajectory.Status status, double tEnd, double[] y, long evaluations, long done,
            long begin) {
        return recorder.build(status, 0.0, tEnd, y, "gradient descent", evaluations, done, OptionalLong.of(0), begin);
    }

    /**
     * Checks the events at iterate {@code k} and records its samples and snapshots.
     *
     * @param engine the engine whose last evaluation was of {@code y}, whose residual gives the modes; null to
     *               compute them from the state
     * @param loss   the loss of {@code y} from that evaluation, NaN to compute it from the state
     * @return the event that stops the run at this iterate, or null
     */
    private EventSpec process(long k, double t, double[] y, GradientEngine engine, double loss) {
        EventSpec stoppedBy = null;
        if (watching > 0) {
            view.load(t, y);
            view.knowLoss(loss);
            if (engine != null && modeValues.length > 0) {
                modes.compute(engine, modeValues);
                view.knowModes(modeValues);
            }
            for (int e = 0; e < previous.length; e++) {
                if (retired[e]) {
                    continue;
                }
                EventSpec spec = events.get(e);
                double g = CallbackFailure.eventFunction(spec, view);
                if (Double.isNaN(g)) {
                    // its sign, which marks the event, is undefined: the run ends here rather than lose the event
                    // (NaN compares false, so it would never occur again), unless an event stops it at this very
                    // iterate (checked below); where the loss is not finite, the run ends as diverged
                    if (undefined == null && Double.isFinite(view.loss())) {
                        undefined = undefinedMessage(spec, k, t);
                    }
                    continue;
                }
                boolean up = previous[e] < 0 && g >= 0;
                boolean down = previous[e] > 0 && g <= 0;
                previous[e] = g;
                if ((up || down) && spec.crossing().accepts(up)) {
                    recorder.event(new EventRecord(spec, t, up));
                    if (spec.action() == EventAction.STOP && stoppedBy == null) {
                        stoppedBy = spec;
                    } else if (spec.action() == EventAction.RECORD_FIRST) {
                        retired[e] = true;
                        watching--;
                    }
                }
            }
            if (stoppedBy != null) {
                // a stop at this iterate wins over an undefined function at it, as it does in a flow
                undefined = null;
            }
        }
        while (nextSample < sampleSteps.length && sampleSteps[nextSample] == k) {
            recorder.sample(t, y);
            nextSample++;
        }
        while (nextSnapshot < snapshotSteps.length && snapshotSteps[nextSnapshot] == k) {
            recorder.snapshot(t, y);
            nextSnapshot++;
        }
        return stoppedBy;
    }

    private static String undefinedMessage(EventSpec spec, long k, double t) {
        return SimulationException.undefinedEventFunction(spec, "step " + k + " (t = " + t + ")");
    }

    /**
     * {@code y[i] += eta * direction[i]} for {@code from <= i < to}: one layer's step. A method of its own, called
     * once per layer and step, so that the JIT compiles it within the first hundred steps; inside {@link #run}'s
     * loop it waited for that whole method's on-stack replacement.
     */
    private static void update(double[] y, double eta, double[] direction, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] += eta * direction[i];
        }
    }

    /** The iterates nearest some times, ascending, without repeats. */
    private long[] toSteps(double[] times, double dt) {
        long[] out = new long[times.length];
        for (int i = 0; i < times.length; i++) {
            out[i] = Math.min(steps, Math.max(0, Math.round(times[i] / dt)));
        }
        Arrays.sort(out);
        return Arrays.stream(out).distinct().toArray();
    }
}
