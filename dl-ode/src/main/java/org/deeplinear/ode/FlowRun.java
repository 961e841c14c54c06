package org.deeplinear.ode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.deeplinear.ode.events.EventAction;
import org.deeplinear.ode.events.EventRecord;
import org.deeplinear.ode.events.EventSpec;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.ode.LocalizedODEFormats;
import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventDetector;
import org.hipparchus.ode.events.ODEEventHandler;
import org.hipparchus.ode.sampling.AbstractODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;

/**
 * One run of a continuous dynamics through a Hipparchus integrator: samples and snapshots from the dense output
 * of the accepted steps, events as adapted detectors, failures turned into {@link SimulationException}s.
 *
 * <p>Events that occur at the very same instant are recorded in the order they were given, and the run stops at
 * the first stopping one given ({@link EventSpec#stopping()}). Hipparchus does neither: it hands out the events
 * of one instant in the order of its heap, and returns at the first stop it meets, before the others of that
 * instant. So the records of one instant are held until the next instant or the end, then put in the order
 * given; and at a stop, the events of that instant Hipparchus had not handled yet are found by the sign of their
 * function at the state the run stopped at.
 */
final class FlowRun {

    private final Simulation simulation;
    private final long begin;          // System.nanoTime() at Simulation.run(): the wall clock's start
    private final Dynamics dynamics;
    private final Recorder recorder;
    private final List<EventSpec> events;
    // the records of the latest instant with events, not yet handed to the recorder
    private final List<EventRecord> instant = new ArrayList<>();
    private final Comparator<EventRecord> givenOrder;
    private final List<Detector> detectors = new ArrayList<>();
    // the accuracy in time to which events are located over the run's span (EventSpec.timeAccuracy)
    private final double accuracy;
    private EventSpec stoppedBy;
    private double stopTime;
    // the earliest time at which an event's function was NaN, and what it was: the run ends there (Sampler)
    private double undefinedAt = Double.POSITIVE_INFINITY;
    private String undefinedDetail;

    FlowRun(Simulation simulation, long begin) {
        this.simulation = simulation;
        this.begin = begin;
        this.dynamics = simulation.dynamics();
        this.recorder = new Recorder(dynamics, simulation.observers(), simulation, dynamics.description());
        this.events = simulation.events();
        this.givenOrder = Comparator.comparingInt(r -> events.indexOf(r.event()));
        this.accuracy = EventSpec.timeAccuracy(simulation.endTime() - simulation.startTime());
    }

    Trajectory run() {
        double t0 = simulation.startTime();
        double t1 = simulation.endTime();
        FlowEquation equation = new FlowEquation(dynamics);
        Integrators.Handle handle = Integrators.create(simulation.integratorSettings(), t0, t1, dynamics.blocks(),
                equation);
        ODEIntegrator integrator = handle.integrator();
        double[] y0 = dynamics.initialState();
        Sampler sampler = new Sampler(simulation.samples().resolve(t0, t1), simulation.snapshotTimes(), t0, y0, t1);
        integrator.addStepHandler(sampler);
        double maxCheck = simulation.maxCheckInterval();
        if (!events.isEmpty()) {
            SharedViews views = new SharedViews(dynamics, simulation.watchedModes());
            for (EventSpec spec : events) {
                Detector detector = new Detector(spec, views, maxCheck);
                detectors.add(detector);
                integrator.addEventDetector(detector);
            }
        }
        String method = integrator.getName();
        ODEStateAndDerivative end;
        try {
            end = integrator.integrate(equation, new ODEState(t0, y0), t1);
        } catch (Dynamics.NonFiniteStateException e) {
            throw failure(SimulationException.Reason.DIVERGED, "the state or its derivative became non-finite at t = "
                    + e.time(), sampler, equation, handle, method, e);
        } catch (UndefinedEventFunction e) {
            // thrown by the sampler (Hipparchus passes on what a step handler throws, unwrapped)
            throw failure(SimulationException.Reason.UNDEFINED_EVENT_FUNCTION, e.getMessage(), sampler, equation,
                    handle, method, null);
        } catch (CallbackFailure e) {
            // an observer (through the sampler) or an event's function threw: passed on unwrapped, as above
            throw failure(SimulationException.Reason.CALLBACK_FAILED, e.getMessage(), sampler, equation, handle,
                    method, e.getCause());
        } catch (MathRuntimeException e) {
            SimulationException.Reason reason;
            if (e.getSpecifier() == LocalizedODEFormats.MINIMAL_STEPSIZE_REACHED_DURING_INTEGRATION) {
                reason = SimulationException.Reason.STEP_SIZE_UNDERFLOW;
            } else if (e.getSpecifier() == LocalizedCoreFormats.MAX_COUNT_EXCEEDED) {
                reason = SimulationException.Reason.TOO_MANY_EVALUATIONS;
            } else if (e.getSpecifier() == LocalizedODEFormats.NAN_APPEARING_DURING_INTEGRATION) {
                reason = SimulationException.Reason.DIVERGED;
            } else {
                reason = SimulationException.Reason.INTEGRATOR_FAILURE;
            }
            throw failure(reason, method + ": " + e.getMessage(), sampler, equation, handle, method, e);
        }
        // a stopped run ends at its event's time as recorded (Hipparchus's final state can be an ulp away from it:
        // the end time and last sample then missed the half-time they stopped at; review of 2026-12-06)
        double endTime = stoppedBy != null ? stopTime : end.getTime();
        try {
            if (stoppedBy != null) {
                completeStopInstant(end);
            }
            flushInstant();
            if (stoppedBy != null && sampler.samples.length > 0) {
                recorder.finalSample(endTime, end.getPrimaryState(), 0.0);  // an event's located time, not an iterate
            }
        } catch (CallbackFailure e) {
            throw failure(SimulationException.Reason.CALLBACK_FAILED, e.getMessage(), sampler, equation, handle,
                    method, e.getCause());
        }
        Trajectory.Status status = stoppedBy == null ? Trajectory.Status.COMPLETED
                : stoppedBy.kind() == EventSpec.Kind.DIVERGENCE ? Trajectory.Status.FAILED
                : Trajectory.Status.STOPPED_BY_EVENT;
        Trajectory trajectory = recorder.build(status, t0, endTime, end.getPrimaryState(), method,
                equation.evaluations(), sampler.accepted, handle.rejectedSteps(), begin);
        if (status == Trajectory.Status.FAILED) {
            throw new SimulationException(SimulationException.Reason.DIVERGED, endTime,
                    "divergence event: " + stoppedBy.name(), trajectory, null);
        }
        return trajectory;
    }

    private SimulationException failure(SimulationException.Reason reason, String detail, Sampler sampler,
            FlowEquation equation, Integrators.Handle handle, String method, Throwable cause) {
        flushInstant();
        // a start the tolerances held only to atol may be why (user review of 2026-12-07: modes of 1e-103 under
        // the default atol = 1e-12 "DIVERGED at t = 5.4e100", the tolerances not named)
        IntegratorSettings settings = simulation.integratorSettings();
        // (not for an undefined event function or a callback's throw, which no tolerance causes)
        if (reason != SimulationException.Reason.UNDEFINED_EVENT_FUNCTION
                && reason != SimulationException.Reason.CALLBACK_FAILED) {
            double largest = IntegratorSettings.largestEntry(dynamics.initialState());
            // a hint, as the CLI's note: where rtol times that entry is below the normal doubles, no atol helps
            detail += settings.smallStateNote(largest).map(note -> "; " + note + ", which may be why").orElse("");
        }
        double lastTime = sampler.last.getTime();
        double[] lastState = sampler.last.getPrimaryState();
        if (sampler.samples.length > 0) {
            // the last accepted step's end: a fixed-step run's iterate, which a grid sample may already be
            detail += Recorder.noFinalSample(recorder.finalSampleOfFailure(lastTime, lastState,
                    Integrators.iterateSlack(settings)));
        }
        Trajectory partial = recorder.build(Trajectory.Status.FAILED, simulation.startTime(), lastTime,
                lastState, method, equation.evaluations(), sampler.accepted, handle.rejectedSteps(), begin);
        return new SimulationException(reason, lastTime, detail, partial, cause);
    }

    /** Holds the record of an event: the records of one instant go to the recorder together, in the order given. */
    private void record(EventSpec spec, double t, boolean increasing) {
        if (!instant.isEmpty() && instant.get(0).time() != t) {
            flushInstant();
        }
        instant.add(new EventRecord(spec, t, increasing));
    }

    /** Hands the records of the latest instant to the recorder in the order their events were given. */
    private void flushInstant() {
        instant.sort(givenOrder);
        for (EventRecord r : instant) {
            recorder.event(r);
        }
        instant.clear();
    }

    /**
     * Completes the instant a stopping event ended the run at. Hipparchus returned at the first stop it handled;
     * the other events of that instant, still queued, are those (neither handled at it nor retired) whose function
     * has changed sign in an accepted direction since their last occurrence or the start, at the state the run
     * stopped at (just past the located time, within {@link EventSpec#timeAccuracy}). They are recorded at the
     * stop's time; then, in the order given, the first stopping event of the instant stops the run, and the events
     * given after it are not recorded.
     */
    private void completeStopInstant(ODEStateAndDerivative end) {
        for (Detector d : detectors) {
            if (d.lastOccurrence == stopTime) {
                continue;
            }
            double g = d.g(end);
            boolean up = d.sign < 0 && g >= 0;
            boolean down = d.sign > 0 && g <= 0;
            if ((up || down) && d.spec.crossing().accepts(up)) {
                instant.add(new EventRecord(d.spec, stopTime, up));
            }
        }
        instant.sort(givenOrder);
        for (int r = 0; r < instant.size(); r++) {
            if (instant.get(r).event().action() == EventAction.STOP) {
                stoppedBy = instant.get(r).event();
                instant.subList(r + 1, instant.size()).clear();
                break;
            }
        }
    }

    /** Samples and snapshots at their times from each accepted step's interpolator; counts accepted steps. */
    private final class Sampler implements ODEStepHandler {
        private final double[] samples;
        private final double[] snapshots;
        private final double endTime;
        private int nextSample;
        private int nextSnapshot;
        private long accepted;
        private double lastGlobalEnd = Double.NaN;
        // the end of the last accepted step (part), kept by reference: its state is copied only if the run fails
        private ODEState last;

        Sampler(double[] samples, double[] snapshots, double t0, double[] y0, double endTime) {
            this.samples = samples;
            this.snapshots = snapshots;
            this.last = new ODEState(t0, y0.clone());
            this.endTime = endTime;
        }

        @Override
        public void handleStep(ODEStateInterpolator interpolator) {
            // an event's function was NaN within this accepted part of the step: the run ends, unless an event
            // stopped it first (the part after a stop, of almost zero size, is the stop's own)
            double stepEnd = interpolator.getCurrentState().getTime();
            if (undefinedAt <= stepEnd && stoppedBy == null) {
                throw new UndefinedEventFunction(undefinedDetail);
            }
            // an event that continues splits a step in parts; the global end tells parts of one step apart
            double globalEnd = interpolator instanceof AbstractODEStateInterpolator
                    ? ((AbstractODEStateInterpolator) interpolator).getGlobalCurrentState().getTime()
                    : stepEnd;
            if (globalEnd != lastGlobalEnd) {
                accepted++;
                lastGlobalEnd = globalEnd;
            }
            // the step is accepted: a run that fails in its samples (an observer that throws) ends at its end, after
            // the samples recorded within it
            last = interpolator.getCurrentState();
            while (nextSample < samples.length && samples[nextSample] <= stepEnd) {
                double t = samples[nextSample++];
                recorder.sample(t, stateAt(interpolator, t));
            }
            while (nextSnapshot < snapshots.length && snapshots[nextSnapshot] <= stepEnd) {
                double t = snapshots[nextSnapshot++];
                recorder.snapshot(t, stateAt(interpolator, t));
            }
        }

        /**
         * The state at {@code t}, read during this call only: from the library's integrator's buffers without
         * copies (its interpolator's {@code stateAt}), else through Hipparchus's interpolated state.
         */
        private double[] stateAt(ODEStateInterpolator interpolator, double t) {
            double[] y = DormandPrince853.stateAt(interpolator, t);
            return y != null ? y : interpolator.getInterpolatedState(t).getPrimaryState();
        }

        @Override
        public void finish(ODEStateAndDerivative finalState) {
            // the last step ends at t0 + sum of steps, which may miss the end time by an ulp or two
            double t = finalState.getTime();
            double slack = 8 * Math.ulp(Math.max(Math.abs(t), Math.abs(endTime)));
            if (Math.abs(t - endTime) > slack) {
                return;
            }
            double[] y = finalState.getPrimaryState();
            while (nextSample < samples.length && samples[nextSample] <= t + slack) {
                recorder.sample(samples[nextSample++], y);
            }
            while (nextSnapshot < snapshots.length && snapshots[nextSnapshot] <= t + slack) {
                recorder.snapshot(snapshots[nextSnapshot++], y);
            }
        }
    }

    /**
     * The views of all event detectors. Hipparchus asks each detector in turn for {@code g} at the same few states
     * of a step (the integrator hands out one object per instant), so a state seen recently is found by identity
     * in one of a few views, loaded once, and what its view computes (the modes, all at once) serves every
     * detector. Views are made as needed, at most {@link #VIEWS}, and the least recently used one is reloaded.
     */
    private static final class SharedViews {
        private static final int VIEWS = 4;
        private final Dynamics dynamics;
        private final int watchedModes;
        private final StateView[] views = new StateView[VIEWS];
        private final ODEStateAndDerivative[] loaded = new ODEStateAndDerivative[VIEWS];
        private final long[] used = new long[VIEWS];
        private long clock;

        SharedViews(Dynamics dynamics, int watchedModes) {
            this.dynamics = dynamics;
            this.watchedModes = watchedModes;
        }

        StateView at(ODEStateAndDerivative state) {
            clock++;
            int oldest = 0;
            for (int v = 0; v < VIEWS; v++) {
                if (loaded[v] == state) {
                    used[v] = clock;
                    return views[v];
                }
                if (used[v] < used[oldest]) {
                    oldest = v;
                }
            }
            if (views[oldest] == null) {
                views[oldest] = dynamics.newView();
                views[oldest].watchModes(watchedModes);
            }
            views[oldest].load(state.getTime(), HandedOverState.valuesOf(state));
            loaded[oldest] = state;
            used[oldest] = clock;
            return views[oldest];
        }
    }

    /**
     * Thrown by the sampler where an accepted step reaches an event function's NaN; turned into a failure of the run
     * by {@link #run}.
     */
    private static final class UndefinedEventFunction extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UndefinedEventFunction(String detail) {
            super(detail, null, false, false);
        }
    }

    /** An {@link EventSpec} as a Hipparchus detector and handler, reading states through the shared views. */
    private final class Detector implements ODEEventDetector, ODEEventHandler {
        /**
         * The least size of the values g is given (see {@link #g}): an exact zero is given a side of this size, and
         * a value closer to 0 keeps its sign at this size. Tiny beside the values of g a flow meets, yet large
         * enough that Hipparchus's bracketing tests, which multiply two values of g, never underflow to 0 (2^-1000
         * at least). They did for a function below about 1e-162 near its root (the run failed, "failed to find
         * root": review of 2026-12-07), and with {@code MIN_VALUE} as the size, as its solver counts a value within
         * one ulp of 0 as a root.
         */
        private static final double LEAST = 0x1p-500;

        private final EventSpec spec;
        private final SharedViews views;
        private final AdaptableInterval maxCheck;
        private final BracketedUnivariateSolver<UnivariateFunction> solver =
                new BracketingNthOrderBrentSolver(0.0, accuracy, 0.0, 5);

        // the sign of g at the start (its first non-zero value, as Hipparchus takes it) or after its last occurrence
        private double sign;
        // the time of its last occurrence, in an accepted direction or not
        private double lastOccurrence = Double.NaN;
        // once a RECORD_FIRST event has occurred, g keeps its sign from then on
        private boolean retired;
        // the side an exact zero of g is given: that of g at the start (below, -1, where g is 0 there), then the
        // side g went to at each occurrence; constant between occurrences, so that g stays a function of time
        private double zeroSide;
        // the earliest time at which g was evaluated non-zero, and the latest time before it at which g was 0: the
        // start resting on the event's level
        private double earliestNonZero = Double.POSITIVE_INFINITY;
        private double restingUntil = Double.NaN;

        Detector(EventSpec spec, SharedViews views, double maxCheck) {
            this.spec = spec;
            this.views = views;
            // a retired event is checked once per step, at a constant g, so it never occurs again
            this.maxCheck = (state, forward) -> retired ? Double.POSITIVE_INFINITY : maxCheck;
        }

        @Override
        public AdaptableInterval getMaxCheckInterval() {
            return maxCheck;
        }

        @Override
        public int getMaxIterationCount() {
            return 200;
        }

        @Override
        public BracketedUnivariateSolver<UnivariateFunction> getSolver() {
            return solver;
        }

        @Override
        public ODEEventHandler getHandler() {
            return this;
        }

        /**
         * The event's function, with the same sign everywhere but given a side where it is exactly 0 and at least
         * the size {@link #LEAST} (a smaller value keeps its sign at that size, so a function of any scale is
         * located alike). An exact zero is given {@link #LEAST} with the sign of {@link #zeroSide}, the side g was on
         * at the start or went to at its last occurrence. Hipparchus steps past a zero at a step's start, half the
         * time accuracy at a time, until it sees a sign, which never ended where g stays 0 (a mode at rest on its
         * level, a loss level equal to a stationary start's loss): the flow looped until the heap ran out (API audit
         * of 2026-12-07). With a side, a run that reaches the level and rests on it crosses nothing, from either
         * side; an isolated zero at a crossing moves the located time by at most the time accuracy; and a start on
         * the level that leaves it is not an occurrence ({@link #eventOccurred} drops it), as gradient descent counts
         * them. The side changes only at an occurrence, so g is a function of time for every root search, and the
         * stop's instant reads the same (a rest there is no crossing either). A NaN, whose sign is undefined, ends
         * the run ({@link #noteUndefinedAt}).
         */
        @Override
        public double g(ODEStateAndDerivative state) {
            if (retired) {
                return sign;
            }
            double g = CallbackFailure.eventFunction(spec, views.at(state));
            double t = state.getTime();
            if (zeroSide == 0) {
                zeroSide = g > 0 ? 1.0 : -1.0;
            }
            if (Double.isNaN(g)) {
                noteUndefinedAt(t);
                return zeroSide * LEAST;
            }
            if (g != 0) {
                if (sign == 0) {
                    sign = Math.signum(g);
                }
                earliestNonZero = Math.min(earliestNonZero, t);
                return Math.abs(g) >= LEAST ? g : Math.copySign(LEAST, g);
            }
            if (t < earliestNonZero) {
                restingUntil = Double.isNaN(restingUntil) ? t : Math.max(restingUntil, t);
            }
            return zeroSide * LEAST;
        }

        /**
         * Notes that the event's function was NaN at {@code t}. Hipparchus evaluates every event over a whole step
         * before it handles the earliest, so the function is read as staying on its side there, and the run ends
         * when its accepted steps reach the earliest such time ({@link Sampler#handleStep}): an event that stops the
         * run before it wins (review of 2026-12-07: a NaN later in the step of a stop failed the run).
         */
        private void noteUndefinedAt(double t) {
            if (t < undefinedAt) {
                undefinedAt = t;
                undefinedDetail = SimulationException.undefinedEventFunction(spec, "t = " + t);
            }
        }

        /** Names the event in Hipparchus's messages, which show the detector ("failed to find root"). */
        @Override
        public String toString() {
            return "event " + spec.name();
        }

        @Override
        public Action eventOccurred(ODEStateAndDerivative state, ODEEventDetector detector, boolean increasing) {
            sign = increasing ? 1.0 : -1.0;
            zeroSide = sign;
            if (!Double.isNaN(restingUntil) && state.getTime() <= restingUntil + accuracy) {
                // the start rested on the level and g has just left it, upward: it crossed nothing
                restingUntil = Double.NaN;
                return Action.CONTINUE;
            }
            lastOccurrence = state.getTime();
            if (!spec.crossing().accepts(increasing)) {
                return Action.CONTINUE;
            }
            record(spec, state.getTime(), increasing);
            if (spec.action() == EventAction.STOP) {
                stoppedBy = spec;
                stopTime = state.getTime();
                return Action.STOP;
            }
            if (spec.action() == EventAction.RECORD_FIRST) {
                retired = true;
            }
            return Action.CONTINUE;
        }
    }

}
