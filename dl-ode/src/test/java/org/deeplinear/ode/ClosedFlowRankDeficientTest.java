package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.observe.Observer;
import org.deeplinear.ode.observe.Observers;
import org.deeplinear.ode.observe.Series;
import org.junit.jupiter.api.Test;

/**
 * {@link org.deeplinear.ode.flow.ClosedEndToEndFlow} at rank-deficient maps, against the factor flow from balanced
 * starts {@code A = W U} through a hidden width {@code k}. Where the target has nothing in the missing directions,
 * the closed flow follows the factor flow to the integration's error, at about its cost: the SVD keeps the missing
 * singular values at rounding level. That the gap is integration error is shown by its falling with the tolerances
 * (a fixed bound would hold for one start only: over balanced starts from seeds 0 to 10 and 22 the rank-2 case's
 * gap at rtol 1e-8 ranges from 1.4e-8 to 4.6e-4 {@code ||A||}, as the flow passes nearer or farther from a saddle,
 * and falls 6 to 30 times at each hundredfold fall of the tolerances); an unbalanced start's gap, which is not
 * integration error, does not fall. (Taken through eigen-decompositions of {@code A A^T}, as until 2026-12-07, the
 * square root turned the Gram matrix's rounding into spurious singular values of about {@code sqrt(eps) ||A||}, a
 * floor the tolerance does not move, which the second fall asked for below refuses, and cost 30,958 evaluations
 * against 376 in the third case, with the draw before Seed mixed its value.) Where the
 * target does have a mode the factors cannot learn, the closed flow's integration error seeds that saddle mode and
 * it grows like {@code e^{2 sigma t}}: the documented limitation that remains. Default tolerances (rtol 1e-10)
 * unless a case says otherwise.
 */
class ClosedFlowRankDeficientTest {

    private static final double END = 4.0;
    private static final int SAMPLES = 21;
    /** A hundred times the default tolerances (rtol 1e-10, atol 1e-12), and a hundredth of them. */
    private static final IntegratorSettings LOOSE = IntegratorSettings.defaults().withTolerances(1e-8, 1e-10);
    private static final IntegratorSettings TIGHT = IntegratorSettings.defaults().withTolerances(1e-12, 1e-14);

    /** What a pair of runs measured: the largest entry gap at each sample, the largest ||A||_F, the costs. */
    private record Gaps(double[] gap, double normA, long closedEvaluations, long factorEvaluations) {
        double worst() {
            double w = 0;
            for (double g : gap) {
                w = Math.max(w, g);
            }
            return w;
        }
    }

    private static Observer entries(int m, int n) {
        return Observers.vector("A", m * n, (o, out) -> {
            Matrix a = o.endToEnd().orElseThrow();
            for (int i = 0; i < m * n; i++) {
                out[i] = a.get(i / n, i % n);
            }
        });
    }

    private static Gaps compare(Target target, Widths widths) {
        return compare(target, Initializations.balanced(0.3, Seed.of(22)).create(widths, target),
                IntegratorSettings.defaults());
    }

    private static Gaps compare(Target target, FactorChain start, IntegratorSettings settings) {
        Model model = Model.of(start, target);
        int m = target.rows();
        int n = target.cols();
        Trajectory factors = Simulation.flow(model).until(END).integrator(settings)
                .samples(SampleTimes.uniform(SAMPLES)).observe(entries(m, n)).run();
        Trajectory closed = Simulation.closedFlow(model.endToEnd(), target).until(END).integrator(settings)
                .samples(SampleTimes.uniform(SAMPLES)).observe(entries(m, n)).run();
        Series a = factors.series("A");
        Series b = closed.series("A");
        assertEquals(SAMPLES, a.size());
        assertEquals(SAMPLES, b.size());
        double[] gap = new double[SAMPLES];
        double normA = 0;
        for (int k = 0; k < SAMPLES; k++) {
            double norm = 0;
            for (int i = 0; i < m * n; i++) {
                gap[k] = Math.max(gap[k], Math.abs(a.get(k, i) - b.get(k, i)));
                norm = Math.hypot(norm, a.get(k, i));
            }
            normA = Math.max(normA, norm);
        }
        return new Gaps(gap, normA, closed.statistics().evaluations(), factors.statistics().evaluations());
    }

    /**
     * The closed flow follows the factor flow from a balanced start of the given widths: the gap falls at least
     * threefold at each hundredfold fall of the tolerances, from LOOSE to the default and from the default to TIGHT
     * (an eighth-order method's global error falls about in proportion to its tolerance, Hairer, Norsett and Wanner,
     * Solving ODEs I, II.4; measured 6 to 30 times per step in the rank-2 case and 19 to 430 in the 4 x 3 one over
     * balanced starts from seeds 0 to 10 and 22). Both steps are asked for, so that an error floor of the closed
     * flow's own (the eigen-decompositions' spurious singular values) shows at the second step even where the first
     * step, from a large loose gap, still falls. At the default tolerances the closed flow costs at most twice the
     * factor flow's evaluations.
     */
    private static void assertFollowsTheFactorFlow(Target target, Widths widths) {
        FactorChain start = Initializations.balanced(0.3, Seed.of(22)).create(widths, target);
        Gaps loose = compare(target, start, LOOSE);
        Gaps usual = compare(target, start, IntegratorSettings.defaults());
        Gaps tight = compare(target, start, TIGHT);
        assertTrue(usual.worst() <= loose.worst() / 3,
                "gap " + usual.worst() + " at rtol 1e-10 against " + loose.worst() + " at rtol 1e-8");
        assertTrue(tight.worst() <= usual.worst() / 3,
                "gap " + tight.worst() + " at rtol 1e-12 against " + usual.worst() + " at rtol 1e-10");
        assertTrue(usual.closedEvaluations() <= 2 * usual.factorEvaluations(), usual.toString());
    }

    @Test
    void aRankDeficientMapTowardATargetOfItsRankFollowsTheFactorFlow() {
        // rank 2 of 4 toward a rank-2 target: measured 1.2e-7, 8.4e-9 and 6.0e-10 ||A|| (falls of 14 and 14); 477
        // evaluations against 462
        assertFollowsTheFactorFlow(Target.random(4, 4, new double[] {2.0, 1.5}, Seed.of(21)), Widths.of(4, 2, 4));
    }

    @Test
    void aNonSquareMapFollowsTheFactorFlow() {
        // 4 x 3 of full column rank 3: A A^T (4 x 4) always has a zero eigenvalue; measured 2.7e-9, 6.0e-11 and
        // 4.2e-13 ||A|| (falls of 44 and 145); 431 evaluations against 463
        assertFollowsTheFactorFlow(Target.random(4, 3, new double[] {2.0, 1.5, 1.0}, Seed.of(21)),
                Widths.of(3, 3, 4));
    }

    @Test
    void theGapFromAnUnbalancedStartDoesNotFallWithTheTolerance() {
        // the criterion above refuted: from a Gaussian start the closed flow is the wrong equation (THEORY.md
        // identity 4 asks for balance), and its gap stays where it is when the tolerances fall ten-thousandfold
        // (measured 0.26 ||A|| at both)
        Target target = Target.random(4, 4, new double[] {2.0, 1.5}, Seed.of(21));
        FactorChain start = Initializations.smallGaussian(0.3, Seed.of(22)).create(Widths.of(4, 2, 4), target);
        Gaps loose = compare(target, start, LOOSE);
        Gaps tight = compare(target, start, TIGHT);
        assertTrue(tight.worst() > 1e-3 * tight.normA(), "gap " + tight.worst());
        assertTrue(tight.worst() > loose.worst() / 2, "gap " + tight.worst() + " against " + loose.worst());
    }

    @Test
    void aModeTheFactorsCannotLearnGrowsFromTheIntegrationErrorInTheClosedFlow() {
        // hidden width 2 toward a full-rank target: the factor flow keeps rank 2 (A = W U) and s_3 = 0 exactly;
        // the closed flow's s_3, seeded by the integration's error (measured 5.0e-10 at the first sample,
        // t = 0.2), grows like e^{2 sigma t} with sigma_3 = 1
        double sigma3 = 1.0;
        Gaps gaps = compare(Target.random(4, 4, new double[] {2.0, 1.5, sigma3, 0.5}, Seed.of(21)),
                Widths.of(4, 2, 4));
        int early = 4; // t = 0.8
        int last = SAMPLES - 1; // t = 4
        double dt = END / (SAMPLES - 1);
        double seed = 1e-8 * gaps.normA(); // above the seed measured at t = 0.2
        assertTrue(gaps.gap()[last] <= seed * Math.exp(2 * sigma3 * END),
                "gap " + gaps.gap()[last] + " above the seed grown at the rate of the saddle");
        // between t = 0.8 and 4 it grew by about e^{2 sigma_3 3.2} = 600 (measured 1,035): at least a tenth of that
        double growth = gaps.gap()[last] / gaps.gap()[early];
        assertTrue(growth >= 0.1 * Math.exp(2 * sigma3 * (last - early) * dt), "grew only " + growth);
        // and it left the tolerance-level accuracy of the other cases behind (measured 6.1e-6)
        assertTrue(gaps.gap()[last] > 1e-7 * gaps.normA(), "gap " + gaps.gap()[last]);
        // the saddle costs the step control nothing: measured 476 evaluations against 436
        assertTrue(gaps.closedEvaluations() <= 2 * gaps.factorEvaluations(), gaps.toString());
    }
}
