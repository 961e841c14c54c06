package org.deeplinear.theory.exact;

import java.math.BigInteger;
import java.util.Random;
import org.deeplinear.core.Arguments;
import org.hipparchus.fraction.BigFraction;

/**
 * The finite set {@code S = {a / q : a integer, |a| <= bound}} from which an {@link ExactCheck} draws every
 * entry of a random point, uniformly and independently. Its size {@code 2 bound + 1} enters the Schwartz-Zippel
 * bound: a nonzero polynomial of degree d vanishes at a uniform point of {@code S^n} with probability at most
 * {@code d / |S|}.
 *
 * @param bound       the largest numerator in absolute value, between 1 and {@code 2^52}
 * @param denominator the common denominator q, between 1 and {@code 2^52}
 */
public record SampleSet(long bound, long denominator) {

    private static final long LIMIT = 1L << 52;

    /**
     * Validates the set.
     *
     * @param bound the largest numerator in absolute value, between 1 and {@code 2^52}
     * @param denominator the common denominator q, between 1 and {@code 2^52}
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public SampleSet {
        Arguments.check(bound >= 1 && bound <= LIMIT, "bound", bound, "an integer in [1, 2^52]");
        Arguments.check(denominator >= 1 && denominator <= LIMIT, "denominator", denominator,
                "an integer in [1, 2^52]");
    }

    /**
     * The default set: numerators up to {@code 10^6} over the prime 997, so points are genuinely rational
     * (not dyadic) and {@code |S| = 2 000 001}.
     *
     * @return the set
     */
    public static SampleSet standard() {
        return new SampleSet(1_000_000L, 997L);
    }

    /**
     * Dyadic rationals in [-1, 1] with {@code bits} fractional bits: {@code a / 2^bits}, {@code |a| <= 2^bits}.
     * Every element is a double, and products of a few of them are computed without rounding in double
     * arithmetic, which is how {@link Identities#engineGradient} checks the library's floating-point engine
     * exactly.
     *
     * @param bits fractional bits, between 1 and 52
     * @return the set, of size {@code 2^(bits+1) + 1}
     */
    public static SampleSet dyadic(int bits) {
        Arguments.check(bits >= 1 && bits <= 52, "bits", bits, "an integer in [1, 52]");
        return new SampleSet(1L << bits, 1L << bits);
    }

    /**
     * The number of elements, {@code 2 bound + 1}.
     *
     * @return {@code |S|}
     */
    public BigInteger size() {
        return BigInteger.valueOf(bound).shiftLeft(1).add(BigInteger.ONE);
    }

    /**
     * One uniform draw.
     *
     * @param random the generator (advanced)
     * @return an element of the set
     * @throws IllegalArgumentException if {@code random} is null
     */
    public BigFraction draw(Random random) {
        Arguments.notNull("random", random);
        // rejection sampling on Random.nextLong(), whose algorithm the Java specification fixes, so the draws
        // are the same bits on every JDK
        long range = 2 * bound + 1;
        long limit = Long.MAX_VALUE - Long.MAX_VALUE % range;
        long r;
        do {
            r = random.nextLong() >>> 1;
        } while (r >= limit);
        return new BigFraction(r % range - bound, denominator);
    }

    @Override
    public String toString() {
        return "{a/" + denominator + " : |a| <= " + bound + "} (" + size() + " values)";
    }
}
