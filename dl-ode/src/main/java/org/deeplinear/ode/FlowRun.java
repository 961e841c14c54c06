package org.deeplinear.ode;

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
 */
final class FlowRun {

    private final Simulation simulation;
    private final Dynamics dynamics;
    private final Recorder recorder;
    private EventSpec stoppedBy;
    private double stopTime;

    FlowRun(Simulation simulation) {
        this.simulation = simulation;
        this.dynamics = simulation.dynamics();
        this.recorder = new Recorder(dynamics, simulation.observers(), dynamics.description());
    }

    Trajectory run() {
        double t0 = simulation.startTime();
        double t1 = simulation.endTime();
        FlowEquation equation = new FlowEquation(dynamics);
        Integrators.Handle handle = Integrators.create(simulation.integratorSettings(), t1 - t0, dynamics.blocks(),
                equation);
        ODEIntegrator integrator = handle.integrator();
        double[] y0 = dynamics.initialState();
        Sampler sampler = new Sampler(simulation.samples().resolve(t0, t1), simulation.snapshotTimes(), t0, y0, t1);
        integrator.addStepHandler(sampler);
        double maxCheck = simulation.maxCheckInterval();
        if (!simulation.events().isEmpty()) {
            SharedViews views = new SharedViews(dynamics, simulation.watchedModes());
            for (EventSpec spec : simulation.events()) {
                integrator.addEventDetector(new Detector(spec, views, maxCheck));
            }
        }
        String method = integrator.getName();
        long begin = System.nanoTime();
        ODEStateAndDerivative end;
        try {
            end = integrator.integrate(equation, new ODEState(t0, y0), t1);
        } catch (Dynamics.NonFiniteStateException e) {
            throw failure(SimulationException.Reason.DIVERGED, "the state or its derivative became non-finite at t = "
                    + e.time(), sampler, equation, handle, method, begin, e);
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
            throw failure(reason, method + ": " + e.getMessage(), sampler, equation, handle, method, begin, e);
        }
        // a stopped run ends at its event's time as recorded (Hipparchus's final state can be an ulp away from it:
        // the end time and last sample then missed the half-time they stopped at; review of 2026-12-06)
        double endTime = stoppedBy != null ? stopTime : end.getTime();
        if (stoppedBy != null && sampler.samples.length > 0) {
            recorder.finalSample(endTime, end.getPrimaryState());
        }
        double wall = (System.nanoTime() - begin) * 1e-9;
        Trajectory.Status status = stoppedBy == null ? Trajectory.Status.COMPLETED
                : stoppedBy.kind() == EventSpec.Kind.DIVERGENCE ? Trajectory.Status.FAILED
                : Trajectory.Status.STOPPED_BY_EVENT;
        Trajectory trajectory = recorder.build(status, t0, endTime, end.getPrimaryState(), method,
                equation.evaluations(), sampler.accepted, handle.rejectedSteps(), wall);
        if (status == Trajectory.Status.FAILED) {
            throw new SimulationException(SimulationException.Reason.DIVERGED, endTime,
                    "divergence event: " + stoppedBy.name(), trajectory, null);
        }
        return trajectory;
    }

    private SimulationException failure(SimulationException.Reason reason, String detail, Sampler sampler,
            FlowEquation equation, Integrators.Handle handle, String method, long begin, RuntimeException cause) {
        double lastTime = sampler.last.getTime();
        double[] lastState = sampler.last.getPrimaryState();
        if (sampler.samples.length > 0) {
            recorder.finalSample(lastTime, lastState);
        }
        double wall = (System.nanoTime() - begin) * 1e-9;
        Trajectory partial = recorder.build(Trajectory.Status.FAILED, simulation.startTime(), lastTime,
                lastState, method, equation.evaluations(), sampler.accepted, handle.rejectedSteps(), wall);
        return new SimulationException(reason, lastTime, detail, partial, cause);
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
            // an event that continues splits a step in parts; the global end tells parts of one step apart
            double globalEnd = interpolator instanceof AbstractODEStateInterpolator
                    ? ((AbstractODEStateInterpolator) interpolator).getGlobalCurrentState().getTime()
                    : interpolator.getCurrentState().getTime();
            if (globalEnd != lastGlobalEnd) {
                accepted++;
                lastGlobalEnd = globalEnd;
            }
            double stepEnd = interpolator.getCurrentState().getTime();
            while (nextSample < samples.length && samples[nextSample] <= stepEnd) {
                double t = samples[nextSample++];
                recorder.sample(t, stateAt(interpolator, t));
            }
            while (nextSnapshot < snapshots.length && snapshots[nextSnapshot] <= stepEnd) {
                double t = snapshots[nextSnapshot++];
                recorder.snapshot(t, stateAt(interpolator, t));
            }
            last = interpolator.getCurrentState();
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

    /** An {@link EventSpec} as a Hipparchus detector and handler, reading states through the shared views. */
    private final class Detector implements ODEEventDetector, ODEEventHandler {
        private final EventSpec spec;
        private final SharedViews views;
        private final AdaptableInterval maxCheck;
        private final BracketedUnivariateSolver<UnivariateFunction> solver =
                new BracketingNthOrderBrentSolver(0.0, EventSpec.TIME_ACCURACY, 0.0, 5);

        // 0 while watched; once a RECORD_FIRST event has occurred, the sign g keeps from then on
        private double retiredSign;

        Detector(EventSpec spec, SharedViews views, double maxCheck) {
            this.spec = spec;
            this.views = views;
            // a retired event is checked once per step, at a constant g, so it never occurs again
            this.maxCheck = (state, forward) -> retiredSign != 0 ? Double.POSITIVE_INFINITY : maxCheck;
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

        @Override
        public double g(ODEStateAndDerivative state) {
            return retiredSign != 0 ? retiredSign : spec.g(views.at(state));
        }

        @Override
        public Action eventOccurred(ODEStateAndDerivative state, ODEEventDetector detector, boolean increasing) {
            if (!spec.crossing().accepts(increasing)) {
                return Action.CONTINUE;
            }
            recorder.event(new EventRecord(spec, state.getTime(), increasing));
            if (spec.action() == EventAction.STOP) {
                stoppedBy = spec;
                stopTime = state.getTime();
                return Action.STOP;
            }
            if (spec.action() == EventAction.RECORD_FIRST) {
                retiredSign = increasing ? 1.0 : -1.0;
            }
            return Action.CONTINUE;
        }
    }

}
