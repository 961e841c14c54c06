package org.deeplinear.ode;

import static org.deeplinear.core.TestSupport.outer;
import static org.deeplinear.core.TestSupport.rankOneOffTheBases;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.InputFactor;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.model.OutputFactor;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.observe.Observation;
import org.deeplinear.ode.observe.Observer;
import org.deeplinear.ode.observe.Observers;
import org.deeplinear.ode.observe.Series;
import org.junit.jupiter.api.Test;

/**
 * Observers stream: a trajectory holds one row per sample asked for, however many steps ran; snapshots exist only
 * at the times asked for; samples sit exactly at the requested times and agree with the model's own measures.
 */
class ObserversTest {

    private static final Target TARGET = Target.random(5, 4, new double[] {2.0, 1.0}, Seed.of(61));
    private static final FactorChain START =
            Initializations.smallGaussian(0.05, Seed.of(62)).create(Widths.of(4, 3, 5), TARGET);

    @Test
    void memoryGrowsWithSamplesNotSteps() {
        Trajectory run = Simulation.descent(START, TARGET, LearningRate.of(1e-3), 20_000)
                .samples(SampleTimes.uniform(5)).snapshotsAt(0.0, 10.0).run();
        assertEquals(20_000, run.statistics().acceptedSteps());
        assertEquals(5, run.sampleCount());
        for (Series s : run.allSeries().values()) {
            assertEquals(5, s.size());
        }
        assertEquals(List.of(0.0, 10.0), List.copyOf(run.snapshots().keySet()));
        assertArrayEquals(new double[] {0, 5, 10, 15, 20}, run.times(), 1e-12);
    }

    @Test
    void aVectorObserverRecordsItsWidthPerSampleAndRefusesBadArguments() {
        // the end-to-end map's two first entries, against the snapshots' own map at the same times
        Observer corner = Observers.vector("corner", 2, (o, out) -> {
            out[0] = o.endToEnd().orElseThrow().get(0, 0);
            out[1] = o.endToEnd().orElseThrow().get(0, 1);
        });
        Trajectory run = Simulation.flow(START, TARGET).until(2).samples(SampleTimes.at(0.0, 2.0)).observe(corner)
                .snapshotsAt(0.0, 2.0).run();
        Series series = run.series("corner");
        assertEquals(2, series.width());
        // a series not recorded is named as the parameter (it said "series = null"; review of 2026-12-08)
        assertRejected("name", () -> run.series((String) null), "one of the series recorded, [corner]");
        assertRejected("name", "loss", () -> run.series("loss"));
        for (int j = 0; j < 2; j++) {
            Model model = Model.of(run.snapshots().get(run.times()[j]), TARGET);
            assertEquals(model.endToEnd().get(0, 0), series.get(j, 0), 0.0);
            assertEquals(model.endToEnd().get(0, 1), series.get(j, 1), 0.0);
        }
        assertThrows(IllegalArgumentException.class, () -> Observers.vector("v", 0, (o, out) -> { }));
        assertThrows(IllegalArgumentException.class, () -> Observers.vector(" ", 1, (o, out) -> { }));
        assertThrows(IllegalArgumentException.class, () -> Observers.vector("v", 1, null));
    }

    /**
     * The coupling observer counts the part of A outside the target's bases (review of 2026-12-08): a wide map
     * {@code u_0 (0.3 v_0 + 0.8 f)^T} with {@code f} orthogonal to the target's right bases (a factor chain of
     * width 1) and a tall one {@code (0.3 u_0 + 0.8 e) v_0^T} (a closed flow's start) have {@code U*^T A V*} diagonal
     * and coupling 0.8 / sqrt(0.73) at t = 0 (closed form); only the off-diagonal of {@code U*^T A V*} gave 0.
     */
    @Test
    void theCouplingOfAMapThatIsNotSquareCountsItsPartOutsideTheBases() {
        double expected = 0.8 / Math.sqrt(0.73);
        Target wide = Target.random(3, 5, new double[] {2.0, 1.0}, Seed.of(63));
        double[][] vectors = rankOneOffTheBases(wide, 0.3, 0.8);
        double[][] w = new double[3][1];
        for (int i = 0; i < 3; i++) {
            w[i][0] = vectors[0][i];
        }
        FactorChain chain = FactorChain.of(OutputFactor.of(Matrix.of("W", w)),
                InputFactor.of(Matrix.of("U", new double[][] {vectors[1]})));
        Trajectory factors = Simulation.flow(chain, wide).until(0.1).samples(SampleTimes.endpoints())
                .observe(Observers.coupling()).run();
        assertEquals(expected, factors.series(Observers.COUPLING).get(0, 0), 1e-15);
        vectors = rankOneOffTheBases(TARGET, 0.3, 0.8);
        double[][] a = outer(vectors[0], vectors[1]);
        Trajectory closed = Simulation.closedFlow(Matrix.of("A", a), TARGET).until(0.1)
                .samples(SampleTimes.endpoints()).observe(Observers.coupling()).run();
        assertEquals(expected, closed.series(Observers.COUPLING).get(0, 0), 1e-15);
    }

    @Test
    void flowSamplesAreAtTheRequestedTimesAndMatchTheModel() {
        double[] times = {0.0, 0.3, 1.7, 2.5, 4.0};
        Trajectory run = Simulation.flow(START, TARGET).until(4).samples(SampleTimes.at(times))
                .observe(Observers.loss(), Observers.modes(), Observers.coupling(), Observers.imbalanceNorm())
                .snapshotsAt(1.7, 4.0).run();
        assertArrayEquals(times, run.times(), 0.0);
        assertEquals(2, run.snapshots().size());
        Model at17 = Model.of(run.snapshots().get(1.7), TARGET);
        assertEquals(at17.loss(), run.series(Observers.LOSS).get(2, 0), 1e-14);
        double[] modes = at17.alignedCoordinates().modes();
        for (int i = 0; i < modes.length; i++) {
            assertEquals(modes[i], run.series(Observers.MODES).get(2, i), 1e-14);
        }
        assertEquals(at17.alignedCoordinates().coupling(), run.series(Observers.COUPLING).get(2, 0), 1e-14);
        assertEquals(at17.imbalance().norm(), run.series(Observers.IMBALANCE_NORM).get(2, 0), 1e-14);
        // the final summary is the last sample
        Model end = Model.of(run.finalFactors().orElseThrow(), TARGET);
        assertEquals(end.loss(), run.finalLoss(), 1e-15);
        assertEquals(run.series(Observers.LOSS).get(4, 0), run.finalLoss(), 1e-15);
        assertEquals(end.endToEnd(), run.finalEndToEnd().orElseThrow());
    }

    @Test
    void defaultObserversAreLossAndModesAndCustomOnesRecordTheirValues() {
        Trajectory plain = Simulation.flow(START, TARGET).until(1).run();
        assertEquals(List.of(Observers.LOSS, Observers.MODES), List.copyOf(plain.allSeries().keySet()));
        assertEquals(101, plain.sampleCount());
        Observer ratio = Observer.scalar("s0/s1", o -> o.mode(0) / o.mode(1));
        Trajectory custom = Simulation.flow(START, TARGET).until(1).observe(ratio, Observers.modes()).run();
        Series modes = custom.series(Observers.MODES);
        Series r = custom.series(ratio);
        for (int k = 0; k < custom.sampleCount(); k++) {
            assertEquals(modes.get(k, 0) / modes.get(k, 1), r.get(k, 0), 0.0);
        }
        assertThrows(IllegalArgumentException.class, () -> custom.series("absent"));
    }

    /** An observation of three modes {@code 0.5}, whose every other number is {@code 0.5} too (a stand-in). */
    private static Observation threeModes() {
        return (Observation) Proxy.newProxyInstance(Observation.class.getClassLoader(),
                new Class<?>[] {Observation.class}, (proxy, method, args) -> method.getName().equals("modeCount")
                        ? (Object) 3 : method.getReturnType() == double.class ? (Object) 0.5 : null);
    }

    @Test
    void theBuiltInObserversCheckTheirArguments() {
        // (API audit) loss().measure(null, out) threw a bare NullPointerException, modes().width(-1) returned -1 (a
        // width no series has; width(p) is the number of values a sample records for p modes), and a short out
        // failed with ArrayIndexOutOfBoundsException or, for modes(), filled only its length
        assertRejected("observation", null, () -> Observers.loss().measure(null, new double[1]));
        assertRejected("observation", null, () -> Observers.modes().measure(null, new double[3]));
        assertRejected("out", null, () -> Observers.loss().measure(threeModes(), null));
        assertRejected("out.length", 0, () -> Observers.loss().measure(threeModes(), new double[0]));
        assertRejected("out.length", 2, () -> Observers.modes().measure(threeModes(), new double[2]));
        assertRejected("modeCount", -1, () -> Observers.modes().width(-1));
        assertRejected("modeCount", -1, () -> Observers.loss().width(-1));
        assertRejected("modeCount", -1, () -> Observers.vector("v", 2, (o, out) -> { }).width(-1));
        // what they take: p modes make p values (0 of none), a scalar one whatever p
        assertEquals(0, Observers.modes().width(0));
        assertEquals(1, Observers.loss().width(0));
        double[] out = new double[3];
        Observers.modes().measure(threeModes(), out);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, out, 0.0);
    }

    @Test
    void everyIntervalIncludesTheEnd() {
        assertArrayEquals(new double[] {0.0, 0.4, 0.8, 1.0}, SampleTimes.every(0.4).resolve(0.0, 1.0), 1e-15);
        assertArrayEquals(new double[] {1.0, 1.5, 2.0}, SampleTimes.uniform(3).resolve(1.0, 2.0), 0.0);
        assertEquals(0, SampleTimes.none().resolve(0, 1).length);
        assertTrue(SampleTimes.endpoints().resolve(0, 3)[1] == 3.0);
    }
}
