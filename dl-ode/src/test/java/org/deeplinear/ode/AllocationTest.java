package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.function.DoubleFunction;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.products.ProductBackends;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.descent.LearningRate;
import org.junit.jupiter.api.Test;

/**
 * The hot paths allocate nothing of their own (measured with HotSpot's per-thread allocation counter, EJML
 * backend): the flow's right-hand side allocates only the derivative array Hipparchus asks for; a descent step
 * allocates nothing.
 */
class AllocationTest {

    private static final Target TARGET = Target.random(16, 16, new double[] {4, 3, 2, 1}, Seed.of(91));
    private static final FactorChain START =
            Initializations.smallGaussian(1e-2, Seed.of(92)).create(Widths.of(16, 16, 16), TARGET);

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void theRightHandSideAllocatesOnlyTheDerivativeArray() {
        FlowEquation equation = new FlowEquation(new FactorFlowDynamics(START, TARGET, ProductBackends.ejml()));
        double[] y = START.toState();
        for (int i = 0; i < 2000; i++) {
            equation.computeDerivatives(0.0, y); // warm up the JIT
        }
        int calls = 1000;
        long before = allocatedBytes();
        for (int i = 0; i < calls; i++) {
            equation.computeDerivatives(0.0, y);
        }
        long perCall = (allocatedBytes() - before) / calls;
        long array = 16 + 8L * y.length; // header + payload of the array handed back to Hipparchus
        assertTrue(perCall <= array + 32, "bytes per evaluation " + perCall + ", the array alone " + array);
    }

    @Test
    void aFlowsStepsReuseTheArraysOfTheStatesTheyHandOver() {
        // a 64 x 64 flow with its half-time events checked inside steps (the default interval), to T = 8 and to
        // T = 24: the difference is what the extra steps allocate, without what every run allocates once (the
        // integrator's buffers, the views). A step end's state and derivative were copied at every step, two arrays
        // of the state's size (measured before the arrays were reused: 2.01 per extra step, the events being all
        // recorded by T = 8 and checked no more); the integrator's states now reuse their arrays, so a step
        // allocates Hipparchus's and the events' small objects only (measured: 0.011)
        Target target = Target.random(64, 64, new double[] {4, 3, 2, 1}, Seed.of(93));
        FactorChain start = Initializations.smallGaussian(1e-3, Seed.of(94)).create(Widths.of(64, 64, 64), target);
        DoubleFunction<Trajectory> flow = end -> Simulation.flow(start, target).until(end)
                .halfTimes().samples(SampleTimes.none()).products(ProductBackends.ejml()).run();
        flow.apply(24);
        long before = allocatedBytes();
        Trajectory shorter = flow.apply(8);
        long few = allocatedBytes() - before;
        before = allocatedBytes();
        Trajectory longer = flow.apply(24);
        long many = allocatedBytes() - before;
        long extraSteps = longer.statistics().acceptedSteps() - shorter.statistics().acceptedSteps();
        assertTrue(extraSteps >= 10, "extra steps " + extraSteps);
        double arrays = (many - few) / (8.0 * start.toState().length) / extraSteps;
        assertTrue(arrays < 0.5, "state-sized arrays allocated per extra accepted step: " + arrays);
    }

    @Test
    void aDescentStepAllocatesNothing() {
        Runnable warm = () -> Simulation.descent(START, TARGET, LearningRate.of(0.01), 3000)
                .products(ProductBackends.ejml()).samples(SampleTimes.none()).run();
        warm.run();
        long before = allocatedBytes();
        Simulation.descent(START, TARGET, LearningRate.of(0.01), 10).products(ProductBackends.ejml())
                .samples(SampleTimes.none()).run();
        long few = allocatedBytes() - before;
        before = allocatedBytes();
        Simulation.descent(START, TARGET, LearningRate.of(0.01), 4010).products(ProductBackends.ejml())
                .samples(SampleTimes.none()).run();
        long many = allocatedBytes() - before;
        double perStep = (many - few) / 4000.0;
        assertTrue(perStep < 8, "bytes per descent step " + perStep);
    }
}
