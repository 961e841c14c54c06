package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Shape;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;

/** The README's quickstart, compiled and run against the installed dl-core only. */
class QuickstartTest {

    @Test
    void alignedStartReadsItsLossGradientsImbalanceAndModes() {
        double s0 = 1e-3;
        Target target = Target.random(32, 32, new double[] {4, 3, 2, 1}, Seed.of(7));
        FactorChain factors = Initializations.aligned(new double[] {s0, s0, s0, s0})
                .create(Shape.of(32, 32, 32).widths(), target);
        Model model = Model.of(factors, target);

        // closed form for an aligned map: L = 1/2 sum_i (sigma_i - s0)^2
        double expectedLoss = 0.5 * ((4 - s0) * (4 - s0) + (3 - s0) * (3 - s0) + (2 - s0) * (2 - s0)
                + (1 - s0) * (1 - s0));
        assertEquals(expectedLoss, model.loss(), 1e-12 * expectedLoss);

        // the aligned modes are the requested s0 (to rounding), the other 28 modes are 0
        double[] modes = model.alignedCoordinates().modes();
        assertArrayEquals(new double[] {s0, s0, s0, s0}, java.util.Arrays.copyOf(modes, 4), 1e-15);
        assertEquals(0.0, model.alignedCoordinates().coupling(), 1e-12);

        // balanced aligned start: W^T W - U U^T = 0 (w_i = u_i = sqrt(s0))
        Matrix imbalance = model.imbalance().junction(1);
        assertEquals(32, imbalance.rows());
        assertEquals(0.0, imbalance.frobeniusNorm(), 1e-15);

        // gradient of the output factor for mode i: ||G U^T|| = sqrt(sum (sigma_i - s0)^2 * s0)
        double expectedGradNorm = Math.sqrt(2 * expectedLoss * s0);
        assertEquals(expectedGradNorm, model.gradients().ofOutputFactor().frobeniusNorm(), 1e-12);
        assertEquals(expectedGradNorm, model.gradients().ofInputFactor().frobeniusNorm(), 1e-12);
    }
}
