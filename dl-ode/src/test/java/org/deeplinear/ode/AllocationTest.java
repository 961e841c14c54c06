package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
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
