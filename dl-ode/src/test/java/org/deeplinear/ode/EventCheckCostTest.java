package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.events.Crossing;
import org.deeplinear.ode.events.EventSpec;
import org.junit.jupiter.api.Test;

/**
 * What watching an event costs on a long run ({@link Simulation#maxCheckInterval()}): at most
 * {@code acceptedSteps + span / interval + 1} checks of its function, and each extra step of a longer run costs
 * the same number of checks, so the cost stays linear in the integrator's steps. Counted with an event whose function
 * never changes sign (nothing to locate) and counts its calls; no timing.
 */
class EventCheckCostTest {

    private static final double SIGMA_MAX = 4.0;
    private static final Target TARGET = Target.random(4, 3, new double[] {SIGMA_MAX, 1.0}, Seed.of(31));
    private static final FactorChain ALIGNED =
            Initializations.aligned(new double[] {1e-3, 1e-3}).create(Widths.of(3, 2, 4), TARGET);

    /** Checks and accepted steps of one run. */
    private record Cost(long checks, long steps, double interval) {
        double perStep() {
            return checks / (double) steps;
        }
    }

    private static Cost run(double span) {
        long[] checks = new long[1];
        EventSpec counter = EventSpec.custom("counts its checks", o -> {
            checks[0]++;
            return 1.0;
        }, Crossing.UP);
        Simulation simulation = Simulation.flow(ALIGNED, TARGET).until(span).samples(SampleTimes.endpoints())
                .event(counter).build();
        Trajectory run = simulation.run();
        assertTrue(run.events().isEmpty());
        return new Cost(checks[0], run.statistics().acceptedSteps(), simulation.maxCheckInterval());
    }

    @Test
    void anEventCostsAtMostAStepsWorthOfChecksPlusOnePerInterval() {
        for (double span : new double[] {250, 1000}) {
            Cost cost = run(span);
            // the default interval on a run longer than 100 / (4 sigma_max): a quarter of 1/sigma_max
            assertEquals(0.25 / SIGMA_MAX, cost.interval(), 0.0);
            double bound = cost.steps() + span / cost.interval() + 1;
            assertTrue(cost.checks() <= bound, cost.checks() + " checks over " + cost.steps() + " steps, T = " + span
                    + ": above steps + T / interval + 1 = " + bound);
            // one check per right-hand side evaluation would be 15 per step (Dormand-Prince 8(5,3)) and fail this
            assertTrue(cost.checks() > span / cost.interval(), "fewer checks than intervals: " + cost.checks());
        }
    }

    @Test
    void eachExtraStepOfALongerRunCostsTheSameChecks() {
        Cost t500 = run(500);
        Cost t1000 = run(1000);
        Cost t2000 = run(2000);
        // past the learning the step is held by stability near 0.8 (T / steps = 0.799 at T = 1e5, measured with a
        // driver) = 12.8 intervals, i.e. 13 checks per step:
        // measured 12.99 per extra step from T = 500 to 1000 and 13.00 from 1000 to 2000 (12.2, 12.6 and 12.8
        // per step overall, the shorter steps of the learning phase weighing less as T grows)
        double first = (t1000.checks() - t500.checks()) / (double) (t1000.steps() - t500.steps());
        double second = (t2000.checks() - t1000.checks()) / (double) (t2000.steps() - t1000.steps());
        assertTrue(t2000.steps() > 1.8 * t1000.steps(), t1000.steps() + " then " + t2000.steps() + " steps");
        assertEquals(first, second, 0.01 * first, "checks per extra step " + first + " then " + second);
        assertEquals(Math.ceil(0.8 / t1000.interval()), second, 0.5);
    }
}
