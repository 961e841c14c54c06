package org.deeplinear.theory.laws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * The laws at the edges of double precision: tiny times, parameters near underflow and overflow. Each case of the
 * reliability pass (a throw or a NaN inside or beside the stated range) is pinned here, and a property test over
 * extreme-but-valid parameters checks that no public method of a law returns NaN: a law is either rejected at
 * construction with an {@link IllegalArgumentException} or answers every question with a number.
 */
class LawExtremesTest {

    /** The times probed: the smallest positive double, a tiny time, 1, a huge time, and infinity. */
    private static final double[] TIMES = {Double.MIN_VALUE, 1e-300, 1, 1e300, Double.POSITIVE_INFINITY};

    /** Magnitudes spanning the double range (the brief's 1e-300..1e300, plus the ends of the normal range). */
    private static final double[] MAGNITUDES = {Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 1e-150, 1e-12, 1e-3, 0.5,
        1, 3, 1e3, 1e12, 1e150, 1e300, Double.MAX_VALUE};

    @Test
    void depthThreeAtTheSmallestPositiveTimeReturnsTheStart() {
        // inside issue 5's range (sigma = 1e3, s0 = 1e-3): s(t) = s0 + t rate(s0) + O(t^2) with rate(s0) about 0.3
        // (3 (1e-3)^(4/3) (1e3 - 1e-3)), so at t = MIN_VALUE or 1e-300 the step is far below ulp(s0)
        DepthBalancedLaw law = new DepthBalancedLaw(3, 1e3, 1e-3);
        assertEquals(1e-3, law.value(Double.MIN_VALUE), Math.ulp(1e-3));
        assertEquals(1e-3, law.value(1e-300), Math.ulp(1e-3));
    }

    @Test
    void depthBalancedSmallTimesFollowTheFirstOrderStep() {
        // s(t) = s0 + t rate(s0) + O(t^2): at t = 1e-20 the second-order term is below rounding
        // (rate(s0) = 3 * (1e-3)^(4/3) * (1e3 - 1e-3), about 3e-1, so t rate = 3e-21, far below ulp(1e-3) = 2e-19)
        for (int depth : new int[] {3, 4, 5, 7}) {
            DepthBalancedLaw law = new DepthBalancedLaw(depth, 1e3, 1e-3);
            for (double t : new double[] {Double.MIN_VALUE, 1e-300, 1e-100, 1e-20}) {
                double expected = 1e-3 + t * law.rate(1e-3);
                assertEquals(expected, law.value(t), 2 * Math.ulp(1e-3), () -> law + " at t = " + t);
            }
        }
    }

    @Test
    void depthBalancedWithATinySigmaDecaysLikeAnOffTargetMode() {
        // sigma = 1e-300, s0 = 1e-3: ds/dt = N s^(4/3)(sigma - s) = -N s^(7/3) (1 - sigma/s), and sigma/s < 1e-296
        // on the whole path, so s(t) is the off-target law's s0 (1 + 4 t s0^(4/3))^(-3/4) to double precision
        DepthBalancedLaw law = new DepthBalancedLaw(3, 1e-300, 1e-3);
        for (double t : new double[] {Double.MIN_VALUE, 1e-300, 1, 1e3, 1e300}) {
            double expected = new OffTargetDecayLaw(3, 1e-3).value(t);
            // two algorithms for one law: the off-target one is within a few ulps (its Javadoc), the depth-balanced
            // one documents a few ulps times its condition number; measured at most 5.1e-14 apart (2026-12-07)
            assertEquals(expected, law.value(t), 1e-12 * expected, () -> "t = " + t);
        }
        assertEquals(1e-300, law.value(Double.POSITIVE_INFINITY));
    }

    @Test
    void logisticTimeToReachIsFiniteWhenTheRatioUnderflowsAndTheGapRatioOverflows() {
        // sigma = MIN_NORMAL, s0 = 1e300, s = 2 MIN_NORMAL: decaying from above; exact t = ln[s(sigma - s0)/(s0(sigma
        // - s))]/(2 sigma) = ln[(2 MIN_NORMAL)(s0 - MIN_NORMAL)/(s0 MIN_NORMAL)] / (2 MIN_NORMAL) = ln(2 (1 - tiny))
        // / (2 MIN_NORMAL) = ln 2 / (2 MIN_NORMAL) to double precision
        LogisticLaw law = new LogisticLaw(Double.MIN_NORMAL, 1e300);
        OptionalDouble t = law.timeToReach(2 * Double.MIN_NORMAL);
        assertTrue(t.isPresent());
        double expected = Math.log(2) / (2 * Double.MIN_NORMAL);
        assertEquals(expected, t.getAsDouble(), 4 * Math.ulp(expected));
    }

    @Test
    void lambdaBalancedAtHugeParametersAndTinyTimeIsTheStart() {
        LambdaBalancedLaw law = new LambdaBalancedLaw(1, 1e300, 1e300);
        // s0 = 1e300 above sigma = 1: at t = MIN_VALUE the first-order step t rate(s0) underflows to 0 against s0
        assertEquals(1e300, law.value(Double.MIN_VALUE), Math.ulp(1e300));
    }

    @Test
    void noPublicLawMethodReturnsNaNAtExtremeParameters() {
        Gen<Double> magnitude = SourceDSL.integers().between(0, MAGNITUDES.length - 1).map(i -> MAGNITUDES[i]);
        Gen<Double> signed = magnitude.zip(SourceDSL.booleans().all(), (m, negative) -> negative ? -m : m);
        int[] depths = {2, 3, 4, 5, 7, DepthBalancedLaw.MAX_DEPTH};
        Gen<Integer> depth = SourceDSL.integers().between(0, depths.length - 1).map(i -> depths[i]);
        QtSeeds.qt(400).forAll(magnitude, signed, signed, depth)
                .checkAssert((sigma, lambda, s0, n) -> {
                    checkLaw(() -> new LogisticLaw(sigma, s0));
                    checkLaw(() -> new LambdaBalancedLaw(sigma, lambda, s0));
                    checkLaw(() -> new LambdaBalancedLaw(0, lambda, s0));
                    checkLaw(() -> new OffTargetDecayLaw(n, s0));
                    checkLaw(() -> new DepthBalancedLaw(n, sigma, Math.abs(s0)));
                });
    }

    @Test
    void depthBalancedFarFromSigmaIsConsistentWithItsInverse() {
        // s0/sigma = 1e12 (above 2000^3) and 1e-150 (below 1e-100): value is split into an off-target or plateau
        // phase and the full law; value(timeToReach(s)) must give s back (the law is well conditioned away from
        // sigma; value subtracts the first phase's time t1 from t, so the remainder carries a relative error of about
        // 1e-16 t / (t - t1): measured 4.6e-7 at s = 1e6, whence 1e-6; and near the plateau's end s(t) is
        // ill-conditioned in t: a relative error eps of t moves s by eps times cond = t |ds/dt| / s (3e10 at
        // s = 1e-120 from 1e-150), whence the term 1e-14 cond, ten ulps times the condition number)
        for (double[] c : new double[][] {{1, 1e12, 1e11}, {1, 1e12, 1e6}, {1, 1e12, 2}, {1, 1e-150, 1e-120},
            {1, 1e-150, 0.5}, {1e-200, 1e-190, 1e-199}}) {
            DepthBalancedLaw law = new DepthBalancedLaw(3, c[0], c[1]);
            double t = law.timeToReach(c[2]).orElseThrow();
            double cond = t * Math.abs(law.rate(c[2])) / c[2];
            assertEquals(c[2], law.value(t), (1e-6 + 1e-14 * cond) * c[2], law + " at s = " + c[2] + ", t = " + t);
        }
    }

    @Test
    void theNaNCheckFailsOnANaN() {
        // the property's check must be able to fail: a NaN answer is reported
        assertThrows(AssertionError.class, () -> notNaN(Double.NaN, "a NaN"));
    }

    /** Builds a law (an IllegalArgumentException is an accepted answer) and asks it every public question. */
    private static void checkLaw(Supplier<ModeLaw> factory) {
        ModeLaw law;
        try {
            law = factory.get();
        } catch (IllegalArgumentException rejected) {
            assertFalse(rejected.getMessage().isBlank());
            return;
        }
        String name = law.toString();
        for (double t : TIMES) {
            double v = law.value(t);
            notNaN(v, name + ".value(" + t + ")");
            assertTrue(Double.isFinite(v), () -> name + ".value(" + t + ") = " + v);
        }
        notNaN(law.limit(), name + ".limit()");
        for (double s : probeValues(law)) {
            OptionalDouble t = law.timeToReach(s);
            if (t.isPresent()) {
                notNaN(t.getAsDouble(), name + ".timeToReach(" + s + ")");
                assertTrue(t.getAsDouble() >= 0, () -> name + ".timeToReach(" + s + ") = " + t);
            }
            notNaN(law.rate(s), name + ".rate(" + s + ")");
        }
        law.halfTime().ifPresent(t -> notNaN(t, name + ".halfTime()"));
        Optional<Inflection> inflection = law.inflection();
        inflection.ifPresent(i -> {
            notNaN(i.value(), name + ".inflection().value()");
            i.time().ifPresent(t -> notNaN(t, name + ".inflection().time()"));
        });
        if (law instanceof LambdaBalancedLaw lambdaLaw) {
            lambdaLaw.accelerationOnset().ifPresent(s -> notNaN(s, name + ".accelerationOnset()"));
        }
        if (law instanceof DepthBalancedLaw depthLaw) {
            for (double s : probeValues(law)) {
                depthLaw.timeToReachByQuadrature(s).ifPresent(t -> notNaN(t, name + ".timeToReachByQuadrature"));
            }
        }
    }

    /** Values on the law's path and beside it: the start, the limit, points between and beyond. */
    private static List<Double> probeValues(ModeLaw law) {
        double s0 = law.initialValue();
        double limit = law.limit();
        List<Double> values = new ArrayList<>(List.of(s0, limit, law.sigma() / 2, s0 / 2, 2 * s0, s0 / 2 + limit / 2,
                Math.nextUp(s0), Math.nextDown(s0), Math.nextUp(limit), Math.nextDown(limit), 0.0, 1.0, -1.0));
        values.removeIf(v -> !Double.isFinite(v));
        return values;
    }

    private static void notNaN(double value, String what) {
        assertFalse(Double.isNaN(value), () -> what + " is NaN");
    }

    // ---- review of 2026-12-06: values the laws got wrong where the true value is an ordinary double ------------

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(actual - expected) <= tolerance * Math.abs(expected),
                what + ": " + actual + " against " + expected + " (relative " + Math.abs(actual - expected)
                        / Math.abs(expected) + ")");
    }

    @Test
    void depthLawFromFarAboveSigmaAgreesWithQuadrature() {
        // t(s) = integral from s to s0 of dx / (N x^(2-2/N) (x - sigma)), mpmath quad at 40-50 digits; the closed
        // forms subtracted terms far larger than t (69% off at N = 7, s0 = 1e20: the off-target fallback; 2.8e-8
        // at N = 3 from 1e12 to 1e6)
        double s = 1.1220184543019636;
        double[][] cases = {{7, 1e20, 0.21428271043983187}, {5, 1e20, 0.31628667862992352},
            {4, 1e12, 0.41503713100389565}, {3, 1e9, 0.60348835289455145}};
        for (double[] c : cases) {
            DepthBalancedLaw law = new DepthBalancedLaw((int) c[0], 1.0, c[1]);
            // measured at most 1.7 ulps and 0 (2026-12-07); 1e-13 is 450 ulps
            assertRelative(c[2], law.timeToReach(s).getAsDouble(), 1e-13, law + ".timeToReach(" + s + ")");
            assertRelative(s, law.value(c[2]), 1e-13, law + ".value(" + c[2] + ")");
        }
        // far above sigma value() solved in the logit of the decay, below the solver's accuracy past 1e14 sigma: it
        // did not invert the time (2.7x off) nor decrease monotonically (review of 2026-12-06)
        DepthBalancedLaw sixteen = new DepthBalancedLaw(16, 1.0, 1e15);
        double previous = 1e15;
        for (double t : new double[] {1e-32, 1e-31, 3.16e-30, 5.6e-30, 1e-29, 5.6e-29, 1e-28, 1e-20, 1e-10, 0.01}) {
            double v = sixteen.value(t);
            assertTrue(v < previous, "value(" + t + ") = " + v + " after " + previous);
            // the package's 1e-12 (package-info); measured at most 1.1e-14 (48 ulps, 2026-12-07)
            assertRelative(t, sixteen.timeToReach(v).getAsDouble(), 1e-12, "time of value(" + t + ")");
            previous = v;
        }
        DepthBalancedLaw three = new DepthBalancedLaw(3, 1.0, 1e12);
        // mpmath quad at 50 digits: t(1e6) = int_{1e6}^{1e12} dx / (3 x^(4/3) (x - 1)) = 2.50000140357242857e-9;
        // measured 0.75 ulp and 0 (2026-12-07)
        assertRelative(2.500001403572428e-9, three.timeToReach(1e6).getAsDouble(), 1e-13, "N = 3 from 1e12 to 1e6");
        assertRelative(1e6, three.value(2.500001403572428e-9), 1e-13, "N = 3 from 1e12 at its time to 1e6");
    }

    @Test
    void logisticLawAboveHalfTheLargestDouble() {
        // 2 sigma overflowed: closed forms s = s0 e^x / (1 + (s0/sigma)(e^x - 1)), x = 2 sigma t = 0.02, and
        // t_half = ln(sigma/s0 - 1) / (2 sigma) = ln(1e308 - 1) / 2e308
        LogisticLaw law = new LogisticLaw(1e308, 1);
        assertRelative(Math.exp(0.02), law.value(1e-310), 1e-15, "value");
        assertRelative(Math.log(1e308) / 2 / 1e308, law.halfTime().getAsDouble(), 1e-15, "half-time");
        assertRelative(-Math.exp(-0.02), new LogisticLaw(1e308, -1).value(1e-310), 1e-15, "negative start");
    }

    @Test
    void logisticTimesWhoseLogarithmIsBelowTheNormalRange() {
        // t = ln[s (sigma - s0) / (s0 (sigma - s))] / (2 sigma), mpmath at 700 digits: the logarithm is 1e-312
        // (subnormal; 2.4e-12 relative through the sum of logarithms) before it is divided by 2e-300
        assertRelative(4.9998893914043922586e-13, new LogisticLaw(1e-300, 1.0).timeToReach(0.999999999999)
                .getAsDouble(), 1e-15, "sigma = 1e-300");
        assertRelative(4.999803921771607913e-310, new LogisticLaw(1e-3, 1e297).timeToReach(9.99999999999e296)
                .getAsDouble(), 1e-13, "a subnormal time from 1e297");
    }

    @Test
    void lambdaLawWithAnImbalanceNearTheLargestDouble() {
        // lambda = 9e307 (b = 4.5e307) was taken for 0 (4 scale overflowed): the lazy law, whose rate
        // sqrt(lambda^2 + 4 s^2)(sigma - s) brings s to sigma within ~1e-307, gave the balanced s(1) = 0.0073
        LambdaBalancedLaw lazy = new LambdaBalancedLaw(1, 9e307, 1e-3);
        assertEquals(1.0, lazy.value(1), 1e-15);
        assertTrue(lazy.halfTime().getAsDouble() < 1e-300, lazy.halfTime().toString());
    }

    @Test
    void offTargetTimesWhoseScaleLeavesTheNormalRange() {
        // t = (r^-p - r0^-p) / (2N - 2), p = 2 - 2/N: r0^-p underflowed (a time of 0) or overflowed (infinite).
        // N = 3: ((1e200)^(-4/3) - (1e300)^(-4/3)) / 4 = 5.3860867250797095e-268 (mpmath); N = 2: (1/r - 1/r0) / 2
        // exactly in BigDecimal from the two doubles
        assertRelative(5.3860867250797095e-268, new OffTargetDecayLaw(3, 1e300).timeToReach(1e200).getAsDouble(),
                1e-13, "N = 3 from 1e300");
        double r0 = 1e-310;
        double r = 9.99999999e-311;
        java.math.MathContext mc = new java.math.MathContext(40);
        double exact = java.math.BigDecimal.ONE.divide(new java.math.BigDecimal(r), mc)
                .subtract(java.math.BigDecimal.ONE.divide(new java.math.BigDecimal(r0), mc))
                .divide(java.math.BigDecimal.valueOf(2), mc).doubleValue();
        assertRelative(exact, new OffTargetDecayLaw(2, r0).timeToReach(r).getAsDouble(), 1e-13, "N = 2 from 1e-310");
    }

    @Test
    void twoCyclesWhoseStepSquaredOverflows() {
        // eta^2 = 1e400: the lower point was 0. THEORY.md's 2-cycle (mpmath): weight map s- = 9.1673086804016067e-202,
        // multiplier -233; Euler map s- = 5.2506281446690024e-201, multiplier -r^2 + 2r + 4 = -395 (r = 21)
        GradientDescentMap.TwoCycle weight = new WeightGradientMap(1e200, 1e-199, 0).twoCycle().orElseThrow();
        assertRelative(9.1673086804016067e-202, weight.low(), 1e-14, "weight map s-");
        assertRelative(-233, weight.multiplier(), 1e-12, "weight map multiplier");
        GradientDescentMap.TwoCycle euler = new EulerGradientMap(1e200, 1e-199, 0).twoCycle().orElseThrow();
        assertRelative(5.2506281446690024e-201, euler.low(), 1e-14, "Euler map s-");
        assertRelative(-395, euler.multiplier(), 1e-12, "Euler map multiplier");
    }
}
