package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.GradientEngine;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.products.ProductBackends;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.descent.LearningRate;
import org.junit.jupiter.api.Test;

/**
 * Descent's modes from the residual, {@code s_i = u_i^T G v_i + sigma_i}: they equal the model's aligned
 * coordinates to rounding at depths 2 and 3 on both product backends; descent's half-times at depth 3 are those of
 * the first iterate whose mode, measured from the state by {@link ChainView}'s chain of products, reaches
 * {@code sigma_i / 2} (the peer's counting); and a descent step with the four half-time events allocates nothing.
 */
class ResidualModesTest {

    private static final Target TARGET = Target.random(6, 5, new double[] {3.0, 2.0, 1.0}, Seed.of(111));

    @Test
    void modesFromTheResidualAreTheModelsAlignedCoordinates() {
        for (ProductBackend products : new ProductBackend[] {ProductBackends.ejml(), ProductBackends.preferred()}) {
            for (Widths widths : new Widths[] {Widths.of(5, 4, 6), Widths.of(5, 4, 3, 6)}) {
                FactorChain chain = Initializations.smallGaussian(0.7, Seed.of(112)).create(widths, TARGET);
                double[] expected = Model.of(chain, TARGET).alignedCoordinates().modes();
                GradientEngine engine = new GradientEngine(widths, TARGET, products);
                double[] y = chain.toState();
                double[] direction = new double[y.length];
                engine.evaluate(y, direction);
                ResidualModes modes = new ResidualModes(TARGET, 3);
                double[] s = new double[modes.count()];
                modes.compute(engine, s);
                assertEquals(3, modes.count());
                for (int i = 0; i < s.length; i++) {
                    // u_i^T A* v_i = sigma_i exactly in exact arithmetic; entries of order 1, so rounding ~ 1e-15
                    assertEquals(expected[i], s[i], 1e-13, products.name() + " " + widths + " mode " + i);
                }
                // the check can fail: one descent step later (eta = 0.1) the modes are not those of the start
                for (int i = 0; i < y.length; i++) {
                    y[i] += 0.1 * direction[i];
                }
                engine.forward(y);
                modes.compute(engine, s);
                double moved = 0;
                for (int i = 0; i < s.length; i++) {
                    moved = Math.max(moved, Math.abs(s[i] - expected[i]));
                }
                assertTrue(moved > 1e-3, "one step moves the modes by " + moved);
            }
        }
    }

    @Test
    void depthThreeHalfTimesAreTheFirstIterateAtHalfSigmaMeasuredFromTheState() {
        Widths widths = Widths.of(5, 4, 3, 6);
        FactorChain start = Initializations.smallGaussian(0.3, Seed.of(113)).create(widths, TARGET);
        double eta = 0.02;
        int steps = 3000;
        ProductBackend products = ProductBackends.ejml();
        Trajectory run = Simulation.descent(start, TARGET, LearningRate.of(eta), steps).products(products)
                .samples(SampleTimes.none()).halfTimes().run();
        // the same iterates, stepped here; each mode measured from the state by the chain of products
        GradientEngine engine = new GradientEngine(widths, TARGET, products);
        double[] y = start.toState();
        double[] direction = new double[y.length];
        ChainView view = new ChainView(new StateMapper(widths), TARGET, products, y);
        long[] first = {-1, -1, -1};
        for (int k = 0; k <= steps; k++) {
            view.load(k * eta, y);
            for (int i = 0; i < 3; i++) {
                if (first[i] < 0 && view.mode(i) >= 0.5 * TARGET.spectrum().sigma(i)) {
                    first[i] = k;
                }
            }
            engine.evaluate(y, direction);
            for (int i = 0; i < y.length; i++) {
                y[i] += eta * direction[i];
            }
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(first[i] > 0, "mode " + i + " starts below and reaches half its sigma: " + first[i]);
            // exact: the same iterate count times eta, as the event's time is computed
            assertEquals(first[i] * eta, run.halfTime(i).orElseThrow(), 1e-12, "mode " + i);
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void aDescentStepWithHalfTimeEventsAllocatesNothing() {
        Target target = Target.random(16, 16, new double[] {4, 3, 2, 1}, Seed.of(91));
        FactorChain start = Initializations.smallGaussian(1e-2, Seed.of(92)).create(Widths.of(16, 16, 16), target);
        // at most four event records (one per mode, a few dozen bytes each) over 4000 steps: well under a byte a step
        Runnable warm = () -> Simulation.descent(start, target, LearningRate.of(1e-3), 3000)
                .products(ProductBackends.ejml()).samples(SampleTimes.none()).halfTimes().run();
        warm.run();
        long before = allocatedBytes();
        Simulation.descent(start, target, LearningRate.of(1e-3), 10).products(ProductBackends.ejml())
                .samples(SampleTimes.none()).halfTimes().run();
        long small = allocatedBytes() - before;
        before = allocatedBytes();
        Simulation.descent(start, target, LearningRate.of(1e-3), 4010)
                .products(ProductBackends.ejml()).samples(SampleTimes.none()).halfTimes().run();
        long large = allocatedBytes() - before;
        double perStep = (large - small) / 4000.0;
        assertTrue(perStep < 8, "bytes per descent step with four half-time events " + perStep);
    }
}
