package org.deeplinear.theory.claims;

import static org.deeplinear.core.TestSupport.rankOneOffTheBases;
import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Shape;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.InputFactor;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.model.OutputFactor;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.IntegratorSettings;
import org.deeplinear.ode.SampleTimes;
import org.deeplinear.ode.Simulation;
import org.deeplinear.ode.Trajectory;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.observe.Observers;
import org.deeplinear.ode.mode.SingleMode;
import org.deeplinear.theory.generators.LawCase;
import org.deeplinear.theory.generators.LawRecipe;
import org.deeplinear.theory.laws.LogisticLaw;
import org.deeplinear.theory.generators.Start;
import org.deeplinear.theory.generators.StartRecipe;
import org.deeplinear.theory.generators.TargetRecipe;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Claims on trajectories: each holds on small simulated runs (6 x 6 to 8 x 8, short spans) where THEORY.md says
 * it does, and is refuted by a run where it does not. Integrator tolerances are stated at each run; the claims'
 * tolerances are set a few orders above them.
 */
class TrajectoryClaimsTest {

    /**
     * A choice of tight settings: each claim tolerance below is sourced against them where it is used (rtol times a
     * law's condition number, or a measured residual); atol 1e-13 = 1e-2 rtol, so the error control is relative for
     * state entries above 1e-2.
     */
    private static final IntegratorSettings TIGHT = IntegratorSettings.defaults().withTolerances(1e-11, 1e-13);
    /**
     * Arbitrary 4..6 dimensional targets of rank <= 3; what matters: sigma >= 0.5 (it bounds the half-times below),
     * sigma <= 3, and ratios >= 1.3 between sigmas (distinct modes, not clusters).
     */
    private static final TargetRecipe TARGETS = TargetRecipe.gapped(4, 6, 3, 0.5, 3.0, 0.3);
    /**
     * Plateaus: the loss within a band of 1% for at least 1 time unit (the recipe's plateaus last >= 2.3, see
     * lossPlateausAtBestRankResidualsUnlessAWeakModeGoesFirst), at a level within 2% of a best rank-r residual.
     * Measured residuals (2026-12-07): 2.8e-3 at most on the holding runs (seeds 20261128, 1, 2), 0.099 for the
     * weak mode first: 0.02 is 7 x above the one and 5 x below the other.
     */
    private static final double PLATEAU_BAND = 0.01;
    private static final double PLATEAU_MIN_DURATION = 1.0;
    private static final double PLATEAU_TOLERANCE = 0.02;

    private static Target target(double... sigmas) {
        return Target.random(6, 6, sigmas, Seed.of(17));
    }

    /**
     * A target for runs of single modes ({@code Simulation.modes}): p x p with the given leading sigmas, so that its
     * p = min(m, n) equals the run's number of modes, which the claims that read a run against a target require.
     */
    private static Target modesTarget(int p, double... sigmas) {
        return Target.random(p, p, sigmas, Seed.of(17));
    }

    private static Model aligned(Target target, double[] s0, double[] lambda) {
        Widths widths = Shape.of(target.rows(), target.spectrum().size(), target.cols()).widths();
        return Model.of(Initializations.aligned(s0, lambda).create(widths, target), target);
    }

    private static Model small(Target target, int hidden, double eps, long seed) {
        Widths widths = Shape.of(target.rows(), hidden, target.cols()).widths();
        return Model.of(Initializations.smallGaussian(eps, Seed.of(seed)).create(widths, target), target);
    }

    // ---- conservation and descent drift --------------------------------------------------------------------

    /**
     * A closed flow carries its imbalance by construction: its drift reads 0 whatever the run, so conservation
     * refuses its run instead of holding at residual 0 (review of 2026-12-08).
     */
    @Test
    void conservationRefusesAClosedFlowsRun() {
        Target target = target(3, 2, 1);
        Trajectory closed = Simulation.closedFlow(small(target, 4, 0.3, 1).endToEnd(), target).until(2)
                .samples(SampleTimes.uniform(5)).observe(Observers.imbalanceDrift()).run();
        assertRejected("run.dynamics", () -> Claims.conservation(1e-8).check(closed), "closed flow has no factors");
    }

    @Test
    void flowConservesTheImbalanceAndLargeStepDescentDoesNot() {
        StartRecipe starts = StartRecipe.smallRandom(TARGETS, 2, 2, 5, 0.01, 0.5);
        qt().withExamples(5).forAll(starts.cases()).checkAssert(c -> {
            Trajectory run = Simulation.flow(c.value().model()).until(5).integrator(TIGHT)
                    .samples(SampleTimes.uniform(21)).observe(Observers.imbalanceDrift()).run();
            // rtol 1e-11 over [0, 5] with factors of size <= sqrt(3): drift well below 1e-8
            Verdict v = Claims.conservation(1e-8).check(run);
            assertTrue(v.holds(), () -> v + " for " + c);
        });
        Target target = target(3, 2, 1);
        Trajectory descent = Simulation.descent(small(target, 6, 0.3, 1), LearningRate.of(0.2), 50)
                .samples(SampleTimes.uniform(11)).observe(Observers.imbalanceDrift()).run();
        Verdict refuted = Claims.conservation(1e-8).check(descent);
        assertTrue(refuted.violated(), refuted::toString);
        assertTrue(refuted.witness().time().getAsDouble() > 0);
        // the residual is the drift the Javadoc names, eta^2 per step: THEORY.md identity 3's exact step drift
        // D_{k+1} - D_k = eta^2 (U G^T G U^T - W^T G G^T W) summed along descent iterates computed here in doubles,
        // at the samples t = 0, 1, ..., 10 (every 5th iterate); largest at t = 2, 0.4348 (t = 3 gives 0.4345). The
        // two computations round differently, by ~1e-16 of the terms
        double[] expected = descentDrift(small(target, 6, 0.3, 1), 0.2, 50, 5);
        int worst = 0;
        for (int k = 1; k < expected.length; k++) {
            worst = expected[k] > expected[worst] ? k : worst;
        }
        assertEquals(expected[worst], refuted.worstResidual(), 1e-12, refuted::toString);
        assertEquals(worst, refuted.witness().time().getAsDouble(), 0.0, refuted::toString);
    }

    /**
     * ||D_k - D_0||_F every {@code every} iterates of two-layer gradient descent from a model, with the drift summed
     * from THEORY.md identity 3, {@code D_{k+1} - D_k = eta^2 (U G^T G U^T - W^T G G^T W)}.
     */
    private static double[] descentDrift(Model start, double eta, int steps, int every) {
        DMatrixRMaj w = start.factors().layer(2).toDMatrix();
        DMatrixRMaj u = start.factors().layer(1).toDMatrix();
        DMatrixRMaj target = start.target().matrix().toDMatrix();
        DMatrixRMaj drift = new DMatrixRMaj(u.numRows, u.numRows);
        double[] out = new double[steps / every + 1];
        for (int k = 1; k <= steps; k++) {
            DMatrixRMaj g = new DMatrixRMaj(target.numRows, target.numCols);
            CommonOps_DDRM.mult(w, u, g);
            CommonOps_DDRM.subtractEquals(g, target);
            DMatrixRMaj gu = new DMatrixRMaj(g.numRows, u.numRows);
            CommonOps_DDRM.multTransB(g, u, gu);
            DMatrixRMaj wg = new DMatrixRMaj(w.numCols, g.numCols);
            CommonOps_DDRM.multTransA(w, g, wg);
            DMatrixRMaj step = new DMatrixRMaj(u.numRows, u.numRows);
            CommonOps_DDRM.multTransA(gu, gu, step);
            DMatrixRMaj other = new DMatrixRMaj(u.numRows, u.numRows);
            CommonOps_DDRM.multTransB(wg, wg, other);
            CommonOps_DDRM.subtractEquals(step, other);
            CommonOps_DDRM.addEquals(drift, eta * eta, step);
            CommonOps_DDRM.addEquals(w, -eta, gu);
            CommonOps_DDRM.addEquals(u, -eta, wg);
            if (k % every == 0) {
                out[k / every] = NormOps_DDRM.normF(drift);
            }
        }
        return out;
    }

    @Test
    void descentDriftsByExactlyEtaSquaredAndFlowDoesNot() {
        // arbitrary: eta sigma_max <= 0.05 * 3 = 0.15 << 1 (stable), 40 steps reach the snapshots 20 eta, 21 eta
        double eta = 0.05;
        StartRecipe starts = StartRecipe.smallRandom(TARGETS, 2, 2, 5, 0.05, 0.5);
        qt().withExamples(8).forAll(starts.cases()).checkAssert(c -> {
            Trajectory descent = Simulation.descent(c.value().model(), LearningRate.of(eta), 40)
                    .snapshotsAt(0, eta, 20 * eta, 21 * eta).run();
            // the drift formula is an exact polynomial identity; the two sides differ by rounding only, and the
            // residual is net of its bound rho (Claims.descentDrift): exactly 0. The tolerance only has to sit below
            // the refutation's residual, measured 0.19 (the flow run below, 2026-12-07)
            Verdict v = Claims.descentDrift(c.value().target(), eta, 1e-8).check(descent);
            assertTrue(v.holds(), () -> v + " for " + c);
            assertEquals(0.0, v.worstResidual(), () -> v + " for " + c);
            assertTrue(v.note().startsWith("2 pairs"), v::toString);
        });
        Target target = target(3, 2, 1);
        Model start = small(target, 4, 0.3, 2);
        Trajectory flow = Simulation.flow(start).until(2).integrator(TIGHT).snapshotsAt(1.0, 1.0 + eta).run();
        Verdict refuted = Claims.descentDrift(target, eta, 1e-8).check(flow);
        assertTrue(refuted.violated(), refuted::toString);
        assertThrows(IllegalArgumentException.class, () -> Claims.descentDrift(target, eta, 1e-8)
                .check(Simulation.flow(start).until(1).run()));
    }

    /**
     * On an aligned balanced start U G^T G U^T = W^T G G^T W (both are R diag(s) (S - Sigma)^2 R^T in the aligned
     * frame): the predicted drift vanishes and the step's drift is rounding noise. The claim (residual relative to
     * the two terms' sizes, beyond rounding) holds there; relative to the vanishing difference it read 1. A flow run
     * from a generic start still refutes it (descentDriftsByExactlyEtaSquaredAndFlowDoesNot); a wrong target (the
     * same run checked against sigma = 2.5, 2, 1 instead of 3, 2, 1), which read a different G and refuted it, is
     * refused: the run records the target it moved toward (user review of 2026-12-07).
     */
    @Test
    void descentDriftHoldsOnAnAlignedBalancedStartAndAWrongTargetIsRefused() {
        double eta = 0.05;
        Target target = target(3, 2, 1);
        Model start = aligned(target, new double[] {0.1, 0.2, 0.05}, new double[3]);
        Trajectory descent = Simulation.descent(start, LearningRate.of(eta), 40)
                .snapshotsAt(0, eta, 20 * eta, 21 * eta).run();
        Verdict v = Claims.descentDrift(target, eta, 1e-8).check(descent);
        assertTrue(v.holds(), v::toString);
        // within rounding, as above: the residual is exactly 0
        assertEquals(0.0, v.worstResidual(), v::toString);
        Trajectory generic = Simulation.descent(small(target, 4, 0.3, 2), LearningRate.of(eta), 40)
                .snapshotsAt(0, eta, 20 * eta, 21 * eta).run();
        Verdict onGeneric = Claims.descentDrift(target, eta, 1e-8).check(generic);
        assertTrue(onGeneric.holds(), onGeneric::toString);
        assertEquals(0.0, onGeneric.worstResidual(), onGeneric::toString);
        assertRejected("run.target", () -> Claims.descentDrift(target(2.5, 2, 1), eta, 1e-8).check(generic));
    }

    // ---- aligned modes, coupling, off-target decay ---------------------------------------------------------

    @Test
    void alignedModesFollowTheirLawsAndStayAligned() {
        // f in [1e-3, 0.3]: every mode starts below sigma/2 and rises; |lambda| <= 0.3 < sigma_min/sqrt2 = 0.354
        // (TARGETS' sigma_min 0.5): rich laws, both signs of the imbalance
        StartRecipe starts = StartRecipe.aligned(TARGETS, 1e-3, 0.3, -0.3, 0.3);
        qt().withExamples(5).forAll(starts.cases()).checkAssert(c -> {
            Start start = c.value();
            // an arbitrary span: the laws are checked at every sample (from f = 1e-2 t_half = ln 99/(2 sigma) <= 4.6,
            // from f = 1e-3 up to ln 999 = 6.9, so some modes are still rising at 6)
            Trajectory run = Simulation.flow(start.model()).until(6).integrator(TIGHT)
                    .samples(SampleTimes.uniform(31)).observe(Observers.modes(), Observers.coupling()).run();
            // measured worst 1.7e-10 (2026-12-07; seeds 20261128, 1, 2), of the order of rtol 1e-11 times the laws'
            // condition number in t, max_x x (1 - s/sigma) = 23.5 at s0 = 1e-12 sigma (x = 2 sigma t), whence 1e-8
            Verdict law = Claims.alignedModesFollowTheirLaws(start.target(), start.s0(), start.lambda(), 1e-8)
                    .check(run);
            assertTrue(law.holds(), () -> law + " for " + c);
            // an aligned start's coupling is rounding and stays there: measured worst 3.4e-15 (2026-12-07; seeds
            // 20261128, 1, 2), whence 1e-13
            Verdict aligned = Claims.staysAligned(1e-13).check(run);
            assertTrue(aligned.holds(), () -> aligned + " for " + c);
        });
    }

    @Test
    void singleModeRunsFollowTheClosedFormsOverTheWholeLawRange() {
        // sigma in [1e-3, 1e3], s0 in [1e-12, 10 sigma], up to the generated time: dl-ode's single-mode ODE at
        // rtol 1e-11 against the laws' closed forms. The absolute tolerance must scale with s0: at atol 1e-13 a
        // start at s0 = 1e-12 is integrated with 10% error per step on the plateau, and the half-time moves
        qt().withExamples(30).forAll(LawRecipe.logistic().cases())
                .assuming(c -> c.value().t() > 0)
                .checkAssert(c -> {
                    LawCase law = c.value();
                    IntegratorSettings relative = IntegratorSettings.defaults()
                            .withTolerances(1e-11, 1e-11 * Math.min(law.s0(), law.sigma()));
                    Trajectory run = Simulation.modes(SingleMode.balanced(law.sigma(), law.s0())).until(law.t())
                            .integrator(relative).samples(SampleTimes.uniform(21)).run();
                    // rtol 1e-11 times the law's condition number in t, max_x x (1 - s/sigma) = 23.5 for s0 >= 1e-12
                    // sigma (x = 2 sigma t; computed), is 2.3e-10; measured worst 1.9e-11 (2026-12-07), whence 1e-8
                    Verdict v = Claims.modesFollowLaws(List.of(law.law()), 1e-8).check(run);
                    assertTrue(v.holds(), () -> v + " for " + c);
                });
        // a lambda-balanced mode does not follow the balanced law: lambda = 2 >= sigma/sqrt2 (lazy), ds/dt =
        // sqrt(4 + 4 s^2)(1 - s) >= 2 (1 - s) rises at once while the logistic from 1e-3 is still on its plateau
        // (t_half = ln 999 / 2 = 3.45): 0.957 sigma apart at t = 1.5 (RK4 of both; measured 0.9568), far beyond 1e-3
        Trajectory lazy = Simulation.modes(SingleMode.lambdaBalanced(1.0, 2.0, 1e-3)).until(5).integrator(TIGHT)
                .samples(SampleTimes.uniform(21)).run();
        Verdict refuted = Claims.modesFollowLaws(List.of(new LogisticLaw(1.0, 1e-3)), 1e-3).check(lazy);
        assertTrue(refuted.violated(), refuted::toString);
    }

    /**
     * A mode with sigma = s0 = 0 stays at 0 (its law is the constant 0); its residual was |noise| / max(0, 0), NaN
     * (violated) or infinite. It is now relative to the largest scale of the other laws (2 here), while a mode that
     * does not follow its law still refutes the claim.
     */
    @Test
    void aModeThatStaysAtZeroFollowsItsLaw() {
        Target target = target(2, 1);
        // arbitrary: two plateau modes, one active mode and one at 0; what matters is the 0
        double[] s0 = {0.01, 0.02, 0.5, 0};
        Trajectory run = Simulation.flow(aligned(target, new double[] {0.01, 0.02, 0.5, 0, 0, 0}, new double[6]))
                .until(4).integrator(TIGHT).samples(SampleTimes.uniform(21)).observe(Observers.modes()).run();
        // as in alignedModesFollowTheirLaws: measured 1.1e-10 (2026-12-07), whence 1e-8
        Verdict v = Claims.alignedModesFollowTheirLaws(target, s0, new double[4], 1e-8).check(run);
        assertTrue(v.holds(), v::toString);
        // the zero law checked against the mode at 0.5: refuted, residual 1 (0.5 against 0, relative to 0.5)
        Verdict wrong = Claims.alignedModesFollowTheirLaws(target, new double[] {0.01, 0.02, 0, 0.5},
                new double[4], 1e-7).check(run);
        assertTrue(wrong.violated(), wrong::toString);
    }

    /** A zero target has no residual 1/2 sum sigma_i^2 to measure the loss against: rejected, not NaN. */
    @Test
    void topModesRejectsAZeroTarget() {
        Target zero = Target.random(6, 6, new double[] {0}, Seed.of(17));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Claims.topModes(zero, 1, 1e-6));
        assertTrue(e.getMessage().startsWith("target.sigmaMax = 0.0"), e::getMessage);
    }

    /**
     * A tall target (5 x 3) and a balanced rank-one start {@code W = 0.3 u_0 + 0.8 e}, {@code U = sqrt(0.73) v_0^T},
     * with {@code e} a unit vector orthogonal to the target's left bases: {@code U*^T A V*} is diagonal, but the map is
     * not aligned (its left singular vector is arccos(0.3 / sqrt(0.73)) = 69 degrees from u_0). Its coupling, the share
     * of A off the aligned mode, is 0.8 / sqrt(0.73) = 0.936 at t = 0 (closed form), far beyond 1e-3; it was 1.3e-15
     * when only the off-diagonal of U*^T A V* counted, and the claim held (review of 2026-12-08).
     */
    @Test
    void aTallRunWithMassOutsideTheTargetsBasesIsNotAligned() {
        Target target = Target.random(5, 3, new double[] {2, 1, 0.5}, Seed.of(3));
        double[][] vectors = rankOneOffTheBases(target, 0.3, 0.8);
        double[][] w = new double[5][1];
        for (int i = 0; i < 5; i++) {
            w[i][0] = vectors[0][i];
        }
        double[][] u = new double[1][3];
        for (int j = 0; j < 3; j++) {
            u[0][j] = Math.sqrt(0.73) * vectors[1][j];
        }
        Model start = Model.of(OutputFactor.of(Matrix.of("W", w)), InputFactor.of(Matrix.of("U", u)), target);
        Trajectory run = Simulation.flow(start).until(3).integrator(TIGHT).samples(SampleTimes.uniform(31))
                .observe(Observers.modes(), Observers.coupling()).run();
        assertEquals(0.8 / Math.sqrt(0.73), run.series(Observers.COUPLING).get(0, 0), 1e-14);
        Verdict coupled = Claims.staysAligned(1e-3).check(run);
        assertTrue(coupled.violated(), coupled::toString);
    }

    @Test
    void aNonAlignedStartCouplesItsModesAndLeavesTheLaws() {
        Target target = target(3, 2, 1);
        Model balanced = Model.of(Initializations.balanced(0.05, Seed.of(3))
                .create(Shape.of(6, 6, 6).widths(), target), target);
        Trajectory run = Simulation.flow(balanced).until(6).integrator(TIGHT).samples(SampleTimes.uniform(31))
                .observe(Observers.modes(), Observers.coupling()).run();
        // random frames: a coupling of order sqrt(5/6) = 0.91 (dl-core AlignedCoordinatesTest); measured 0.88 at
        // t = 0.2 (2026-12-07), far beyond 1e-3
        Verdict coupled = Claims.staysAligned(1e-3).check(run);
        assertTrue(coupled.violated(), coupled::toString);
        // balanced (lambda = 0), but not aligned: the logistic laws from the initial modes do not hold. Measured
        // residual 1.0 (2026-12-07): mode 0 starts at -1.1e-3, where the balanced law stays <= 0 (THEORY.md, sign
        // caveat), while the coupled run learns it (3.0 at t = 6)
        double[] s0 = run.initialModes();
        Verdict law = Claims.alignedModesFollowTheirLaws(target, new double[] {s0[0], s0[1], s0[2]},
                new double[3], 1e-3).check(run);
        assertTrue(law.violated(), law::toString);
        assertTrue(law.witness().mode().isPresent());
    }

    @Test
    void offTargetModesDecayAsTheBalancedLawSaysUnlessImbalanced() {
        // rank <= 3 on 4..6 dimensional targets: the aligned recipe starts every off-target mode at f sigma_max >=
        // 1e-3 * 0.5 = 5e-4, and s0/(1 + 2 s0 t) has condition <= 1: atol 1e-13 is <= 2e-10 of s0, rtol adds 1e-11.
        // Measured worst 5.4e-12 (2026-12-07; seeds 20261128, 1, 2, and the two fixed runs below), whence 1e-9
        StartRecipe starts = StartRecipe.aligned(TARGETS, 1e-3, 1.0, 0, 0);
        qt().withExamples(6).forAll(starts.cases())
                .assuming(c -> c.value().target().spectrum().rank(0.0) < c.value().target().spectrum().size())
                .checkAssert(c -> {
                    Trajectory run = Simulation.flow(c.value().model()).until(8).integrator(TIGHT)
                            .samples(SampleTimes.uniform(41)).run();
                    Verdict v = Claims.offTargetDecay(c.value().target(), 1e-9).check(run);
                    assertTrue(v.holds(), () -> v + " for " + c);
                });
        Target target = target(2, 1);
        double[] s0 = {0.01, 0.02, 0.5, 0.3, 0, 0};
        Verdict v = Claims.offTargetDecay(target, 1e-9).check(Simulation.flow(aligned(target, s0, new double[6]))
                .until(8).integrator(TIGHT).samples(SampleTimes.uniform(41)).run());
        // the two off-target modes (s0 = 0.5, 0.3) follow the law to the integrator's accuracy (rtol 1e-11); the
        // other four are not judged: sigma = 2, 1, and the two started at 0, whose aligned coordinates are rounding
        // noise (~1e-17) below the floor 1e-12 sigma_max
        assertTrue(v.holds(), v::toString);
        assertEquals("2 off-target modes", v.note());
        // negative starts decay in magnitude too, s0/(1 + 2|s0| t): the claim expected s0/(1 + 2 s0 t), which
        // blows up at t = 1/(2|s0|) = 1 for s0 = -0.5, and refuted a correct run (residual 4.5e15; review of
        // 2026-11-28)
        double[] negative = {0.01, 0.02, -0.5, -0.3, 0, 0};
        Verdict both = Claims.offTargetDecay(target, 1e-9).check(Simulation.flow(aligned(target, negative,
                new double[6])).until(8).integrator(TIGHT).samples(SampleTimes.uniform(41)).run());
        assertTrue(both.holds(), both::toString);
        // imbalance 0.5 on the off-target modes: s(t) = |lambda| / (2 sinh(asinh(|lambda|/(2 s0)) + |lambda| t)),
        // 0.116 s0 (s0 = 0.5) and 0.188 s0 (s0 = 0.3) from s0/(1 + 2 s0 t) at worst over the 41 samples (mpmath;
        // measured 0.1882, 2026-12-07), > 100 x the tolerance 1e-3
        Trajectory imbalanced = Simulation.flow(aligned(target, s0, new double[] {0, 0, 0.5, 0.5, 0, 0}))
                .until(8).integrator(TIGHT).samples(SampleTimes.uniform(41)).run();
        Verdict refuted = Claims.offTargetDecay(target, 1e-3).check(imbalanced);
        assertTrue(refuted.violated(), refuted::toString);
    }

    /**
     * The monotonicity term decides where every value is within the tolerance of the law (review of the refutation
     * tests, 2026-12-07: the imbalanced start above is refuted by the value term, so the "|s_i| rose" term was never
     * the one deciding). No flow of an aligned off-target mode rises (ds/dt = -(w^2 + u^2) s), so the rise is in the
     * recording: the off-target mode of sigma 0 from s0 = 0.5, recorded with a jitter of -b, +b at odd and even
     * samples after the first (a measurement with noise b = 1e-3). Each value is b = 2e-3 s0 from the law, within the
     * tolerance 3e-3; between samples 399 and 400 (t = 7.98, 8, closed form s(t) = s0/(1 + 2 s0 t)) |s| rises by
     * 2b - (s(7.98) - s(8)) = 2b - 1.2e-4, 3.75e-3 s0. The flow is integrated at rtol 1e-11: the residual is the
     * closed form's to 1e-9. The same run recorded without the jitter holds.
     */
    @Test
    void anOffTargetModeThatRisesBetweenSamplesIsRefutedByTheMonotonicityTerm() {
        double s0 = 0.5;
        double b = 1e-3;
        double dt = 0.02;
        Target target = modesTarget(2, 2); // p = 2: the run's two modes (a mode at 2, one off target)
        Verdict refuted = Claims.offTargetDecay(target, 3e-3).check(jittered(s0, b, dt));
        assertTrue(refuted.violated(), refuted::toString);
        assertEquals("|s_i| rose", refuted.witness().description(), refuted::toString);
        assertEquals(1, refuted.witness().mode().getAsInt());
        assertEquals(8.0, refuted.witness().time().getAsDouble(), 1e-12);
        double rise = 2 * b - (s0 / (1 + 2 * s0 * (8 - dt)) - s0 / (1 + 2 * s0 * 8));
        assertEquals(rise / s0, refuted.worstResidual(), 1e-9);
        Verdict plain = Claims.offTargetDecay(target, 3e-3).check(jittered(s0, 0, dt));
        assertTrue(plain.holds(), plain::toString);
    }

    /** A mode at rest at sigma = 2 and an off-target mode from s0, recorded with jitter -b, +b after sample 0. */
    private static Trajectory jittered(double s0, double b, double dt) {
        org.deeplinear.ode.observe.Observer recorded = Observers.vector(Observers.MODES, 2, (o, out) -> {
            long j = Math.round(o.time() / dt);
            out[0] = o.mode(0);
            out[1] = o.mode(1) + (j == 0 ? 0 : j % 2 == 0 ? b : -b);
        });
        return Simulation.modes(SingleMode.balanced(2, 2), SingleMode.balanced(0, s0)).until(8).integrator(TIGHT)
                .samples(SampleTimes.uniform(401)).observe(recorded).run();
    }

    // ---- monotone approach and inflection ------------------------------------------------------------------

    @Test
    void approachIsMonotoneFromBelowAndAboveUnderFlowButNotUnderOscillatingDescent() {
        // s0_i = f sigma_i with f in [1e-3, 3]: modes start below and above their sigma. Steps of at most 0.5: once
        // a mode has settled, the adaptive step grows until stability, not the error estimate, bounds it, and the
        // settled mode then read back up to 2.4e-8 sigma beyond sigma at rtol 1e-11 (seed 1's fifth case, sigma
        // 2.78, 31 steps over [0, 8]), within 1e-10 sigma with this cap (36 steps); see IntegratorSettings. Measured
        // worst residual with the cap 2.1e-14 (2026-12-07; seeds 20261128, 1, 2), whence 1e-12
        StartRecipe starts = StartRecipe.aligned(TARGETS, 1e-3, 3.0, 0, 0);
        qt().withExamples(6).forAll(starts.cases()).checkAssert(c -> {
            Trajectory run = Simulation.flow(c.value().model()).until(8).integrator(TIGHT.withStepLimits(0, 0.5))
                    .samples(SampleTimes.uniform(81)).run();
            Verdict v = Claims.monotoneApproach(c.value().target(), 1e-12).check(run);
            assertTrue(v.holds(), () -> v + " for " + c);
        });
        Target target = target(2, 1);
        // weight-level GD with eta sigma = 1.5 in (1, sqrt5 - 1): a stable 2-cycle around sigma = 2 (residual 1.49,
        // measured 2026-12-07: any tolerance below O(1) refutes it)
        Trajectory descent = Simulation.descent(aligned(target, new double[] {0.5, 0, 0, 0, 0, 0}, new double[6]),
                LearningRate.of(0.75), 200).samples(SampleTimes.uniform(201)).run();
        Verdict refuted = Claims.monotoneApproach(target, 1e-9).check(descent);
        assertTrue(refuted.violated(), refuted::toString);
        assertEquals(0, refuted.witness().mode().getAsInt());
        // the witness says what its "expected" is: the previous sample for a move away from sigma (here the 2-cycle
        // falls from 3.09 to 0.11), sigma for an overshoot (review of 2026-12-06: it was always the previous
        // sample, unlabelled)
        assertTrue(refuted.witness().toString().contains("moved away from sigma_i (expected: the previous sample)"),
                refuted::toString);
        double[] s0 = descent.series(Observers.MODES).column(0);
        int k = java.util.Arrays.binarySearch(descent.times(), refuted.witness().time().getAsDouble());
        assertEquals(s0[k - 1], refuted.witness().expected());
    }

    @Test
    void aModeThatStartsAtSigmaMustStayThere() {
        // review of 2026-12-06: with s0 = sigma both signed terms were 0, and a mode that climbed 1 -> 2 against a
        // target of sigma 1 held with residual 0. Here the mode's own sigma is 2; the target's sigma_0 is 1 = s0.
        // Arbitrary single modes; what matters: their own sigma 2 != the target's 1. The tolerance 1e-9 decides
        // nothing: the climbing and overshooting modes' residuals are 1.0 (1 -> 2 against 1; measured), and the
        // resting mode's is exactly 0 (ds/dt = 0 at s = sigma)
        Trajectory climbing = Simulation.modes(SingleMode.balanced(2.0, 1.0)).until(5).integrator(TIGHT)
                .samples(SampleTimes.uniform(21)).run();
        Verdict refuted = Claims.monotoneApproach(modesTarget(1, 1), 1e-9).check(climbing);
        assertTrue(refuted.violated(), refuted::toString);
        // a mode of sigma 2 from 0.1 against a target of sigma 1 overshoots it: the witness compares with sigma
        Trajectory overshooting = Simulation.modes(SingleMode.balanced(2.0, 0.1)).until(5).integrator(TIGHT)
                .samples(SampleTimes.uniform(21)).run();
        Verdict overshot = Claims.monotoneApproach(modesTarget(1, 1), 1e-9).check(overshooting);
        assertTrue(overshot.violated(), overshot::toString);
        assertTrue(overshot.witness().toString().contains("overshot sigma_i (expected: sigma_i)"), overshot::toString);
        assertEquals(1.0, overshot.witness().expected());
        // and one that stays at its sigma holds
        Trajectory resting = Simulation.modes(SingleMode.balanced(1.0, 1.0)).until(5).integrator(TIGHT)
                .samples(SampleTimes.uniform(21)).run();
        Verdict holds = Claims.monotoneApproach(modesTarget(1, 1), 1e-9).check(resting);
        assertTrue(holds.holds(), holds::toString);
        assertEquals(0.0, holds.worstResidual(), holds::toString);
    }

    @Test
    void inflectionIsAtHalfSigmaForTwoLayersAndNotForThree() {
        // t_half = ln(sigma/s0 - 1)/(2 sigma) <= ln(1e4)/(2 * 0.5) = 9.2 for f >= 1e-4 and sigma >= 0.5;
        // 1201 samples over [0, 12] (dt = 0.01) resolve a rise of time scale 1/(2 sigma) >= 0.17. The parabola is
        // exact for the logistic rate 2 s (sigma - s): on exact samples the difference quotients leave at most 5.8e-10
        // sigma (sigma <= 3, f in [1e-4, 1e-2]; computed), the integrator the rest: measured worst 8.1e-9 (2026-12-07;
        // seeds 20261128, 1, 2), whence 1e-7
        StartRecipe starts = StartRecipe.aligned(TARGETS, 1e-4, 1e-2, 0, 0);
        qt().withExamples(4).forAll(starts.cases()).checkAssert(c -> {
            Trajectory run = Simulation.flow(c.value().model()).until(12).integrator(TIGHT)
                    .samples(SampleTimes.uniform(1201)).run();
            Verdict v = Claims.inflectionAtHalfSigma(c.value().target(), 1e-7).check(run);
            assertTrue(v.holds(), () -> v + " for " + c);
        });
        // an arbitrary deep start (0.05 on sigma 2) that rises through 8/7 before t = 4 (at t = 1.05), sampled every
        // 0.005; refuted even at the Javadoc's 1e-3 (residual 1/14 = 0.071)
        Target target = target(2);
        Widths deep = Widths.uniform(6, 6, 6, 3);
        Model deepStart = Model.of(Initializations.aligned(new double[] {0.05}).create(deep, target), target);
        Trajectory deepRun = Simulation.flow(deepStart).until(4).integrator(TIGHT).samples(SampleTimes.uniform(801))
                .run();
        Verdict refuted = Claims.inflectionAtHalfSigma(target, 1e-3).check(deepRun);
        assertTrue(refuted.violated(), refuted::toString);
        // depth 3: sigma (2N - 2)/(3N - 2) = 8/7, located to the claim's own sampling tolerance, 1e-3 sigma (measured
        // 1.8e-5 off with samples 0.005 apart)
        assertEquals(8.0 / 7, refuted.witness().observed(), 1e-3 * target.spectrum().sigma(0));
    }

    /**
     * A rate that peaks at the first or last sample interval has no parabola through three rates around its peak:
     * the claim refuses it with an infinite residual and says why there may be none (review of the refutation tests,
     * 2026-12-07: no test reached that branch; the user review of that day: "sample more finely" misled for a lazy
     * mode, whose rate is largest at the start however fine the samples). Logistic law, sigma = 2: from s0 = 0.9
     * (just below sigma/2 = 1) over [0, 3] in steps of 1, s(1) = 2/(1 + (2/0.9 - 1) e^-4) = 1.956, so the first
     * interval's rate, 1.06, is the largest; from s0 = 1e-3, t_half = ln(1999)/4 = 1.900, and a run to t_half + 0.02
     * in 39 steps of 0.049 ends with the interval [t_half - 0.029, t_half + 0.02], the one nearest the peak of the
     * rate.
     */
    @Test
    void aRateThatPeaksAtTheFirstOrLastIntervalIsRefusedAsUndersampled() {
        Target target = modesTarget(1, 2);
        double halfTime = Math.log(1999) / 4;
        Trajectory first = Simulation.modes(SingleMode.balanced(2, 0.9)).until(3).integrator(TIGHT)
                .samples(SampleTimes.uniform(4)).run();
        Trajectory last = Simulation.modes(SingleMode.balanced(2, 1e-3)).until(halfTime + 0.02).integrator(TIGHT)
                .samples(SampleTimes.uniform(40)).run();
        double[] at = {0, first.times()[0], last.times()[last.times().length - 2]};
        for (int k = 1; k <= 2; k++) {
            Verdict v = Claims.inflectionAtHalfSigma(target, 1e-3).check(k == 1 ? first : last);
            assertTrue(v.violated(), v::toString);
            assertEquals(Double.POSITIVE_INFINITY, v.worstResidual(), v::toString);
            assertEquals("the rate peaks at the first or last sample interval (no peak inside: a mode without a"
                    + " sigmoidal phase, or samples too coarse to show it)", v.witness().description(), v::toString);
            assertEquals(at[k], v.witness().time().getAsDouble(), 0.0, v::toString);
        }
    }

    // ---- activation order, half-time slope, plateaus, narrow layer ------------------------------------------

    @Test
    void modesActivateInOrderOfSigmaUnlessGivenAHeadStart() {
        Target target = target(3, 2, 1);
        // sigma in [1, 3], ratios >= 1.4, s0 ~ eps^2 in [1e-8, 1e-6]: every t_half <= ln(1e8)/2 = 9.2 < 12, and
        // adjacent modes activate >= ln(1e6)(1/sigma_j - 1/(1.4 sigma_j))/2 = 0.92 apart (sigma_j <= 3/1.4)
        StartRecipe starts = StartRecipe.smallRandom(TargetRecipe.gapped(6, 6, 3, 1, 3, 0.4), 2, 6, 6, 1e-4, 1e-3);
        qt().withExamples(4).forAll(starts.cases()).checkAssert(c -> {
            Trajectory run = Simulation.flow(c.value().model()).until(12).integrator(TIGHT)
                    .samples(SampleTimes.uniform(121)).halfTimes().run();
            if (c.value().target().spectrum().rank() < 2) {
                // a rank-1 target has no pair of modes to order (it "held" with residual 0 until finding 3)
                assertThrows(IllegalArgumentException.class, () -> Claims.activationOrder(c.value().target())
                        .check(run));
                return;
            }
            Verdict v = Claims.activationOrder(c.value().target()).check(run);
            assertTrue(v.holds(), () -> v + " for " + c);
        });
        // mode 2 (sigma 1) from 0.3: t_half = ln(1/0.3 - 1)/2 = 0.42; modes 0, 1 from 1e-8: ln(3e8 - 1)/6 = 3.25,
        // ln(2e8 - 1)/4 = 4.78. Mode 2 goes first, out of order with both
        double[] headStart = {1e-8, 1e-8, 0.3, 0, 0, 0};
        Trajectory run = Simulation.flow(aligned(target, headStart, new double[6])).until(12).integrator(TIGHT)
                .samples(SampleTimes.uniform(121)).halfTimes().run();
        Verdict refuted = Claims.activationOrder(target).check(run);
        assertTrue(refuted.violated(), refuted::toString);
        assertEquals(2, refuted.worstResidual()); // mode 2 before modes 0 and 1
    }

    /**
     * Sigmas 2 and 2 (1 - 1e-13) are one repeated value (Spectrum.repeats): their modes have no order, as exactly
     * equal ones had none, and the claim compares each with sigma 1 only. It ranked them, and read the basis's order
     * ([1, 0, 2] here) as a violation (review of 2026-12-08, its seed 1).
     */
    @Test
    void activationOrderDoesNotRankTheModesOfARepeatedValue() {
        Target target = Target.random(6, 6, new double[] {2, 1.9999999999998, 1}, Seed.of(1));
        Trajectory run = Simulation.flow(Model.of(Initializations.smallGaussian(1e-4, Seed.of(1))
                .create(Shape.of(6, 6, 6).widths(), target), target)).until(12).samples(SampleTimes.uniform(121))
                .observe(Observers.modes()).halfTimes().run();
        Verdict v = Claims.activationOrder(target).check(run);
        assertTrue(v.holds(), v::toString);
        assertTrue(v.note().endsWith("[1, 0, 2]"), v::toString);
    }

    /**
     * With no pair of modes to compare the order is not evidence, and the claim says so (review of dl-theory,
     * finding 3: each of the three runs below "held" with residual 0). Half-times by hand from THEORY.md,
     * t_half = ln(sigma/s0 - 1) / (2 sigma): from s0 = 1e-6 on sigma = 3, 2, 1 the first is ln(3e6 - 1)/6 = 2.5,
     * so nothing activates by t = 0.1; a one-mode target has no pair; s0 >= sigma/2 is active at the start. From
     * s0 = 1e-3 the half-times are ln(2999)/6 = 1.33, ln(1999)/4 = 1.90 and ln(999)/2 = 3.45: by t = 1.6 only mode 0
     * has activated, which compares the pairs (0, 1) and (0, 2), in order, but not (1, 2).
     */
    @Test
    void activationOrderRefusesARunWithNothingToCompare() {
        Target target = target(3, 2, 1);
        Trajectory silent = Simulation.flow(aligned(target, new double[] {1e-6, 1e-6, 1e-6}, new double[3]))
                .until(0.1).integrator(TIGHT).samples(SampleTimes.uniform(11)).halfTimes().run();
        Target one = target(3);
        Trajectory single = Simulation.flow(aligned(one, new double[] {1e-3}, new double[1])).until(3)
                .integrator(TIGHT).samples(SampleTimes.uniform(31)).halfTimes().run();
        Trajectory learned = Simulation.flow(aligned(target, new double[] {2, 1.5, 0.8}, new double[3])).until(1)
                .integrator(TIGHT).samples(SampleTimes.uniform(11)).halfTimes().run();
        for (Trajectory run : List.of(silent, single, learned)) {
            Target t = run == single ? one : target;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Claims.activationOrder(t).check(run));
            assertTrue(e.getMessage().contains("nothing to compare: expected at least one pair of modes with "
                    + "sigma_i > sigma_j > 0 that are inactive at the start and of which at least one activates"),
                    e::getMessage);
        }
        Trajectory first = Simulation.flow(aligned(target, new double[] {1e-3, 1e-3, 1e-3}, new double[3]))
                .until(1.6).integrator(TIGHT).samples(SampleTimes.uniform(161)).halfTimes().run();
        Verdict v = Claims.activationOrder(target).check(first);
        assertTrue(v.holds(), v::toString);
        assertTrue(v.witness().description().startsWith("2 pairs in order"), v::toString);
    }

    /**
     * A family needs 3 distinct scales, as its Javadoc says (review of dl-theory, finding 6a: three equal scales
     * were accepted, and halfTimeSlope failed later asking for "at least two distinct scales").
     */
    @Test
    void aRunFamilyNeedsThreeDistinctScales() {
        Trajectory run = Simulation.flow(small(target(1), 2, 1e-3, 1)).until(0.1).run();
        List<Trajectory> runs = List.of(run, run, run);
        org.deeplinear.core.testing.Rejections.assertRejected("scales", "[0.001, 0.001, 0.001]",
                () -> new RunFamily(new double[] {1e-3, 1e-3, 1e-3}, runs));
        org.deeplinear.core.testing.Rejections.assertRejected("scales", "[0.001, 1.0E-4, 0.001]",
                () -> new RunFamily(new double[] {1e-3, 1e-4, 1e-3}, runs));
        assertEquals(3, new RunFamily(new double[] {1e-3, 1e-4, 1e-5}, runs).scales().length);
    }

    private static RunFamily family(Target target, Widths widths, double[] scales, double end) {
        List<Trajectory> runs = new ArrayList<>();
        for (double eps : scales) {
            // the same draw, scaled: only eps changes between the runs
            FactorChain base = Initializations.smallGaussian(1, Seed.of(6)).create(widths, target);
            List<org.deeplinear.core.Matrix> layers = new ArrayList<>();
            for (org.deeplinear.core.Matrix layer : base.layers()) {
                double[] data = new double[layer.rows() * layer.cols()];
                layer.copyTo(data, 0);
                for (int i = 0; i < data.length; i++) {
                    data[i] *= eps;
                }
                layers.add(org.deeplinear.core.Matrix.fromRowMajor("W", layer.rows(), layer.cols(), data));
            }
            Model model = Model.of(FactorChain.ofLayers(layers), target);
            runs.add(Simulation.flow(model).until(end).integrator(TIGHT).samples(SampleTimes.uniform(61))
                    .halfTimes().run());
        }
        return new RunFamily(scales, runs);
    }

    @Test
    void halfTimeSlopeIsOneOverSigmaForTwoLayers() {
        double[] scales = {1e-2, 1e-3, 1e-4, 1e-5};
        // from a fixed draw scaled by eps, t_half,i = ln(1/eps^2)/(2 sigma_i) + O(1): slope 1/sigma_i up to
        // O(eps^2) corrections; sigma >= 1 keeps every half-time below ln(1e10)/2 = 11.5 < 60. Arbitrary scales,
        // ln(1/eps) over 6.9. Measured worst residual 2.8e-4 (2026-12-07; seeds 20261128, 1, 2; for aligned modes the
        // offset is s0/sigma ~ eps^2 <= 1e-4), whence 0.02
        qt().withExamples(3)
                .forAll(TargetRecipe.gapped(6, 6, 2, 1.0, 3.0, 0.3).cases()).checkAssert(c -> {
                    Verdict v = Claims.halfTimeSlope(c.value(), 0.02)
                            .check(family(c.value(), Shape.of(6, 6, 6).widths(), scales, 60));
                    assertTrue(v.holds(), () -> v + " for " + c);
                });
    }

    /**
     * Depth, not the scale, refutes the claim: one draw (seed 6) on one target, scaled by the same eps, holds at
     * depth 2 and is refuted at depth 3 (review of the refutation tests, 2026-12-07: the depth-3 family was drawn at
     * eps = 0.3, 0.2, 0.15, where a depth-2 family is refuted too, residual 0.037 on this target, so a claim that
     * failed at every large eps passed the test). Depth 2: an aligned mode's t_half = ln(sigma/s0 - 1)/(2 sigma)
     * with s0 ~ eps^2 has slope (1/sigma)/(1 - s0/sigma) against ln(1/eps), off by s0/sigma = O(eps^2); the
     * tolerance 0.02 is the one of the holding property above, which covers that and the alignment of a random
     * start at eps <= 1e-2. Depth 3 (THEORY.md): the plateau lasts s0^{-1/3}/sigma with s0 ~ eps^3, a time C/eps;
     * at ln(1/eps) = ln 100, ln 10^2.5, ln 1000 its least-squares slope is C (1000 - 100)/ln 10 = 391 C, and with
     * C = 1e-2 t_half(eps = 1e-2) = 0.17 (mode 0 here) the residual 3 * 391 C - 1 is about 200, 10^4 times the
     * tolerance. Half-times are at most 315 at depth 3 (mode 1 from eps = 1e-3): both depths run to 400.
     */
    @Test
    void halfTimeSlopeIsRefutedByDepthThreeWhereDepthTwoHolds() {
        Target target = target(3, 1.5);
        double[] scales = {1e-2, Math.pow(10, -2.5), 1e-3};
        Verdict shallow = Claims.halfTimeSlope(target, 0.02)
                .check(family(target, Shape.of(6, 6, 6).widths(), scales, 400));
        assertTrue(shallow.holds(), shallow::toString);
        assertEquals("2 modes, 3 runs", shallow.note());
        Verdict deep = Claims.halfTimeSlope(target, 0.02)
                .check(family(target, Widths.uniform(6, 6, 6, 3), scales, 400));
        assertTrue(deep.violated(), deep::toString);
        assertEquals("2 modes, 3 runs", deep.note());
        // the residual is mode 0's, the Javadoc's 3 * 391 C - 1, about 200 (C = eps t_half(eps) = 0.172 at
        // eps = 1e-2 gives 201); t_half = C/eps + b has an O(1) offset b (measured -0.2, 1% of t_half at eps = 1e-2)
        // that the estimate leaves out: 5% margin. Mode 1 (sigma 1.5) gives 1.5 * 391 C_1 - 1 = 184, C_1 = 0.315
        assertEquals(200, deep.worstResidual(), 10, deep::toString);
        assertEquals(0, deep.witness().mode().getAsInt(), deep::toString);
    }

    @Test
    void lossPlateausAtBestRankResidualsUnlessAWeakModeGoesFirst() {
        // sigmas at least a factor 2 apart and s0 ~ eps^2 <= 1e-8: plateaus of ln(1/s0)(1/sigma_j - 1/sigma_i)/2
        // >= 2.3 time units between activations; the slowest activation (sigma 0.5 from s0 = 1e-10) is at
        // ln(0.5/1e-10 - 1)/1 = 22.3 < 50
        StartRecipe starts = StartRecipe.smallRandom(TargetRecipe.gapped(6, 6, 3, 0.5, 4.0, 1.0), 2, 6, 6, 1e-5,
                1e-4);
        qt().withExamples(4).forAll(starts.cases()).checkAssert(c -> {
            Trajectory run = Simulation.flow(c.value().model()).until(50).integrator(TIGHT)
                    .samples(SampleTimes.uniform(1001)).run();
            Verdict v = Claims.plateausAtBestRankResiduals(c.value().target(), PLATEAU_BAND, PLATEAU_MIN_DURATION,
                    PLATEAU_TOLERANCE).check(run);
            assertTrue(v.holds(), () -> v + " for " + c);
        });
        Target target = target(3, 1);
        // mode 1 (sigma 1) given a head start: a plateau at 1/2 * 9 = 4.5, which is no best rank-r residual
        // (they are 5, 0.5 and 0)
        double[] s0 = {1e-9, 0.5, 0, 0, 0, 0};
        Trajectory wrongOrder = Simulation.flow(aligned(target, s0, new double[6])).until(8).integrator(TIGHT)
                .samples(SampleTimes.uniform(161)).run();
        Verdict refuted = Claims.plateausAtBestRankResiduals(target, PLATEAU_BAND, PLATEAU_MIN_DURATION,
                PLATEAU_TOLERANCE).check(wrongOrder);
        assertTrue(refuted.violated(), refuted::toString);
        // the plateau's level lies within its band, 1% of 4.5 (measured 4.5068: mode 1's tail still above it)
        assertEquals(4.5, refuted.witness().observed(), PLATEAU_BAND * 4.5);
    }

    /**
     * A run without a plateau refutes the claim with an infinite residual (review of the refutation tests,
     * 2026-12-07: no test reached that branch). Aligned modes that start active, s0 = sigma/2 on sigma = 3, 1: by
     * the logistic law sigma - s = sigma e^{-2 sigma t}/(1 + e^{-2 sigma t}), so each term of the loss
     * 1/2 sum (sigma_i - s_i)^2 falls by a factor of at least e^4/4 = 13 in every unit of time, and the loss never
     * stays within a band of 1% for the minimum duration 1.
     */
    @Test
    void aRunWithoutAPlateauIsRefutedWithAnInfiniteResidual() {
        Target target = target(3, 1);
        Trajectory active = Simulation.flow(aligned(target, new double[] {1.5, 0.5, 0, 0, 0, 0}, new double[6]))
                .until(4).integrator(TIGHT).samples(SampleTimes.uniform(81)).run();
        Verdict refuted = Claims.plateausAtBestRankResiduals(target, PLATEAU_BAND, PLATEAU_MIN_DURATION,
                PLATEAU_TOLERANCE).check(active);
        assertTrue(refuted.violated(), refuted::toString);
        assertEquals(Double.POSITIVE_INFINITY, refuted.worstResidual(), refuted::toString);
        assertEquals("no plateau within a band of 0.01 lasting 1.0", refuted.witness().description());
        assertEquals("0 plateaus", refuted.note());
    }

    @Test
    void aNarrowHiddenLayerKeepsOnlyTheTopModes() {
        // k in [1, 2] < rank in [3, 4] (ratios >= 1.35): the top k modes converge at rates set by the gaps, the
        // others die. With sigma >= 1 from s0 ~ eps^2 >= 1e-6 every top mode activates by ln(1e6)/2 = 6.9; linearised
        // at the rank-k minimum, an unlearned mode i's factors (w_i, u_i) along the last learned mode j obey d/dt =
        // -[[sigma_j, -sigma_i], [-sigma_i, sigma_j]] (see ModelClaimsTest's narrow network), so s_i = w_i u_i dies
        // at rate 2 (sigma_j - sigma_i) >= 2 * 0.35 = 0.7: from O(1) to 1e-5 in ln(1e5)/0.7 = 16.4, and 6.9 + 16.4 =
        // 23 < 80 (measured residual at 80: 1.7e-11 at most, 2026-12-07; seeds 20261128, 1, 2)
        StartRecipe starts = StartRecipe.smallRandom(TargetRecipe.gapped(6, 6, 4, 1.0, 4.0, 0.35), 2, 1, 2, 1e-3,
                1e-2);
        qt().withExamples(4).forAll(starts.cases())
                .assuming(c -> c.value().target().spectrum().rank(0.0) >= 3)
                .checkAssert(c -> {
                    Trajectory run = Simulation.flow(c.value().model()).until(80).integrator(TIGHT)
                            .samples(SampleTimes.uniform(41)).run();
                    Verdict v = Claims.onlyTopModesSurvive(c.value().target(), 1e-5).check(run);
                    assertTrue(v.holds(), () -> v + " for " + c);
                });
        Target target = target(4, 3, 2, 1);
        // a wide network learns all four: "only the top 2" is refuted (mode 2 at sigma_2 = 2: residual 1, measured)
        Trajectory wide = Simulation.flow(small(target, 6, 1e-3, 5)).until(40).integrator(TIGHT)
                .samples(SampleTimes.uniform(41)).run();
        Verdict refuted = Claims.topModes(target, 2, 1e-6).check(wide);
        assertTrue(refuted.violated(), refuted::toString);
        // and a narrow run stopped before the modes settle refutes it too: at t = 2 mode 0 has just crossed sigma/2
        // (t_half = ln(4e6 - 1)/8 = 1.90) and mode 1 has not (ln(3e6 - 1)/6 = 2.49): residual O(1) (measured 0.95)
        Trajectory early = Simulation.flow(small(target, 2, 1e-3, 5)).until(2).integrator(TIGHT)
                .samples(SampleTimes.uniform(5)).run();
        assertTrue(Claims.onlyTopModesSurvive(target, 1e-6).check(early).violated());
    }

    /**
     * Sigmas 2, 1, 1 through a hidden width 2: the run reaches the global minimum (loss L_2 = 1/2 to rounding) with
     * the two modes of sigma = 1 sharing one sigma in the basis the target was drawn with (0.477 and 0.523, the
     * review's run): the claim held on mode 0 and read the split as a violation, 0.52 (review of 2026-12-08). It
     * compares the repeated value's modes by their sum now (THEORY.md: compare subspaces). A wide network learns
     * both: their sum 2 against 1 refutes "only the top 2".
     */
    @Test
    void theModesOfARepeatedSigmaThatKSplitsAreComparedByTheirSum() {
        Target target = Target.random(4, 4, new double[] {2, 1, 1}, Seed.of(2));
        Trajectory narrow = Simulation.flow(Model.of(Initializations.smallGaussian(1e-3, Seed.of(5))
                .create(Shape.of(4, 2, 4).widths(), target), target)).until(40).integrator(TIGHT)
                .samples(SampleTimes.uniform(41)).run();
        double[] s = narrow.finalModes();
        assertTrue(s[1] > 0.4 && s[2] > 0.4, "the repeated value's modes split: " + s[1] + ", " + s[2]);
        // measured residual 4.0e-13 (2026-12-08), whence 1e-6 as the reviewer checked it
        Verdict v = Claims.onlyTopModesSurvive(target, 1e-6).check(narrow);
        assertTrue(v.holds(), v::toString);
        Trajectory wide = Simulation.flow(Model.of(Initializations.smallGaussian(1e-3, Seed.of(5))
                .create(Shape.of(4, 4, 4).widths(), target), target)).until(40).integrator(TIGHT)
                .samples(SampleTimes.uniform(41)).run();
        Verdict refuted = Claims.topModes(target, 2, 1e-6).check(wide);
        assertTrue(refuted.violated(), refuted::toString);
        assertEquals(1.0, refuted.worstResidual(), 1e-6, refuted::toString);
    }

    @Test
    void missingSeriesAreNamed() {
        // the tolerances here are never read: each run is rejected first
        Trajectory run = Simulation.flow(small(target(1), 2, 1e-3, 1)).until(1).run();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Claims.conservation(1e-9).check(run));
        assertTrue(e.getMessage().contains("add Observers.imbalanceDrift()"), e.getMessage());
        // a claim with nothing to compare does not hold vacuously: target(1) on 6 x 6 has off-target modes, but
        // a small Gaussian start is not aligned and target(1, 1, 1, 1, 1, 1) has none
        Target full = target(2, 2, 2, 2, 2, 2);
        Trajectory fullRun = Simulation.flow(small(full, 2, 1e-3, 1)).until(1).run();
        IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class,
                () -> Claims.offTargetDecay(full, 1e-9).check(fullRun));
        assertTrue(nothing.getMessage().contains("nothing to compare: expected an off-target mode"),
                nothing.getMessage());
    }
}
