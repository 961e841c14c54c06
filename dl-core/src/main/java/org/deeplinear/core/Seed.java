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
