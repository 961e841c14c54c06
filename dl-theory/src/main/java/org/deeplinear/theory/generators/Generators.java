package org.deeplinear.theory.generators;

import org.deeplinear.core.Seed;

/**
 * The seed convention of the library's property tests, for users' tests too: QuickTheories runs from
 * {@link #qtSeed()}, which a user overrides with {@code -Ddeeplinear.qt.seed=N} to rerun or vary a property.
 */
public final class Generators {

    /** The system property that sets the QuickTheories seed. */
    public static final String SEED_PROPERTY = "deeplinear.qt.seed";

    /** The seed used when the property is not set. */
    public static final long DEFAULT_SEED = 20261128L;

    private Generators() {
    }

    /**
     * The QuickTheories seed: the {@value #SEED_PROPERTY} system property, or {@value #DEFAULT_SEED} where it is not
     * set ({@link Seed#fromProperty}).
     *
     * @return the seed for {@code qt().withFixedSeed(...)}
     * @throws IllegalArgumentException naming the property and its value if it is set but not a decimal long (such
     *                                  as {@code abc}, {@code 1e5} or {@code " 42"}): it is never silently replaced
     *                                  by the default
     */
    public static long qtSeed() {
        return Seed.fromProperty(SEED_PROPERTY, DEFAULT_SEED).value();
    }
}
