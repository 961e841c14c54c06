package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.products.ProductBackends;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.mode.SingleMode;
import org.junit.jupiter.api.Test;

/**
 * {@link Dynamics.RightHandSide#compute}'s offset, on each kind of dynamics: the rate written from an offset into a
 * longer array (as an integrator writes a stage into its row of one array) is the rate written from 0, to the bit,
 * and the entries around it stay as they were.
 */
class RightHandSideOffsetTest {

    /** Where the rate goes in the longer array, and how many entries lie past it. */
    private static final int OFFSET = 5;
    private static final int PAST = 4;
    private static final double UNTOUCHED = -7.25;

    @Test
    void theRateFromAnOffsetIsTheRateFromZeroAndNothingElseIsWritten() {
        Target target = Target.random(4, 3, new double[] {2.0, 1.0}, Seed.of(301));
        FactorChain start = Initializations.smallGaussian(0.3, Seed.of(302)).create(Widths.of(3, 5, 4), target);
        Matrix map = Matrix.of(new double[][] {{0.5, 0.1, 0.0}, {0.2, 0.4, 0.1}, {0.0, 0.3, 0.6}, {0.1, 0.0, 0.2}});
        List<Dynamics> dynamics = List.of(
                new FactorFlowDynamics(start, target, ProductBackends.preferred()),
                new ClosedFlowDynamics(map, 0.0, 2, target, ProductBackends.preferred()),
                new ClosedFlowDynamics(map, 0.0, 3, target, ProductBackends.preferred()),
                new ModesDynamics(List.of(SingleMode.factorPair(2.0, 0.3, 0.2), SingleMode.balanced(1.0, 0.1),
                        SingleMode.depth(3, 1.5, 0.2))));
        for (Dynamics d : dynamics) {
            double[] y = d.initialState();
            int n = y.length;
            double[] atZero = new double[n];
            d.newRightHandSide().compute(0.0, y, atZero, 0);
            double[] longer = new double[OFFSET + n + PAST];
            Arrays.fill(longer, UNTOUCHED);
            d.newRightHandSide().compute(0.0, y, longer, OFFSET);
            String what = d.getClass().getSimpleName() + " (" + n + " entries)";
            assertArrayEquals(atZero, Arrays.copyOfRange(longer, OFFSET, OFFSET + n), 0.0, what);
            for (int i = 0; i < longer.length; i++) {
                if (i < OFFSET || i >= OFFSET + n) {
                    assertEquals(UNTOUCHED, longer[i], 0.0, what + ": entry " + i + " outside the rate written");
                }
            }
            // the rate is not trivially zero, so a rate written in the wrong place would show
            assertTrue(Arrays.stream(atZero).anyMatch(v -> v != 0), what + ": a zero rate tests nothing");
        }
    }
}
