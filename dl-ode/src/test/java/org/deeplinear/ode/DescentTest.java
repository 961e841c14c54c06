package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.products.ProductBackends;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.events.EventSpec;
import org.deeplinear.ode.observe.Observers;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Gradient descent as its own stepper: it equals Hipparchus's Euler integrator with step eta (to 1e-14), its
 * imbalance drifts by exactly {@code eta^2 (U G^T G U^T - W^T G G^T W)} per step (THEORY.md identity 3, to
 * rounding), per-layer rates scale each layer's update, and its half-times count as the peer does.
 */
class DescentTest {

    private static final Target TARGET = Target.random(6, 5, new double[] {2.0, 1.0}, Seed.of(5));
    private static final Widths WIDTHS = Widths.of(5, 3, 6);
    private static final FactorChain START = Initializations.smallGaussian(0.3, Seed.of(6)).create(WIDTHS, TARGET);

    private static double maxAbsDifference(FactorChain a, FactorChain b) {
        double[] x = a.toState();
        double[] y = b.toState();
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - y[i]));
        }
        return worst;
    }

    /** A descent says it is one (user review of 2026-12-07: its toString read "gradient flow of ..."). */
    @Test
    void aDescentSaysWhatItIs() {
        String descent = Simulation.descent(START, TARGET, LearningRate.of(0.1), 7).build().toString();
        assertTrue(descent.startsWith("Simulation(gradient descent of ") && descent.contains(", 7 steps at "
                + LearningRate.of(0.1) + ", t in [0.0, 0.7"), descent);
        String flow = Simulation.flow(START, TARGET).until(1).build().toString();
        assertTrue(flow.startsWith("Simulation(gradient flow of "), flow);
    }

    @Test
    void descentEqualsTheEulerIntegratorWithStepEta() {
        double eta = 0.01;
        int steps = 300;
        Trajectory descent = Simulation.descent(START, TARGET, LearningRate.of(eta), steps).run();
        Trajectory euler = Simulation.flow(START, TARGET).until(steps * eta)
                .integrator(IntegratorSettings.fixedStep(IntegratorSettings.Method.EULER, eta)).run();
        double difference = maxAbsDifference(descent.finalFactors().orElseThrow(), euler.finalFactors().orElseThrow());
        assertTrue(difference <= 1e-14, "descent against Euler: " + difference);
        assertEquals(steps, descent.statistics().acceptedSteps());
        assertEquals(steps, descent.statistics().evaluations());
        assertEquals(steps * eta, descent.endTime(), 1e-15);
        // and the check can fail: classical Runge-Kutta with the same step is a different map
        Trajectory rk4 = Simulation.flow(START, TARGET).until(steps * eta)
                .integrator(IntegratorSettings.fixedStep(IntegratorSettings.Method.CLASSICAL_RUNGE_KUTTA, eta)).run();
        assertTrue(maxAbsDifference(descent.finalFactors().orElseThrow(), rk4.finalFactors().orElseThrow()) > 1e-6);
    }

    /** {@code D = W^T W - U U^T} of a two-layer chain. */
    private static DMatrixRMaj imbalance(FactorChain chain) {
        return chainModel(chain).imbalance().junction(1).toDMatrix();
    }

    private static Model chainModel(FactorChain chain) {
        return Model.of(chain, TARGET);
    }

    /** {@code eta^2 (U G^T G U^T - W^T G G^T W) = eta^2 (gW^T gW - gU gU^T)}, gW = G U^T, gU = W^T G. */
    private static DMatrixRMaj predictedDrift(FactorChain chain, double eta) {
        Model model = chainModel(chain);
        DMatrixRMaj gW = model.gradients().ofLayer(2).toDMatrix();
        DMatrixRMaj gU = model.gradients().ofLayer(1).toDMatrix();
        DMatrixRMaj drift = new DMatrixRMaj(gW.numCols, gW.numCols);
        CommonOps_DDRM.multTransA(gW, gW, drift);
        CommonOps_DDRM.multAddTransB(-1.0, gU, gU, drift);
        CommonOps_DDRM.scale(eta * eta, drift);
        return drift;
    }

    @Test
    void imbalanceDriftsByExactlyEtaSquaredTermsPerStep() {
        double eta = 0.05;
        int steps = 40;
        double[] times = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            times[k] = k * eta;
        }
        Trajectory run = Simulation.descent(START, TARGET, LearningRate.of(eta), steps).snapshotsAt(times)
                .samples(SampleTimes.none()).run();
        assertEquals(steps + 1, run.snapshots().size());
        FactorChain previous = null;
        double worstRelative = 0;
        double smallestDrift = Double.POSITIVE_INFINITY;
        for (Map.Entry<Double, FactorChain> entry : run.snapshots().entrySet()) {
            FactorChain current = entry.getValue();
            if (previous != null) {
                DMatrixRMaj actual = imbalance(current);
                CommonOps_DDRM.subtractEquals(actual, imbalance(previous));
                DMatrixRMaj predicted = predictedDrift(previous, eta);
                double scale = CommonOps_DDRM.elementMaxAbs(predicted);
                smallestDrift = Math.min(smallestDrift, scale);
                // rounding: D is a sum of k-term dot products of entries of size |W|^2, differenced once
                double d = CommonOps_DDRM.elementMaxAbs(imbalance(previous));
                CommonOps_DDRM.subtractEquals(actual, predicted);
                worstRelative = Math.max(worstRelative, CommonOps_DDRM.elementMaxAbs(actual) / Math.max(d, 1e-300));
            }
            previous = current;
        }
        assertTrue(smallestDrift > 1e-8, "the drift is not negligible: " + smallestDrift);
        assertTrue(worstRelative <= 1e-14, "identity 3 residual relative to |D|: " + worstRelative);
    }

    @Test
    void theDriftCheckCatchesAWrongFormula() {
        double eta = 0.05;
        Trajectory run = Simulation.descent(START, TARGET, LearningRate.of(eta), 1).snapshotsAt(0.0, eta)
                .samples(SampleTimes.none()).run();
        FactorChain before = run.snapshots().firstEntry().getValue();
        FactorChain after = run.snapshots().lastEntry().getValue();
        DMatrixRMaj actual = imbalance(after);
        CommonOps_DDRM.subtractEquals(actual, imbalance(before));
        DMatrixRMaj wrong = predictedDrift(before, Math.sqrt(eta)); // eta instead of eta^2
        CommonOps_DDRM.subtractEquals(actual, wrong);
        assertTrue(CommonOps_DDRM.elementMaxAbs(actual) > 1e-6);
    }

    @Test
    void perLayerRatesScaleEachLayersUpdate() {
        double etaU = 0.02;
        double etaW = 0.05;
        Trajectory run = Simulation.descent(START, TARGET, LearningRate.perLayer(etaU, etaW), 1).run();
        FactorChain after = run.finalFactors().orElseThrow();
        Model model = Model.of(START, TARGET);
        for (int j = 1; j <= 2; j++) {
            double eta = j == 1 ? etaU : etaW;
            Matrix before = START.layer(j);
            Matrix gradient = model.gradients().ofLayer(j);
            for (int r = 0; r < before.rows(); r++) {
                for (int c = 0; c < before.cols(); c++) {
                    double expected = before.get(r, c) - eta * gradient.get(r, c);
                    assertEquals(expected, after.layer(j).get(r, c), 1e-16 + 1e-15 * Math.abs(expected));
                }
            }
        }
        assertEquals(etaW, run.endTime(), 0.0, "one step stands for the largest rate");
        assertThrows(IllegalArgumentException.class,
                () -> Simulation.descent(START, TARGET, LearningRate.perLayer(0.1, 0.1, 0.1), 1));
    }

    @Test
    void halfTimesCountTheFirstIterateAtOrPastHalfSigmaAsThePeerDoes() {
        double eta = 0.01;
        double sigma = 2.0;
        double s0 = 1e-3;
        Target target = Target.random(3, 3, new double[] {sigma}, Seed.of(9));
        FactorChain start = Initializations.aligned(new double[] {s0}).create(Widths.of(3, 2, 3), target);
        Trajectory run = Simulation.descent(start, target, LearningRate.of(eta), 500).event(EventSpec.halfTime(0))
                .run();
        // the weight-level map of THEORY.md, s' = s (1 + eta (sigma - s))^2, iterated until s >= sigma / 2
        double s = s0;
        int k = 0;
        while (s < sigma / 2) {
            double factor = 1 + eta * (sigma - s);
            s = s * factor * factor;
            k++;
        }
        assertEquals(k * eta, run.halfTime(0).orElseThrow(), 1e-12);
    }

    /** Counts the products asked of it, computed by EJML. */
    private static final class CountingProducts implements ProductBackend {
        private final ProductBackend inner = ProductBackends.ejml();
        private long products;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void gemm(boolean transposeA, boolean transposeB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                double beta, DMatrixRMaj c) {
            products++;
            inner.gemm(transposeA, transposeB, alpha, a, b, beta, c);
        }

        @Override
        public void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, double alpha, double[] a,
                int aOffset, double[] b, int bOffset, double beta, double[] c, int cOffset) {
            products++;
            inner.gemm(transposeA, transposeB, m, n, k, alpha, a, aOffset, b, bOffset, beta, c, cOffset);
        }
    }

    @Test
    void aLossEventReadsTheLossOfTheStepsOwnEvaluation() {
        // depth 3: an evaluation is 3N - 3 = 6 products; a loss-below event checked at every iterate reuses the loss
        // that evaluation computed (before: the event's view formed A again, 2 more products per iterate, 8.3
        // against 6.3 per iterate with the modes of a half-time event, as a review measured)
        Widths deep = Widths.of(5, 4, 3, 6);
        FactorChain start = Initializations.smallGaussian(0.3, Seed.of(6)).create(deep, TARGET);
        int steps = 200;
        CountingProducts plain = new CountingProducts();
        Trajectory without = Simulation.descent(start, TARGET, LearningRate.of(0.01), steps).products(plain)
                .samples(SampleTimes.none()).run();
        CountingProducts watched = new CountingProducts();
        // a level the run never reaches, so that the event is checked at every iterate
        Trajectory with = Simulation.descent(start, TARGET, LearningRate.of(0.01), steps).products(watched)
                .samples(SampleTimes.none()).event(EventSpec.lossBelow(1e-30)).run();
        assertTrue(with.events().isEmpty());
        assertEquals(without.finalLoss(), with.finalLoss(), 0.0);
        // the event's view may multiply once or twice at the last iterate (no evaluation follows it) and at start
        assertTrue(watched.products - plain.products <= 10, plain.products + " products without the event, "
                + watched.products + " with it");
        // and a loss event located where the loss crosses: at the first iterate whose loss is below the level
        double level = 0.5 * (without.initialLoss() + without.finalLoss());
        Trajectory located = Simulation.descent(start, TARGET, LearningRate.of(0.01), steps)
                .event(EventSpec.lossBelow(level)).observe(Observers.loss())
                .samples(SampleTimes.every(0.01)).run();
        double at = located.events().get(0).time();
        double[] loss = located.series(Observers.LOSS).column(0);
        int k = (int) Math.round(at / 0.01);
        assertTrue(loss[k] <= level && loss[k - 1] > level, "event at iterate " + k + ": loss " + loss[k - 1]
                + " then " + loss[k] + " against " + level);
    }

    /**
     * Descent takes the iterate nearest each time, so the end of a 3-step run of eta = 0.3 written as 0.9 is its last
     * iterate, though its span is {@code 3 * 0.3 = 0.8999999999999999} in doubles (it was refused: review of
     * 2026-12-08); times up to half a step after the span are, beyond that they are refused. And it records at most
     * its steps + 1 iterates, so the memory budget counts those (uniform(300,000) samples of 500 values over 10 steps
     * were refused as needing 1.2 GB; they are 11 rows).
     */
    @Test
    void timesAreReadAsTheIteratesNearestThem() {
        Trajectory end = Simulation.descent(START, TARGET, LearningRate.of(0.3), 3)
                .samples(SampleTimes.at(0.3, 0.6, 0.9)).snapshotsAt(0.9).run();
        assertEquals(3 * 0.3, end.times()[2], 0.0);
        assertEquals(3, end.sampleCount());
        assertEquals(java.util.Set.of(3 * 0.3), end.snapshots().keySet());
        org.deeplinear.core.testing.Rejections.assertRejected("sample time", 0.9 + 0.16,
                () -> Simulation.descent(START, TARGET, LearningRate.of(0.3), 3).samples(SampleTimes.at(0.9 + 0.16))
                        .build());
        org.deeplinear.core.testing.Rejections.assertRejected("snapshot time", 1.1,
                () -> Simulation.descent(START, TARGET, LearningRate.of(0.3), 3).snapshotsAt(1.1).build());
        Trajectory wide = Simulation.descent(START, TARGET, LearningRate.of(0.1), 10)
                .samples(SampleTimes.uniform(300_000))
                .observe(Observers.vector("wide", 500, (o, out) -> out[0] = o.loss()))
                .run();
        assertEquals(11, wide.sampleCount());
    }
}
