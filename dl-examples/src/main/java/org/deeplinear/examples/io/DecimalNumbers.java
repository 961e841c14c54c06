package org.deeplinear.examples.io;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Decimal numbers read from text to the nearest {@code double}, as {@link Double#parseDouble(String)} reads them,
 * but without its slow path for the common case of CSV files: NumPy's {@code savetxt(fmt="%.17g")} writes 17
 * significant digits, more than {@code parseDouble}'s exact fast path takes (15), so that every number went through
 * its big-integer correction loop (about 0.5-1 us and 200 bytes of garbage per number: 1.3 s for the 786,432
 * numbers of a 512 x 512 problem in a fresh JVM).
 *
 * <p>A number of the plain form {@code [+-]digits[.digits][(e|E)[+-]digits]} with at most 19 significant digits is
 * converted here: exactly when both its significand and the power of ten are exact doubles (Clinger's fast path),
 * otherwise by one 64 x 128-bit product of the significand with a 128-bit approximation of the power of five
 * (Eisel and Lemire's method; Lemire, "Number Parsing at a Gigabyte per Second", Software: Practice and Experience
 * 51(8), 2021). The approximation is off by less than one unit in its last place, and the product's third 64-bit
 * word is dropped, so the top two words kept are below the true product's by less than two units of the second;
 * when the bits that decide the rounding could be changed by that (they are all zeros or all ones down to that
 * word, about one number in 2^73, and every exact tie), and for anything else
 * (more digits, subnormal or overflowing results, hexadecimal, {@code NaN}, suffixes), the text goes to
 * {@code parseDouble} itself. So the result is always {@code parseDouble}'s, to the bit.
 */
final class DecimalNumbers {

    /** The smallest and largest power of ten with a table entry: beyond them no 19-digit number is normal. */
    private static final int MIN_POWER = -345;
    private static final int MAX_POWER = 310;

    /** 10^0 ... 10^22, the powers of ten that are exact doubles. */
    private static final double[] EXACT_POWERS_OF_TEN = new double[23];

    /**
     * For each power q in [MIN_POWER, MAX_POWER]: 5^q = (HIGH[q] 2^64 + LOW[q]) 2^SCALE[q] within less than
     * 2^SCALE[q], the 128-bit value normalised (its top bit set).
     */
    private static final long[] HIGH = new long[MAX_POWER - MIN_POWER + 1];
    private static final long[] LOW = new long[HIGH.length];
    private static final int[] SCALE = new int[HIGH.length];

    static {
        double power = 1;
        for (int i = 0; i < EXACT_POWERS_OF_TEN.length; i++) {
            EXACT_POWERS_OF_TEN[i] = power;
            power *= 10;
        }
        BigInteger five = BigInteger.valueOf(5);
        for (int q = MIN_POWER; q <= MAX_POWER; q++) {
            BigInteger approximation;
            int scale;
            if (q >= 0) {
                BigInteger exact = five.pow(q);
                int shift = exact.bitLength() - 128;            // truncated where 5^q has more than 128 bits
                approximation = shift >= 0 ? exact.shiftRight(shift) : exact.shiftLeft(-shift);
                scale = shift;
            } else {
                BigInteger divisor = five.pow(-q);
                int bits = divisor.bitLength();                 // 2^(bits-1) < 5^-q < 2^bits
                approximation = BigInteger.ONE.shiftLeft(127 + bits).divide(divisor);   // in (2^127, 2^128)
                scale = -127 - bits;
            }
            HIGH[q - MIN_POWER] = approximation.shiftRight(64).longValue();
            LOW[q - MIN_POWER] = approximation.longValue();
            SCALE[q - MIN_POWER] = scale;
        }
    }

    private DecimalNumbers() {
    }

    /**
     * The {@code double} nearest the number written in {@code text[from, to)}, exactly as
     * {@code Double.parseDouble(new String(text, from, to - from))} gives it, for a decimal number (a sign, digits,
     * a point, an exponent) or {@code NaN} / {@code Infinity} with a sign, around which whitespace may stand. The
     * forms {@code parseDouble} reads and NumPy does not (hexadecimal {@code 0x1p-10}, a type suffix {@code 1e-3d},
     * {@code 2.5f}) are refused (review of 2026-12-07: they were read from an init directory as numbers).
     *
     * @param text the characters
     * @param from the index of the first character
     * @param to the index after the last character
     * @return the number
     * @throws NumberFormatException if the text is not such a number
     */
    static double parse(char[] text, int from, int to) {
        double value = parsePlain(text, from, to);
        if (!Double.isNaN(value)) {
            return value;
        }
        String number = new String(text, from, to - from);
        if (!DECIMAL.matcher(number.strip()).matches()) {
            throw new NumberFormatException("not a decimal number: \"" + number + "\"");
        }
        return Double.parseDouble(number);
    }

    /** What {@link #parse} hands to {@code parseDouble}: decimal characters only, or the non-finite words. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(NaN|Infinity)|[0-9.eE+-]+");

    /**
     * The number of {@link #parse} when the text is of the plain form and the conversion here is certain of its
     * rounding; {@code NaN} when the text has to go to {@code parseDouble} (the only way this method signals it:
     * the plain form has no {@code NaN}).
     */
    static double parsePlain(char[] text, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (text[i] == '-' || text[i] == '+')) {
            negative = text[i] == '-';
            i++;
        }
        long significand = 0;      // unsigned: 19 digits may exceed Long.MAX_VALUE, not 2^64
        int digits = 0;            // significant digits taken into the significand (leading zeros skipped)
        int exponent = 0;          // the power of ten the significand's last digit stands for
        boolean anyDigit = false;
        boolean point = false;
        for (; i < to; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                anyDigit = true;
                if (significand == 0 && c == '0') {
                    if (point) {
                        exponent--;
                    }
                    continue;
                }
                if (++digits > 19) {
                    return Double.NaN;                           // more than 64 bits may hold: parseDouble
                }
                significand = 10 * significand + (c - '0');
                if (point) {
                    exponent--;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (!anyDigit) {
            return Double.NaN;
        }
        if (i < to) {
            if (text[i] != 'e' && text[i] != 'E') {
                return Double.NaN;                               // a suffix (d, f), hexadecimal, a word: parseDouble
            }
            i++;
            boolean negativeExponent = false;
            if (i < to && (text[i] == '-' || text[i] == '+')) {
                negativeExponent = text[i] == '-';
                i++;
            }
            if (i == to) {
                return Double.NaN;
            }
            int written = 0;
            for (; i < to; i++) {
                char c = text[i];
                if (c < '0' || c > '9' || written > 100_000) {
                    return Double.NaN;                           // not a number, or an exponent far out of range
                }
                written = 10 * written + (c - '0');
            }
            exponent += negativeExponent ? -written : written;
        }
        if (significand == 0) {
            return negative ? -0.0 : 0.0;
        }
        double magnitude = magnitude(significand, exponent);
        return negative ? -magnitude : magnitude;
    }

    /**
     * significand 10^exponent rounded to the nearest double, or NaN where that is not certain here; the significand
     * is unsigned and not 0.
     */
    private static double magnitude(long significand, int exponent) {
        if (Long.compareUnsigned(significand, 1L << 53) <= 0 && exponent >= -22 && exponent <= 22) {
            // Clinger's fast path: both operands exact, so the one rounded operation is the correctly rounded result
            return exponent >= 0 ? significand * EXACT_POWERS_OF_TEN[exponent]
                    : significand / EXACT_POWERS_OF_TEN[-exponent];
        }
        if (exponent < MIN_POWER || exponent > MAX_POWER) {
            return Double.NaN;
        }
        // 10^q = 5^q 2^q; the significand (at most 19 digits, below 2^64) shifted so that its top bit is set
        int leadingZeros = Long.numberOfLeadingZeros(significand);
        long w = significand << leadingZeros;
        int index = exponent - MIN_POWER;
        long high = HIGH[index];
        long low = LOW[index];
        // the product w (high 2^64 + low), 192 bits, of which the top two words: top 2^64 + middle
        long top = unsignedMultiplyHigh(w, high);
        long middle = w * high;
        long carry = unsignedMultiplyHigh(w, low);
        long sum = middle + carry;
        if (Long.compareUnsigned(sum, middle) < 0) {
            top++;
        }
        middle = sum;
        // the product's top bit is bit 63 or 62 of 'top' (2^127 <= 128-bit factor, 2^63 <= w)
        int topBit = top < 0 ? 63 : 62;
        int below = topBit - 52;                               // bits of 'top' below the 53-bit mantissa: 11 or 10
        long mantissa = top >>> below;
        long roundBit = (top >>> (below - 1)) & 1;
        long restMask = (1L << (below - 1)) - 1;
        long rest = top & restMask;
        // the true product lies in [P, P + 2) units of 'middle', P the two words kept (the table's value is below
        // the true power by less than 1 of its last unit, w < 2^64 of them; the dropped lowest word is below 1 unit):
        // the rounding is certain unless the bits below the round bit, with 'middle', are all zeros (an exact double
        // or a tie) or all ones (a carry that could reach the round bit, or a tie from below)
        if ((rest == 0 && middle == 0) || (rest == restMask && middle == -1L)) {
            return Double.NaN;
        }
        mantissa += roundBit;
        int binaryExponent = topBit + 128 + SCALE[index] + exponent - leadingZeros;   // value = 1.f 2^binaryExponent
        if (mantissa == 1L << 53) {
            mantissa >>>= 1;
            binaryExponent++;
        }
        int biased = binaryExponent + 1023;
        if (biased < 1 || biased > 2046) {
            return Double.NaN;                                   // subnormal or overflowing: parseDouble
        }
        return Double.longBitsToDouble(((long) biased << 52) | (mantissa & ((1L << 52) - 1)));
    }

    /** The high 64 bits of the unsigned 128-bit product (Java 18's {@code Math.unsignedMultiplyHigh}). */
    private static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }
}
