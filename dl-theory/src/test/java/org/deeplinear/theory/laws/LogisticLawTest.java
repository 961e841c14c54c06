package org.deeplinear.theory.laws;

import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.deeplinear.theory.laws.Reference.assertRelative;
import static org.deeplinear.theory.laws.Reference.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.dfp.Dfp;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

class LogisticLawTest {

    /**
     * The package's documented accuracy (package-info: within 1e-12 relative of 40-digit references where well
     * conditioned). The law documents a few ulps times 1 + 2 sigma t, unbounded here; the condition number in t,
     * 2 t |sigma - s| (assertWithinCondition), is at most 23.5 over issue 5's range s0 >= 1e-12 sigma (max over
     * x = 2 sigma t of x c e^-x / (1 + c e^-x), c = 1e12 - 1, at x = 24.5; python3), so a correct value is within
     * about 24 * 4 ulps = 2.1e-14. Measured (2026-12-07): at most 3.0 ulps on Eq. 12, 51 ulps on the sign caveat,
     * 15 ulps on the round trip.
     */
    private static final double PACKAGE_ACCURACY = 1e-12;
    /** One ulp of 1, relative: 2^-52 = 2.22e-16. */
    private static final double ONE_ULP = 0x1p-52;
    /**
     * The "few ulps" that timeToReach documents (LogisticLaw's Javadoc), read as 4 ulps, 4 * 2^-52 = 8.9e-16 (as
     * LambdaBalancedLawTest reads it).
     */
    private static final double FEW_ULPS = 4 * 0x1p-52;

    /** The ends and middle of issue 5's range sigma in [1e-3, 1e3] (DepthBalancedLaw's Javadoc). */
    private static final double[] SIGMAS = {1e-3, 1, 1e3};
    /** s0 / sigma over the whole range of the issue: 1e-12 .. 10, both sides of sigma/2 and of sigma. */
    private static final double[] START_FRACTIONS = {1e-12, 1e-6, 0.3, 0.5, 0.999, 1.001, 2, 10};
    /** 2 sigma t: from the start of the plateau to deep saturation. */
    private static final double[] SCALED_TIMES = {1e-9, 1e-3, 0.5, 3, 14, 28, 40, 300, 1e4, 1e12, 1e300};

    /**
     * Saxe et al. 2014, Eq. 12 (THEORY.md): s(t) = sigma e^{2 sigma t} / (e^{2 sigma t} - 1 + sigma/s0), for s0 > 0;
     * divided through by e^{2 sigma t} when that exponential would leave even the 40-digit range.
     */
    static Dfp saxe(double sigma, double s0, double t) {
        Dfp x = of(2).multiply(of(sigma)).multiply(of(t));
        Dfp ratio = of(sigma).divide(of(s0));
        if (x.lessThan(of(1e4))) {
            Dfp e = x.exp();
            return of(sigma).multiply(e).divide(e.subtract(of(1)).add(ratio));
        }
        // e^{-x} < 1e-4300: below the 40-digit resolution of 1 + (sigma/s0 - 1) e^{-x}
        return of(sigma);
    }

    /**
     * The sign caveat (THEORY.md): for s0 < 0, r = -s solves dr/dt = 2 r (-sigma - r), the logistic equation with
     * sigma' = -sigma, so Eq. 12 with (sigma', r0) gives
     * r(t) = sigma' e^{2 sigma' t} / (e^{2 sigma' t} - 1 + sigma'/r0).
     */
    static Dfp signCaveat(double sigma, double s0, double t) {
        Dfp sigmaPrime = of(-sigma);
        Dfp x = of(2).multiply(sigmaPrime).multiply(of(t));
        Dfp e = x.exp();
        Dfp r = sigmaPrime.multiply(e).divide(e.subtract(of(1)).add(sigmaPrime.divide(of(-s0))));
        return r.negate();
    }

    /** THEORY.md: t = ln[s (sigma - s0) / (s0 (sigma - s))] / (2 sigma). */
    static Dfp saxeTime(double sigma, double s0, double s) {
        Dfp num = of(s).multiply(of(sigma).subtract(of(s0)));
        Dfp den = of(s0).multiply(of(sigma).subtract(of(s)));
        return num.divide(den).log().divide(of(2).multiply(of(sigma)));
    }

    @Test
    void valueMatchesSaxeEquation12OverTheWholeRange() {
        for (double sigma : SIGMAS) {
            for (double fraction : START_FRACTIONS) {
                double s0 = fraction * sigma;
                LogisticLaw law = new LogisticLaw(sigma, s0);
                for (double scaled : SCALED_TIMES) {
                    double t = scaled / (2 * sigma);
                    assertRelative(saxe(sigma, s0, t), law.value(t), PACKAGE_ACCURACY,
                            "s(" + t + ") for sigma=" + sigma + ", s0=" + s0);
                }
            }
        }
    }

    @Test
    void valueMatchesSaxeEquation12ForRandomParameters() {
        QtSeeds.qt().forAll(QtSeeds.logUniform(1e-3, 1e3), QtSeeds.logUniform(1e-12, 10),
                        QtSeeds.logUniform(1e-10, 1e3))
                .checkAssert((sigma, fraction, scaled) -> {
                    double s0 = fraction * sigma;
                    double t = scaled / (2 * sigma);
                    assertRelative(saxe(sigma, s0, t), new LogisticLaw(sigma, s0).value(t), PACKAGE_ACCURACY, "s(t)");
                });
    }

    @Test
    void negativeStartDecaysToZeroAndNeverGrows() {
        for (double sigma : SIGMAS) {
            for (double fraction : new double[] {-1e-12, -0.5, -10}) {
                double s0 = fraction * sigma;
                LogisticLaw law = new LogisticLaw(sigma, s0);
                double previous = s0;
                for (double scaled : new double[] {1e-9, 1e-3, 0.5, 3, 30, 300}) {
                    double t = scaled / (2 * sigma);
                    double s = law.value(t);
                    assertRelative(signCaveat(sigma, s0, t), s, PACKAGE_ACCURACY, "sign caveat s(" + t + ")");
                    assertTrue(s < 0 && s >= previous, "monotone rise towards 0 from below");
                    previous = s;
                }
                assertEquals(0.0, law.value(Double.POSITIVE_INFINITY), 0.0, "limit 0 (from below: -0.0)");
                assertEquals(0.0, law.limit());
                assertFalse(law.reaches(0), "0 is only the limit");
                assertFalse(law.halfTime().isPresent());
            }
        }
    }

    @Test
    void zeroStartStaysAtZero() {
        LogisticLaw law = new LogisticLaw(2, 0);
        assertEquals(0.0, law.value(1e6));
        assertEquals(0.0, law.timeToReach(0).getAsDouble());
        assertFalse(law.reaches(1e-300));
        assertEquals(0.0, law.rate(0));
    }

    @Test
    void largeTimesGiveSigmaExactlyEnough() {
        for (double sigma : SIGMAS) {
            for (double fraction : START_FRACTIONS) {
                LogisticLaw law = new LogisticLaw(sigma, fraction * sigma);
                for (double t : new double[] {1e8 / sigma, Double.MAX_VALUE, Double.POSITIVE_INFINITY}) {
                    // saturation: |s - sigma| = |sigma/s0 - 1| sigma e^{-2 sigma t} is far below one ulp here;
                    // measured: exactly sigma in all 72 cases (2026-12-07)
                    assertRelative(sigma, law.value(t), ONE_ULP, "s(" + t + ")");
                }
            }
        }
    }

    /**
     * Review of 2026-12-07, defect 8: the time divided ln(...) by sigma, then halved, and overflowed where the time is
     * finite: new LogisticLaw(2.2250738585072014e-308, 1e-310).timeToReach(2.0035664726564815e-308) gave infinity
     * for 1.7084116283880843194e308; likewise from a negative start (r0 = 1e-309 to r = 1e-312, 1.54e308) and
     * from above sigma (1e-300 down to 2.2273e-308).
     * Reference: THEORY.md's inverse (saxeTime) in 40 digits; for s0 < 0, r = -s solves the logistic equation with
     * sigma' = -sigma (see signCaveat), so its time is saxeTime(-sigma, -s0, -s).
     */
    @Test
    void aTimeJustBelowTheLargestDoubleIsFinite() {
        double sigma = Double.MIN_NORMAL;
        double[][] cases = {{1e-310, 2.0035664726564815e-308}, {-1e-309, -1e-312}, {1e-300, 2.2273e-308}};
        for (double[] c : cases) {
            Dfp expected = c[0] > 0 ? saxeTime(sigma, c[0], c[1]) : saxeTime(-sigma, -c[0], -c[1]);
            assertTrue(expected.greaterThan(of(Double.MAX_VALUE / 2)) && expected.lessThan(of(Double.MAX_VALUE)),
                    expected.toString());
            assertRelative(expected, new LogisticLaw(sigma, c[0]).timeToReach(c[1]).getAsDouble(), FEW_ULPS,
                    "t(" + c[1] + ") from " + c[0]);
        }
    }

    @Test
    void timeToReachMatchesTheInverseFormula() {
        for (double sigma : SIGMAS) {
            for (double fraction : START_FRACTIONS) {
                double s0 = fraction * sigma;
                LogisticLaw law = new LogisticLaw(sigma, s0);
                double[] targets = s0 < sigma
                        ? new double[] {s0 * (1 + 1e-12), s0 * 1.5, 0.5 * sigma, 0.9 * sigma, 0.999999 * sigma,
                                        Math.nextDown(sigma)}
                        : new double[] {s0 * (1 - 1e-12), (s0 + sigma) / 2, 1.000001 * sigma, Math.nextUp(sigma)};
                for (double s : targets) {
                    if (!(s0 < sigma ? s > s0 && s < sigma : s < s0 && s > sigma)) {
                        continue;
                    }
                    // exact double inputs: the log1p form is accurate even where t(s) is ill-conditioned
                    assertRelative(saxeTime(sigma, s0, s), law.timeToReach(s).getAsDouble(), PACKAGE_ACCURACY,
                            "t(" + s + ") for sigma=" + sigma + ", s0=" + s0);
                }
                assertFalse(law.reaches(sigma), "sigma is only the limit");
                assertFalse(law.reaches(s0 < sigma ? s0 / 2 : 2 * s0), "before the start");
                assertEquals(0.0, law.timeToReach(s0).getAsDouble());
            }
        }
    }

    @Test
    void negativeStartTimeMatchesTheSignCaveatInverse() {
        double sigma = 3;
        double s0 = -2;
        LogisticLaw law = new LogisticLaw(sigma, s0);
        for (double s : new double[] {-1.999999, -1, -1e-3, -1e-12}) {
            // inverse of the sigma' = -sigma logistic for r = -s:
            // t = ln[r (sigma' - r0) / (r0 (sigma' - r))] / (2 sigma')
            Dfp r = of(-s);
            Dfp r0 = of(-s0);
            Dfp sp = of(-sigma);
            Dfp expected = r.multiply(sp.subtract(r0)).divide(r0.multiply(sp.subtract(r))).log()
                    .divide(of(2).multiply(sp));
            assertRelative(expected, law.timeToReach(s).getAsDouble(), PACKAGE_ACCURACY, "t(" + s + ")");
        }
        assertFalse(law.reaches(1e-9));
    }

    @Test
    void roundTripValueOfTimeToReach() {
        QtSeeds.qt().forAll(QtSeeds.logUniform(1e-3, 1e3), QtSeeds.logUniform(1e-12, 10),
                        SourceDSL.doubles().between(1e-6, 1 - 1e-6))
                .checkAssert((sigma, fraction, w) -> {
                    double s0 = fraction * sigma;
                    LogisticLaw law = new LogisticLaw(sigma, s0);
                    double s = s0 + w * (sigma - s0); // strictly between s0 and sigma
                    double t = law.timeToReach(s).getAsDouble();
                    // value's condition number in t is 2 t |sigma - s| <= 60 here: 1e-12 is ample
                    assertRelative(s, law.value(t), PACKAGE_ACCURACY, "s(t(s))");
                });
    }

    @Test
    void halfTimeAndInflection() {
        for (double sigma : SIGMAS) {
            for (double fraction : new double[] {1e-12, 1e-3, 0.25}) {
                double s0 = fraction * sigma;
                LogisticLaw law = new LogisticLaw(sigma, s0);
                // THEORY.md: t_half = ln(sigma/s0 - 1) / (2 sigma)
                Dfp expected = of(sigma).divide(of(s0)).subtract(of(1)).log().divide(of(2 * sigma));
                assertRelative(expected, law.halfTime().getAsDouble(), PACKAGE_ACCURACY, "t_half");
                Inflection inflection = law.inflection().orElseThrow();
                assertEquals(sigma / 2, inflection.value());
                assertEquals(law.halfTime().getAsDouble(), inflection.time().getAsDouble());
                assertRelative(sigma / 2, law.value(law.halfTime().getAsDouble()), PACKAGE_ACCURACY, "s(t_half)");
            }
        }
        LogisticLaw above = new LogisticLaw(1, 0.75);
        assertEquals(0.5, above.inflection().orElseThrow().value());
        assertFalse(above.inflection().orElseThrow().time().isPresent(), "started past the inflection");
    }

    @Test
    void rateIsTheDerivativeOfTheValue() {
        QtSeeds.qt().forAll(QtSeeds.logUniform(1e-3, 1e3), QtSeeds.logUniform(1e-12, 0.9),
                        SourceDSL.doubles().between(0.01, 0.95))
                .checkAssert((sigma, fraction, w) -> {
                    double s0 = fraction * sigma;
                    LogisticLaw law = new LogisticLaw(sigma, s0);
                    double t = law.timeToReach(s0 + w * (0.99 * sigma - s0)).getAsDouble();
                    // central difference of Eq. 12 in 40 digits, h = 1e-12 t: truncation O(h^2) ~ 1e-24 relative
                    Dfp h = of(t).multiply(of(1e-12));
                    Dfp derivative = saxeDfp(sigma, s0, of(t).add(h)).subtract(saxeDfp(sigma, s0, of(t).subtract(h)))
                            .divide(h.multiply(2));
                    double s = saxe(sigma, s0, t).toDouble();
                    // rate(s) = 2 s (sigma - s) amplifies the rounding of s by |sigma - 2s|/|sigma - s| <= 100 here
                    assertRelative(derivative, law.rate(s), PACKAGE_ACCURACY, "ds/dt");
                });
    }

    /** Eq. 12 at a 40-digit time (for finite differences). */
    private static Dfp saxeDfp(double sigma, double s0, Dfp t) {
        Dfp e = of(2).multiply(of(sigma)).multiply(t).exp();
        return of(sigma).multiply(e).divide(e.subtract(of(1)).add(of(sigma).divide(of(s0))));
    }

    /**
     * Eq. 12 for s0 > 0, the sign caveat for s0 < 0 (both as {@link #saxe} and {@link #signCaveat} write them),
     * the exact law of the given doubles in 40 digits, for {@code x = 2 sigma t} up to {@code 1e4}: the
     * denominator's {@code e^x - 1} is taken from {@link #expm1}, so that it keeps its digits when {@code x} is tiny
     * (in 40 digits, {@code exp(1e-23) - 1} keeps 17 of them), and the numerator's {@code e^x} from {@code exp}.
     */
    static Dfp exact(double sigma, double s0, double t) {
        Dfp x = of(2).multiply(of(sigma)).multiply(of(t));
        if (s0 > 0) {
            // sigma e^x / (e^x - 1 + sigma/s0)
            return of(sigma).multiply(x.exp()).divide(expm1(x).add(of(sigma).divide(of(s0))));
        }
        // sigma' = -sigma, r0 = -s0: -r with r = sigma' e^{-x} / (e^{-x} - 1 + sigma'/r0)
        Dfp sigmaPrime = of(-sigma);
        return sigmaPrime.multiply(x.negate().exp()).divide(expm1(x.negate()).add(sigmaPrime.divide(of(-s0))))
                .negate();
    }

    /** {@code e^x - 1} in 40 digits: its Taylor series {@code x + x^2/2! + ...} for {@code |x| < 1e-3}. */
    private static Dfp expm1(Dfp x) {
        if (!x.abs().lessThan(of(1e-3))) {
            return x.exp().subtract(of(1));
        }
        Dfp sum = x;
        Dfp term = x;
        for (int k = 2; !term.isZero() && term.abs().greaterThan(sum.abs().multiply(of(1e-45))); k++) {
            term = term.multiply(x).divide(of(k));
            sum = sum.add(term);
        }
        return sum;
    }

    /**
     * Asserts a value to a few ulps times the condition number {@code |t s'(t) / s| = 2 t |sigma - s|} (the rate is
     * {@code 2 |s| (sigma - s)}): rounding the time moves s by that many ulps, and the law's dozen roundings add
     * {@code 16} (measured: at most 1.1 ulps beyond twice the condition number, on 3,000 cases drawn as in
     * {@link #valueOverTheWholeDoubleRange}); a subnormal result is rounded to a multiple of
     * the smallest double from an already rounded significand, so one smallest double is allowed on top.
     */
    private static void assertWithinCondition(double sigma, double s0, double t, double actual) {
        Dfp expected = exact(sigma, s0, t);
        double condition = of(2).multiply(of(t)).multiply(of(sigma).subtract(expected)).abs().toDouble();
        double eps = Math.ulp(1.0);
        Dfp allowed = expected.abs().multiply(of(eps * (16 + condition))).add(of(Double.MIN_VALUE));
        assertTrue(of(actual).subtract(expected).abs().lessThan(allowed),
                () -> "LogisticLaw(" + sigma + ", " + s0 + ").value(" + t + ") = " + actual + ", expected " + expected
                        + " (condition " + condition + ")");
    }

    @Test
    void valueWhereTheStartOverSigmaOverflows() {
        // review of 2026-12-07: s0/sigma (or |s0|/sigma) overflowed, and the value was sigma, s0 or -0.0; the
        // expected values are Eq. 12 and the sign caveat in 40 digits (the reviewer's 60-digit Dfp gave
        // 1.5819767068693264E-5, 1.1565176427496656E-150 and -0.004995001666666556)
        assertWithinCondition(1e-5, 1.7e308, 5e4, new LogisticLaw(1e-5, 1.7e308).value(5e4));
        assertWithinCondition(1e-150, 1e300, 1e150, new LogisticLaw(1e-150, 1e300).value(1e150));
        assertWithinCondition(1e-5, -1.7e308, 100, new LogisticLaw(1e-5, -1.7e308).value(100));
        assertWithinCondition(Double.MIN_VALUE, Double.MAX_VALUE, 1e300,
                new LogisticLaw(Double.MIN_VALUE, Double.MAX_VALUE).value(1e300));
        assertWithinCondition(Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE,
                new LogisticLaw(Double.MIN_VALUE, -Double.MAX_VALUE).value(Double.MAX_VALUE));
    }

    @Test
    void valueWhereTheStartOverSigmaIsSubnormal() {
        // review of 2026-12-07: s0/sigma and e^{-2 sigma t} subnormal, their digits lost (5.0000556647062896E299
        // against 4.999999999999979E299, 0.5 against 0.49701510952342076 in the reviewer's 60-digit Dfp)
        assertWithinCondition(1e300, 1e-20, 3.684136148790473E-298,
                new LogisticLaw(1e300, 1e-20).value(3.684136148790473E-298));
        assertWithinCondition(1, Double.MIN_VALUE, 372.2140661088184,
                new LogisticLaw(1, Double.MIN_VALUE).value(372.2140661088184));
        // ModeLaw: value(+infinity) is the limit, exactly (it was 2.9985185185185186 for sigma 3, s0 1e-320)
        assertEquals(3.0, new LogisticLaw(3, 1e-320).value(Double.POSITIVE_INFINITY));
        assertEquals(3.0, new LogisticLaw(3, 1e-320).limit());
    }

    @Test
    void valueOverTheWholeDoubleRange() {
        // sigma and |s0| from the smallest to the largest double, both signs of s0, and 2 sigma t from the plateau
        // (1e-20) past the point where e^{-2 sigma t} meets s0/sigma (up to ln(MAX/MIN_VALUE) = 1454) to 2e3
        // (1.7e308, not MAX_VALUE: 10^log10(MAX_VALUE) rounds to infinity)
        QtSeeds.qt().forAll(QtSeeds.logUniform(Double.MIN_VALUE, 1.7e308),
                        QtSeeds.logUniform(Double.MIN_VALUE, 1.7e308), SourceDSL.booleans().all(),
                        QtSeeds.logUniform(1e-20, 2e3))
                .checkAssert((sigma, magnitude, negative, x) -> {
                    double s0 = negative ? -magnitude : magnitude;
                    double t = Math.min(x / 2 / sigma, Double.MAX_VALUE);
                    LogisticLaw law = new LogisticLaw(sigma, s0);
                    assertWithinCondition(sigma, s0, t, law.value(t));
                    assertEquals(law.limit(), law.value(Double.POSITIVE_INFINITY), "value(+infinity) = limit()");
                });
    }

    @Test
    void rejectsBadParameters() {
        assertRejected("sigma", () -> new LogisticLaw(Double.NaN, 1));
        assertRejected("sigma", () -> new LogisticLaw(0, 1));
        assertRejected("sigma", () -> new LogisticLaw(-1, 1));
        assertRejected("sigma", () -> new LogisticLaw(Double.POSITIVE_INFINITY, 1));
        assertRejected("s0", () -> new LogisticLaw(1, Double.NaN));
        assertRejected("s0", () -> new LogisticLaw(1, Double.NEGATIVE_INFINITY));
        LogisticLaw law = new LogisticLaw(1, 0.1);
        assertRejected("t", () -> law.value(-1));
        assertRejected("t", () -> law.value(Double.NaN));
        assertRejected("s", () -> law.timeToReach(Double.NaN));
        assertRejected("s", () -> law.rate(Double.POSITIVE_INFINITY));
    }
}
