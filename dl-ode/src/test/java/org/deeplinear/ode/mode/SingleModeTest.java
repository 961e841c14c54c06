package org.deeplinear.ode.mode;

import static org.deeplinear.core.testing.Rejections.assertOutOfRange;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.IntegratorSettings;
import org.deeplinear.ode.SampleTimes;
import org.deeplinear.ode.Simulation;
import org.deeplinear.ode.Trajectory;
import org.deeplinear.ode.observe.Observers;
import org.deeplinear.ode.observe.Series;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.junit.jupiter.api.Test;

/**
 * The single-mode equations: their 30-digit field-integrator references agree with the closed forms of THEORY.md
 * computed in {@code Dfp}; double-precision runs agree with the references; a depth-N aligned chain follows the
 * depth-N law; the factor pair conserves {@code w^2 - u^2}; the sign caveat holds.
 */
class SingleModeTest {

    private static final IntegratorSettings TIGHT = IntegratorSettings.defaults().withTolerances(1e-12, 1e-14);

    /** Balanced logistic law in Dfp: {@code sigma / (1 + (sigma/s0 - 1) e^{-2 sigma t})}. */
    private static Dfp logistic(DfpField field, double sigma, double s0, double t) {
        Dfp sig = field.newDfp(sigma);
        Dfp ratio = sig.divide(field.newDfp(s0)).subtract(1);
        Dfp decay = sig.multiply(-2).multiply(field.newDfp(t)).exp();
        return sig.divide(ratio.multiply(decay).add(1));
    }

    @Test
    void thirtyDigitReferenceOfTheBalancedLawMatchesItsClosedForm() {
        double sigma = 1.0;
        double s0 = 0.015625; // 1/64 = 0.125^2 exactly, so the factor pair below starts at the same s0
        double t = 1.0;
        DfpField field = new DfpField(30);
        Dfp reference = SingleMode.balanced(sigma, s0).valueAt(t, 30);
        Dfp exact = logistic(field, sigma, s0, t);
        // 30-digit arithmetic, estimated error below 1e-22: the reference is good to 1e-21
        Dfp relative = reference.subtract(exact).divide(exact).abs();
        assertTrue(relative.lessThan(field.newDfp(1e-21)), "relative error " + relative);
        // and a check that can fail: the reference after a slightly different time is far off
        Dfp later = SingleMode.balanced(sigma, s0).valueAt(t + 1e-6, 30, 1e-16);
        assertTrue(later.subtract(exact).divide(exact).abs().greaterThan(field.newDfp(1e-8)));
        // the factor pair with w = u is the same law
        Dfp pair = SingleMode.factorPair(sigma, 0.125, 0.125).valueAt(t, 30);
        assertTrue(pair.subtract(exact).divide(exact).abs().lessThan(field.newDfp(1e-21)));
    }

    @Test
    void aFortyDigitReferenceFinishesAndMatchesTheClosedForm() {
        // (review of 2026-12-07) at 40 digits and the default tolerance (1e-22) the halving reaches 16,384 steps,
        // whose step end.divide(16384) was NaN (Dfp.divide(int) takes one digit of radix 10,000): the run went on for
        // minutes. The reviewer's 40-digit closed form for sigma = 2, s0 = 1e-3 (the exact double) at t = 3 is
        // 1.9757334871290929148908, and THEORY.md's logistic law here
        DfpField field = new DfpField(40);
        Dfp reference = SingleMode.balanced(2.0, 1e-3).valueAt(3.0, 40);
        Dfp exact = logistic(field, 2.0, 1e-3, 3.0);
        assertTrue(reference.subtract(exact).divide(exact).abs().lessThan(field.newDfp(1e-21)),
                reference + " against " + exact);
        assertTrue(exact.subtract(field.newDfp("1.9757334871290929148908")).abs().lessThan(field.newDfp(1e-21)),
                exact.toString());
    }

    @Test
    void aDeepModesReferenceStartsAtItsStart() {
        // the depth-N reference integrates x = s^{1/N} and returns x |x|^{N-1}: at t = 0 that is s0 again (to the
        // arithmetic's 30 digits); 1/N was Dfp.divide(int), NaN from N = 10,000 (one digit of radix 10,000), which is
        // also the deepest mode taken (SingleMode.MAX_DEPTH; 123,456 was here before the cap)
        for (int depth : new int[] {3, 9999, SingleMode.MAX_DEPTH}) {
            assertEquals(0.5, SingleMode.depth(depth, 1, 0.5).valueAt(0, 30).toDouble(), 1e-25, "depth " + depth);
        }
    }

    @Test
    void theDepthIsCappedWhereAChainOfItCanStillBeRun() {
        // (API audit) depth(Integer.MAX_VALUE, 1, 0.5).valueAt(0, 25) hung raising x to the power N - 1 one product
        // at a time; past MAX_DEPTH the reference's x = s^{1/N} also loses to N its digits (x^N multiplies its
        // rounding by N), and the factor flow of such a chain cannot be run to compare
        assertRejected("depth", Integer.MAX_VALUE, () -> SingleMode.depth(Integer.MAX_VALUE, 1, 0.5));
        assertRejected("depth", SingleMode.MAX_DEPTH + 1, () -> SingleMode.depth(SingleMode.MAX_DEPTH + 1, 1, 0.5));
        // at the cap the start comes back to 25 digits less the factor N = 1e4: 1e-21 of s0 = 0.5
        assertEquals(0.5, SingleMode.depth(SingleMode.MAX_DEPTH, 1, 0.5).valueAt(0, 25).toDouble(), 1e-21);
    }

    @Test
    void theCoordinateHelpersCheckTheirArguments() {
        // (API audit) null arrays, short ones and offsets out of range failed deep inside: NullPointerException and
        // ArrayIndexOutOfBoundsException ("Index -1 out of bounds for length 1"), or not at all
        SingleMode balanced = SingleMode.balanced(1, 0.5);
        SingleMode pair = SingleMode.factorPair(1, 0.5, 0.5);
        assertRejected("state", null, () -> balanced.value(null, 0));
        assertRejected("state", null, () -> balanced.imbalance(null, 0));
        assertRejected("state", null, () -> balanced.derivatives(null, 0, new double[1], 0));
        assertRejected("derivative", null, () -> balanced.derivatives(new double[1], 0, null, 0));
        // a rate at a value that is not finite (review of 2026-12-07: NaN, and -infinity at +infinity)
        for (SingleMode mode : new SingleMode[] {balanced, pair, SingleMode.depth(3, 1, 0.5),
                SingleMode.lambdaBalanced(1, 0.5, 0.5)}) {
            for (double s : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                assertRejected("s", s, () -> mode.rate(s));
            }
        }
        assertRejected("state.length", 1, () -> pair.value(new double[1], 0));
        assertRejected("state.length", 1, () -> pair.imbalance(new double[1], 0));
        assertRejected("derivative.length", 1, () -> pair.derivatives(new double[2], 0, new double[1], 0));
        assertOutOfRange("offset = -1: expected 0..0 (1 coordinate from it in state of length 1)",
                () -> balanced.value(new double[1], -1));
        assertOutOfRange("offset = 2: expected 0..1 (2 coordinates from it in state of length 3)",
                () -> pair.value(new double[3], 2));
        assertOutOfRange("offset = 3: expected 0..2 (1 coordinate from it in state of length 3)",
                () -> balanced.imbalance(new double[3], 3));
        assertOutOfRange("derivativeOffset = 2: expected 0..1 (2 coordinates from it in derivative of length 3)",
                () -> pair.derivatives(new double[2], 0, new double[3], 2));
        // the field version: null arrays and a factor pair's state of one coordinate
        DfpField field = new DfpField(25);
        Dfp[] one = {field.getOne()};
        assertRejected("state", null, () -> balanced.derivatives((Dfp[]) null, (Dfp[]) null));
        assertRejected("derivative", null, () -> balanced.derivatives(one, (Dfp[]) null));
        assertRejected("state.length", 1, () -> pair.derivatives(one, new Dfp[2]));
        assertRejected("state[0]", null, () -> balanced.derivatives(new Dfp[1], new Dfp[1]));
        // the last offsets with room are taken: w u = 2 x 3 from offset 1, and the balanced rate 2 s (1 - s) at 0.5
        assertEquals(6.0, pair.value(new double[] {0, 2, 3}, 1), 0.0);
        assertEquals(4.0 - 9.0, pair.imbalance(new double[] {0, 2, 3}, 1), 0.0);
        double[] rate = new double[3];
        balanced.derivatives(new double[] {0, 0.5}, 1, rate, 2);
        assertArrayEquals(new double[] {0, 0, 0.5}, rate, 0.0);
        Dfp[] derivative = new Dfp[1];
        balanced.derivatives(new Dfp[] {field.newDfp(0.5)}, derivative);
        assertEquals(0.5, derivative[0].toDouble(), 0.0);
    }

    @Test
    void aReferenceWhoseRunsLeaveTheNumbersFailsWithoutRunningThemOut() {
        // (API audit) factorPair(1e300, 1, 1): s = w u reaches sigma at once, where the rate 2e300 makes every fixed
        // step up to 2^20 of them over [0, 1] unstable; each run went on to its end in infinities, over 170 s on
        // the development machine before the documented IllegalStateException (0.7 s now: a run stops at the first
        // state that is not finite)
        IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                IllegalStateException.class, () -> SingleMode.factorPair(1e300, 1, 1).valueAt(1, 25)));
        assertTrue(e.getMessage().contains("2^20 steps did not reach"), e.getMessage());
    }

    @Test
    void doubleRunsAgreeWithTheReferences() {
        SingleMode[] modes = {
            SingleMode.depth(3, 1.0, 0.05),
            SingleMode.depth(4, 2.0, 0.2),
            SingleMode.lambdaBalanced(1.0, 0.3, 0.01),
            SingleMode.factorPair(2.0, 0.3, -0.05),
        };
        double end = 3.0;
        Trajectory run = Simulation.modes(modes).until(end).integrator(TIGHT).samples(SampleTimes.endpoints()).run();
        for (int i = 0; i < modes.length; i++) {
            // references with an estimated error below 1e-13 relative: ample for a 1e-9 check, and quick
            double reference = modes[i].valueAt(end, 30, 1e-13).toDouble();
            assertEquals(reference, run.finalModes()[i], 1e-9, modes[i].toString());
        }
    }

    @Test
    void aDepthThreeAlignedChainFollowsTheDepthThreeLaw() {
        double sigma = 1.5;
        double s0 = 0.05;
        Target target = Target.random(3, 3, new double[] {sigma}, Seed.of(81));
        FactorChain chain = Initializations.aligned(new double[] {s0}).create(Widths.of(3, 2, 2, 3), target);
        double end = 6.0;
        Trajectory run = Simulation.flow(chain, target).until(end).integrator(TIGHT)
                .samples(SampleTimes.uniform(7)).observe(Observers.modes()).run();
        Trajectory law = Simulation.modes(SingleMode.depth(3, sigma, s0)).until(end).integrator(TIGHT)
                .samples(SampleTimes.uniform(7)).observe(Observers.modes()).run();
        Series chainModes = run.series(Observers.MODES);
        Series lawModes = law.series(Observers.MODES);
        for (int k = 0; k < 7; k++) {
            assertEquals(lawModes.get(k, 0), chainModes.get(k, 0), 1e-9, "sample " + k);
        }
        assertEquals(SingleMode.depth(3, sigma, s0).valueAt(end, 30, 1e-13).toDouble(), run.finalModes()[0], 1e-9);
        // and it is not the depth-2 law: the check can fail
        Trajectory logistic = Simulation.modes(SingleMode.balanced(sigma, s0)).until(end).integrator(TIGHT)
                .samples(SampleTimes.uniform(7)).observe(Observers.modes()).run();
        assertTrue(Math.abs(logistic.series(Observers.MODES).get(2, 0) - chainModes.get(2, 0)) > 1e-2);
    }

    @Test
    void theFactorPairConservesItsImbalance() {
        Trajectory run = Simulation.modes(SingleMode.factorPair(2.0, 0.5, 0.01)).until(5).integrator(TIGHT)
                .samples(SampleTimes.uniform(11)).observe(Observers.imbalanceDrift(), Observers.imbalanceNorm())
                .run();
        for (double d : run.series(Observers.IMBALANCE_DRIFT).column(0)) {
            assertTrue(d < 1e-12, "drift " + d);
        }
        assertEquals(0.25 - 1e-4, run.series(Observers.IMBALANCE_NORM).get(10, 0), 1e-12);
    }

    @Test
    void theFixedPointIsAtRestWhereItsFactorOverflows() {
        // ds/dt = f(s) (sigma - s) is 0 at s = sigma; f overflowed at sigma = 1e300, 1e308 (2 |s|, |s|^{4/3},
        // hypot(lambda, 2 s) beyond the doubles), and Infinity x 0 gave NaN (review of 2026-12-07)
        for (SingleMode mode : new SingleMode[] {SingleMode.balanced(1e308, 1), SingleMode.depth(3, 1e300, 1),
                SingleMode.lambdaBalanced(1e308, 1, 1)}) {
            double sigma = mode.sigma();
            assertEquals(0.0, mode.rate(sigma), 0.0, mode.toString());
            double[] out = {Double.NaN};
            mode.derivatives(new double[] {sigma}, 0, out, 0);
            assertEquals(0.0, out[0], 0.0, mode.toString());
        }
    }

    @Test
    void aNegativeBalancedModeNeverGrows() {
        Trajectory run = Simulation.modes(SingleMode.balanced(1.0, -0.1)).until(5).integrator(TIGHT)
                .samples(SampleTimes.uniform(11)).run();
        double previous = -0.1;
        for (double s : run.series(Observers.MODES).column(0)) {
            assertTrue(s <= 0 && s >= previous, "s = " + s);
            previous = s;
        }
        assertEquals(0.0, SingleMode.balanced(1.0, 0.0).rate(0.0), 0.0);
    }
    /**
     * The depth-N rate {@code N |s|^(2-2/N) (sigma - s)} (THEORY.md) against the same formula in 40-digit {@code Dfp}
     * with the exact exponent: a double wherever it is one (numerics audit of 2026-12-07: the power formed alone
     * underflowed, {@code depth(3, 1e100, 0.5).rate(1e-300)} was 0 for 3e-300). The tolerance: {@code 1 - 2/N}
     * rounded to a double moves {@code |s|^(1-2/N)} by up to {@code |ln s| 2^-53} relative, 4e-14 at s = 1e-300.
     */
    @Test
    void theDepthRateIsADoubleWhereverItIsOne() {
        double[][] cases = {
            // depth, sigma, s
            {3, 1e100, 1e-300}, {3, 1e300, 1e-300}, {4, 1e200, 1e-290}, {3, 1e-300, 1e-100}, {4, 1.0, 0.3},
            {7, 2.0, 5.0}, {100, 1e300, 1e-300}, {3, 1.0, -1e-200},
        };
        DfpField field = new DfpField(40);
        for (double[] c : cases) {
            int depth = (int) c[0];
            double sigma = c[1];
            double s = c[2];
            Dfp abs = field.newDfp(Math.abs(s));
            Dfp exponent = field.newDfp(2 * depth - 2).divide(depth);
            Dfp reference = org.hipparchus.dfp.DfpMath.pow(abs, exponent).multiply(depth)
                    .multiply(field.newDfp(sigma).subtract(field.newDfp(s)));
            double expected = reference.toDouble();
            double rate = SingleMode.depth(depth, sigma, 0.5).rate(s);
            assertTrue(expected != 0 && Double.isFinite(expected), "a double: " + expected);
            assertEquals(expected, rate, 1e-13 * Math.abs(expected), "depth " + depth + ", sigma " + sigma + ", s "
                    + s);
        }
    }

    /**
     * The references hold lambda's square in their field (review of 2026-12-08: formed in doubles it underflowed to 0
     * below |lambda| ~ 1.5e-162, and the reference integrated lambda = 0, answering -1.35e-172 with the wrong sign;
     * above 1.3e154 it overflowed, and the reference failed as "2^20 steps did not reach" its tolerance) and measure
     * a value near a zero of s relative to the start's scale (a floor of 1e-30 alone left a mode of 1e-170 accurate
     * to 1.3e-14). Closed forms at the exact doubles, mpmath at 50 digits (2026-12-08): with s ~ 1e-170 and sigma = 1,
     * {@code ds/dt = sqrt(4 s^2 + lambda^2)} to 1e-170 relative, so {@code s(1) = (lambda/2) sinh(asinh(2 s0/lambda)
     * + 2)} = 1.473123630160540314071552e-170; with lambda = 1e160 and s ~ 1e-151, {@code ds/dt = lambda (sigma - s)}
     * to 4e-622 relative, so {@code s(t) = sigma - (sigma - s0) e^{-lambda t}} = 1.000000000899999938417144e-151 at
     * t = 1e-170. At depth 3 the rate {@code 3 |s|^{4/3} (sigma - s)} of the public field method is exact in the field
     * (with the exponent 4/3 rounded to a double it was 1.3e-14 off at s = 1e-300).
     */
    @Test
    void referencesAreRelativeAtEveryScale() {
        assertRelative("1.473123630160540314071552e-170", SingleMode.lambdaBalanced(1, 1e-170, -1e-171)
                .valueAt(1, 25, 1e-15), 1e-14);
        assertRelative("1.000000000899999938417144e-151", SingleMode.lambdaBalanced(1e-150, 1e160, 1e-151)
                .valueAt(1e-170, 25, 1e-18), 1e-17);
        DfpField field = new DfpField(40);
        Dfp s = field.newDfp(1e-300);
        Dfp[] rate = {field.getZero()};
        SingleMode.depth(3, 1, 0.5).derivatives(new Dfp[] {s}, rate);
        Dfp expected = org.hipparchus.dfp.DfpMath.pow(s, field.newDfp(4).divide(field.newDfp(3)))
                .multiply(field.getOne().subtract(s)).multiply(3);
        assertTrue(rate[0].subtract(expected).abs().divide(expected).lessThan(field.newDfp(1e-30)),
                rate[0] + " against " + expected);
    }

    private static void assertRelative(String expected, Dfp actual, double tolerance) {
        Dfp reference = actual.getField().newDfp(expected);
        double error = actual.subtract(reference).abs().divide(reference).toDouble();
        assertTrue(error <= tolerance, actual + " against " + expected + " (relative " + error + ")");
    }
}
