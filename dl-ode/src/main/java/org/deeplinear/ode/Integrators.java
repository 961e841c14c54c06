package org.deeplinear.ode;

import java.util.OptionalLong;
import java.util.function.Supplier;
import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.nonstiff.ClassicalRungeKuttaIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.EulerIntegrator;
import org.hipparchus.ode.nonstiff.GraggBulirschStoerIntegrator;

/**
 * Makes the integrator of some {@link IntegratorSettings}: this package's own {@link DormandPrince853} for the
 * default method, Hipparchus's integrators for the others. Dormand-Prince 5(4) is subclassed only to count
 * rejections where its error estimate is taken (the one point where Hipparchus decides to accept or reject a
 * step); Gragg-Bulirsch-Stoer does not expose its rejections.
 */
final class Integrators {

    /**
     * The shortest step the clock resolves at a time, 4 ulps of it: a rejected step shorter than that ends the run
     * (the overflow that caused it, or the minimal-step error), and a fixed step shorter than that is refused.
     *
     * @param time the time
     * @return {@code 4 ulp(time)}
     */
    static double smallestStep(double time) {
        return 4 * Math.ulp(time);
    }

    private Integrators() {
    }

    /**
     * The step a fixed-step integrator is given for a step {@code h} from {@code t0} to {@code t1}. Hipparchus adds
     * the step to the time at each step and ends when the next end would reach the end time; where the span is a
     * whole number {@code n} of steps, the sum of {@code n} steps falls a few ulps short of it and a last step of
     * those few ulps followed (review of 2026-12-07: {@code --step 0.01} to 10 took 1,001 steps, and from 1000 to
     * 1010 too). There the step is lengthened by more than the sum can lose: {@code 2 n} units of roundoff of the
     * step (the span's own rounding to a multiple) and one ulp of the largest time (what each sum of a time and a
     * step may lose, twice over), so that the {@code n}th step is the last and ends on the end time (Hipparchus
     * shortens the last step to it). Only where that lengthening sums to at most {@code 2^-11} of a step over the
     * run, so that the step before the last cannot reach the end; any other span, and longer runs, keep {@code h},
     * with a shorter last step for the remainder.
     *
     * @param h  the step asked for
     * @param t0 the run's start
     * @param t1 the run's end, at least {@code t0 + h}
     * @return {@code h}, or {@code h (1 + 2 n eps) + ulp(max(|t0|, |t1|))} where {@code (t1 - t0) / h} is a whole
     *         number {@code n} to rounding
     */
    static double wholeSteps(double h, double t0, double t1) {
        double span = t1 - t0;
        double n = Math.rint(span / h);
        double relative = 2 * n * Math.ulp(1.0);
        double time = Math.ulp(Math.max(Math.abs(t0), Math.abs(t1)));
        if (!(n >= 1) || Math.abs(span / h - n) > relative + time / h) {
            return h;
        }
        double longer = h * (1 + relative) + time;
        return n * (longer - h) <= h * 0x1p-11 ? longer : h;
    }


    /**
     * How far a fixed-step run's iterates may sit from the times of a grid laid over them: the lengthening of
     * {@link #wholeSteps}, at most {@code 2^-11} of a step over the run, and the roundoff of the times' sums. A
     * sample within it before the state a run ended at is of that state (review of 2026-12-07: a run of steps 0.7
     * that diverged after its sample at 7.0 ended with a second row at 7.000000000000056, the same iterate; see
     * {@code Recorder.finalSample}).
     *
     * @return {@code 2^-11} of the fixed step; 0 for the adaptive methods, whose steps follow no grid
     */
    static double iterateSlack(IntegratorSettings settings) {
        return settings.method().isAdaptive() ? 0.0 : settings.fixedStep() * 0x1p-11;
    }

    /** An integrator and its rejection count (read after the run; empty where the integrator hides it). */
    record Handle(ODEIntegrator integrator, Supplier<OptionalLong> rejections) {
        OptionalLong rejectedSteps() {
            return rejections.get();
        }
    }

    static Handle create(IntegratorSettings settings, double t0, double t1, int[] blocks, FlowEquation equation) {
        double span = t1 - t0;
        double minStep = settings.minStep();
        double maxStep = Math.min(settings.maxStep(), span);
        double[][] vector = settings.expandTolerances(blocks);
        double atol = settings.absoluteTolerance();
        double rtol = settings.relativeTolerance();
        equation.limitEvaluations(settings.maxEvaluations());
        ODEIntegrator integrator;
        long[] rejected = null;
        switch (settings.method()) {
            case DORMAND_PRINCE_853: {
                DormandPrince853 own = vector == null
                        ? new DormandPrince853(equation, minStep, maxStep, rtol, atol)
                        : new DormandPrince853(equation, minStep, maxStep, vector[0], vector[1]);
                return new Handle(own, () -> OptionalLong.of(own.rejectedSteps()));
            }
            case DORMAND_PRINCE_54: {
                long[] counter = new long[1];
                integrator = vector == null
                        ? new CountingDormandPrince54(minStep, maxStep, atol, rtol, counter, equation)
                        : new CountingDormandPrince54(minStep, maxStep, vector[1], vector[0], counter, equation);
                equation.tolerateOverflow();
                rejected = counter;
                break;
            }
            case GRAGG_BULIRSCH_STOER:
                integrator = vector == null
                        ? new GraggBulirschStoerIntegrator(minStep, maxStep, atol, rtol)
                        : new GraggBulirschStoerIntegrator(minStep, maxStep, vector[1], vector[0]);
                break;
            case CLASSICAL_RUNGE_KUTTA:
                integrator = new ClassicalRungeKuttaIntegrator(wholeSteps(settings.fixedStep(), t0, t1));
                rejected = new long[1];
                break;
            default:
                integrator = new EulerIntegrator(wholeSteps(settings.fixedStep(), t0, t1));
                rejected = new long[1];
                break;
        }
        long[] count = rejected;
        return new Handle(integrator, () -> count == null ? OptionalLong.empty() : OptionalLong.of(count[0]));
    }

    /** Counts an error estimate that Hipparchus will reject (error not below 1) and passes it on. */
    private static double counted(double error, long[] rejected) {
        if (!(error < 1.0)) {
            rejected[0]++;
        }
        return error;
    }

    /**
     * Dormand-Prince 5(4) that counts the steps its error control rejects, and rejects a step whose stages
     * overflowed (the equation returns NaN for them, {@link FlowEquation#tolerateOverflow}) as one whose error is
     * too large, as {@link DormandPrince853} does: with Hipparchus's shortest reduction, until the step would be
     * below {@link #smallestStep}, where the overflow ends the run (a divergence, for the runner).
     */
    private static final class CountingDormandPrince54 extends DormandPrince54Integrator {
        private final long[] rejected;
        private final FlowEquation equation;

        CountingDormandPrince54(double minStep, double maxStep, double atol, double rtol, long[] rejected,
                FlowEquation equation) {
            super(minStep, maxStep, atol, rtol);
            this.rejected = rejected;
            this.equation = equation;
        }

        CountingDormandPrince54(double minStep, double maxStep, double[] atol, double[] rtol, long[] rejected,
                FlowEquation equation) {
            super(minStep, maxStep, atol, rtol);
            this.rejected = rejected;
            this.equation = equation;
        }

        @Override
        protected double estimateError(double[][] yDotK, double[] y0, double[] y1, double h) {
            double error = super.estimateError(yDotK, y0, y1, h);
            Dynamics.NonFiniteStateException overflow = equation.takeOverflow();
            if (overflow != null || Double.isNaN(error)) {
                double t0 = getStepStart().getTime();
                if (!(Math.abs(h * getMinReduction()) >= smallestStep(t0))) {
                    throw overflow != null ? overflow : new Dynamics.NonFiniteStateException(t0 + h);
                }
                error = Double.POSITIVE_INFINITY;
            }
            return counted(error, rejected);
        }
    }
}
