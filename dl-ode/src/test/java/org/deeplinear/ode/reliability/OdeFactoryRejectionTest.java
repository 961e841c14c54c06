package org.deeplinear.ode.reliability;

import static org.deeplinear.core.testing.QtSeed.qt;
import static org.deeplinear.core.testing.Rejections.rejectedNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.products.ProductBackends;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.IntegratorSettings;
import org.deeplinear.ode.IntegratorSettings.Method;
import org.deeplinear.ode.SampleTimes;
import org.deeplinear.ode.Simulation;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.events.Crossing;
import org.deeplinear.ode.events.EventSpec;
import org.deeplinear.ode.flow.ClosedEndToEndFlow;
import org.deeplinear.ode.mode.SingleMode;
import org.deeplinear.ode.observe.Observers;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Every public factory of dl-ode fed values from the edges of their types: integrator settings, learning rates,
 * sample times, events, single modes, the closed flow and the simulation builders (spans, step counts, snapshot
 * times, memory budgets). Exactly the documented values are accepted; anything else is an
 * {@link IllegalArgumentException} in the library's format whose message starts with the parameter's name; no
 * other exception escapes.
 */
class OdeFactoryRejectionTest {

    private static final Target TARGET = Target.random(4, 3, new double[] {2, 1}, Seed.of(91));
    private static final FactorChain START =
            Initializations.smallGaussian(1e-2, Seed.of(92)).create(Widths.of(3, 2, 4), TARGET);

    static Gen<Double> edges() {
        return Generate.pick(List.of(0.0, -0.0, Double.MIN_VALUE, 1e-300, 1e-3, 0.5, 1.0, 2.0, 1e300,
                Double.MAX_VALUE, -1e-3, -1.0, -1e300, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY));
    }

    static Gen<Integer> counts() {
        return Generate.pick(List.of(Integer.MIN_VALUE, -1, 0, 1, 2, 3, 101, Integer.MAX_VALUE));
    }

    private static boolean positive(double x) {
        return Double.isFinite(x) && x > 0;
    }

    private static boolean normal(double x) {
        return positive(x) && x >= Double.MIN_NORMAL;
    }

    @Test
    void integratorSettings() {
        qt().withExamples(400).forAll(edges(), edges(), Generate.enumValues(Method.class))
                .checkAssert((a, b, method) -> {
                    boolean adaptiveOk = method.isAdaptive() && positive(a)
                            && a >= IntegratorSettings.SMALLEST_RELATIVE_TOLERANCE && a < 1 && positive(b);
                    assertEquals(!adaptiveOk, rejectedNaming(List.of("method", "relativeTolerance",
                            "absoluteTolerance"), () -> IntegratorSettings.adaptive(method, a, b), method, a, b));
                    boolean fixedOk = !method.isAdaptive() && positive(a);
                    assertEquals(!fixedOk, rejectedNaming(List.of("method", "step"),
                            () -> IntegratorSettings.fixedStep(method, a), method, a));
                    boolean limitsOk = Double.isFinite(a) && a >= 0 && !Double.isNaN(b) && b > a;
                    boolean limitsRejected = rejectedNaming(List.of("minStep", "maxStep"),
                            () -> IntegratorSettings.defaults().withStepLimits(a, b), a, b);
                    if (!limitsOk) {
                        assertTrue(limitsRejected, "step limits [" + a + ", " + b + "] accepted");
                    }
                });
        qt().withExamples(50).forAll(counts()).checkAssert(n -> assertEquals(n < 1,
                rejectedNaming(List.of("maxEvaluations"), () -> IntegratorSettings.defaults().withMaxEvaluations(n),
                        n)));
    }

    @Test
    void learningRatesSampleTimesAndEvents() {
        qt().withExamples(300).forAll(edges(), edges(), counts()).checkAssert((a, b, n) -> {
            // rates: normal doubles (a subnormal one's updates underflow; review of 2026-12-08)
            assertEquals(!normal(a), rejectedNaming(List.of("eta"), () -> LearningRate.of(a), a));
            assertEquals(!(normal(a) && normal(b)), rejectedNaming(List.of("etas"),
                    () -> LearningRate.perLayer(a, b), a, b));
            assertEquals(!positive(a), rejectedNaming(List.of("interval"), () -> SampleTimes.every(a), a));
            assertEquals(n < 2, rejectedNaming(List.of("count"), () -> SampleTimes.uniform(n), n));
            assertEquals(!(Double.isFinite(a) && Double.isFinite(b)), rejectedNaming(List.of("times"),
                    () -> SampleTimes.at(a, b), a, b));
            assertEquals(!positive(a), rejectedNaming(List.of("level"), () -> EventSpec.lossBelow(a), a));
            assertEquals(!positive(a), rejectedNaming(List.of("tolerance"), () -> EventSpec.imbalanceDriftAbove(a),
                    a));
            assertEquals(!positive(a), rejectedNaming(List.of("bound"), () -> EventSpec.divergence(a), a));
            assertEquals(!(n >= 0 && Double.isFinite(a)), rejectedNaming(List.of("mode", "fraction"),
                    () -> EventSpec.modeCrossing(n, a, Crossing.EITHER), n, a));
        });
        assertTrue(rejectedNaming(List.of("etas"), () -> LearningRate.perLayer((double[]) null)));
        assertTrue(rejectedNaming(List.of("etas.length"), () -> LearningRate.perLayer(0.1)));
        assertTrue(rejectedNaming(List.of("times"), () -> SampleTimes.at((double[]) null)));
        assertTrue(rejectedNaming(List.of("crossing"), () -> EventSpec.modeCrossing(0, 0.5, null)));
        assertTrue(rejectedNaming(List.of("name"), () -> EventSpec.custom(" ", o -> 0, Crossing.EITHER)));
        assertTrue(rejectedNaming(List.of("g"), () -> EventSpec.custom("x", null, Crossing.EITHER)));
        assertTrue(rejectedNaming(List.of("name"), () -> Observers.scalar(null, o -> 0)));
        assertTrue(rejectedNaming(List.of("function"), () -> Observers.scalar("x", null)));
    }

    @Test
    void singleModesAndTheClosedFlow() {
        qt().withExamples(300).forAll(edges(), edges(), edges(), counts())
                .checkAssert((sigma, x, y, depth) -> {
                    boolean sigmaOk = Double.isFinite(sigma) && sigma >= 0;
                    assertEquals(!(sigmaOk && Double.isFinite(x)), rejectedNaming(List.of("sigma", "s0"),
                            () -> SingleMode.balanced(sigma, x), sigma, x));
                    assertEquals(!(sigmaOk && Double.isFinite(x) && Double.isFinite(y)),
                            rejectedNaming(List.of("sigma", "lambda", "s0"), () -> SingleMode.lambdaBalanced(sigma, y,
                                    x), sigma, y, x));
                    // a factor pair also needs a finite w0^2 + u0^2 (the scale of lambda and of the rate)
                    boolean pairOk = Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(x * x + y * y);
                    assertEquals(!(sigmaOk && pairOk),
                            rejectedNaming(List.of("sigma", "w0", "u0"), () -> SingleMode.factorPair(sigma, x, y),
                                    sigma, x, y));
                    // a depth above SingleMode.MAX_DEPTH (Integer.MAX_VALUE among the counts) is refused as well
                    assertEquals(!(depth >= 2 && depth <= SingleMode.MAX_DEPTH && sigmaOk && Double.isFinite(x)),
                            rejectedNaming(List.of("depth", "sigma", "s0"), () -> SingleMode.depth(depth, sigma, x),
                                    depth, sigma, x));
                    assertEquals(!Double.isFinite(y), rejectedNaming(List.of("lambda", "target"),
                            () -> new ClosedEndToEndFlow(Target.random(3, 3, new double[] {1}, Seed.of(1)), y,
                                    ProductBackends.ejml()), y));
                });
        assertTrue(rejectedNaming(List.of("modes.length"), () -> Simulation.modes()));
        assertTrue(rejectedNaming(List.of("modes"), () -> Simulation.modes((SingleMode) null)));
        assertTrue(rejectedNaming(List.of("target"), () -> new ClosedEndToEndFlow(TARGET, 0.5,
                ProductBackends.ejml())));
        // snapshots of dynamics without factors were ignored (API audit of 2026-12-07): refused, naming the option
        assertTrue(rejectedNaming(List.of("snapshotsAt"), () -> Simulation.modes(SingleMode.balanced(1, 0.1))
                .until(1).snapshotsAt(0.5).build()));
        assertTrue(rejectedNaming(List.of("snapshotsAt"), () -> Simulation.closedFlow(TARGET.matrix(), TARGET)
                .until(1).snapshotsAt(0.5).build()));
    }

    @Test
    void simulationBuilders() {
        qt().withExamples(300).forAll(edges(), edges()).checkAssert((t0, t1) -> {
            // a span the clock resolves: finite ends, t1 > t0, t1 - t0 finite, normal and above Hipparchus's floor,
            // 1000 ulps of the larger time
            double length = t1 - t0;
            boolean spanOk = Double.isFinite(t0) && Double.isFinite(t1) && t1 > t0 && length >= Double.MIN_NORMAL
                    && length < Double.POSITIVE_INFINITY && length > 1000 * Math.ulp(Math.max(Math.abs(t0),
                            Math.abs(t1)));
            assertEquals(!spanOk, rejectedNaming(List.of("startTime", "endTime", "loss"),
                    () -> Simulation.flow(START, TARGET).span(t0, t1).samples(SampleTimes.endpoints()).build(), t0,
                    t1));
            boolean snapshotOk = Double.isFinite(t0) && t0 >= 0 && t0 <= 1;
            assertEquals(!snapshotOk, rejectedNaming(List.of("times", "snapshot time"),
                    () -> Simulation.flow(START, TARGET).until(1).snapshotsAt(t0).build(), t0));
            assertEquals(!positive(t0), rejectedNaming(List.of("maxCheckInterval"),
                    () -> Simulation.flow(START, TARGET).maxCheckInterval(t0), t0));
        });
        qt().withExamples(100).forAll(Generate.pick(List.of(Long.MIN_VALUE, -1L, 0L, 1L, 10L,
                Long.MAX_VALUE)), edges()).checkAssert((steps, eta) -> {
                    if (!normal(eta)) {
                        return;
                    }
                    boolean ok = steps >= 1 && eta * steps < Double.POSITIVE_INFINITY;
                    boolean rejected = rejectedNaming(List.of("steps", "steps * eta"), () -> Simulation.descent(START,
                            TARGET, LearningRate.of(eta), steps).samples(SampleTimes.endpoints()).build(), steps, eta);
                    assertEquals(!ok, rejected, "steps " + steps + ", eta " + eta);
                });
        assertTrue(rejectedNaming(List.of("rate"), () -> Simulation.descent(START, TARGET,
                LearningRate.perLayer(0.1, 0.1, 0.1), 10)));
        assertTrue(rejectedNaming(List.of("factors"), () -> Simulation.flow(null, TARGET)));
        assertTrue(rejectedNaming(List.of("model"), () -> Simulation.flow(null)));
        assertTrue(rejectedNaming(List.of("initial"), () -> Simulation.closedFlow(Matrix.zeros(3, 3), TARGET)));
        assertTrue(rejectedNaming(List.of("observer name"), () -> Simulation.flow(START, TARGET).until(1)
                .observe(Observers.loss(), Observers.loss()).build()));
        assertTrue(rejectedNaming(List.of("event mode"), () -> Simulation.flow(START, TARGET).until(1)
                .event(EventSpec.halfTime(7)).build()));
        assertTrue(rejectedNaming(List.of("sample time"), () -> Simulation.flow(START, TARGET).until(1)
                .samples(SampleTimes.at(2.0)).build()));
    }
}
