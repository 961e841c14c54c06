package org.deeplinear.ode;

import static org.deeplinear.core.testing.Rejections.assertOutOfRange;
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
import org.deeplinear.ode.observe.Observer;
import org.deeplinear.ode.observe.Observers;
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
    private static final Observer MAP = Observers.vector("A", 16, (o, out) -> {
        Matrix a = o.endToEnd().orElseThrow();
        for (int i = 0; i < 16; i++) {
            out[i] = a.get(i / 4, i % 4);
        }
    });

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
        // the runs learn, so that the comparison covers the dynamics: the modes of sigma 2, 1.5 and 1 are learnt by
        // T = 4 (loss below a tenth of its start, about 0.5 (4 + 2.25 + 1 + 0.25) = 3.75). The mode of sigma 0.5
        // may still be on its plateau, as its half-time ln(sigma / s0 - 1) / (2 sigma) passes 4 for s0 below 0.009;
        // alone it keeps 0.125 of the loss (3.3%), while the mode of sigma 1 unlearnt would keep 0.5 more (17%)
        assertTrue(factorFlow.finalLoss() < 0.1 * factorFlow.initialLoss(),
                factorFlow.finalLoss() + " of " + factorFlow.initialLoss());
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
        assertTrue(factorFlow.finalLoss() < 0.5 * factorFlow.initialLoss(),
                "loss " + factorFlow.finalLoss() + " from " + factorFlow.initialLoss());
        assertTrue(right <= 1e-9, "depth-3 closed flow against the depth-3 factor flow: " + right);
        assertTrue(wrong > 1e-3, "the depth-2 closed flow is the wrong law for depth 3: " + wrong);
    }

    @Test
    void aNearlySingularMapKeepsItsSmallModesVelocity() {
        // A = H diag(1.5, 1, 0.25, 2^-27) K^T with H, K orthogonal of entries +-1/2 (a Hadamard matrix and a row
        // permutation of it): every entry of A, of A* below and of the projections is a dyadic number, exact in
        // doubles, so A's singular vectors and values are exactly these. THEORY.md identity 4 then gives the
        // velocity in closed form, dA/dt = -sum_j H S^{2(j-1)/N} H^T G K S^{2(N-j)/N} K^T, and along the small mode
        // u_4^T (dA/dt) v_4 = -N g_44 s_4^{2(N-1)/N} with g_44 = u_4^T (A - A*) v_4. Squaring A into A A^T (the
        // eigen-decomposition this flow used before, review of 2026-12-07) lost s_4^2 = 2^-54 below the rounding
        // of 2.25 and got that component wrong by 47% at s_4 = 1e-8 (normwise 5e-9)
        double[][] h = {{0.5, 0.5, 0.5, 0.5}, {0.5, -0.5, 0.5, -0.5}, {0.5, 0.5, -0.5, -0.5}, {0.5, -0.5, -0.5, 0.5}};
        double[][] k = {h[2], h[0], h[3], h[1]};                 // rows permuted: still orthogonal
        // and with s_4 = 0 (rank 3): the SVD returns it as ~1e-16, whose power s^{2p} at depth 4 (p = 1/4) was
        // 1e-8 of the velocity until values within max(m, n) eps s_max of 0 were taken as 0 (review, 2026-12-07)
        for (double smallest : new double[] {0x1p-27, 0.0}) {
            nearlySingular(h, k, new double[] {1.5, 1.0, 0.25, smallest});
        }
    }

    private static void nearlySingular(double[][] h, double[][] k, double[] sv) {
        double[][] a = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                for (int r = 0; r < 4; r++) {
                    a[i][j] += h[i][r] * sv[r] * k[j][r];        // sums of dyadics of at most 30 bits: exact
                }
            }
        }
        double[][] star = {{2, 0.125, 0, 0.25}, {-0.125, 1.5, 0.375, 0}, {0, 0.25, 1, -0.5}, {0.5, 0, 0.125, 0.75}};
        Target target = Target.of(Matrix.of(star));
        for (int depth : new int[] {2, 3, 4}) {
            ClosedEndToEndFlow flow = ClosedEndToEndFlow.balancedDepth(target, depth, ProductBackends.ejml());
            double[][] v = flow.velocity(Matrix.of(a)).toArray();
            // the closed form, in doubles from the exact vectors and values (error ~1e-16 of its norm)
            double[][] expected = new double[4][4];
            for (int j = 1; j <= depth; j++) {
                double[][] left = power(h, sv, 2.0 * (j - 1) / depth);
                double[][] right = power(k, sv, 2.0 * (depth - j) / depth);
                double[][] term = times(times(left, minus(a, star)), right);
                for (int r = 0; r < 4; r++) {
                    for (int c = 0; c < 4; c++) {
                        expected[r][c] -= term[r][c];
                    }
                }
            }
            double error = 0;
            double norm = 0;
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    error = Math.hypot(error, v[r][c] - expected[r][c]);
                    norm = Math.hypot(norm, expected[r][c]);
                }
            }
            assertTrue(error <= 1e-13 * norm, "s_4 = " + sv[3] + ", depth " + depth + ": normwise error "
                    + error / norm);
            double g44 = sv[3] - project(h, star, k, 3);
            double small = -depth * g44 * Math.pow(sv[3], 2.0 * (depth - 1) / depth);
            double component = project(h, v, k, 3);
            // a normwise stable velocity (the factor flow's too) holds each component to ~eps ||dA/dt||: 1e-14 of
            // the norm is 2e-8 of the component at depth 2 (1.5e-8) and 4e-4 at depth 3 (7.6e-11)
            assertEquals(small, component, 1e-14 * norm, "s_4 = " + sv[3] + ", depth " + depth
                    + ": the small mode's velocity");
        }
    }

    @Test
    void oneByOneMapsAtTheEdgesOfTheDoubles() {
        // 1 x 1 toward a* = 1, where dA/dt = -(f_W(a) + f_U(a)) (a - 1) in closed form: with lambda, f_W = l/2 +
        // sqrt(a^2 + l^2/4), f_U = -l/2 + sqrt(a^2 + l^2/4); balanced depth N, -N a^{2(N-1)/N} (a - 1). Squared, the
        // map or lambda left the doubles: lambda = 1e155 gave Infinity, a = 1e-170 gave -0.0 and 0 (its square
        // underflows), where the values are 5e154 (f_W = 1e155 and f_U = 0.25 / 1e155), 2e-170 and 6.46e-227
        Target one = Target.of(Matrix.of(new double[][] {{1}}));
        assertEquals(5e154, new ClosedEndToEndFlow(one, 1e155, ProductBackends.ejml())
                .velocity(Matrix.of(new double[][] {{0.5}})).get(0, 0), 5e154 * 1e-15);
        assertEquals(2e-170, new ClosedEndToEndFlow(one, 0, ProductBackends.ejml())
                .velocity(Matrix.of(new double[][] {{1e-170}})).get(0, 0), 2e-170 * 1e-15);
        double depth3 = 3 * Math.pow(1e-170, 4.0 / 3);                    // 6.46e-227
        assertEquals(depth3, ClosedEndToEndFlow.balancedDepth(one, 3, ProductBackends.ejml())
                .velocity(Matrix.of(new double[][] {{1e-170}})).get(0, 0), depth3 * 1e-14);
    }

    /** {@code Q diag(s^p) Q^T} for orthonormal columns {@code q[.][i]} ({@code p = 0}: the identity). */
    private static double[][] power(double[][] q, double[] s, double p) {
        double[][] out = new double[4][4];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                for (int i = 0; i < 4; i++) {
                    out[r][c] += q[r][i] * (p == 0 ? 1 : Math.pow(s[i], p)) * q[c][i];
                }
            }
        }
        return out;
    }

    private static double[][] times(double[][] x, double[][] y) {
        double[][] out = new double[4][4];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                for (int i = 0; i < 4; i++) {
                    out[r][c] += x[r][i] * y[i][c];
                }
            }
        }
        return out;
    }

    private static double[][] minus(double[][] x, double[][] y) {
        double[][] out = new double[4][4];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                out[r][c] = x[r][c] - y[r][c];
            }
        }
        return out;
    }

    /** {@code u_i^T M v_i} with {@code u_i = h[.][i]}, {@code v_i = k[.][i]}. */
    private static double project(double[][] h, double[][] m, double[][] k, int i) {
        double sum = 0;
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                sum += h[r][i] * m[r][c] * k[c][i];
            }
        }
        return sum;
    }

    @Test
    void theVelocitysArgumentsAreCheckedByName() {
        // review of 2026-12-07: null arrays, a short map and a result without room failed deep inside (a bare
        // NullPointerException, System.arraycopy's ArrayIndexOutOfBoundsException); a finite map whose velocity
        // overflows (1e200 x 1e200) failed with IllegalStateException from the Matrix overload
        Target target = Target.random(3, 3, new double[] {2.0, 1.0}, Seed.of(26));
        ClosedEndToEndFlow flow = new ClosedEndToEndFlow(target, 0.0, ProductBackends.ejml());
        assertRejected("endToEnd", () -> flow.velocity(null, new double[9], 0));
        assertRejected("endToEnd.length", () -> flow.velocity(new double[3], new double[9], 0), "at least m * n = 9");
        assertRejected("result", () -> flow.velocity(new double[9], null, 0));
        // an offset without room is an index error, as Matrix.copyTo's (Arguments.offset)
        assertOutOfRange("offset = 4: expected 0..3 (9 entries within result.length = 12)",
                () -> flow.velocity(new double[9], new double[12], 4));
        assertOutOfRange("offset = -1: expected 0..3 (9 entries within result.length = 12)",
                () -> flow.velocity(new double[9], new double[12], -1));
        flow.velocity(new double[9], new double[12], 3);        // the last offset with room: accepted
        assertRejected("||endToEnd||_F", () -> flow.velocity(Matrix.of(new double[][] {{1e200, 0, 0}, {0, 1, 0},
                {0, 0, 1}})), "velocity dA/dt is finite");
    }

    @Test
    void mapsNearTheLargestDoubleDecomposeAndAnOverflowingVelocityIsAnArgumentError() {
        // (API audit) the map was decomposed unscaled, and EJML's SVD does not converge near Double.MAX_VALUE (see
        // Matrix.svdScaleExponent): velocity({{MAX, MAX}, {0, 0}, {0, 0}}) threw IllegalStateException "did not
        // converge" where its Javadoc promises an IllegalArgumentException for a velocity that overflows, and the
        // Gram matrices of finite maps with finite Gram matrices were refused the same way
        Target target = Target.random(3, 2, new double[] {1.0, 0.5}, Seed.of(1));
        ClosedEndToEndFlow flow = new ClosedEndToEndFlow(target, 0.0, ProductBackends.ejml());
        double max = Double.MAX_VALUE;
        assertRejected("||endToEnd||_F", () -> flow.velocity(Matrix.of(new double[][] {{max, max}, {0, 0}, {0, 0}})),
                "velocity dA/dt is finite");
        // A = e_1 (1e308, 1e308) has the one singular value s = sqrt(2) 1e308 (a double), u = e_1 and
        // v = (1, 1) / sqrt(2): (A A^T)^{1/2} = s e_1 e_1^T and (A^T A)^{1/2} = (s / 2) [[1, 1], [1, 1]]
        Matrix big = Matrix.of(new double[][] {{1e308, 1e308}, {0, 0}, {0, 0}});
        double s = Math.sqrt(2) * 1e308;
        Matrix output = flow.outputGram(big);
        Matrix input = flow.inputGram(big);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(r == 0 && c == 0 ? s : 0.0, output.get(r, c), 1e-15 * s, "W W^T (" + r + ", " + c + ")");
            }
        }
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                assertEquals(s / 2, input.get(r, c), 1e-15 * s, "U^T U (" + r + ", " + c + ")");
            }
        }
    }

    @Test
    void theDepthIsCappedWhereAChainOfItCanStillBeRun() {
        // (API audit) closedDepthFlow(A0, Integer.MAX_VALUE, t).until(1).build() never returned: build() evaluates
        // the flow once, a sum of N terms; balancedDepth took the depth as well
        Target target = Target.random(3, 2, new double[] {1.0, 0.5}, Seed.of(1));
        Matrix start = Matrix.of(new double[][] {{0.1, 0}, {0, 0.1}, {0, 0}});
        assertRejected("depth", Integer.MAX_VALUE, () -> Simulation.closedDepthFlow(start, Integer.MAX_VALUE,
                target));
        assertRejected("depth", ClosedEndToEndFlow.MAX_DEPTH + 1, () -> Simulation.closedDepthFlow(start,
                ClosedEndToEndFlow.MAX_DEPTH + 1, target));
        assertRejected("depth", Integer.MAX_VALUE, () -> ClosedEndToEndFlow.balancedDepth(target, Integer.MAX_VALUE,
                ProductBackends.ejml()));
        // the cap itself is taken: 1 x 1 toward 1, dA/dt = -N a^{2(N-1)/N} (a - 1) (oneByOneMapsAtTheEdges...)
        int n = ClosedEndToEndFlow.MAX_DEPTH;
        double expected = n * Math.pow(0.5, 2.0 * (n - 1) / n) * 0.5;
        assertEquals(expected, ClosedEndToEndFlow.balancedDepth(Target.of(Matrix.of(new double[][] {{1}})), n,
                ProductBackends.ejml()).velocity(Matrix.of(new double[][] {{0.5}})).get(0, 0), 1e-12 * expected);
        Simulation.closedDepthFlow(start, n, target).until(1).build();
    }

    @Test
    void lambdaNeedsASquareTarget() {
        Target wide = Target.random(3, 4, new double[] {1.0}, Seed.of(26));
        assertThrows(IllegalArgumentException.class,
                () -> Simulation.closedFlow(Matrix.zeros(3, 4), 0.5, wide).until(1).build());
    }

    @Test
    void aSmallModeOfTheTwoLayerFlowGrowsOnceTheLargeOneIsLearned() {
        // (review of 2026-12-07) the two-layer closed flow took singular values below max(m, n) eps s_max for 0 (a cut
        // meant for depth N >= 3): toward diag(1, 0.1) from 1e-20 I, s_2 stayed at 5e-19 once s_1 was learned and
        // never reached half. Aligned and balanced, each mode is the logistic law: t_half = ln(sigma/s0 - 1)/(2 sigma)
        // (THEORY.md), 23.0258509 for sigma = 1 and 218.7455830 for sigma = 0.1, s0 = 1e-20
        Target target = Target.fromSpectrum(new double[] {1, 0.1}, Matrix.of(new double[][] {{1, 0}, {0, 1}}),
                Matrix.of(new double[][] {{1, 0}, {0, 1}}));
        Trajectory run = Simulation.closedFlow(Matrix.of(new double[][] {{1e-20, 0}, {0, 1e-20}}), target).until(400)
                .integrator(IntegratorSettings.defaults().withTolerances(1e-12, 1e-40)).halfTimes().run();
        for (int i = 0; i < 2; i++) {
            double sigma = target.spectrum().sigma(i);
            double expected = Math.log(sigma / 1e-20 - 1) / (2 * sigma);
            assertEquals(expected, run.halfTime(i).orElseThrow(), 1e-7 * expected, "mode " + i);
        }
        assertEquals(0.1, run.finalModes()[1], 1e-9);
    }

    /**
     * A lambda so large that the integrator's first-step estimate overflowed (it sums squares of the rate over the
     * tolerances): {@code |lambda| = 1e160} ended as DIVERGED at t = 0 ("NaN appears during integration"), though
     * its rate is finite (review of 2026-12-07; 1e155 ran). There {@code W W^T = lambda/2 + (A A^T + lambda^2/4)^{1/2}
     * = lambda (1 + O(|A|^2 / lambda^2))} and {@code U^T U = O(|A|^2 / lambda)}, so {@code dA/dt = -lambda (A - A*)}
     * to about 1e-320 relative and {@code A(t) = A* + (A0 - A*) e^{-lambda t}}: the loss at {@code lambda t = 1e-3}
     * is the start's times {@code e^{-2e-3}}, within the default rtol 1e-10 (1e-9 asserted).
     */
    @Test
    void aLambdaWhoseRateSquaredOverflowsStillRuns() {
        Target target = Target.random(4, 4, new double[] {2, 1}, Seed.of(3));
        // (and from 1e-200 I, where the first step's ratio 0.01 |A| / |dA/dt| underflowed to a step of 0, accepted
        // until the evaluation budget ran out; the review of this change)
        for (double scale : new double[] {0.01, 1e-200}) {
            Matrix start = Matrix.of(new double[][] {{scale, 0, 0, 0}, {0, scale, 0, 0}, {0, 0, scale, 0},
                {0, 0, 0, scale}});
            for (double lambda : new double[] {1e160, 1e300, -1e300}) {
                Trajectory run = Simulation.closedFlow(start, lambda, target).until(1e-3 / Math.abs(lambda)).run();
                assertEquals(Trajectory.Status.COMPLETED, run.status());
                assertEquals(run.initialLoss() * Math.exp(-2e-3), run.finalLoss(), 1e-9 * run.finalLoss(),
                        "start " + scale + " I, lambda " + lambda);
            }
        }
    }
}
