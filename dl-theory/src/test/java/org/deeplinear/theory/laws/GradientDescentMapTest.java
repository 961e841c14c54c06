package org.deeplinear.theory.laws;

import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.deeplinear.theory.laws.Reference.assertRelative;
import static org.deeplinear.theory.laws.Reference.of;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;

import org.deeplinear.theory.laws.GradientDescentMap.Orbit;
import org.deeplinear.theory.laws.GradientDescentMap.TwoCycle;
import org.hipparchus.dfp.Dfp;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

class GradientDescentMapTest {

    private static final MathContext MC = new MathContext(60);

    /** The weight map s' = s (1 + eta (sigma - s))^2 in 60-digit decimal arithmetic. */
    private static BigDecimal weight(BigDecimal eta, BigDecimal sigma, BigDecimal s) {
        BigDecimal factor = BigDecimal.ONE.add(eta.multiply(sigma.subtract(s, MC), MC), MC);
        return s.multiply(factor, MC).multiply(factor, MC);
    }

    /** The Euler map s' = s + 2 eta s (sigma - s) in 60-digit decimal arithmetic. */
    private static BigDecimal euler(BigDecimal eta, BigDecimal sigma, BigDecimal s) {
        return s.add(BigDecimal.valueOf(2).multiply(eta, MC).multiply(s, MC).multiply(sigma.subtract(s, MC), MC), MC);
    }

    private static BigDecimal big(double x) {
        return new BigDecimal(x);
    }

    @Test
    void weightMapIsGradientDescentOnTheFactor() {
        QtSeeds.qt().forAll(QtSeeds.logUniform(1e-3, 1e3), SourceDSL.doubles().between(0.01, 1.9),
                        QtSeeds.logUniform(1e-12, 2))
                .checkAssert((sigma, g, fraction) -> {
                    double eta = g / sigma;
                    WeightGradientMap map = new WeightGradientMap(eta, sigma, fraction * sigma);
                    // THEORY.md: w' = w (1 + eta (sigma - w^2)) with s = w^2; exact decimal arithmetic on w
                    BigDecimal w = big(fraction * sigma).sqrt(MC);
                    Orbit orbit = map.iterate(3);
                    for (int k = 1; k <= 3; k++) {
                        w = w.multiply(BigDecimal.ONE.add(big(eta).multiply(big(sigma).subtract(w.multiply(w, MC), MC),
                                MC), MC), MC);
                        // each step adds a few roundings, amplified by |f'| <= (1 + 2 g)^2 < 25
                        assertRelative(w.multiply(w, MC).doubleValue(), orbit.value(k), 1e-12, "step " + k);
                    }
                });
    }

    @Test
    void eulerMapIsConjugateToTheLogisticMap() {
        QtSeeds.qt().forAll(QtSeeds.logUniform(1e-3, 1e3), SourceDSL.doubles().between(0.01, 1.45),
                        SourceDSL.doubles().between(0.01, 0.99))
                .checkAssert((sigma, g, x0) -> {
                    double eta = g / sigma;
                    double r = 1 + 2 * g;
                    // THEORY.md: x = 2 eta s / r follows x' = r x (1 - x), r = 1 + 2 eta sigma
                    double s0 = x0 * r / (2 * eta);
                    Orbit orbit = new EulerGradientMap(eta, sigma, s0).iterate(3);
                    BigDecimal x = big(2 * eta).multiply(big(s0), MC).divide(big(r), MC);
                    for (int k = 1; k <= 3; k++) {
                        x = big(r).multiply(x, MC).multiply(BigDecimal.ONE.subtract(x, MC), MC);
                        double s = x.multiply(big(r), MC).divide(big(2 * eta), MC).doubleValue();
                        assertRelative(s, orbit.value(k), 1e-12, "step " + k);
                    }
                });
    }

    @Test
    void fixedPointStabilityWindow() {
        for (GradientDescentMap map : new GradientDescentMap[] {new WeightGradientMap(0.5, 1, 0.1),
                new EulerGradientMap(0.5, 1, 0.1)}) {
            assertTrue(map.isFixedPointSuperstable(), "eta sigma = 1/2: f'(sigma) = 1 - 2 eta sigma = 0");
            assertEquals(0.0, map.derivative(1), 0.0);
            // superstable: quadratic convergence, at the double resolution within a few steps of leaving s0 = 0.1
            assertEquals(1.0, map.iterate(12).last(), 1e-15);
        }
        for (double g : new double[] {0.01, 0.3, 0.7, 0.99}) {
            for (GradientDescentMap map : new GradientDescentMap[] {new WeightGradientMap(g, 1, 0.9),
                    new EulerGradientMap(g, 1, 0.9)}) {
                assertTrue(map.isFixedPointStable());
                assertEquals(1 - 2 * g, map.derivative(1), 1e-15, "f'(sigma) = 1 - 2 eta sigma");
                // |f'(sigma)| = |1 - 2g| <= 0.98: from 0.9 the error falls below 1e-12 within
                // ln(1e-11)/ln(0.98) = 1254 steps (python3); 20,000 is ample
                assertEquals(1.0, map.iterate(20_000).last(), 1e-12, "converges to sigma");
            }
        }
        for (double g : new double[] {1.01, 1.2, 1.4}) {
            for (GradientDescentMap map : new GradientDescentMap[] {new WeightGradientMap(g, 1, 0.9),
                    new EulerGradientMap(g, 1, 0.9)}) {
                assertFalse(map.isFixedPointStable());
                assertTrue(Math.abs(map.fixedPointMultiplier()) > 1);
                // the orbit ends on a cycle at least 0.065 from sigma (python3, 20,000 steps from 0.9; g = 1.01:
                // weight map {0.896, 1.094}, Euler map {0.925, 1.065}): 65 times 1e-3
                assertTrue(Math.abs(map.iterate(20_000).last() - 1) > 1e-3, "no longer converges to sigma");
            }
        }
    }

    /**
     * Superstable is f'(sigma) = 1 - 2 eta sigma == 0, exactly (GradientDescentMap's Javadoc; THEORY.md:
     * "superstable at 1/2"), the same default for the weight map and the Euler map. True where eta sigma is exactly
     * 1/2 in binary (0.5 x 1, 0.25 x 2, 2 x 0.25, 1 x 0.5); false one ulp either side, where 1 - 2g is exact
     * (Sterbenz) and not 0: 2^-53 at g = 1/2 - 2^-54, -2^-52 at g = 1/2 + 2^-53; false across the rest of the stable
     * window 0 < g < 1, at its edge g = 1 and beyond. Where it is false the multiplier 1 - 2g is not 0: the
     * convergence is linear.
     */
    @Test
    void fixedPointIsSuperstableAtEtaSigmaOneHalfOnly() {
        double[][] half = {{0.5, 1}, {0.25, 2}, {2, 0.25}, {1, 0.5}};
        double below = Math.nextDown(0.5);
        double above = Math.nextUp(0.5);
        double[][] not = {{below, 1}, {above, 1}, {1, below}, {1, above}, {0.01, 1}, {0.3, 1}, {0.49, 1}, {0.51, 1},
            {0.7, 1}, {0.99, 1}, {1, 1}, {1.2, 1}, {2.5, 1}};
        for (boolean euler : new boolean[] {false, true}) {
            for (double[] c : half) {
                GradientDescentMap map = map(euler, c[0], c[1]);
                assertEquals(0.5, map.stepTimesSigma(), 0.0, map::toString);
                assertTrue(map.isFixedPointSuperstable(), map::toString);
                assertEquals(0.0, map.derivative(c[1]), 0.0, "f'(sigma) = 0 at " + map);
            }
            for (double[] c : not) {
                GradientDescentMap map = map(euler, c[0], c[1]);
                assertFalse(map.isFixedPointSuperstable(), map::toString);
                assertTrue(map.fixedPointMultiplier() != 0, map::toString);
            }
            // the two neighbours of 1/2: multipliers 2^-53 and -2^-52, exactly
            GradientDescentMap low = map(euler, below, 1);
            GradientDescentMap high = map(euler, above, 1);
            assertEquals(0x1p-53, low.fixedPointMultiplier(), 0.0);
            assertEquals(-0x1p-52, high.fixedPointMultiplier(), 0.0);
            assertTrue(low.isFixedPointStable() && high.isFixedPointStable(), "stable, not superstable");
        }
    }

    /** The Euler map or the weight map with step eta, target sigma and s0 = 0.1. */
    private static GradientDescentMap map(boolean euler, double eta, double sigma) {
        return euler ? new EulerGradientMap(eta, sigma, 0.1) : new WeightGradientMap(eta, sigma, 0.1);
    }

    @Test
    void weightMapTwoCycleIsAGenuinePeriodTwoOrbit() {
        for (double g : new double[] {1.001, 1.1, 1.2, Math.sqrt(5) - 1, 1.5, 1.9}) {
            double sigma = 0.37;
            double eta = g / sigma;
            TwoCycle cycle = new WeightGradientMap(eta, sigma, 0.1).twoCycle().orElseThrow();
            // THEORY.md: s+-/sigma = [(g + 1) +- sqrt((g - 1)(g + 3))] / (2g), in 60 digits
            BigDecimal bg = big(eta).multiply(big(sigma), MC);
            BigDecimal root = bg.subtract(BigDecimal.ONE).multiply(bg.add(BigDecimal.valueOf(3)), MC).sqrt(MC);
            BigDecimal twoG = bg.multiply(BigDecimal.valueOf(2), MC);
            BigDecimal high = bg.add(BigDecimal.ONE).add(root).divide(twoG, MC).multiply(big(sigma), MC);
            BigDecimal low = bg.add(BigDecimal.ONE).subtract(root).divide(twoG, MC).multiply(big(sigma), MC);
            BigDecimal image = weight(big(eta), big(sigma), high);
            BigDecimal back = weight(big(eta), big(sigma), image);
            assertTrue(back.subtract(high).abs().compareTo(new BigDecimal("1e-50")) < 0, "f(f(s+)) = s+");
            assertTrue(image.subtract(low).abs().compareTo(new BigDecimal("1e-50")) < 0, "f(s+) = s-");
            assertTrue(high.subtract(low).compareTo(new BigDecimal("1e-3")) > 0 || g < 1.01,
                    "s+ != s-: not the fixed point");
            // measured at most 0.66 and 0.51 ulps (2026-12-07)
            assertRelative(high.doubleValue(), cycle.high(), 1e-14, "s+");
            assertRelative(low.doubleValue(), cycle.low(), 1e-13, "s-");
        }
        assertFalse(new WeightGradientMap(0.99, 1, 0.1).twoCycle().isPresent(), "no 2-cycle below eta sigma = 1");
    }

    @Test
    void twoCycleStabilityWindows() {
        // weight map: the multiplier f'(s-) f'(s+) crosses -1 at eta sigma = sqrt5 - 1 (THEORY.md); evaluated in
        // 60 digits at that point from f'(s) = (1 + eta (sigma - s))(1 + eta sigma - 3 eta s)
        BigDecimal g = BigDecimal.valueOf(5).sqrt(MC).subtract(BigDecimal.ONE);
        BigDecimal root = g.subtract(BigDecimal.ONE).multiply(g.add(BigDecimal.valueOf(3)), MC).sqrt(MC);
        BigDecimal product = BigDecimal.ONE;
        for (BigDecimal s : new BigDecimal[] {
                g.add(BigDecimal.ONE).add(root).divide(g.multiply(BigDecimal.valueOf(2)), MC),
                g.add(BigDecimal.ONE).subtract(root).divide(g.multiply(BigDecimal.valueOf(2)), MC)}) {
            BigDecimal derivative = BigDecimal.ONE.add(g.multiply(BigDecimal.ONE.subtract(s), MC))
                    .multiply(BigDecimal.ONE.add(g).subtract(g.multiply(s, MC).multiply(BigDecimal.valueOf(3))), MC);
            product = product.multiply(derivative, MC);
        }
        assertTrue(product.add(BigDecimal.ONE).abs().compareTo(new BigDecimal("1e-50")) < 0,
                "weight map: multiplier -1 at sqrt5 - 1, got " + product);
        assertEquals(Math.sqrt(5) - 1, new WeightGradientMap(1, 1, 0.1).twoCycleStabilityLimit());
        assertEquals(Math.sqrt(6) / 2, new EulerGradientMap(1, 1, 0.1).twoCycleStabilityLimit());
        for (double gg = 1.01; gg < 2; gg += 0.01) {
            WeightGradientMap weight = new WeightGradientMap(gg, 1, 0.1);
            assertEquals(gg < Math.sqrt(5) - 1, weight.twoCycle().orElseThrow().isStable(), "weight map at " + gg);
            if (gg < 1.5) {
                EulerGradientMap euler = new EulerGradientMap(gg, 1, 0.1);
                TwoCycle cycle = euler.twoCycle().orElseThrow();
                // the logistic map's 2-cycle multiplier 4 + 2r - r^2 with r = 1 + 2 eta sigma, i.e. 5 - 4 g^2
                // measured at most 4 ulps (8.9e-16) of it, and 1 ulp for f(s-) = s+ (2026-12-07)
                assertEquals(5 - 4 * gg * gg, cycle.multiplier(), 1e-12, "Euler multiplier at " + gg);
                assertEquals(gg < Math.sqrt(6) / 2, cycle.isStable(), "Euler map at " + gg);
                assertEquals(euler.apply(cycle.low()), cycle.high(), 1e-12, "f(s-) = s+");
            }
        }
        // a stable cycle attracts the orbit from the plateau: it ends alternating between s- and s+
        WeightGradientMap map = new WeightGradientMap(1.1, 1, 1e-3);
        TwoCycle cycle = map.twoCycle().orElseThrow();
        Orbit orbit = map.iterate(5000);
        double a = orbit.value(4999);
        double b = orbit.value(5000);
        // the cycle's multiplier f'(s-) f'(s+) (0.18 here, TwoCycle.multiplier; f'(s-) = -0.123, f'(s+) = -1.467)
        // contracts an error by that much per period, so long after the plateau (2.4e-10 from the cycle at iterate
        // 50, 1.5 ulps from 100 on) the orbit sits on the cycle up to its own rounding: an ulp or so per application
        // (delta), the one made at s+ carried to s- times 1.467, steady at about (1 + 1.467) delta / (1 - 0.18), 3
        // delta; 8 ulps
        assertTrue(Math.abs(cycle.multiplier()) < 0.2, cycle::toString);
        double ulps = 8 * Math.ulp(cycle.high());
        assertEquals(Math.min(a, b), cycle.low(), ulps);
        assertEquals(Math.max(a, b), cycle.high(), ulps);
    }

    @Test
    void divergenceIsReportedNotHidden() {
        for (double g : new double[] {1.3, 1.7, 1.99}) {
            WeightGradientMap map = new WeightGradientMap(g, 1, 1e-3);
            assertTrue(map.staysBounded());
            Orbit orbit = map.iterate(20_000);
            assertFalse(orbit.diverged(), "weight map bounded up to eta sigma = 2 at " + g);
        }
        for (double g : new double[] {2.05, 3, 10}) {
            WeightGradientMap map = new WeightGradientMap(g, 1, 1e-3);
            assertFalse(map.staysBounded());
            assertDiverges(map.iterate(20_000));
        }
        for (double g : new double[] {0.3, 1.1, 1.3, 1.49}) {
            EulerGradientMap map = new EulerGradientMap(g, 1, 1e-3);
            assertTrue(map.staysBounded(), "Euler bounded at " + g);
            assertFalse(map.iterate(20_000).diverged(), "Euler bounded at " + g);
        }
        // the edge g = 3/2 (THEORY.md: escape for eta sigma > 3/2) is bounded: r = 1 + 2g = 4, the logistic map
        // takes [0, 1] into [0, r/4] = [0, 1], i.e. s in [0, r/(2 eta)] into itself. eta = 2, sigma = 3/4 (exact in
        // binary): the vertex s = r/(4 eta) = 1/2 goes to the interval's end r/(2 eta) = 1, and 1 to 0, exactly
        EulerGradientMap edge = new EulerGradientMap(2, 0.75, 1e-3);
        assertEquals(1.5, edge.stepTimesSigma(), 0.0);
        assertTrue(edge.staysBounded(), "eta sigma = 3/2 = divergenceThreshold()");
        assertEquals(1.0, edge.apply(0.5), 0.0);
        assertEquals(0.0, edge.apply(1.0), 0.0);
        Orbit chaotic = edge.iterate(20_000);
        assertFalse(chaotic.diverged(), "r = 4: chaotic but bounded");
        for (double s : chaotic.values()) {
            assertTrue(s >= 0 && s <= 1, "in [0, r/(2 eta)] = [0, 1]: " + s);
        }
        // one ulp beyond (eta sigma = 2 nextUp(3/4) = nextUp(3/2)): r > 4, the vertex leaves [0, r/(2 eta)]
        assertFalse(new EulerGradientMap(2, Math.nextUp(0.75), 1e-3).staysBounded(), "eta sigma = 3/2 + 2^-52");
        for (double g : new double[] {1.55, 2, 5}) {
            EulerGradientMap map = new EulerGradientMap(g, 1, 1e-3);
            assertFalse(map.staysBounded());
            assertDiverges(map.iterate(20_000));
        }
    }

    private static void assertDiverges(Orbit orbit) {
        assertTrue(orbit.diverged(), "diverges");
        int step = orbit.divergedAtStep().getAsInt();
        assertEquals(step, orbit.length(), "the orbit stops at the last finite value, step " + (step - 1));
        for (double v : orbit.values()) {
            assertTrue(Double.isFinite(v), "no NaN or infinity in the orbit");
        }
    }

    @Test
    void plateauSteps() {
        for (double g : new double[] {0.01, 0.1, 0.5}) {
            double sigma = 2;
            double s0 = 1e-12 * sigma;
            WeightGradientMap weight = new WeightGradientMap(g / sigma, sigma, s0);
            EulerGradientMap euler = new EulerGradientMap(g / sigma, sigma, s0);
            // THEORY.md: GD ln(sigma/s0) / (2 ln(1 + eta sigma)), flow ln(sigma/s0) / (2 eta sigma); both sides are
            // doubles of a few roundings: measured at most 4.4 ulps (2026-12-07), 1e-14 is 45 ulps
            assertRelative(Math.log(1e12) / (2 * Math.log(1 + g)), weight.plateauSteps(), 1e-14, "GD steps");
            assertRelative(Math.log(1e12) / (2 * g), weight.flowPlateauSteps(), 1e-14, "flow steps");
            // the Euler map grows by 1 + 2 eta sigma per step near 0
            assertRelative(Math.log(1e12) / Math.log(1 + 2 * g), euler.plateauSteps(), 1e-14, "Euler steps");
            assertTrue(weight.plateauSteps() > weight.flowPlateauSteps(), "ln(1 + g) < g: GD is slower");
            // the linearised count predicts the step at which the orbit reaches sigma/2, up to the O(1/g) steps
            // of the nonlinear phase
            int steps = stepsToHalf(weight);
            assertEquals(weight.plateauSteps(), steps, 2 / g + 2, "GD reaches sigma/2 after about plateauSteps");
        }
        assertEquals(0.0, new WeightGradientMap(0.1, 1, 2).plateauSteps());
        assertEquals(Double.POSITIVE_INFINITY, new WeightGradientMap(0.1, 1, 0).plateauSteps());
    }

    /** ln(1 + x) in 40 digits, from its Taylor series {@code x - x^2/2 + x^3/3} below {@code 1e-12} (error < 1e-48). */
    private static Dfp log1p(Dfp x) {
        if (x.lessThan(of(1e-12))) {
            return x.subtract(x.multiply(x).divide(2)).add(x.multiply(x).multiply(x).divide(3));
        }
        return x.add(of(1)).log();
    }

    /**
     * The three plateaus against THEORY.md in 40 digits: descent on the factors {@code ln(sigma/s0) /
     * (2 ln(1 + eta sigma))}, the Euler map {@code ln(sigma/s0) / ln(1 + 2 eta sigma)}, the flow
     * {@code ln(sigma/s0) / (2 eta sigma)}; to 8 ulps (a log-ratio, a log-growth and a quotient, each a few
     * roundings; measured at most 1.1 ulps, 2026-12-07), an infinite count where the exact one is above the largest
     * double, one smallest double where it is subnormal.
     */
    private static void assertPlateaus(double eta, double sigma, double s0) {
        Dfp ratio = of(sigma).divide(of(s0)).log();
        Dfp g = of(eta).multiply(of(sigma));
        String at = "eta=" + eta + ", sigma=" + sigma + ", s0=" + s0;
        assertSteps(ratio.divide(log1p(g).multiply(2)), new WeightGradientMap(eta, sigma, s0).plateauSteps(),
                "descent on the factors, " + at);
        assertSteps(ratio.divide(log1p(g.multiply(2))), new EulerGradientMap(eta, sigma, s0).plateauSteps(),
                "Euler map, " + at);
        assertSteps(ratio.divide(g.multiply(2)), new WeightGradientMap(eta, sigma, s0).flowPlateauSteps(),
                "flow, " + at);
    }

    private static void assertSteps(Dfp expected, double actual, String what) {
        if (expected.greaterThan(of(Double.MAX_VALUE))) {
            assertEquals(Double.POSITIVE_INFINITY, actual, what);
            return;
        }
        Dfp allowed = expected.multiply(of(8 * Math.ulp(1.0))).add(of(Double.MIN_VALUE));
        assertTrue(of(actual).subtract(expected).abs().lessThan(allowed),
                () -> what + ": " + actual + ", expected " + expected);
    }

    @Test
    void plateauStepsWhereTheRatioOrTheGrowthLeavesTheDoubles() {
        // review of 2026-12-07: sigma/s0 overflowed, and the steps were infinite (1.0033444816053512 and 3905.35
        // for descent on the factors, in the reviewer's 60-digit Dfp)
        assertPlateaus(0.1, 1e300, 1e-300);
        assertPlateaus(0.1, 1, Double.MIN_VALUE);
        // eta sigma overflows (ln(1 + eta sigma) was infinite, the steps 0 for about 0.5) or is subnormal (it lost
        // its digits: 3e-310 as a double is 1.6e-14 off)
        assertPlateaus(1e300, 1e300, 1e-300);
        assertPlateaus(1e-310, 3, 1);
    }

    @Test
    void plateauStepsOverTheWholeDoubleRange() {
        QtSeeds.qt().forAll(QtSeeds.logUniform(Double.MIN_VALUE, 1.7e308),
                        QtSeeds.logUniform(Double.MIN_VALUE, 1.7e308), QtSeeds.logUniform(Double.MIN_VALUE, 1.7e308))
                .checkAssert((eta, a, b) -> {
                    if (a != b) {
                        assertPlateaus(eta, Math.max(a, b), Math.min(a, b));
                    }
                });
    }

    @Test
    void twoCycleMultiplierForLargeSteps() {
        // review of 2026-12-07: 1 + eta (sigma - s+) (about 1/g) was formed by subtraction: the multiplier had the
        // wrong sign at g = 1e9 (1.65e20) and was -0.0 for eta = 1, sigma = 1e9
        assertTwoCycleMultiplier(1e9, 1);
        assertTwoCycleMultiplier(1, 1e9);
        QtSeeds.qt().forAll(QtSeeds.logUniform(1e-3, 1e3), QtSeeds.logUniform(1 + 1e-9, 1e9))
                .checkAssert((sigma, g) -> assertTwoCycleMultiplier(g / sigma, sigma));
    }

    /**
     * 2-cycles of steps g = eta sigma from 1e145 to beyond the doubles (eta sigma overflows), where (g - 1)(g + 3)
     * and then g overflowed (the maps threw or returned NaN points). Points against THEORY.md's forms in 60 digits:
     * weight map s+- = sigma [(g + 1) +- sqrt((g - 1)(g + 3))] / (2g); Euler map (the logistic map with r = 1 + 2g)
     * s+- = [(g + 1) +- sqrt((g - 1)(g + 1))] / (2 eta), the smaller from s+ s- = (g + 1)/(2 eta^2) (the
     * weight map's from s+ s- = 1/eta^2); multipliers 7 - 4g - 2g^2 and 5 - 4g^2, -infinity where they overflow.
     */
    @Test
    void twoCyclesOfStepsBeyondTheSquaresRange() {
        // (review of the change) eta = 2 or 1.5 with sigma = 1.7e308: the weight map's s- = 1/(eta^2 s+) is a
        // subnormal (1.47e-309, 2.61e-309), and forming eta s+ overflowed it to 0
        double[][] cases = {{1e75, 1e70}, {1e82, 1e70}, {1e200, 1e-10}, {1e10, 1e160}, {1, 1e300}, {1e200, 1e200},
            {1.7e308, 1.7e308}, {2, 1.7e308}, {1.5, 1.7e308}, {1e-100, 1e300}};
        assertTwoCycles(cases);
    }

    /**
     * Review of 2026-12-07, defect 2: the weight map formed s+ = sigma (g + 1 + R) / (2g) as sigma (g + 1 + R) first,
     * which overflows where sigma g passes the largest double while s+ (about sigma) is finite: eta = 1e-290,
     * sigma = 1e300 (g = 1e10) threw "high = Infinity" for s+ = 1.00000000005e300, s- = 1/(eta^2 s+) = 1e280. Points
     * and multipliers against THEORY.md's forms in 60 digits (assertTwoCycles).
     */
    @Test
    void twoCyclesWhoseLargerPointIsNearTheLargestDouble() {
        assertTwoCycles(new double[][] {{1e-290, 1e300}, {1e-200, 1e300}, {1e-300, 1.7e308}, {1e-158, 1.7e308}});
    }

    /** The cases {eta, sigma} of the two tests above, each against THEORY.md's 2-cycles in 60 digits. */
    private static void assertTwoCycles(double[][] cases) {
        for (double[] c : cases) {
            BigDecimal eta = big(c[0]);
            BigDecimal sigma = big(c[1]);
            BigDecimal g = eta.multiply(sigma, MC);
            BigDecimal two = BigDecimal.valueOf(2);
            BigDecimal weightRoot = g.subtract(BigDecimal.ONE).multiply(g.add(BigDecimal.valueOf(3)), MC).sqrt(MC);
            BigDecimal weightHigh = sigma.multiply(g.add(BigDecimal.ONE).add(weightRoot), MC)
                    .divide(g.multiply(two), MC);
            BigDecimal weightLow = BigDecimal.ONE.divide(eta.multiply(eta, MC).multiply(weightHigh, MC), MC);
            BigDecimal eulerRoot = g.subtract(BigDecimal.ONE).multiply(g.add(BigDecimal.ONE), MC).sqrt(MC);
            BigDecimal eulerHigh = g.add(BigDecimal.ONE).add(eulerRoot).divide(eta.multiply(two), MC);
            BigDecimal eulerLow = g.add(BigDecimal.ONE).divide(two.multiply(eta, MC).multiply(eta, MC)
                    .multiply(eulerHigh, MC), MC);
            TwoCycle weight = new WeightGradientMap(c[0], c[1], 0.5 * c[1]).twoCycle().orElseThrow();
            TwoCycle euler = new EulerGradientMap(c[0], c[1], 0.5 * c[1]).twoCycle().orElseThrow();
            String what = "eta=" + c[0] + ", sigma=" + c[1];
            assertPoint(weightHigh, weight.high(), "weight s+ " + what);
            assertPoint(weightLow, weight.low(), "weight s- " + what);
            assertPoint(eulerHigh, euler.high(), "Euler s+ " + what);
            assertPoint(eulerLow, euler.low(), "Euler s- " + what);
            assertPoint(BigDecimal.valueOf(7).subtract(g.multiply(BigDecimal.valueOf(4)), MC)
                    .subtract(two.multiply(g, MC).multiply(g, MC), MC),
                    weight.multiplier(), "weight multiplier " + what);
            assertPoint(BigDecimal.valueOf(5).subtract(BigDecimal.valueOf(4).multiply(g, MC).multiply(g, MC), MC),
                    euler.multiplier(), "Euler multiplier " + what);
            assertFalse(weight.isStable() || euler.isStable(), what);
        }
    }

    /**
     * A value to 1e-14 relative (45 ulps; measured at most 0.89 ulp, 2026-12-07) where it is a normal double; where
     * it is beyond the doubles, the infinity of its sign; below them, 0 or a subnormal within four units of 2^-1074
     * of it (three roundings at the subnormals' spacing).
     */
    private static void assertPoint(BigDecimal expected, double actual, String what) {
        double nearest = expected.doubleValue();
        if (Double.isInfinite(nearest) || Math.abs(nearest) < Double.MIN_NORMAL) {
            assertTrue(Double.isInfinite(nearest) ? actual == nearest
                    : Math.abs(actual - nearest) <= 4 * Double.MIN_VALUE, what + ": " + actual + ", expected "
                    + expected);
        } else {
            assertRelative(nearest, actual, 1e-14, what);
        }
    }

    /**
     * f'(s-) f'(s+) for the weight map with THEORY.md's s+- = sigma [(g + 1) +- sqrt((g - 1)(g + 3))] / (2g) and
     * f'(s) = (1 + eta (sigma - s)) (1 + eta sigma - 3 eta s), in 60 digits (the cancellation in the first factor
     * costs 2 log10 g <= 18 of them); to 4 ulps of the terms of 7 - 4g - 2g^2, which it equals (the rounding of
     * g = eta sigma alone moves the multiplier by (4 + 4g) g eps / 2); measured at most 0.38 of the
     * tolerance (2026-12-07).
     */
    private static void assertTwoCycleMultiplier(double eta, double sigma) {
        BigDecimal g = big(eta).multiply(big(sigma), MC);
        BigDecimal root = g.subtract(BigDecimal.ONE).multiply(g.add(BigDecimal.valueOf(3)), MC).sqrt(MC);
        BigDecimal twoG = g.multiply(BigDecimal.valueOf(2), MC);
        BigDecimal high = big(sigma).multiply(g.add(BigDecimal.ONE).add(root), MC).divide(twoG, MC);
        BigDecimal low = big(sigma).multiply(g.add(BigDecimal.ONE).subtract(root), MC).divide(twoG, MC);
        BigDecimal expected = weightDerivative(eta, sigma, low).multiply(weightDerivative(eta, sigma, high), MC);
        double gd = g.doubleValue();
        double tolerance = 4 * Math.ulp(1.0) * (7 + 4 * gd + 2 * gd * gd);
        double actual = new WeightGradientMap(eta, sigma, 0.5 * sigma).twoCycle().orElseThrow().multiplier();
        assertTrue(big(actual).subtract(expected).abs().doubleValue() <= tolerance,
                () -> "eta=" + eta + ", sigma=" + sigma + ": " + actual + ", expected " + expected);
    }

    /** f'(s) = (1 + eta (sigma - s)) (1 + eta sigma - 3 eta s) of the weight map, in 60 digits. */
    private static BigDecimal weightDerivative(double eta, double sigma, BigDecimal s) {
        BigDecimal e = big(eta);
        BigDecimal first = BigDecimal.ONE.add(e.multiply(big(sigma).subtract(s, MC), MC), MC);
        BigDecimal second = BigDecimal.ONE.add(e.multiply(big(sigma), MC), MC)
                .subtract(BigDecimal.valueOf(3).multiply(e, MC).multiply(s, MC), MC);
        return first.multiply(second, MC);
    }

    /**
     * Review of 2026-12-07, defect 5: the Euler map formed 2 eta first, which overflows for eta above half the
     * largest double: new EulerGradientMap(1e308, 1, 0.1).apply(1e-300) gave infinity for 200000000.00000000721,
     * derivative(0.5) NaN for exactly 1, the fixed point apply(sigma) NaN for sigma. References: THEORY.md's map
     * s' = s + 2 eta s (sigma - s) and its derivative 1 + 2 eta (sigma - 2s) in 60-digit decimal arithmetic.
     */
    @Test
    void eulerMapWithAStepAboveHalfTheLargestDouble() {
        // {eta, sigma, s}: eta s overflows where the step is finite ({1e308, 2, 2 + 2^-51}); sigma - s overflows
        // ({1e-320, 1e308, -1.7e308}); sigma - 2s overflows in the derivative ({1e-300, 1, 1e308})
        double[][] cases = {{1e308, 1, 1e-300}, {1e308, 1, 0.5}, {1e308, 10, 10}, {1e308, 2 + 0x1p-51, 2},
                            {1e-320, 1e308, -1.7e308}, {1e-300, 1, 1e308}, {1.7e308, 1e-300, 3e-301}};
        for (double[] c : cases) {
            EulerGradientMap map = new EulerGradientMap(c[0], c[1], 0.5);
            BigDecimal eta = big(c[0]);
            BigDecimal s = big(c[2]);
            BigDecimal derivative = BigDecimal.ONE.add(BigDecimal.valueOf(2).multiply(eta, MC)
                    .multiply(big(c[1]).subtract(BigDecimal.valueOf(2).multiply(s, MC), MC), MC), MC);
            String what = "eta=" + c[0] + ", sigma=" + c[1] + ", s=" + c[2];
            assertPoint(euler(eta, big(c[1]), s), map.apply(c[2]), "apply " + what);
            assertPoint(derivative, map.derivative(c[2]), "derivative " + what);
        }
        assertEquals(1.0, new EulerGradientMap(1e308, 1, 0.1).derivative(0.5), "at s = sigma/2 exactly 1");
    }

    /**
     * Review of 2026-12-07, defect 6: the weight map's derivative formed 1 + eta sigma - 3 eta s, where 3 eta
     * overflows for eta above a third of the largest double: new WeightGradientMap(1e308, 1e-300, 0.1)
     * .derivative(3.4e-301) gave -infinity for
     * -131999935999999.204. Reference: f'(s) = (1 + eta (sigma - s)) (1 + eta sigma - 3 eta s), the derivative of
     * THEORY.md's s (1 + eta (sigma - s))^2, in 60 digits (weightDerivative).
     */
    @Test
    void weightMapDerivativeWithAStepAboveAThirdOfTheLargestDouble() {
        // {eta, sigma, s}; the fourth: sigma - 3s overflows while eta (sigma - 3s) is a double; the last: sigma - s
        // overflows too, F = 1 + eta (sigma - s) = 2.7e148, the derivative 1.6e297 (infinity before; a negative s,
        // which an orbit from s0 >= 0 never reaches, but the method takes any finite s)
        double[][] cases = {{1e308, 1e-300, 3.4e-301}, {1e308, 1e-300, 1e-300}, {7e307, 2e-300, 1e-301},
                            {1e-300, 1, 1e308}, {1e-160, 1e308, -1.7e308}};
        for (double[] c : cases) {
            WeightGradientMap map = new WeightGradientMap(c[0], c[1], 0.5);
            assertPoint(weightDerivative(c[0], c[1], big(c[2])), map.derivative(c[2]),
                    "eta=" + c[0] + ", sigma=" + c[1] + ", s=" + c[2]);
        }
    }

    @Test
    void theMapsRefuseANonFiniteValue() {
        // review of 2026-12-07: NaN in, NaN out; the interface asks for a finite s
        for (GradientDescentMap map : new GradientDescentMap[] {new WeightGradientMap(0.1, 1, 0.5),
            new EulerGradientMap(0.1, 1, 0.5)}) {
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                assertRejected("s", bad, () -> map.apply(bad));
                assertRejected("s", bad, () -> map.derivative(bad));
            }
        }
    }

    private static int stepsToHalf(GradientDescentMap map) {
        double s = map.initialValue();
        int k = 0;
        while (s < map.sigma() / 2) {
            s = map.apply(s);
            k++;
        }
        return k;
    }

    @Test
    void orbitIsAnImmutableValue() {
        Orbit orbit = new WeightGradientMap(0.1, 1, 0.5).iterate(3);
        double[] values = orbit.values();
        values[0] = 42;
        assertEquals(0.5, orbit.value(0), "values() returns a copy");
        assertEquals(orbit, new WeightGradientMap(0.1, 1, 0.5).iterate(3));
        assertArrayEquals(new double[] {0.5}, new WeightGradientMap(0.1, 1, 0.5).iterate(0).values());
    }

    @Test
    void rejectsBadParameters() {
        assertRejected("eta", () -> new WeightGradientMap(0, 1, 0.1));
        assertRejected("eta", () -> new WeightGradientMap(Double.NaN, 1, 0.1));
        assertRejected("sigma", () -> new WeightGradientMap(1, -1, 0.1));
        assertRejected("s0", () -> new WeightGradientMap(1, 1, -0.1));
        assertRejected("eta", () -> new EulerGradientMap(Double.POSITIVE_INFINITY, 1, 0.1));
        assertRejected("sigma", () -> new EulerGradientMap(1, Double.NaN, 0.1));
        assertRejected("s0", () -> new EulerGradientMap(1, 1, Double.NaN));
        assertRejected("steps", () -> new EulerGradientMap(1, 1, 0.1).iterate(-1));
    }

    /**
     * An orbit longer than an array held in memory is refused before it is allocated (audit of 2026-12-07: the
     * Javadoc allowed up to 2^31 - 2 steps; 2^31 - 2 asked for "Requested array size exceeds VM limit" and 10^9,
     * 16 GB with the Orbit's copy, ran out of memory). The limit, MAX_STEPS = 10^8, is 1.6 GB.
     */
    @Test
    void anOrbitBeyondMaxStepsIsRefusedBeforeItIsAllocated() {
        GradientDescentMap map = new EulerGradientMap(.1, 1, .1);
        assertRejected("steps", Integer.MAX_VALUE - 1, () -> map.iterate(Integer.MAX_VALUE - 1));
        assertRejected("steps", 1_000_000_000, () -> map.iterate(1_000_000_000));
        assertRejected("steps", GradientDescentMap.MAX_STEPS + 1, () -> map.iterate(GradientDescentMap.MAX_STEPS + 1));
        assertEquals(100_000_000, GradientDescentMap.MAX_STEPS);
    }

    @Test
    void anOrbitNamesAStepOutsideIt() {
        // an index error before (review of 2026-12-06)
        GradientDescentMap.Orbit orbit = new WeightGradientMap(0.1, 1, 0.5).iterate(2);
        assertRejected("step", 3, () -> orbit.value(3));
        assertRejected("step", -1, () -> orbit.value(-1));
    }

    /** Asserts {@code |actual - expected| <= 4 ulps (2^-50) |expected|}, the difference in 60 digits. */
    private static void assertWithinFourUlps(BigDecimal expected, double actual, String what) {
        assertTrue(Double.isFinite(actual), () -> what + ": " + actual + ", expected " + expected);
        BigDecimal error = big(actual).subtract(expected, MC).abs();
        assertTrue(error.compareTo(expected.abs().multiply(big(0x1p-50), MC)) <= 0,
                () -> what + ": " + actual + ", expected " + expected);
    }

    /**
     * Audit of 2026-12-07, item 6: the weight map's apply formed s (1 + eta (sigma - s))^2 directly, so
     * eta (sigma - s), sigma - s or F^2 overflowed where the image is finite: eta = 1.5, sigma = Double.MAX_VALUE
     * gave NaN at s = 0 (so iterate "diverged" at step 1 from 0, as at eta = 1e10, sigma = 1e300) and infinity at
     * s = Double.MIN_VALUE for 3.5925e293; eta = Double.MIN_VALUE gave -infinity at s = -1e300 for
     * -1.0000000000000018e300. Reference: the map in 60-digit decimal arithmetic (weight), to 4 ulps.
     */
    @Test
    void weightMapWhereTheFactorOrItsSquareOverflows() {
        double max = Double.MAX_VALUE;
        double[][] cases = {{1.5, max, Double.MIN_VALUE}, {Double.MIN_VALUE, max, -1e300}, {1e10, 1e300, 1e-320},
                            {1e300, 1e10, 1e-320}, {1e-160, max, -1e-300}, {3, max, 1e-320}, {1e-308, max, -1e300}};
        for (double[] c : cases) {
            WeightGradientMap map = new WeightGradientMap(c[0], c[1], 0);
            assertWithinFourUlps(weight(big(c[0]), big(c[1]), big(c[2])), map.apply(c[2]),
                    "eta=" + c[0] + ", sigma=" + c[1] + ", s=" + c[2]);
        }
        assertEquals(0.0, new WeightGradientMap(1.5, max, 0).apply(0), "0 is fixed");
        Orbit orbit = new WeightGradientMap(1e10, 1e300, 0).iterate(3);
        assertFalse(orbit.diverged(), "from 0 the orbit stays at 0");
        assertArrayEquals(new double[] {0, 0, 0, 0}, orbit.values());
    }

    /**
     * Asserts a relative error at most 1e-15 (4.5 ulps; measured at most 1.2 ulps, 2026-12-07), or 4 units of
     * Double.MIN_VALUE for a subnormal point.
     */
    private static void assertCyclePoint(BigDecimal expected, double actual, String what) {
        assertTrue(Double.isFinite(actual), () -> what + ": " + actual + ", expected " + expected);
        BigDecimal error = big(actual).subtract(expected, MC).abs();
        BigDecimal allowed = expected.abs().multiply(big(1e-15), MC).max(big(4 * Double.MIN_VALUE));
        assertTrue(error.compareTo(allowed) <= 0, () -> what + ": " + actual + ", expected " + expected);
    }

    /**
     * Audit of 2026-12-07, item 7: both maps formed their 2-cycles from the rounded g = fl(eta sigma), whose g - 1
     * lost its digits near 1: eta = 1e-300, sigma = 1e300 (eta sigma = 1 + 7.8e-17 exactly) had no cycle;
     * eta = 5.9806726670471615e-05, sigma = 16720.527199388263 gave s+ 4.2e-9 (weight) and 3.0e-9 (Euler) off. The
     * Euler map's 2 eta overflowed: eta = 1e308, sigma = 1e-300 threw ("low = Infinity"). Where s+ is beyond the
     * largest double (eta = 1e-300, sigma = Double.MAX_VALUE) the cycle is empty instead of an exception. Reference:
     * THEORY.md's roots with the exact product g = eta sigma in 60-digit decimal arithmetic: weight
     * s+- = sigma [(g + 1) +- sqrt((g - 1)(g + 3))] / (2g), multiplier 7 - 4g - 2g^2; Euler
     * s+- = [(g + 1) +- sqrt(g^2 - 1)] / (2 eta), multiplier 5 - 4g^2; to 1e-15.
     */
    @Test
    void twoCyclesFromTheExactStep() {
        double[][] cases = {{1e-300, 1e300}, {5.9806726670471615e-05, 16720.527199388263}, {1e308, 1e-300},
                            {3, Math.nextUp(1.0 / 3)}, {0.1, 10.000000000000002}, {1e-10, 1.25e10}};
        for (double[] c : cases) {
            BigDecimal eta = big(c[0]);
            BigDecimal sigma = big(c[1]);
            BigDecimal g = eta.multiply(sigma);
            BigDecimal one = BigDecimal.ONE;
            String at = "eta=" + c[0] + ", sigma=" + c[1];
            BigDecimal r = g.subtract(one).multiply(g.add(BigDecimal.valueOf(3))).sqrt(MC);
            BigDecimal twoG = g.multiply(BigDecimal.valueOf(2));
            TwoCycle weight = new WeightGradientMap(c[0], c[1], 0).twoCycle().orElseThrow();
            assertCyclePoint(sigma.multiply(g.add(one).add(r)).divide(twoG, MC), weight.high(), "weight s+ " + at);
            assertCyclePoint(sigma.multiply(g.add(one).subtract(r)).divide(twoG, MC), weight.low(), "weight s- " + at);
            assertCyclePoint(BigDecimal.valueOf(7).subtract(g.multiply(BigDecimal.valueOf(4)))
                    .subtract(twoG.multiply(g)), weight.multiplier(), "weight multiplier " + at);
            BigDecimal q = g.multiply(g).subtract(one).sqrt(MC);
            BigDecimal twoEta = eta.multiply(BigDecimal.valueOf(2));
            TwoCycle euler = new EulerGradientMap(c[0], c[1], 0).twoCycle().orElseThrow();
            assertCyclePoint(g.add(one).add(q).divide(twoEta, MC), euler.high(), "Euler s+ " + at);
            assertCyclePoint(g.add(one).subtract(q).divide(twoEta, MC), euler.low(), "Euler s- " + at);
            assertCyclePoint(BigDecimal.valueOf(5).subtract(BigDecimal.valueOf(4).multiply(g).multiply(g)),
                    euler.multiplier(), "Euler multiplier " + at);
        }
        assertTrue(new WeightGradientMap(1e-300, Double.MAX_VALUE, 0).twoCycle().isEmpty(), "weight: s+ overflows");
        assertTrue(new EulerGradientMap(1e-300, Double.MAX_VALUE, 0).twoCycle().isEmpty(), "Euler: s+ overflows");
        assertTrue(new EulerGradientMap(0.25, 4, 0).twoCycle().isEmpty(), "eta sigma = 1 exactly");
        assertTrue(new WeightGradientMap(0.25, 4, 0).twoCycle().isEmpty(), "eta sigma = 1 exactly");
    }

    /**
     * Audit of 2026-12-07, item 8: the plateau steps took ln(sigma/s0) as the logarithm of the rounded quotient, which
     * near s0 = sigma keeps only its absolute accuracy: the weight map at eta = 0.01, sigma = 1, s0 =
     * 0.9999999999999999 gave 1.1157649338581267e-14 steps for 5.5788246692906347e-15, and the flow's steps at
     * eta = 0.5, sigma = 3.7, s0 = 3.699999963 were 1.1e-8 relative off. Reference: ln(sigma/s0) / (2 ln(1 + g)),
     * ln(sigma/s0) / ln(1 + 2g) and ln(sigma/s0) / (2g), g = eta sigma, in 40 digits (assertPlateaus), to 8 ulps.
     */
    @Test
    void plateauStepsFromJustBelowSigma() {
        double[][] cases = {{0.01, 1, 0.9999999999999999}, {0.5, 3.7, 3.699999963}, {0.1, 2, Math.nextDown(2.0)},
                            {1e-10, 1e300, 0.75e300}, {3, 1e-300, 0.6e-300}, {0.2, 5, 2.6}};
        for (double[] c : cases) {
            assertPlateaus(c[0], c[1], c[2]);
        }
    }
}
