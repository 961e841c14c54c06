package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.IntegratorSettings.Method;
import org.deeplinear.ode.descent.LearningRate;
import org.deeplinear.ode.events.EventSpec;
import org.deeplinear.ode.mode.SingleMode;
import org.deeplinear.ode.observe.Observers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Settings that make no sense are rejected before any run, with the library's message format. */
class SettingsValidationTest {

    private static final Target TARGET = Target.random(3, 3, new double[] {1.0}, Seed.of(51));
    private static final FactorChain START =
            Initializations.smallGaussian(1e-2, Seed.of(52)).create(Widths.of(3, 2, 3), TARGET);

    private static void rejected(String message, Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertEquals(message, e.getMessage());
    }

    @Test
    void integratorSettings() {
        String floor = ": expected a finite relative tolerance >= 2.220446049250313E-14 (100 ulps of 1: below it the"
                + " error control asks for digits a double does not hold)";
        rejected("relativeTolerance = 0.0" + floor,
                () -> IntegratorSettings.adaptive(Method.DORMAND_PRINCE_853, 0.0, 1e-12));
        // review of 2026-12-06: rtol = 1e-200 ended as a divergence at t = NaN, 1e-20 ran for 357 s
        rejected("relativeTolerance = 1.0E-200" + floor,
                () -> IntegratorSettings.adaptive(Method.DORMAND_PRINCE_853, 1e-200, 1e-200));
        rejected("relative[1] = 1.0E-15" + floor,
                () -> IntegratorSettings.defaults().withBlockTolerances(new double[] {1e-10, 1e-15},
                        new double[] {1e-12, 1e-12}));
        assertEquals(2.220446049250313E-14, IntegratorSettings.adaptive(Method.DORMAND_PRINCE_853,
                IntegratorSettings.SMALLEST_RELATIVE_TOLERANCE, 1e-300).relativeTolerance());
        // review of 2026-12-07: rtol = 0.5 ended a stable flow as DIVERGED, rtol = 1e6 in a Hipparchus internal error
        String ceiling = ": expected a relative tolerance below 1 (a fraction of the state's size)";
        rejected("relativeTolerance = 1.0" + ceiling, () -> IntegratorSettings.adaptive(Method.DORMAND_PRINCE_853,
                1.0, 1e-12));
        rejected("relativeTolerance = 1000000.0" + ceiling, () -> IntegratorSettings.defaults().withTolerances(1e6,
                1e300));
        rejected("relativeTolerance = Infinity" + ceiling, () -> IntegratorSettings.adaptive(Method.DORMAND_PRINCE_54,
                Double.POSITIVE_INFINITY, 1e-12));
        rejected("relative[0] = 2.0" + ceiling, () -> IntegratorSettings.defaults().withBlockTolerances(
                new double[] {2, 1e-8}, new double[] {1e-12, 1e-12}));
        rejected("relativeTolerance = NaN" + floor, () -> IntegratorSettings.defaults().withTolerances(Double.NaN,
                1e-12));
        assertEquals(0.5, IntegratorSettings.defaults().withTolerances(0.5, 1e-12).relativeTolerance());
        rejected("absoluteTolerance = NaN: expected a finite value > 0",
                () -> IntegratorSettings.defaults().withTolerances(1e-8, Double.NaN));
        rejected("relativeTolerance = -1.0E-8" + floor,
                () -> IntegratorSettings.defaults().withTolerances(-1e-8, 1e-12));
        rejected("step = 0.0: expected a finite value > 0", () -> IntegratorSettings.fixedStep(Method.EULER, 0.0));
        rejected("method = EULER: expected an adaptive method (fixed-step methods take a step)",
                () -> IntegratorSettings.adaptive(Method.EULER, 1e-8, 1e-8));
        rejected("method = DORMAND_PRINCE_54: expected a fixed-step method (adaptive methods take tolerances)",
                () -> IntegratorSettings.fixedStep(Method.DORMAND_PRINCE_54, 0.1));
        rejected("maxStep = 0.5: expected a value > minStep = 1.0",
                () -> IntegratorSettings.defaults().withStepLimits(1.0, 0.5));
        rejected("minStep = NaN: expected a finite value >= 0",
                () -> IntegratorSettings.defaults().withStepLimits(Double.NaN, 1));
        rejected("maxEvaluations = 0: expected an integer >= 1",
                () -> IntegratorSettings.defaults().withMaxEvaluations(0));
        rejected("absolute.length = 1: expected 2 (as many as relative)",
                () -> IntegratorSettings.defaults().withBlockTolerances(new double[] {1e-8, 1e-8},
                        new double[] {1e-9}));
        rejected("method = EULER: expected an adaptive method to take tolerances",
                () -> IntegratorSettings.fixedStep(Method.EULER, 0.1).withTolerances(1e-8, 1e-8));
    }

    @Test
    void spansAndKinds() {
        rejected("endTime = -1.0: expected a time after the start 0.0",
                () -> Simulation.flow(START, TARGET).until(-1).build());
        rejected("endTime = none: expected an end time: call until(T) or span(t0, T)",
                () -> Simulation.flow(START, TARGET).build());
        rejected("endTime = Infinity: expected a finite value",
                () -> Simulation.flow(START, TARGET).until(Double.POSITIVE_INFINITY).build());
        rejected("startTime = NaN: expected a finite value",
                () -> Simulation.flow(START, TARGET).span(Double.NaN, 1).build());
        rejected("eta = 0.0: expected a finite value > 0", () -> LearningRate.of(0.0));
        rejected("eta = NaN: expected a finite value > 0", () -> LearningRate.of(Double.NaN));
        rejected("etas[1] = -0.1: expected a finite value > 0", () -> LearningRate.perLayer(0.1, -0.1));
        // a subnormal rate's times lose their digits: its descent never moved and completed (review of 2026-12-08)
        rejected("eta = 4.9E-324: expected a normal double, at least 2.2250738585072014E-308 (the iterates' times"
                + " k eta of a subnormal rate lose their digits)", () -> LearningRate.of(Double.MIN_VALUE));
        rejected("etas[0] = 1.0E-310: expected a normal double, at least 2.2250738585072014E-308 (the iterates'"
                + " times k eta of a subnormal rate lose their digits)", () -> LearningRate.perLayer(1e-310, 0.1));
        assertEquals(Double.MIN_NORMAL, LearningRate.of(Double.MIN_NORMAL).timeStep(), 0.0);
        rejected("steps = 0: expected an integer >= 1",
                () -> Simulation.descent(START, TARGET, LearningRate.of(0.1), 0));
        rejected("endTime = 1.0: expected no end time for gradient descent (its span is steps * eta)",
                () -> Simulation.descent(START, TARGET, LearningRate.of(0.1), 10).until(1).build());
        assertThrows(IllegalArgumentException.class, () -> Simulation.descent(START, TARGET, LearningRate.of(0.1), 10)
                .integrator(IntegratorSettings.defaults()).build());
    }

    @Test
    void samplesSnapshotsEventsAndObservers() {
        rejected("count = 1: expected an integer >= 2", () -> SampleTimes.uniform(1));
        rejected("times[1] = NaN: expected a finite value", () -> SampleTimes.at(0.5, Double.NaN));
        rejected("sample time = 2.0: expected a time within the run's span [0.0, 1.0]",
                () -> Simulation.flow(START, TARGET).until(1).samples(SampleTimes.at(2.0)).build());
        rejected("snapshot time = -0.5: expected a time within [0.0, 1.0]",
                () -> Simulation.flow(START, TARGET).until(1).snapshotsAt(-0.5).build());
        rejected("event mode = 3: expected a mode in [0, 3)",
                () -> Simulation.flow(START, TARGET).until(1).event(EventSpec.halfTime(3)).build());
        rejected("observer name = loss: expected names that are distinct",
                () -> Simulation.flow(START, TARGET).until(1).observe(Observers.loss(), Observers.loss()).build());
        rejected("level = 0.0: expected a finite value > 0", () -> EventSpec.lossBelow(0.0));
        rejected("bound = NaN: expected a finite value > 0", () -> EventSpec.divergence(Double.NaN));
        rejected("fraction = NaN: expected a finite value", () -> EventSpec.modeCrossing(0, Double.NaN));
        rejected("block tolerances = 1: expected 2 pairs, one per block of this dynamics",
                () -> Simulation.flow(START, TARGET).until(1).integrator(IntegratorSettings.defaults()
                        .withBlockTolerances(new double[] {1e-8}, new double[] {1e-10})).build());
        rejected("maxCheckInterval = 0.0: expected a finite value > 0",
                () -> Simulation.flow(START, TARGET).until(1).maxCheckInterval(0.0));
        // (review of 2026-12-06) checks closer than the clock resolves never move on: a run without end; far more
        // checks than steps only cost time. The floor: span / 2^20, or 4 ulps of the times where that is larger
        // (4 ulp(1e12) = 4 x 2^-13 = 4.8828125E-4)
        rejected("maxCheckInterval = 1.0E-17: expected at least 9.5367431640625E-7 (at most 1048576 checks over the"
                + " span 1.0, each 4 ulps of the times apart)",
                () -> Simulation.flow(START, TARGET).until(1).maxCheckInterval(1e-17).build());
        rejected("maxCheckInterval = 1.0E-4: expected at least 4.8828125E-4 (at most 1048576 checks over the span"
                + " 16.0, each 4 ulps of the times apart)",
                () -> Simulation.flow(START, TARGET).span(1e12, 1e12 + 16).maxCheckInterval(1e-4).build());
        assertEquals(1.0, Simulation.flow(START, TARGET).until(1).maxCheckInterval(0x1p-20).build().maxCheckInterval()
                * 0x1p20);
        // the derived interval is held to the same floor (review of 2026-12-07): 0.25 / sigma_max = 2.5e-5 over a
        // span of 100 is below 100 / 2^20 = 9.5367431640625E-5, which the builder refuses when given explicitly
        Simulation stiff = Simulation.modes(SingleMode.balanced(1e4, 10)).until(100).halfTimes().build();
        assertEquals(100 * 0x1p-20, stiff.maxCheckInterval(), 0.0);
        assertEquals(stiff.maxCheckInterval(), Simulation.modes(SingleMode.balanced(1e4, 10)).until(100).halfTimes()
                .maxCheckInterval(stiff.maxCheckInterval()).build().maxCheckInterval(), 0.0);
    }

    @Test
    void singleModes() {
        rejected("sigma = -1.0: expected a finite value >= 0", () -> SingleMode.balanced(-1.0, 0.1));
        rejected("s0 = NaN: expected a finite value", () -> SingleMode.balanced(1.0, Double.NaN));
        rejected("depth = 1: expected an integer >= 2", () -> SingleMode.depth(1, 1.0, 0.1));
        rejected("lambda = Infinity: expected a finite value",
                () -> SingleMode.lambdaBalanced(1.0, Double.POSITIVE_INFINITY, 0.1));
        rejected("modes.length = 0: expected at least one mode", () -> Simulation.modes());
    }
}
