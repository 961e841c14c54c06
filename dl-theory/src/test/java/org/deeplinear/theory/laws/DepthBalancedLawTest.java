package org.deeplinear.theory.laws;

import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.deeplinear.theory.laws.Reference.assertRelative;
import static org.deeplinear.theory.laws.Reference.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpMath;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

class DepthBalancedLawTest {

    /**
     * The package's documented accuracy (package-info: within 1e-12 relative of 40-digit references where well
     * conditioned): the times, and the floor of the values' tolerance, which covers the law's samples' maxima beyond
     * ten ulps times the condition number (2.2 times it at depths 3 to 10, 5.5 at depth 100; its Javadoc) wherever
     * that product is small. Measured (2026-12-07): times within 3.8 ulps (closed forms), 12.3 ulps (series); values
     * within 0.37 of PACKAGE_ACCURACY + TEN_ULPS * condition.
     */
    private static final double PACKAGE_ACCURACY = 1e-12;
    /** The law's documented error per unit of condition number t |ds/dt| / s (its Javadoc): 10 * 2^-52 = 2.22e-15. */
    private static final double TEN_ULPS = 10 * 0x1p-52;

    /** The ends and middle of issue 5's range sigma in [1e-3, 1e3] (DepthBalancedLaw's Javadoc). */
    private static final double[] SIGMAS = {1e-3, 1, 1e3};
    /** s0 / sigma over [1e-12, 10]: plateau, mid-rise, above sigma. */
    private static final double[] START_FRACTIONS = {1e-12, 1e-6, 0.3, 2, 10};

    /** THEORY.md: the plateau term [s0^{-q} - s^{-q}] / (sigma (N - 2)), q = (N - 2)/N, in 40 digits. */
    static Dfp plateau(int n, double sigma, double s0, double s) {
        Dfp q = of(n - 2).divide(of(n)).negate();
        return DfpMath.pow(of(s0), q).subtract(DfpMath.pow(of(s), q)).divide(of(sigma).multiply(of(n - 2)));
    }

    /**
     * THEORY.md, N = 3: t = [s0^{-1/3} - s^{-1/3}]/sigma + [G3(x) - G3(x0)]/sigma with c = sigma^{1/3},
     * G3(x) = [ln(c^2 + c x + x^2) - 2 ln|c - x| - 2 sqrt3 atan((c + 2x)/(sqrt3 c))] / (6c).
     */
    static Dfp depth3Time(double sigma, double s0, double s) {
        Dfp third = of(1).divide(of(3));
        Dfp c = DfpMath.pow(of(sigma), third);
        return plateau(3, sigma, s0, s).add(g3(c, DfpMath.pow(of(s), third)).subtract(g3(c, DfpMath.pow(of(s0), third)))
                .divide(of(sigma)));
    }

    private static Dfp g3(Dfp c, Dfp x) {
        Dfp sqrt3 = of(3).sqrt();
        Dfp quadratic = c.multiply(c).add(c.multiply(x)).add(x.multiply(x)).log();
        Dfp linear = c.subtract(x).abs().log().multiply(2);
        Dfp angle = c.add(x.multiply(2)).divide(sqrt3.multiply(c)).atan().multiply(sqrt3).multiply(2);
        return quadratic.subtract(linear).subtract(angle).divide(c.multiply(6));
    }

    /**
     * THEORY.md, N = 4: t = (s0^{-1/2} - s^{-1/2})/(2 sigma) + [artanh sqrt(s/sigma) - artanh sqrt(s0/sigma)] /
     * (2 sigma^{3/2}); above sigma the antiderivative (1/2) ln|(1 + a)/(1 - a)| continues as arcoth a = artanh(1/a).
     */
    static Dfp depth4Time(double sigma, double s0, double s) {
        Dfp denominator = of(2).multiply(of(sigma)).multiply(of(sigma).sqrt());
        return plateau(4, sigma, s0, s).add(artanhLike(of(s).divide(of(sigma)).sqrt())
                .subtract(artanhLike(of(s0).divide(of(sigma)).sqrt())).divide(denominator));
    }

    private static Dfp artanhLike(Dfp a) {
        return a.lessThan(of(1)) ? a.atanh() : of(1).divide(a).atanh();
    }

    /**
     * Any N >= 3, independently of the library's split: the plateau term plus (1/sigma) times the power series of
     * integral y dy/(sigma - y^N): sum_k x^{2+kN} / ((2 + kN) sigma^{k+1}) below sigma, and
     * sum_k sigma^k x^{2-N-kN} / (N - 2 + kN) above (from 1/(sigma - y^N) = sum_k y^{kN}/sigma^{k+1}, resp.
     * = -sum_k sigma^k y^{-N-kN}); the ratio of the terms is s/sigma, resp. sigma/s.
     */
    static Dfp seriesTime(int n, double sigma, double s0, double s) {
        return plateau(n, sigma, s0, s).add(series(n, sigma, s).subtract(series(n, sigma, s0)).divide(of(sigma)));
    }

    private static Dfp series(int n, double sigma, double s) {
        boolean below = s < sigma;
        Dfp ratio = below ? of(s).divide(of(sigma)) : of(sigma).divide(of(s));
        Dfp term = below ? DfpMath.pow(of(s), of(2).divide(of(n))).divide(of(sigma))
                : DfpMath.pow(of(s), of(2 - n).divide(of(n)));
        Dfp sum = of(0);
        Dfp tiny = of(1e-45);
        for (int k = 0; k < 100_000; k++) {
            Dfp contribution = term.divide(below ? of(2 + k * n) : of(n - 2 + k * n));
            sum = sum.add(contribution);
            if (contribution.lessThan(sum.multiply(tiny))) {
                break;
            }
            term = term.multiply(ratio);
        }
        return sum;
    }

    /**
     * Targets strictly between s0 and sigma: near the start, mid-way, at the inflection, near sigma (or, for the
     * series reference, at least 0.1 sigma away from sigma).
     */
    private static List<Double> targets(double sigma, double s0, int n, boolean nearSigma) {
        List<Double> list = new ArrayList<>();
        double inflection = sigma * (2.0 * n - 2) / (3.0 * n - 2);
        double[] candidates = s0 < sigma
                ? new double[] {s0 * (1 + 1e-9), 0.1 * sigma, inflection, 0.9 * sigma, 0.999999 * sigma,
                                Math.nextDown(sigma)}
                : new double[] {s0 * (1 - 1e-12), (s0 + sigma) / 2, 1.1 * sigma, 1.000001 * sigma,
                                Math.nextUp(sigma)};
        for (double s : candidates) {
            boolean inside = s0 < sigma ? s > s0 && s < sigma : s < s0 && s > sigma;
            // the series reference converges like (s/sigma)^k: 0.9 sigma costs ~900 terms for 40 digits
            boolean farFromSigma = Math.abs(s - sigma) >= 0.1 * sigma * (1 - 1e-12);
            if (inside && (nearSigma || farFromSigma)) {
                list.add(s);
            }
        }
        return list;
    }

    @Test
    void closedFormsForDepthThreeAndFourMatchTheory() {
        for (double sigma : SIGMAS) {
            for (double fraction : START_FRACTIONS) {
                double s0 = fraction * sigma;
                for (int n : new int[] {3, 4}) {
                    DepthBalancedLaw law = new DepthBalancedLaw(n, sigma, s0);
                    for (double s : targets(sigma, s0, n, true)) {
                        Dfp expected = n == 3 ? depth3Time(sigma, s0, s) : depth4Time(sigma, s0, s);
                        String what = "N=" + n + ", sigma=" + sigma + ", s0=" + s0 + ", t(" + s + ")";
                        assertRelative(expected, law.timeToReach(s).getAsDouble(), PACKAGE_ACCURACY, what);
                        // the general-N path (log part closed, remainder by quadrature) against the same closed form
                        assertRelative(expected, law.timeToReachByQuadrature(s).getAsDouble(), PACKAGE_ACCURACY,
                                "quadrature " + what);
                    }
                }
            }
        }
    }

    @Test
    void quadratureMatchesTheSeriesForOtherDepths() {
        for (double sigma : SIGMAS) {
            for (double fraction : START_FRACTIONS) {
                double s0 = fraction * sigma;
                for (int n : new int[] {5, 10, 20}) {
                    DepthBalancedLaw law = new DepthBalancedLaw(n, sigma, s0);
                    for (double s : targets(sigma, s0, n, false)) {
                        assertRelative(seriesTime(n, sigma, s0, s), law.timeToReach(s).getAsDouble(), PACKAGE_ACCURACY,
                                "N=" + n + ", sigma=" + sigma + ", s0=" + s0 + ", t(" + s + ")");
                    }
                }
            }
        }
    }

    @Test
    void valueInvertsTheReferenceTime() {
        for (double sigma : SIGMAS) {
            for (double fraction : START_FRACTIONS) {
                double s0 = fraction * sigma;
                for (int n : new int[] {3, 4, 7}) {
                    DepthBalancedLaw law = new DepthBalancedLaw(n, sigma, s0);
                    for (double s : targets(sigma, s0, n, n != 7)) {
                        double t = (n == 3 ? depth3Time(sigma, s0, s)
                                : n == 4 ? depth4Time(sigma, s0, s) : seriesTime(n, sigma, s0, s)).toDouble();
                        // s(t) has condition number t |ds/dt| / s: the rounding of t to a double and the few-ulp
                        // error of t(s) are amplified by it (the class documents ten ulps times the condition)
                        double condition = Math.abs(t * law.rate(s) / s);
                        assertRelative(s, law.value(t), PACKAGE_ACCURACY + TEN_ULPS * condition,
                                "N=" + n + ", sigma=" + sigma + ", s0=" + s0 + ", s(" + t + ")");
                    }
                }
            }
        }
    }

    @Test
    void roundTripForRandomParameters() {
        QtSeeds.qt(100).forAll(SourceDSL.integers().between(3, 12), QtSeeds.logUniform(1e-3, 1e3),
                        QtSeeds.logUniform(1e-12, 10), SourceDSL.doubles().between(1e-6, 1 - 1e-6))
                .checkAssert((n, sigma, fraction, w) -> {
                    double s0 = fraction * sigma;
                    DepthBalancedLaw law = new DepthBalancedLaw(n, sigma, s0);
                    double s = s0 + w * (sigma - s0);
                    double t = law.timeToReach(s).getAsDouble();
                    double condition = Math.abs(t * law.rate(s) / s);
                    assertRelative(s, law.value(t), PACKAGE_ACCURACY + TEN_ULPS * condition, "s(t(s))");
                });
    }

    /**
     * User report: near saturation value(t) threw Hipparchus's "interval does not bracket a root" from t ~ 21.3
     * (N = 3) and t ~ 24.7 (N = 4), sigma = 1, s0 = 1e-3 (the logit round trip of the bracket's end fell a few ulps
     * short of the last double before sigma). Every t on a grid of step 0.01 across those windows must give a
     * value that does not decrease, stays in [s0, sigma], and is sigma from the time to reach the last double
     * before sigma on (the documented saturation).
     */
    @Test
    void saturationWindowOfTheUserReport() {
        assertEquals(1.0, new DepthBalancedLaw(3, 1.0, 1e-3).value(25.0), "the reported call");
        for (int n : new int[] {3, 4}) {
            DepthBalancedLaw law = new DepthBalancedLaw(n, 1.0, 1e-3);
            double saturated = law.timeToReach(Math.nextDown(1.0)).getAsDouble();
            double previous = 1e-3;
            for (int k = 2000; k <= 2600; k++) {
                double t = k / 100.0;
                double s = law.value(t);
                assertTrue(s >= previous && s <= 1.0, "N=" + n + ", s(" + t + ") = " + s + " after " + previous);
                if (t >= saturated) {
                    assertEquals(1.0, s, "N=" + n + ": saturated at t = " + t + " >= " + saturated);
                }
                previous = s;
            }
        }
    }

    /**
     * Over the documented range (depth 3..100, sigma in [1e-3, 1e3], s0 in [1e-12, 10 sigma]) value(t) returns for
     * every t, is finite, lies between s0 and sigma, is monotone in t (up to the documented error: ten ulps times
     * the condition number t |ds/dt| / s, plus an ulp), and inverts timeToReach where that condition number is at
     * most 1e6 (to 1e-12 relative in t: the ten-ulp error of s divided by the condition number, plus the rounding
     * of t(s), which the closed-form and series tests bound by 1e-12).
     */
    @Test
    void valueIsTotalBoundedMonotoneAndInvertsTheTimeOverTheWholeRange() {
        QtSeeds.qt().forAll(SourceDSL.integers().between(3, DepthBalancedLaw.MAX_DEPTH), QtSeeds.logUniform(1e-3, 1e3),
                        SourceDSL.doubles().between(0, 1),
                        SourceDSL.doubles().between(-6, 1).zip(SourceDSL.doubles().between(0, 1),
                                (logTime, step) -> new double[] {logTime, step}))
                .checkAssert((n, sigma, startPosition, times) -> {
                    double logTime = times[0];
                    double step = times[1];
                    // s0 log-uniform in [1e-12, 10 sigma]
                    double s0 = Math.exp(Math.log(1e-12) + startPosition * (Math.log(10 * sigma) - Math.log(1e-12)));
                    DepthBalancedLaw law = new DepthBalancedLaw(n, sigma, s0);
                    double end = s0 < sigma ? Math.nextDown(sigma) : Math.nextUp(sigma);
                    double saturation = s0 == sigma || s0 == end ? 1 : law.timeToReach(end).getAsDouble();
                    double t1 = saturation * Math.pow(10, logTime);
                    double t2 = t1 * (1 + step);
                    String what = law + " at t = " + t1 + ", " + t2 + " (saturation " + saturation + ")";
                    double s1 = law.value(t1);
                    double s2 = law.value(t2);
                    double lo = Math.min(s0, sigma);
                    double hi = Math.max(s0, sigma);
                    assertTrue(Double.isFinite(s1) && s1 >= lo && s1 <= hi, what + ": s1 = " + s1);
                    assertTrue(Double.isFinite(s2) && s2 >= lo && s2 <= hi, what + ": s2 = " + s2);
                    double condition = Math.abs(t2 * law.rate(s2) / s2);
                    double slack = Math.ulp(s2) + TEN_ULPS * condition * s2;
                    double backwards = s0 < sigma ? s1 - s2 : s2 - s1;
                    assertTrue(backwards <= slack, what + ": not monotone, " + s1 + " then " + s2);
                    double c1 = Math.abs(t1 * law.rate(s1) / s1);
                    if (law.reaches(s1) && s1 != s0 && c1 <= 1e6 && c1 >= 1e-6) {
                        double back = law.timeToReach(s1).getAsDouble();
                        // an error of an ulp or so in s is one of (ulp/s)/condition in t
                        assertEquals(t1, back, 1e-12 * t1 + 4.4e-16 * t1 / c1, what + ": t(s(t1))");
                    }
                });
    }

    /** The 16-point rule integrates x^(2k) over [-1, 1] to 2/(2k + 1) for 2k <= 30 (it is exact to degree 31). */
    @Test
    void shortRuleIsExactForPolynomialsOfDegreeThirtyOne() {
        for (int k = 0; k <= 15; k++) {
            int power = 2 * k;
            double exact = 2.0 / (power + 1);
            assertRelative(exact, DepthBalancedLaw.shortRule(x -> Math.pow(x, power), -1, 2), 2e-15, "x^" + power);
            assertEquals(0.0, DepthBalancedLaw.shortRule(x -> Math.pow(x, power + 1), -1, 2), 1e-16, "odd power");
        }
    }

    /** toString is overridden (cheap on a cold JVM) and must keep the record's canonical form. */
    @Test
    void toStringIsTheRecordForm() {
        assertEquals("DepthBalancedLaw[depth=3, sigma=2.0, initialValue=0.001]",
                new DepthBalancedLaw(3, 2.0, 1e-3).toString());
    }

    @Test
    void edgesOfTime() {
        for (int n : new int[] {3, 4, 6}) {
            for (double fraction : START_FRACTIONS) {
                double sigma = 2;
                DepthBalancedLaw law = new DepthBalancedLaw(n, sigma, fraction * sigma);
                assertEquals(fraction * sigma, law.value(0));
                for (double t : new double[] {1e20, Double.MAX_VALUE, Double.POSITIVE_INFINITY}) {
                    assertEquals(sigma, law.value(t), "saturated at sigma");
                }
                assertFalse(law.reaches(sigma));
            }
        }
        DepthBalancedLaw zero = new DepthBalancedLaw(3, 1, 0);
        assertEquals(0.0, zero.value(1e9), "s0 = 0 stays at 0 (ds/dt = 0 there)");
        assertFalse(zero.reaches(1e-300));
        for (double t : new double[] {0, 0.3, 3, 1e3}) {
            assertEquals(new LogisticLaw(1.5, 0.01).value(t), new DepthBalancedLaw(2, 1.5, 0.01).value(t),
                    "N = 2 is the logistic law");
        }
    }

    @Test
    void inflectionAndPlateauLength() {
        for (int n : new int[] {2, 3, 4, 5, 10}) {
            double sigma = 3;
            DepthBalancedLaw law = new DepthBalancedLaw(n, sigma, 1e-6);
            Inflection inflection = law.inflection().orElseThrow();
            // THEORY.md: s* = sigma (2N - 2)/(3N - 2), where d/ds [N s^p (sigma - s)] = 0, i.e. p (sigma - s*) = s*
            assertEquals(sigma * (2.0 * n - 2) / (3.0 * n - 2), inflection.value());
            Dfp p = of(2).subtract(of(2).divide(of(n)));
            Dfp slope = p.multiply(of(sigma).subtract(of(inflection.value()))).subtract(of(inflection.value()));
            // s* is a double: its rounding, at most ulp(s*)/2 <= 2^-53 (2/3) sigma, moves the slope by p + 1 < 3
            // times that, below 2^-52 sigma = 2.2e-16 sigma; 1e-15 sigma is 4.5 times it
            assertTrue(slope.abs().lessThan(of(1e-15 * sigma)), "rate maximal at s*");
            double tStar = inflection.time().getAsDouble();
            // the plateau makes s(t) ill-conditioned: condition number t |ds/dt| / s (~5e4 for N = 10 here)
            double condition = tStar * law.rate(inflection.value()) / inflection.value();
            assertRelative(inflection.value(), law.value(tStar), PACKAGE_ACCURACY + TEN_ULPS * condition, "s(t*)");
        }
        for (int n : new int[] {3, 4, 5}) {
            double sigma = 0.5;
            double s0 = 1e-12 * sigma;
            double tHalf = new DepthBalancedLaw(n, sigma, s0).halfTime().getAsDouble();
            // Gissin et al. 2020 (THEORY.md): the plateau lasts ~ s0^{-(N-2)/N} / (sigma (N - 2)) as s0 -> 0;
            // the O(1/sigma^{...}) remainder is < 1e-3 of it at s0 = 1e-12 sigma
            double plateau = Math.pow(s0, -(n - 2.0) / n) / (sigma * (n - 2));
            assertEquals(1, tHalf / plateau, 1e-3, "plateau length for N=" + n);
        }
    }

    @Test
    void rateIsTheInverseSlopeOfTheReferenceTime() {
        for (int n : new int[] {3, 5, 8}) {
            double sigma = 1.7;
            double s0 = 1e-4;
            DepthBalancedLaw law = new DepthBalancedLaw(n, sigma, s0);
            for (double s : new double[] {1e-3, 0.3, 1.2, 1.6}) {
                // ds/dt = 1 / (dt/ds), with dt/ds a 40-digit central difference of the series time (h = 1e-10 s)
                Dfp h = of(s).multiply(of(1e-10));
                Dfp slope = seriesTime(n, sigma, s0, s + h.toDouble())
                        .subtract(seriesTime(n, sigma, s0, s - h.toDouble()))
                        .divide(of(s + h.toDouble()).subtract(of(s - h.toDouble())));
                assertRelative(of(1).divide(slope), law.rate(s), PACKAGE_ACCURACY, "N=" + n + ", ds/dt at " + s);
            }
        }
    }

    @Test
    void rejectsBadParameters() {
        assertRejected("depth", () -> new DepthBalancedLaw(1, 1, 0.1));
        assertRejected("depth", () -> new DepthBalancedLaw(DepthBalancedLaw.MAX_DEPTH + 1, 1, 0.1));
        assertRejected("sigma", () -> new DepthBalancedLaw(3, 0, 0.1));
        assertRejected("sigma", () -> new DepthBalancedLaw(3, Double.NaN, 0.1));
        assertRejected("s0", () -> new DepthBalancedLaw(3, 1, -0.1));
        assertRejected("s0", () -> new DepthBalancedLaw(3, 1, Double.POSITIVE_INFINITY));
        assertRejected("t", () -> new DepthBalancedLaw(3, 1, 0.1).value(Double.NaN));
    }

    // ---- review of 2026-12-07: edges of the parameter range ----------------------------------------------------

    /**
     * The time from s0 down to s for 2 sigma <= s < s0, from THEORY.md's ds/dt = N s^p (sigma - s), p = 2 - 2/N:
     * t = integral_s^s0 dx / (N x^p (x - sigma)), and 1/(x - sigma) = sum_k sigma^k / x^{k+1}, so
     * t = (1/N) sum_k sigma^k [s^{-(p+k)} - s0^{-(p+k)}] / (p + k), every term positive (the ratio of the terms is
     * at most sigma/s). In 40 digits. Unlike seriesTime, no plateau term that cancels the leading term: from
     * s0 = 1e105, sigma = 1e5 at N = 100 they cancel to 100 digits.
     */
    static Dfp timeFromAbove(int n, double sigma, double s0, double s) {
        Dfp p = of(2).subtract(of(2).divide(of(n)));
        Dfp sum = of(0);
        Dfp sigmaPower = of(1);
        for (int k = 0; k < 10_000; k++) {
            Dfp exponent = p.add(of(k)).negate();
            Dfp term = sigmaPower.multiply(DfpMath.pow(of(s), exponent).subtract(DfpMath.pow(of(s0), exponent)))
                    .divide(p.add(of(k)));
            sum = sum.add(term);
            if (term.lessThan(sum.multiply(of(1e-45)))) {
                break;
            }
            sigmaPower = sigmaPower.multiply(of(sigma));
        }
        return sum.divide(of(n));
    }

    /**
     * The condition number t |ds/dt| / s of s(t), with ds/dt = N s^p (sigma - s) in 40 digits (it may overflow a
     * double).
     */
    private static double condition(int n, double sigma, double s, double t) {
        Dfp p = of(2).subtract(of(2).divide(of(n)));
        return DfpMath.pow(of(s), p.subtract(of(1))).multiply(of(n)).multiply(of(sigma).subtract(of(s)).abs())
                .multiply(of(t)).toDouble();
    }

    /**
     * Defect 1 (review of 2026-12-07): a decaying start where N s^(3-2/N) overflows (s above ~1e103 at N = 100) with
     * s0/sigma <= 1e100: ds/dt is -infinity there, and the Newton polish clamped s to the end of its bracket, so
     * value collapsed to sigma (1e5 instead of 1e104; 1e100 instead of 1e103). Times from the 40-digit series above.
     */
    @Test
    void aDecayWhoseRateOverflowsIsNotCollapsedToSigma() {
        double[][] cases = {{100, 1e5, 1e105, 1e104}, {100, 1e100, 1e106, 1e103}, {10, 1e15, 1e114, 1e111}};
        for (double[] c : cases) {
            int n = (int) c[0];
            DepthBalancedLaw law = new DepthBalancedLaw(n, c[1], c[2]);
            double s = c[3];
            double t = timeFromAbove(n, c[1], c[2], s).toDouble();
            String what = law + ".value(" + t + ")";
            assertRelative(s, law.value(t), PACKAGE_ACCURACY + TEN_ULPS * condition(n, c[1], s, t), what);
            assertRelative(timeFromAbove(n, c[1], c[2], s), law.timeToReach(s).getAsDouble(), PACKAGE_ACCURACY,
                    law + ".t(" + s + ")");
        }
    }

    /**
     * Far below sigma (s0/sigma = 1.1e-182, below 1e-100) value() follows the plateau law s^-q = s0^-q - (N-2) sigma t,
     * q = (N-2)/N (THEORY.md; exact to double precision there, the class says), here at N = 3 near its blow-up (s
     * 5.1e-132, 224,000 times s0), evaluated in 40 digits at the doubles given. Its value was formed through
     * logarithms, ln a = ln(N-2) + ln sigma + ln t + q ln s0 with terms of about 100 whose roundings add: 2.5e-12
     * relative; as one scaled product (the root finder's plateau start, one method for both since the review of
     * 2026-12-07): 4.2e-15 measured, condition number 1/(1 - a) = 2.6 times that of a.
     */
    @Test
    void thePlateauLawFarBelowSigmaIsEvaluatedToRounding() {
        double sigma = 2.053655352760776E45;
        double s0 = 2.263983883327788E-137;
        double t = 1.6929318489808545;
        Dfp q = of(1).divide(of(3));
        Dfp power = DfpMath.pow(of(s0), q.negate()).subtract(of(sigma).multiply(of(t)));
        // 4.2e-15 measured (above), whence 1e-14
        assertRelative(DfpMath.pow(power, q.reciprocal().negate()), new DepthBalancedLaw(3, sigma, s0).value(t), 1e-14,
                "plateau law at t = " + t);
    }

    /**
     * Where t(s) is flat to an ulp of t over a range of s (N = 20, s0 = 1.6e-20: a plateau of about 8e17 and then
     * the whole rise within a few ulps of t = 1.0e18, condition number about 1/eps), the Newton polish in s stepped
     * a one-ulp residual times the rate past s itself, the clamp sent s to s0 and the second step to 3.4e-20, whose
     * time is 5.0e17, half of t (review of 2026-12-07). Any s the law may answer there has t(s) within a few ulps of
     * t: 1e-15 relative here (the ulp of 1.0e18 is 128, 1.3e-16 of it; the Brent solver's answer, 0.0106, was 1 ulp
     * off), and the polished value was 0.5 off. Here t is within an ulp of the time to reach the last double below
     * sigma (mpmath's quadrature: 1013964057141060498, t = 1013964057141060480, 2026-12-08), so sigma, the answer at
     * and beyond that time, is one too, with that time within the same 1e-15 of t (the plateau's time rounded
     * differently since the review of 2026-12-08, the law's end time rounds to t itself).
     */
    @Test
    void aFlatTimeMapKeepsTheSolversAnswer() {
        DepthBalancedLaw law = new DepthBalancedLaw(20, 0.036056789734711304, 1.591874230457383E-20);
        double t = 1.01396405714106048E18;
        double s = law.value(t);
        double reached = s == law.sigma() ? Math.nextDown(s) : s;
        assertRelative(t, law.timeToReach(reached).getAsDouble(), 1e-15, law + ".value(" + t + ") = " + s);
    }

    /**
     * Subnormal times far above sigma (sigma = 1e100, s0 = 1e200 and 1e300, N = 7, 10, 100): s stays above 1e155 =
     * 1e55 sigma, where the law is THEORY.md's off-target law ds/dt = -N s^(3-2/N) to a relative rate error sigma/s
     * below 1e-55, s^-p = s0^-p + p N t with p = 2 - 2/N, evaluated in 40 digits at the double t. The Brent solver
     * that value() used before scaled its residual by 2^-getExponent(t), which is 2^1023 for every subnormal t, so
     * t = MIN_VALUE came to 2^-51, below the solver's function-value accuracy (1e-15): it accepted a point where
     * t(s) was about 0 and the Newton polish ran to the bracket's end, sigma (9.2e187 at N = 7); at t = 1e-320 it
     * was 6.5e-6 off, at 1e-315 1.2e-9. Measured now: at most 3.2e-14 (N = 100, t = 1e-315).
     */
    @Test
    void aSubnormalTimeFarAboveSigmaFollowsTheOffTargetLaw() {
        for (int n : new int[] {7, 10, 100}) {
            Dfp p = of(2).subtract(of(2).divide(of(n)));
            for (double s0 : new double[] {1e200, 1e300}) {
                DepthBalancedLaw law = new DepthBalancedLaw(n, 1e100, s0);
                for (double t : new double[] {Double.MIN_VALUE, 1e-320, 1e-315, 1e-310}) {
                    Dfp power = DfpMath.pow(of(s0), p.negate()).add(p.multiply(of(n)).multiply(of(t)));
                    assertRelative(DfpMath.pow(power, of(-1).divide(p)), law.value(t), 1e-13,
                            law + ".value(" + t + ")");
                }
            }
        }
    }

    /**
     * A time near the largest double, t = s^-p sum / N with s^-p = 1.7e308 (p = 4/3, s = 6.7e-232) and the series
     * sum about 1.09 (sigma = s/2): s^-p sum overflowed before its division by N = 3 and the time came out infinite;
     * it is 6.2e307 (LawSupport.powerTimes, review of 2026-12-07). The time from the 40-digit series above.
     */
    @Test
    void aTimeNearTheLargestDoubleIsFinite() {
        double s = Math.pow(1.7e308, -0.75);
        DepthBalancedLaw law = new DepthBalancedLaw(3, s / 2, 1e-200);
        Dfp expected = timeFromAbove(3, s / 2, 1e-200, s);
        assertTrue(expected.toDouble() > 5e307 && expected.toDouble() < Double.MAX_VALUE, expected.toString());
        // measured 5.0e-16 (2.3 ulps, 2026-12-07); 1e-13 is 200 times it
        assertRelative(expected, law.timeToReach(s).getAsDouble(), 1e-13, law + ".t(" + s + ")");
    }

    /**
     * Defect 3 (review of 2026-12-07): from s0/sigma above 2000^N the law followed the off-target law, whose
     * relative rate error sigma/s cost 1.5e-10 of the time at N = 3 (documented as ~1e-16). Times from the 40-digit
     * series above.
     */
    @Test
    void aFarStartAtDepthThreeIsAccurate() {
        DepthBalancedLaw near = new DepthBalancedLaw(3, 1, 1e10);
        // measured at most 2.4e-16 (1.1 ulps) over the three (2026-12-07); 1e-13 is 400 times it
        assertRelative(timeFromAbove(3, 1, 1e10, 5e9), near.timeToReach(5e9).getAsDouble(), 1e-13, "t(5e9) from 1e10");
        DepthBalancedLaw far = new DepthBalancedLaw(3, 1, 1e20);
        double t = timeFromAbove(3, 1, 1e20, 3e9).toDouble();
        assertRelative(3e9, far.value(t), 1e-13 + TEN_ULPS * condition(3, 1, 3e9, t), "s(" + t + ") from 1e20");
        assertRelative(timeFromAbove(3, 1, 1e20, 3e9), far.timeToReach(3e9).getAsDouble(), 1e-13, "t(3e9) from 1e20");
    }

    /**
     * Review of 2026-12-07 (laws, defect 3): timeToReachByQuadrature never took the series that timeToReach uses from
     * s0 > 4 sigma, and its plateau term and quadrature cancelled: N = 3, sigma = 1, s0 = 1e10, s = 9e9 gave
     * 1.7363565554991134e-15 for 1.7501906041844111e-15 (7.9e-3 relative); N = 3 from 1e7 to 9e6, 4.5e-7; N = 100,
     * sigma = 1e-3, from 1e-2 to 0.009999999991, 1452 ulps. Times from the 40-digit series above (timeFromAbove).
     */
    @Test
    void theQuadratureFromFarAboveSigmaTakesTheSeries() {
        double[][] cases = {{3, 1, 1e10, 9e9}, {3, 1, 1e7, 9e6}, {3, 1e-3, 1e7, 2e-3},
                            {100, 1e-3, 1e-2, 0.009999999991}, {7, 1, 1e5, 3}};
        for (double[] c : cases) {
            DepthBalancedLaw law = new DepthBalancedLaw((int) c[0], c[1], c[2]);
            Dfp expected = timeFromAbove((int) c[0], c[1], c[2], c[3]);
            String what = law + ".t(" + c[3] + ")";
            // measured at most 5.7e-16 (2.6 ulps) over the five (2026-12-07); 1e-14 is 18 times it
            assertRelative(expected, law.timeToReachByQuadrature(c[3]).getAsDouble(), 1e-14, "quadrature " + what);
            assertRelative(expected, law.timeToReach(c[3]).getAsDouble(), 1e-14, what);
        }
        // below 2 sigma from far above: the series to 2 sigma, then the quadrature of a law started there (the
        // split's second branch, which the cases above never reach); THEORY.md's closed forms for N = 3 and 4
        double[][] below = {{3, 1, 1e5, 1.5}, {3, 1e-3, 1e4, 1.2e-3}, {4, 1, 1e6, 1.2}};
        for (double[] c : below) {
            DepthBalancedLaw law = new DepthBalancedLaw((int) c[0], c[1], c[2]);
            Dfp expected = c[0] == 3 ? depth3Time(c[1], c[2], c[3]) : depth4Time(c[1], c[2], c[3]);
            String what = law + ".t(" + c[3] + ")";
            // measured at most 4.1e-16 (1.9 ulps) over the three (2026-12-07); 1e-13 is 240 times it
            assertRelative(expected, law.timeToReachByQuadrature(c[3]).getAsDouble(), 1e-13, "quadrature " + what);
            assertRelative(expected, law.timeToReach(c[3]).getAsDouble(), 1e-13, what);
        }
    }

    /**
     * Review of 2026-12-07 (laws, defect 7): rate formed N |s|^p (sigma - s) with Math.pow and a rounded p, so a
     * subnormal or vanishing s^p lost the rate: N = 100, sigma = 1e300, rate(1e-300) gave 0 for
     * 1.0000000000000001021e-292; N = 3, rate(1e-240) 2.999966601548049e-20 for 3.000000000000000035e-20 (s^(4/3)
     * subnormal). Reference: THEORY.md's ds/dt = N s^(2 - 2/N) (sigma - s) in 40 digits, to 8 ulps (2^-50); both
     * signs of s (the equation is stated for every s).
     */
    @Test
    void theRateIsADoubleWhereItsPowerLeavesTheDoubles() {
        double[][] cases = {{100, 1e300, 1e-300}, {3, 1e300, 1e-240}, {3, 1e300, -1e-240}, {7, 1, 1e-150},
                            {4, 1e-5, 1e200}, {50, 1, 1e-3}, {3, 1e-10, -1.7e308}, {10, 1e300, 1e-320}};
        for (double[] c : cases) {
            int n = (int) c[0];
            Dfp p = of(2).subtract(of(2).divide(of(n)));
            Dfp expected = of(n).multiply(DfpMath.pow(of(Math.abs(c[2])), p)).multiply(of(c[1]).subtract(of(c[2])));
            double actual = new DepthBalancedLaw(n, c[1], 0.5).rate(c[2]);
            if (expected.abs().greaterThan(of(Double.MAX_VALUE))) {
                assertEquals(expected.negativeOrNull() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, actual);
            } else {
                assertRelative(expected, actual, 0x1p-50, "N=" + n + ", sigma=" + c[1] + ", rate(" + c[2] + ")");
            }
        }
    }

    /**
     * Defect 4 (review of 2026-12-07): at sigma = 1e-100, s0 = 1e-200 the rate 3 s0^(4/3) (sigma - s0) ~ 3e-367
     * underflows to 0 and the first-order shortcut returned s0, although the step t ds/dt ~ 3e-210 is a double. The
     * time to reach s = 1.0000000003e-200 from the 40-digit series of THEORY.md (seriesTime: plateau term plus the
     * power series below sigma).
     */
    @Test
    void theFirstOrderStepSurvivesAnUnderflowingRate() {
        DepthBalancedLaw law = new DepthBalancedLaw(3, 1e-100, 1e-200);
        double s = 1.0000000003e-200;
        double t = seriesTime(3, 1e-100, 1e-200, s).toDouble();
        // measured 0 (2026-12-07); the floor 1e-13 is 450 ulps, TEN_ULPS the law's documented error
        assertRelative(s, law.value(t), 1e-13 + TEN_ULPS * condition(3, 1e-100, s, t), "s(" + t + ")");
    }

    /**
     * For sigma outside [1e-100, 1e100] value() evaluates the scale-free law at {@code sigma^p t}, p = 2 - 2/N; formed
     * through logarithms, that time cost {@code (|ln t| + p |ln sigma|) 2^-53}, up to 1e-13 relative, which the
     * condition number multiplies (review of 2026-12-08: at the 40-digit half-times below, 2.6e-14 and 1.3e-13 off
     * where the condition number is about 1, and 0.679 sigma at N = 100, where the values of the neighbouring doubles
     * span 0.4997 to 0.5003 sigma). Times from the 40-digit series of THEORY.md; mpmath's quadrature of
     * {@code ds / (N s^p (sigma - s))} agrees (1.1509937672887844e-225 and 2.0409285311750199e-272, 2026-12-08).
     */
    @Test
    void theScaleFreeValueFormsItsTimeAsOneProduct() {
        double[][] cases = {{4, 1e150, 1e149}, {3, 1e200, 2e199}, {4, 1e-150, 1e-151},
                            {100, 8.653407433333122e142, 2.2322027970562204e129}};
        for (double[] c : cases) {
            int n = (int) c[0];
            double sigma = c[1];
            double half = sigma / 2;
            double t = seriesTime(n, sigma, c[2], half).toDouble();
            assertRelative(half, new DepthBalancedLaw(n, sigma, c[2]).value(t),
                    1e-15 + TEN_ULPS * condition(n, sigma, half, t), "N = " + n + ", sigma = " + sigma);
        }
    }

    /**
     * The time to reach a value from the plateau term {@code s0^-q (1 - (s0/s)^q) / (sigma (N - 2))}: with
     * {@code Math.pow(s0, -q)} and the rounded {@code q = (N-2)/N} it cost {@code q |ln s0| 2^-53} (1.2e-14 at N = 100,
     * s0 = 1e-300; 1.0e-14 at N = 10, s0 = 1e-99), and with {@code ln(s/s0)} as a difference of two logarithms near
     * 460 it lost 2.7e-14 of the half-time at sigma = 1e200, s0 = 2e199 (review of 2026-12-08). Now within 1e-15 (4.5
     * ulps; measured 0 to 1 ulp), against the 40-digit series of THEORY.md (mpmath's quadrature agrees:
     * 1.0204081632653061224e292, 1.9811164905763918565e78 and 1.4500256877895401219e-267, 2026-12-08).
     */
    @Test
    void theTimeFromAFarStartIsAccurateAtEveryScale() {
        double[][] cases = {{100, 1, 1e-300}, {10, 1, 1e-99}, {5, 1, 1e-99}, {3, 1e200, 2e199}, {4, 1e-200, 3e-201}};
        for (double[] c : cases) {
            int n = (int) c[0];
            double half = c[1] / 2;
            assertRelative(seriesTime(n, c[1], c[2], half), new DepthBalancedLaw(n, c[1], c[2]).timeToReach(half)
                    .orElseThrow(), 1e-15, "N = " + n + ", sigma = " + c[1] + ", s0 = " + c[2]);
        }
    }
}
