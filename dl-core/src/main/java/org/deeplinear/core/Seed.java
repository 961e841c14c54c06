package org.deeplinear.core;

import java.util.Random;

/**
 * An explicit seed for everything random in the library. Every random draw (targets, initialisations,
 * generators) takes a {@code Seed}, never a hidden one: the same seed gives the same bits on every run and
 * every machine, because the draws use {@link java.util.Random}, whose algorithm the Java specification fixes.
 *
 * @param value the seed's value
 */
public record Seed(long value) {

    /**
     * A seed of the given value.
     *
     * @param value any long
     * @return the seed
     */
    public static Seed of(long value) {
        return new Seed(value);
    }

    /**
     * The seed a system property names, for reruns with another seed (such as {@code -Ddeeplinear.qt.seed=42}, the
     * QuickTheories seed of the tests): the property's value read by {@link Long#parseLong(String)} (decimal digits
     * with an optional sign; no spaces, no exponent, within the range of a long), or {@code defaultValue} where the
     * property is not set. A value that is set but malformed is refused rather than replaced by the default, which
     * would rerun the default seed while the user believes another one ran.
     *
     * @param property     the system property's name
     * @param defaultValue the seed's value where the property is not set
     * @return the seed
     * @throws IllegalArgumentException naming the property and its value if the value is not a decimal long, or if
     *                                  {@code property} is null
     */
    public static Seed fromProperty(String property, long defaultValue) {
        Arguments.notNull("property", property);
        String value = System.getProperty(property);
        if (value == null) {
            return new Seed(defaultValue);
        }
        try {
            return new Seed(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw Arguments.fail(property, "\"" + value + "\"",
                    "a decimal long such as 42 (digits with an optional sign, no spaces, no exponent, between "
                            + Long.MIN_VALUE + " and " + Long.MAX_VALUE + ")");
        }
    }

    /**
     * Checks that a random request carries a seed.
     *
     * @param name the parameter's name
     * @param seed the seed, possibly null
     * @return {@code seed}
     * @throws IllegalArgumentException if {@code seed} is null
     */
    public static Seed required(String name, Seed seed) {
        Arguments.check(seed != null, name, null, "an explicit seed (Seed.of(long)): every random draw is seeded");
        return seed;
    }

    /**
     * A new generator started from this seed; each call returns a fresh generator in the same state.
     *
     * @return a generator seeded with {@link #value()}
     */
    public Random newRandom() {
        return new Random(value);
    }
}
