package org.deeplinear.theory.laws;

import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;

import org.deeplinear.core.Arguments;

/**
 * Argument checks and cancellation-free elementary pieces shared by the laws of this package.
 *
 * <p>Stateless; package-private because its functions are implementation details of the laws.
 */
final class LawSupport {

    /** Above this argument {@code asinh(x) = ln(2x) + 1/(4x^2) + ...} is {@code ln(2x)} to double precision. */
    private static final double ASINH_LARGE = 1e8;

    private LawSupport() {
    }

    /**
     * Checks a time argument.
     *
     * @param t the time
     * @return {@code t}
     * @throws IllegalArgumentException if {@code t} is NaN or negative
     */
    static double checkTime(double t) {
        Arguments.check(t >= 0, "t", t, "a time >= 0 (or +infinity)");
        return t;
    }

    /**
     * Checks a value argument.
     *
     * @param s the value
     * @return {@code s}
     * @throws IllegalArgumentException if {@code s} is NaN or infinite
     */
    static double checkValue(double s) {
        return Arguments.finite("s", s);
    }

    /**
     * Whether a trajectory that runs monotonically from {@code start} towards {@code limit} (never reaching it)
     * takes the value {@code s}.
     *
     * @param s     the value asked for
     * @param start the initial value
     * @param limit the limit as {@code t -> infinity}
     * @return true if {@code s == start} or {@code s} lies strictly between {@code start} and {@code limit}
     */
    static boolean between(double s, double start, double limit) {
        return s == start || (start < limit ? start < s && s < limit : limit < s && s < start);
    }

    /**
     * The time to reach {@code s} on a trajectory that runs monotonically from {@code start} towards {@code limit}:
     * 0 at the start, empty where the trajectory never goes, otherwise the given elapsed-time function.
     *
     * @param s       the value asked for
     * @param start   the initial value
     * @param limit   the limit as {@code t -> infinity}
     * @param elapsed the time from {@code start} to a value strictly between {@code start} and {@code limit}
     * @return the time, or empty
     * @throws IllegalArgumentException if {@code s} is NaN or infinite
     */
    static OptionalDouble timeToReach(double s, double start, double limit, DoubleUnaryOperator elapsed) {
        checkValue(s);
        if (s == start) {
            return OptionalDouble.of(0);
        }
        return between(s, start, limit) ? OptionalDouble.of(elapsed.applyAsDouble(s)) : OptionalDouble.empty();
    }

    /**
     * {@code ln(1 + (n1/d1) (n2/d2) ...) / divisor} for positive finite numerators, denominators (given in pairs
     * {@code n1, d1, n2, d2, ...}) and divisor, to a few ulps wherever the result is a normal double: the product
     * is formed as {@code m 2^e} from the factors' mantissas and exponents (exact scalings, one rounding per factor),
     * so no quotient and no partial product overflows or underflows; where the product is below {@code 2^-1000},
     * {@code ln(1 + P) = P} and {@code P / divisor} is formed scaled (a subnormal {@code P}, then divided by a tiny
     * divisor, had lost its digits: 2.4e-12 relative for a logistic law of sigma 1e-300; review of 2026-12-06);
     * above {@code 2^1000}, {@code ln(1 + P) = L + ln(1 + e^-L)} with {@code L = ln m + e ln 2}.
     *
     * @param divisor the divisor, positive and finite
     * @param pairs   numerators and denominators, alternating, each positive and finite (a zero numerator gives 0,
     *                a zero denominator {@code +infinity})
     * @return {@code log1p} of the product of the quotients, over the divisor
     */
    static double log1pOfQuotientsOver(double divisor, double... pairs) {
        double m = 1;
        int e = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == 0) {
                return Double.POSITIVE_INFINITY;   // a gap of zero to the limit (either sign of zero): never reached
            }
            if (pairs[i] == 0) {
                return 0;
            }
            m *= mantissa(pairs[i]);
            m /= mantissa(pairs[i + 1]);
            e += exponent(pairs[i]) - exponent(pairs[i + 1]);
            int k = Math.getExponent(m);
            m = Math.scalb(m, -k);
            e += k;
        }
        if (e > 1000) {
            double logProduct = Math.log(m) + e * LN2;
            return (logProduct + Math.log1p(Math.exp(-logProduct))) / divisor;
        }
        if (e < -1000) {
            return Math.scalb(m / mantissa(divisor), e - exponent(divisor));
        }
        return Math.log1p(Math.scalb(m, e)) / divisor;
    }

    /**
     * {@code x^(num/den) a b c 2^k / divisor}, formed as the one scaled product of the laws: the significand of the
     * power ({@link #powerSignificand}) times the significands ({@link #mantissa}) of {@code a}, {@code b} and
     * {@code c}, in that order, over that of the divisor, then one {@code Math.scalb} by the sum of the binary
     * exponents ({@link #powerExponent}, {@link #exponent}) and {@code k}. The partial results lie between
     * {@code 2^(-|num/den| - 1)} and {@code 2^(|num/den| + 4)} in magnitude, so no power, product or quotient
     * overflows or underflows where the result is finite (the off-target law's {@code pN t r0^p}, whose power
     * overflowed at r0 = 1e180 while it was 0.07, review of 2026-11-28, and its time {@code r0^-p expm1(.) / (pN)},
     * which overflowed before its division, review of 2026-12-07; the depth-balanced law's rate times a time; the
     * Euler map's step {@code 2 eta s (sigma - s)}, whose {@code 2 eta} overflowed), and the rational exponent meets
     * {@code x}'s significand in {@code [1, 2)} only, never {@code ln x} (a rounded {@code num/den} through
     * {@code Math.pow} or logarithms cost 306 ulps of the off-target time from r0 = 1e200; review of 2026-12-07).
     *
     * <p>Rounding, wherever the result is a normal double: relative error at most {@code 10 2^-53} to first order,
     * {@code 6 2^-53} from the power's significand (its 3 ulps, for the {@code |num/den| <= 2} of the laws) and
     * {@code 2^-53} from each of the three products and the quotient; a factor or divisor that is a power of two
     * (1 among them) adds no rounding, and {@code num = 0} gives the exact power 1, so three factors without a power
     * or divisor are within {@code 2 2^-53} (2 ulps), and a product of powers of two is exact. A subnormal result
     * adds at most half of {@code Double.MIN_VALUE}; one beyond {@code Double.MAX_VALUE} is infinite.
     *
     * <p>Fixed arity and primitives, so that the laws' {@code value}, {@code rate} and {@code apply} allocate
     * nothing: an unused factor or divisor is 1, an unused power has {@code num = 0} (then {@code x} has no effect
     * and {@code Math.pow} is not called).
     *
     * @param x       the base of the power, positive and finite (any double if {@code num = 0}: it has no effect)
     * @param num     the numerator of the exponent, 0 for no power
     * @param den     the denominator of the exponent, {@code > 0}
     * @param a       the first factor, finite, of any sign
     * @param b       the second factor, finite, of any sign
     * @param c       the third factor, finite, of any sign
     * @param divisor the divisor, finite and nonzero, of any sign
     * @param k       the power of two
     * @return {@code x^(num/den) a b c 2^k / divisor}, of the sign of {@code a b c / divisor}; +0 if a factor is 0
     */
    static double powerTimes(double x, long num, long den, double a, double b, double c, double divisor, int k) {
        if (a == 0 || b == 0 || c == 0) {
            return 0;
        }
        double m = powerSignificand(x, num, den) * mantissa(a) * mantissa(b) * mantissa(c) / mantissa(divisor);
        return Math.scalb(m, powerExponent(x, num, den) + exponent(a) + exponent(b) + exponent(c) + k
                - exponent(divisor));
    }

    /**
     * {@code x^(num/den) a b (sigma - s) 2^k} by {@link #powerTimes}, the gap {@code sigma - s} from its exact halves
     * where it overflows ({@code s} near {@code -Double.MAX_VALUE}), one more power of two: the depth-balanced
     * law's rate times a time and the Euler map's step, both finite there wherever the product is.
     *
     * @param x     the base of the power, as for {@link #powerTimes}
     * @param num   the numerator of the exponent, 0 for no power
     * @param den   the denominator of the exponent, {@code > 0}
     * @param a     the first factor, finite
     * @param b     the second factor, finite
     * @param sigma the target singular value, finite
     * @param s     the value, finite
     * @param k     the power of two
     * @return {@code x^(num/den) a b (sigma - s) 2^k}; +0 if a factor or the gap is 0
     */
    static double powerTimesGap(double x, long num, long den, double a, double b, double sigma, double s, int k) {
        double gap = sigma - s;
        return Double.isInfinite(gap) ? powerTimes(x, num, den, a, b, sigma / 2 - s / 2, 1, k + 1)
                : powerTimes(x, num, den, a, b, gap, 1, k);
    }

    /**
     * The binary exponent {@code a} of {@code x^(num/den) = powerSignificand(x, num, den) 2^a} for a positive finite
     * {@code x}: with {@code x = m 2^e} ({@link #mantissa}, {@link #exponent}) and {@code e num = a den + b},
     * {@code 0 <= b < den}, {@code x^(num/den) = m^(num/den) 2^(b/den) 2^a}, the rational exponent applied to the
     * binary exponent exactly.
     *
     * @param x   the base, positive and finite
     * @param num the numerator of the exponent
     * @param den the denominator of the exponent, {@code > 0}
     * @return {@code floor(e num / den)}; 0 for {@code num = 0}
     */
    private static int powerExponent(double x, long num, long den) {
        // (long: the off-target law accepts every int depth, and 2N - 2 times an exponent overflows an int)
        return (int) Math.floorDiv(exponent(x) * num, den);
    }

    /**
     * The significand {@code m^(num/den) 2^(b/den)} of {@code x^(num/den)} (see {@link #powerExponent}), within
     * 3 ulps: each {@code Math.pow} has a base in {@code [1, 2]}, so the rounding of its exponent moves it by at most
     * {@code ln 2 |num/den| 2^-53} relative; exactly 1, without {@code Math.pow}, for {@code num = 0}.
     *
     * @param x   the base, positive and finite (any double if {@code num = 0})
     * @param num the numerator of the exponent
     * @param den the denominator of the exponent, {@code > 0}
     * @return the significand, in {@code (2^-|num/den|, 2^(|num/den| + 1))}
     */
    private static double powerSignificand(double x, long num, long den) {
        if (num == 0) {
            return 1;
        }
        long b = Math.floorMod(exponent(x) * num, den);
        return Math.pow(mantissa(x), (double) num / den) * Math.pow(2, (double) b / den);
    }

    private static final double LN2 = Math.log(2);

    /**
     * Whether {@code x} is a finite double of normal magnitude (not zero, not subnormal, not infinite or NaN): where a
     * product or quotient can be formed directly, before the scaled or logarithmic forms.
     *
     * @param x the value
     * @return {@code Double.MIN_NORMAL <= |x| <= Double.MAX_VALUE}
     */
    static boolean isNormal(double x) {
        double a = Math.abs(x);
        return a >= Double.MIN_NORMAL && a <= Double.MAX_VALUE;
    }

    /**
     * {@code eta (sigma - c s)} for the gradient maps' derivatives, {@code c} a small positive integer (1 to 3):
     * where {@code sigma - c s} overflows (a value near the largest double), from its exact quarters,
     * {@code 4 (eta (sigma / 4 - c (s / 4)))}, which is finite wherever the product is.
     *
     * @param eta   the learning rate
     * @param sigma the target singular value
     * @param c     the multiple of {@code s}, 1 to 3
     * @param s     the value
     * @return {@code eta (sigma - c s)}
     */
    static double etaTimesGap(double eta, double sigma, int c, double s) {
        double gap = sigma - c * s;
        return Double.isFinite(gap) ? eta * gap : 4 * (eta * (sigma / 4 - c * (s / 4)));
    }

    /**
     * The binary exponent of a finite nonzero double of either sign, subnormals included:
     * {@code x = mantissa(x) 2^exponent(x)}.
     */
    static int exponent(double x) {
        return Math.abs(x) >= Double.MIN_NORMAL ? Math.getExponent(x) : Math.getExponent(x * 0x1p54) - 54;
    }

    /** The significand of a finite nonzero double, exactly: of the sign of {@code x}, in [1, 2) in magnitude. */
    static double mantissa(double x) {
        return Math.scalb(x, -exponent(x));
    }

    /**
     * The step {@code g = eta sigma} from which the descent maps form their 2-cycles from {@code u = 1/g}: below
     * the {@code g^2 ~ 1e308} where {@code (g - 1)(g + 3)} overflows, and far above where {@code 1 + u} is 1.
     */
    static final double TWO_CYCLE_SCALED_FROM = 1e150;

    /**
     * Beyond this argument {@code e^{-x} < 2^-4328}: below every product the laws form with it (their other factors,
     * quotients of two doubles, are below {@code 2^2100}), so they take it for 0.
     */
    static final double EXP_NEGLIGIBLE = 3000;
    /** {@code ln 2} in two parts, the first with trailing zeros (fdlibm's {@code ln2_hi, ln2_lo}). */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;

    /**
     * The binary exponent {@code k} of {@code e^{-x} = 2^-k e^{-r}}, {@code r = x - k ln 2} in {@code [0, ln 2)}
     * up to rounding: with {@link #expSignificand} the factor {@code e^{-x}} for an {@code x} where it is subnormal or
     * zero as a double but still matters beside a huge factor (Cody and Waite's reduction, as fdlibm's {@code exp}).
     *
     * @param x the argument, {@code 0 <= x <= EXP_NEGLIGIBLE}
     * @return {@code floor(x / ln 2)}, at most 4328
     */
    static int expExponent(double x) {
        return (int) (x / LN2_HI);
    }

    /**
     * The significand {@code e^{-r}} in {@code (1/2, 1]} of {@code e^{-x} = 2^-k e^{-r}} (see {@link #expExponent});
     * {@code k ln 2} is formed exactly from {@code ln 2}'s leading part, so the significand is accurate to an ulp or
     * two.
     *
     * @param x the argument, {@code 0 <= x <= EXP_NEGLIGIBLE}
     * @param k {@code expExponent(x)}
     * @return {@code e^{-(x - k ln 2)}}
     */
    static double expSignificand(double x, int k) {
        return Math.exp(-((x - k * LN2_HI) - k * LN2_LO));
    }

    /**
     * The binary exponent {@code k} of a decay factor {@code e^{-x} = decaySignificand(x, k) 2^-k}, {@code x >= 0}:
     * 0 where {@code e^{-x}} is a normal double ({@code x <= 700}) and where it is negligible
     * ({@code x > EXP_NEGLIGIBLE}, its significand 0), else {@link #expExponent}.
     *
     * @param x the argument, {@code >= 0}
     * @return {@code k}, in {@code [0, 4328]}
     */
    static int decayExponent(double x) {
        return x <= 700 || x > EXP_NEGLIGIBLE ? 0 : expExponent(x);
    }

    /**
     * The significand of a decay factor {@code e^{-x} = m 2^-k}, {@code k = decayExponent(x)}: {@code Math.exp(-x)}
     * where that is a normal double, {@link #expSignificand} where it is not but still matters beside a huge factor,
     * and 0 beyond {@link #EXP_NEGLIGIBLE}.
     *
     * @param x the argument, {@code >= 0}
     * @param k {@code decayExponent(x)}
     * @return {@code m}
     */
    static double decaySignificand(double x, int k) {
        if (x <= 700) {
            return Math.exp(-x);
        }
        return x <= EXP_NEGLIGIBLE ? expSignificand(x, k) : 0;
    }

    /**
     * The inverse hyperbolic sine, accurate to a few ulps over the whole double range.
     *
     * @param x the argument
     * @return {@code asinh(x)}
     */
    static double asinh(double x) {
        double a = Math.abs(x);
        double r;
        if (a > ASINH_LARGE) {
            r = Math.log(2) + Math.log(a);
        } else {
            // asinh(a) = log1p(a + a^2 / (1 + sqrt(1 + a^2))): no cancellation for small a
            r = Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
        }
        return Math.copySign(r, x);
    }

    /**
     * {@code a^(1/n) - b^(1/n)} for {@code a, b >= 0}, computed as {@code (a - b) / sum_k a^(k/n) b^((n-1-k)/n)}
     * so that it keeps its relative accuracy when {@code a} is close to {@code b}.
     *
     * @param a     the first radicand, {@code >= 0}
     * @param b     the second radicand, {@code >= 0}
     * @param rootA {@code a^(1/n)}
     * @param rootB {@code b^(1/n)}
     * @param n     the order of the root, {@code >= 1}
     * @return the difference of the roots
     */
    static double rootDifference(double a, double b, double rootA, double rootB, int n) {
        if (a == b) {
            return 0;
        }
        // the sum is over the same-signed terms rootA^k rootB^(n-1-k); a ratio recurrence keeps it overflow-free
        double sum = 0;
        double term = Math.pow(rootB, n - 1);
        double ratio = rootA / rootB;
        if (rootB == 0 || !Double.isFinite(ratio)) {
            return rootA - rootB;
        }
        for (int k = 0; k < n; k++) {
            sum += term;
            term *= ratio;
        }
        return (a - b) / sum;
    }

    /**
     * {@code ln(sigma/s0)}, the log-ratio a mode must climb to leave the plateau: {@code 0} when it starts at or
     * above {@code sigma}, {@code +infinity} when it starts at or below 0 (it never grows).
     *
     * @param s0    the initial value
     * @param sigma the target, {@code > 0}
     * @return the clamped log-ratio
     */
    static double plateauLogRatio(double s0, double sigma) {
        if (s0 <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return s0 >= sigma ? 0 : Math.log(sigma / s0);
    }

    /**
     * The number of steps a map needs to leave the plateau when, near 0, each step multiplies {@code s} by
     * {@code (1 + c eta sigma)^n}: {@code ln(sigma/s0) / (n ln(1 + c eta sigma))}, a double for every finite
     * {@code eta, sigma > 0} and {@code s0}: the log-ratio is {@link #logOfQuotient} (a quotient {@code sigma/s0} that
     * overflowed made the steps infinite: 1.0033 for eta 0.1, sigma 1e300, s0 1e-300; review of 2026-12-07), the
     * log-growth is {@code ln c + ln eta + ln sigma} where {@code c eta sigma} overflows, and the steps are
     * {@code ln(sigma/s0) / (n c eta sigma)} (by {@link #quotientOfProducts}) where it is below the normal range
     * ({@code ln(1 + x) = x} there). The ends are {@link #plateauLogRatio}'s: {@code 0} if {@code s0 >= sigma},
     * {@code +infinity} if {@code s0 <= 0}.
     *
     * @param s0    the initial value
     * @param sigma the target, finite and {@code > 0}
     * @param eta   the step size, finite and {@code > 0}
     * @param c     the factor of {@code eta sigma} in the growth, {@code 1} or {@code 2}
     * @param n     the power of the growth, {@code 1} or {@code 2}
     * @return the steps, to a few ulps
     */
    static double mapPlateauSteps(double s0, double sigma, double eta, double c, double n) {
        if (!(0 < s0 && s0 < sigma)) {
            return plateauLogRatio(s0, sigma);
        }
        double ratio = logOfQuotient(sigma, s0);
        double growth = c * (eta * sigma);
        if (growth < Double.MIN_NORMAL) {
            return quotientOfProducts(ratio / (n * c), 1, eta, sigma);
        }
        double logGrowth = growth < Double.POSITIVE_INFINITY ? Math.log1p(growth)
                : Math.log(c) + Math.log(eta) + Math.log(sigma);
        return ratio / (n * logGrowth);
    }

    /**
     * The number of steps of size {@code eta} that gradient flow needs to leave the plateau,
     * {@code ln(sigma/s0) / (2 eta sigma)}, a double for every finite {@code eta, sigma > 0} and {@code s0} (the
     * log-ratio by {@link #logOfQuotient}, the quotient by {@link #quotientOfProducts}); the ends are
     * {@link #plateauLogRatio}'s: {@code 0} if {@code s0 >= sigma}, {@code +infinity} if {@code s0 <= 0}.
     *
     * @param s0    the initial value
     * @param sigma the target, finite and {@code > 0}
     * @param eta   the step size, finite and {@code > 0}
     * @return the steps, to a few ulps
     */
    static double flowPlateauSteps(double s0, double sigma, double eta) {
        if (!(0 < s0 && s0 < sigma)) {
            return plateauLogRatio(s0, sigma);
        }
        return quotientOfProducts(logOfQuotient(sigma, s0) / 2, 1, eta, sigma);
    }

    /**
     * {@code ln(a/b)} for positive finite {@code a} and {@code b}, to a few ulps: {@code log1p((a - b)/b)} where the
     * quotient is within a factor 2 of 1 ({@code a - b} is then exact, Sterbenz), the logarithm of the quotient where
     * that is a normal double, else {@code ln a - ln b} (the two logarithms are then more than 708 apart, so the
     * difference does not cancel). (The logarithm of a rounded quotient near 1 kept only its absolute accuracy: the
     * plateau steps from s0 = 0.9999999999999999 at sigma = 1 were twice the true 5.58e-15, and 1.1e-8 relative off
     * at s0 = 3.699999963, sigma = 3.7; audit of 2026-12-07.)
     *
     * @param a the numerator, positive and finite
     * @param b the denominator, positive and finite
     * @return {@code ln(a/b)}
     */
    static double logOfQuotient(double a, double b) {
        double q = a / b;
        if (q > 0.5 && q < 2) {
            return Math.log1p((a - b) / b);
        }
        return isNormal(q) ? Math.log(q) : Math.log(a) - Math.log(b);
    }

    /**
     * {@code n1 n2 / (d1 d2)} for positive finite arguments, formed from their significands and binary exponents
     * (exact scalings, three roundings and one final scaling), so that no partial product or quotient overflows or
     * underflows: within 2 ulps wherever the result is a normal double (the off-target law's time
     * {@code r0^-p expm1(.) / (pN)} overflowed before its division; review of 2026-12-07).
     *
     * @param n1 the first factor of the numerator
     * @param n2 the second factor of the numerator
     * @param d1 the first factor of the denominator
     * @param d2 the second factor of the denominator
     * @return {@code n1 n2 / (d1 d2)}
     */
    static double quotientOfProducts(double n1, double n2, double d1, double d2) {
        double m = mantissa(n1) * mantissa(n2) / (mantissa(d1) * mantissa(d2));
        return Math.scalb(m, exponent(n1) + exponent(n2) - exponent(d1) - exponent(d2));
    }

    /**
     * The inflection of a law whose rate is largest at {@code value}: the time is the law's time to reach it.
     *
     * @param law   the law
     * @param value the value where the rate is largest
     * @return the inflection
     */
    static Inflection inflectionAt(ModeLaw law, double value) {
        OptionalDouble time = law.timeToReach(value);
        return new Inflection(value, time);
    }
}
