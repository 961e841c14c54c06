package org.deeplinear.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplinear.core.Seed;
import org.deeplinear.core.Shape;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;

/**
 * The scenario of issue 2's "done when": a 32 x 32 target with singular values 4, 3, 2, 1 and an aligned
 * initialisation with {@code s0 = 1e-3}, read through the public API and checked against closed forms, to a few
 * ulps of each quantity's size (products and sums of a few terms; the tolerances 1e-14 relative, 45 ulps). Measured
 * (2026-12-07): modes within 2.2e-19 (one ulp of s0), coupling 4.6e-16, loss 5.9e-17 and gradients 1.6e-16 relative.
 */
class ModelTest {

    private static final double[] SIGMAS = {4, 3, 2, 1};
    private static final double S0 = 1e-3;

    @Test
    void alignedModelReadsItsLossGradientsImbalanceAndModes() {
        Target target = Target.random(32, 32, SIGMAS, Seed.of(7));
        FactorChain factors = Initializations.aligned(new double[] {S0, S0, S0, S0})
                .create(Shape.of(32, 32, 32).widths(), target);
        Model model = Model.of(factors, target);
        assertEquals(2, model.depth());
        assertSame(factors, model.factors());
        assertSame(target, model.target());
        assertEquals(factors.outputFactor(), model.outputFactor());
        assertEquals(factors.inputFactor(), model.inputFactor());

        // modes: s_i = s0 on the four target modes, 0 beyond; no coupling
        double[] modes = model.alignedCoordinates().modes();
        assertEquals(32, modes.length);
        for (int i = 0; i < 32; i++) {
            assertEquals(i < 4 ? S0 : 0.0, modes[i], 1e-14 * S0);
        }
        assertTrue(model.alignedCoordinates().coupling() <= 1e-14);

        // loss of an aligned map: 1/2 sum_i (sigma_i - s_i)^2 (THEORY.md, aligned modes)
        double sum = 0;
        for (double sigma : SIGMAS) {
            sum += (sigma - S0) * (sigma - S0);
        }
        assertEquals(0.5 * sum, model.loss(), 1e-14 * sum);

        // gradients of an aligned balanced mode (w = u = sqrt(s0)): dL/dW = sum_i (s0 - sigma_i) sqrt(s0) u_i e_i^T,
        // dL/dU likewise, so each has Frobenius norm sqrt(s0 sum_i (sigma_i - s0)^2)
        double each = Math.sqrt(S0 * sum);
        assertEquals(each, model.gradients().ofOutputFactor().frobeniusNorm(), 1e-14 * each);
        assertEquals(each, model.gradients().ofInputFactor().frobeniusNorm(), 1e-14 * each);
        assertEquals(Math.sqrt(2) * each, model.gradients().norm(), 1e-14 * each);
        assertSame(model.gradients().ofLayer(2), model.gradients().ofOutputFactor());
        assertSame(model.gradients().ofLayer(1), model.gradients().ofInputFactor());
        assertThrows(IndexOutOfBoundsException.class, () -> model.gradients().ofLayer(3));

        // balanced: W^T W - U U^T = 0 up to rounding of s0-sized entries
        assertTrue(model.imbalance().norm() <= 1e-16, "imbalance " + model.imbalance().norm());

        // A and G as matrices
        for (int i = 0; i < 32; i++) {
            for (int j = 0; j < 32; j++) {
                assertEquals(model.endToEnd().get(i, j) - target.matrix().get(i, j), model.residual().get(i, j),
                        0.0);
            }
        }
        Model same = model.withFactors(factors);
        assertEquals(model.loss(), same.loss());
        assertArrayEquals(model.alignedCoordinates().modes(), same.alignedCoordinates().modes());
    }

    /**
     * A chain whose product overflows is refused naming the factors and the overflow: balanced layers of scale
     * 1e200 over four layers make entries of about 1e800 on the way (inf - inf leaves NaN in A), and the refusal
     * said "A[0][0] = NaN: expected a finite value", a matrix the caller never made (review of 2026-12-08).
     */
    @Test
    void aChainWhoseProductOverflowsIsRefusedNamingTheFactors() {
        Target target = Target.random(2, 2, new double[] {2, 1}, Seed.of(1));
        org.deeplinear.core.Widths widths = org.deeplinear.core.Widths.uniform(2, 2, 2, 4);
        FactorChain huge = Initializations.balanced(1e200, Seed.of(1)).create(widths, target);
        org.deeplinear.core.testing.Rejections.assertRejected("factors", () -> Model.of(huge, target),
                "a partial product overflows");
    }

    /**
     * A residual or a gradient that overflows is refused naming what the caller gave, as the map is (review of
     * 2026-12-08: "G[0][0] = Infinity" and "dL/dW_1[0][0] = Infinity" named internal matrices). 1 x 1 x 1: u = w =
     * 1e154 toward a* = -1.5e308 gives A = 1e308 and A - A* beyond the doubles (its loss too); u = 1e-290, w = 1e300
     * toward a* = 0 gives A = 1e10, a finite loss 5e19, and dL/du = w (wu - a*) = 1e310.
     */
    @Test
    void anOverflowingResidualOrGradientIsRefusedNamingTheLossOrTheFactors() {
        Target far = Target.of(org.deeplinear.core.Matrix.of(new double[][] {{-1.5e308}}));
        org.deeplinear.core.testing.Rejections.assertRejected("loss", () -> Model.of(one(1e154, 1e154), far));
        Target zero = Target.of(org.deeplinear.core.Matrix.of(new double[][] {{0}}));
        org.deeplinear.core.testing.Rejections.assertRejected("factors", () -> Model.of(one(1e300, 1e-290), zero),
                "gradient dL/dW_1 is finite");
    }

    /**
     * A junction too wide for its Gram matrix (50,000 x 50,000 entries, more than an array holds) is said so by the
     * imbalance, which failed with EJML's "Matrix size exceeds the size of an integer" (review of 2026-12-08).
     */
    @Test
    void anImbalanceTooWideForAnArrayIsSaidSo() {
        Target target = Target.of(org.deeplinear.core.Matrix.of(new double[][] {{1}}));
        FactorChain wide = FactorChain.fromState(org.deeplinear.core.Widths.of(1, 50_000, 1), new double[100_000]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Model.of(wide, target).imbalance());
        assertTrue(e.getMessage().startsWith("the imbalance D_1 is 50000 x 50000, more entries than an array holds"),
                e.getMessage());
    }

    /** A 1 x 1 x 1 chain {@code w u}. */
    private static FactorChain one(double w, double u) {
        return FactorChain.of(OutputFactor.of(org.deeplinear.core.Matrix.of(new double[][] {{w}})),
                InputFactor.of(org.deeplinear.core.Matrix.of(new double[][] {{u}})));
    }
}
