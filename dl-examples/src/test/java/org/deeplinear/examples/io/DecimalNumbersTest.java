package org.deeplinear.examples.io;

import static org.deeplinear.core.testing.QtSeed.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@link DecimalNumbers} against the definition of the nearest double (exact {@link BigDecimal} arithmetic) and
 * against {@link Double#parseDouble(String)}, to the bit; and that its own conversion, not the fallback, reads what
 * NumPy writes.
 */
class DecimalNumbersTest {

    /** The smallest magnitude that rounds to infinity, 2^1024 - 2^970 (IEEE 754, round to nearest even). */
    private static final BigDecimal OVERFLOW =
            new BigDecimal(BigInteger.TWO.pow(1024).subtract(BigInteger.TWO.pow(970)));

    private static double parse(String text) {
        return DecimalNumbers.parse(text.toCharArray(), 0, text.length());
    }

    private static double parsePlain(String text) {
        return DecimalNumbers.parsePlain(text.toCharArray(), 0, text.length());
    }

    /**
     * The definition of correct rounding, checked exactly: no double is nearer the decimal value than {@code d},
     * and at a tie {@code d} has an even significand.
     */
    private static void assertNearest(String text, double d) {
        BigDecimal exact = new BigDecimal(text.replace("+", ""));
        // beyond the largest double by half its spacing or more rounds to infinity: from 2^1024 - 2^970 on (a tie,
        // and the largest double's significand is odd)
        boolean overflows = exact.abs().compareTo(OVERFLOW) >= 0;
        assertEquals(overflows, Double.isInfinite(d), text + " read as " + d);
        if (overflows) {
            assertEquals(exact.signum(), d > 0 ? 1 : -1, text + " read as " + d);
            return;
        }
        BigDecimal error = exact.subtract(new BigDecimal(d)).abs();
        for (double neighbour : new double[] {Math.nextUp(d), Math.nextDown(d)}) {
            if (Double.isInfinite(neighbour)) {
                continue;                                        // nearer than infinity: checked above
            }
            int c = error.compareTo(exact.subtract(new BigDecimal(neighbour)).abs());
            assertTrue(c < 0 || c == 0 && (Double.doubleToLongBits(d) & 1) == 0,
                    text + " read as " + d + ", but " + neighbour + " is as near or nearer");
        }
    }

    private static void assertSameAsParseDouble(String text) {
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(parse(text)),
                text);
    }

    @Test
    void numpysSeventeenDigitsAreReadHereAndNearest() {
        // what peer_gradient_flow.py --save-init writes (numpy.savetxt, fmt "%.17g"), from its 512 x 512 W0.csv
        for (String text : List.of("-0.0019647671576380689", "0.0010849345026779098", "-6.4527637071943079e-05",
                "-2.3915467112676325e-05", "1.2435404354437315e-05", "3.9999999999999996", "0.10000000000000001")) {
            double d = parsePlain(text);
            assertFalse(Double.isNaN(d), text + " went to parseDouble");
            assertNearest(text, d);
            assertSameAsParseDouble(text);
        }
    }

    @Test
    void everyDoubleWrittenWithFifteenToNineteenDigitsReadsBack() {
        // random bit patterns: every binade from the smallest normal to the largest finite double, both signs
        qt().withExamples(3000)
                .forAll(longs().between(0x0010_0000_0000_0000L, 0x7FEF_FFFF_FFFF_FFFFL), integers().between(14, 18))
                .checkAssert((bits, decimals) -> {
                    double x = Double.longBitsToDouble(bits) * (bits % 3 == 0 ? -1 : 1);
                    String text = String.format(Locale.ROOT, "%." + decimals + "e", x);
                    double d = parse(text);
                    assertNearest(text, d);
                    assertSameAsParseDouble(text);
                    if (decimals >= 16) {
                        // 17 significant digits or more identify a double: reading them gives it back
                        assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(d), text);
                    }
                    assertSameAsParseDouble(Double.toString(x));
                });
    }

    @Test
    void randomDecimalsAcrossTheExponentRangeAreNearest() {
        // significands of 1 to 19 digits with powers of ten from far below the smallest normal double to beyond
        // the largest: the fast path, the table's ends and every fallback (subnormal, zero, infinite)
        qt().withExamples(3000)
                .forAll(longs().between(1, Long.MAX_VALUE), integers().between(1, 19), integers().between(-360, 330))
                .checkAssert((raw, digits, power) -> {
                    String significand = Long.toString(raw);
                    significand = significand.substring(0, Math.min(digits, significand.length()));
                    String text = significand + "e" + power;
                    double d = parse(text);
                    assertSameAsParseDouble(text);
                    if (Double.isFinite(d) && d != 0) {
                        assertNearest(text, d);
                    }
                });
    }

    @Test
    void tiesAndExactDoublesGoToParseDouble() {
        // 2^53 + 1 and 2^53 + 3 lie halfway between two doubles (ties to even: 2^53 and 2^53 + 4); 2^53 + 2 is a
        // double: its bits below the rounding bit are all zeros, so the conversion here cannot be sure of them
        for (String text : List.of("9007199254740993", "9007199254740995", "9007199254740994",
                "1.8014398509481988e16")) {
            assertTrue(Double.isNaN(parsePlain(text)), text + " was not handed to parseDouble");
            assertSameAsParseDouble(text);
            assertNearest(text, parse(text));
        }
        assertEquals(9007199254740992.0, parse("9007199254740993"));
        assertEquals(9007199254740996.0, parse("9007199254740995"));
    }

    @Test
    void limitsOfTheDoubleRange() {
        for (String text : List.of("1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
                "2.2250738585072014e-308", "2.2250738585072011e-308", "2.2250738585072012e-308",
                "4.9e-324", "2.4703282292062327e-324", "1e-400", "1e400", "0e999999999", "1e-999999999",
                "12345678901234567890e-20", "1234567890123456789e-327", "1234567890123456789e289")) {
            assertSameAsParseDouble(text);
        }
        assertEquals(Double.MAX_VALUE, parse("1.7976931348623157e308"));
        assertEquals(Double.POSITIVE_INFINITY, parse("1.7976931348623159e308"));
        assertEquals(Double.MIN_NORMAL, parse("2.2250738585072014e-308"));
        assertEquals(Double.MIN_VALUE, parse("4.9e-324"));
    }

    @Test
    void plainFormsAsParseDoubleReadsThem() {
        for (String text : List.of("0", "-0", "+0", "-0.000e5", "1", "+1", "-1", "1.", ".5", "-.5", "1e5", "1E5",
                "1e+05", "1e-05", "007", "0.000000000000000000000000000000123456789012345678",
                "1.000000000000000000000000001", "123456789012345678901234567890", "0.1", "3.14159",
                "9007199254740992", "1e22", "1e23", "1e-22", "1e-23", "4.35e-324",
                // 19 digits above Long.MAX_VALUE (the significand is unsigned), 2^63, and 2^64 - 1 (20 digits)
                "9999999999999999999e-5", "9314874233517425000e-22", "9223372036854775808", "18446744073709551615")) {
            assertSameAsParseDouble(text);
        }
    }

    @Test
    void otherFormsAreParseDoublesToReadOrRefuse() {
        // accepted by parseDouble, not by the plain form: handed over
        for (String text : List.of(" 1", "1 ", "Infinity", "-Infinity", "+Infinity", "NaN")) {
            assertTrue(Double.isNaN(parsePlain(text)), text);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)),
                    Double.doubleToRawLongBits(parse(text)), text);
        }
        // read by parseDouble but not by NumPy (Java's hexadecimal and type-suffix forms): refused (review of
        // 2026-12-07: 0x1p-10 and 1e-3d in W0.csv were read)
        for (String text : List.of("1d", "2.5f", "1e-3D", "0x1p3", "0x1p-10", "0X1.8P1")) {
            Double.parseDouble(text);
            assertThrows(NumberFormatException.class, () -> parse(text), text);
        }
        // refused by both
        for (String text : List.of("", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "--1", "1,5", "nan", "inf", "1e5x",
                "١")) {
            assertThrows(NumberFormatException.class, () -> Double.parseDouble(text), text);
            assertThrows(NumberFormatException.class, () -> parse(text), text);
        }
    }

    @Test
    void readsARangeOfALongerText() {
        char[] text = "x,-2.5e-3,y".toCharArray();
        assertEquals(-2.5e-3, DecimalNumbers.parse(text, 2, 9));
        assertEquals(-2.5e-3, DecimalNumbers.parsePlain(text, 2, 9));
    }
}
