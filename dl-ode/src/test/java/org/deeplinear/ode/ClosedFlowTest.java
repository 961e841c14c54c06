package org.deeplinear.ode;

import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.products.ProductBackends;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.flow.ClosedEndToEndFlow;
import org.deeplinear.ode.observe.Observation;
import org.deeplinear.ode.observe.Observer;
import org.deeplinear.ode.observe.Series;
import org.junit.jupiter.api.Test;

/**
 * THEORY.md identities 4 and 5: from a balanced start the closed flow {@code dA/dt = -(A A^T)^{1/2} G - G (A^T
 * A)^{1/2}} reproduces the factor flow's {@code A(t)} to 1e-9, and from a lambda-balanced start the
 * lambda-balanced closed flow does; from an unbalanced start the closed flow is wrong, and the test shows by how
 * much. Balanced depth N: the closed flow of Arora, Cohen and Hazan (2018) reproduces the depth-3 factor flow to
 * 1e-9 and the depth-2 one does not.
 */
class ClosedFlowTest {

    private static final Target TARGET = Target.random(4, 4, new double[] {2.0, 1.5, 1.0, 0.5}, Seed.of(21));
    private static final Widths SQUARE = Widths.of(4, 4, 4);
    private static final IntegratorSettings TIGHT = IntegratorSettings.defaults().withTolerances(1e-12, 1e-14);
    private static final double END = 4.0;

    /** Records every entry of A at each sample. */
    private static final Observer MAP = new Observer() {
        @Override
        public String name() {
            return "A";
        }

        @Override
        public int width(int modeCount) {
            return 16;
        }

        @Override
        public void measure(Observation o, double[] out) {
            Matrix a = o.endToEnd().orElseThrow();
            for (int i = 0; i < 16; i++) {
                out[i] = a.get(i / 4, i % 4);
            }
        }
    };

    private static double largestGap(FactorChain start, double lambda) {
        Model model = Model.of(start, TARGET);
        Trajectory factorFlow = Simulation.flow(model).until(END).integrator(TIGHT)
                .samples(SampleTimes.uniform(21)).observe(MAP).run();
        Trajectory closedFlow = Simulation.closedFlow(model.endToEnd(), lambda, TARGET).until(END).integrator(TIGHT)
                .samples(SampleTimes.uniform(21)).observe(MAP).run();
        Series a = factorFlow.series("A");
        Series b = closedFlow.series("A");
        assertEquals(a.size(), b.size());
        double worst = 0;
        for (int k = 0; k < a.size(); k++) {
            for (int i = 0; i < 16; i++) {
                worst = Math.max(worst, Math.abs(a.get(k, i) - b.get(k, i)));
            }
        }
        // both runs learn: the final map is near the target
        assertTrue(factorFlow.finalLoss() < 1e-2 * factorFlow.initialLoss());
        return worst;
    }

    @Test
    void balancedClosedFlowMatchesTheFactorFlowFromABalancedStart() {
        FactorChain start = Initializations.balanced(0.3, Seed.of(22)).create(SQUARE, TARGET);
        double gap = largestGap(start, 0.0);
        assertTrue(gap <= 1e-9, "closed against factor flow, balanced start: " + gap);
    }

    @Test
    void lambdaBalancedClosedFlowMatchesTheFactorFlowFromALambdaBalancedStart() {
        double lambda = 0.4;
        FactorChain start = Initializations.lambdaBalanced(lambda, 0.3, Seed.of(23)).create(SQUARE, TARGET);
        double gap = largestGap(start, lambda);
        assertTrue(gap <= 1e-9, "closed against factor flow, lambda-balanced start: " + gap);
        // the balanced closed flow is the wrong equation for this start
        assertTrue(largestGap(start, 0.0) > 1e-3);
    }

    @Test
    void closedFlowDoesNotMatchFromAnUnbalancedStart() {
        FactorChain start = Initializations.smallGaussian(0.3, Seed.of(24)).create(SQUARE, TARGET);
        double gap = largestGap(start, 0.0);
        assertTrue(gap > 1e-3, "the closed flow should be wrong for an unbalanced start, gap " + gap);
    }

    @Test
    void gramMatricesAreTheFactorsOnesForBalancedFactors() {
        FactorChain start = Initializations.balanced(0.7, Seed.of(25)).create(SQUARE, TARGET);
        Model model = Model.of(start, TARGET);
        ClosedEndToEndFlow flow = new ClosedEndToEndFlow(TARGET, 0.0, ProductBackends.preferred());
        Matrix wwt = flow.outputGram(model.endToEnd());
        Matrix w = start.layer(2);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                double expected = 0;
                for (int k = 0; k < 4; k++) {
                    expected += w.get(r, k) * w.get(c, k);
                }
                assertEquals(expected, wwt.get(r, c), 1e-12);
            }
        }
        // the velocity is identity 1 with these Gram matrices: -(W W^T) G - G (U^T U) = the factor flow's dA/dt
        Matrix velocity = flow.velocity(model.endToEnd());
        Matrix g = model.residual();
        Matrix u = start.layer(1);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                double expected = 0;
                for (int k = 0; k < 4; k++) {
                    expected -= wwt.get(r, k) * g.get(k, c);
                    double utu = 0;
                    for (int l = 0; l < 4; l++) {
                        utu += u.get(l, k) * u.get(l, c);
                    }
                    expected -= g.get(r, k) * utu;
                }
                assertEquals(expected, velocity.get(r, c), 1e-12);
            }
        }
    }

    @Test
    void balancedDepthThreeClosedFlowMatchesTheDepthThreeFactorFlow() {
        FactorChain start = Initializations.balanced(0.5, Seed.of(27)).create(Widths.of(4, 4, 4, 4), TARGET);
        Model model = Model.of(start, TARGET);
        Trajectory factorFlow = Simulation.flow(model).until(END).integrator(TIGHT)
                .samples(SampleTimes.uniform(21)).observe(MAP).run();
        Trajectory depthThree = Simulation.closedDepthFlow(model.endToEnd(), 3, TARGET).until(END).integrator(TIGHT)
                .samples(SampleTimes.uniform(21)).observe(MAP).run();
        Trajectory depthTwo = Simulation.closedDepthFlow(model.endToEnd(), 2, TARGET).until(END).integrator(TIGHT)
                .samples(SampleTimes.uniform(21)).observe(MAP).run();
        double right = 0;
        double wrong = 0;
        for (int k = 0; k < 21; k++) {
            for (int i = 0; i < 16; i++) {
                double a = factorFlow.series("A").get(k, i);
                right = Math.max(right, Math.abs(a - depthThree.series("A").get(k, i)));
                wrong = Math.max(wrong, Math.abs(a - depthTwo.series("A").get(k, i)));
            }
        }
        assertTrue(factorFlow.finalLoss() < 0.5 * factorFlow.initialLoss(), "loss " + factorFlow.finalLoss() + " from " + factorFlow.initialLoss());
        assertTrue(right <= 1e-9, "depth-3 closed flow against the depth-3 factor flow: " + right);
        assertTrue(wrong > 1e-3, "the depth-2 closed flow is the wrong law for depth 3: " + wrong);
    }

    @Test
    void theVelocitysArgumentsAreCheckedByName() {
        // review of 2026-12-07: null arrays, a short map and a result without room failed deep inside (a bare
        // NullPointerException, System.arraycopy's ArrayIndexOutOfBoundsException); a finite map whose Gram
        // matrices overflow (1e200^2) failed with IllegalStateException from the Matrix overload
        Target target = Target.random(3, 3, new double[] {2.0, 1.0}, Seed.of(26));
        ClosedEndToEndFlow flow = new ClosedEndToEndFlow(target, 0.0, ProductBackends.ejml());
        assertRejected("endToEnd", () -> flow.velocity(null, new double[9], 0));
        assertRejected("endToEnd.length", () -> flow.velocity(new double[3], new double[9], 0), "at least m * n = 9");
        assertRejected("result", () -> flow.velocity(new double[9], null, 0));
        assertRejected("offset", () -> flow.velocity(new double[9], new double[12], 4), "room for m * n = 9");
        assertRejected("offset", () -> flow.velocity(new double[9], new double[12], -1));
        flow.velocity(new double[9], new double[12], 3);        // the last offset with room: accepted
        assertRejected("||endToEnd||_F", () -> flow.velocity(Matrix.of(new double[][] {{1e200, 0, 0}, {0, 1, 0},
                {0, 0, 1}})), "squared norm is finite");
    }

    @Test
    void lambdaNeedsASquareTarget() {
        Target wide = Target.random(3, 4, new double[] {1.0}, Seed.of(26));
        assertThrows(IllegalArgumentException.class,
                () -> Simulation.closedFlow(Matrix.zeros(3, 4), 0.5, wide).until(1).build());
    }
}
