package org.deeplinear.theory.generators;

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
     * The QuickTheories seed: the {@value #SEED_PROPERTY} system property, or {@value #DEFAULT_SEED}.
     *
     * @return the seed for {@code qt().withFixedSeed(...)}
     */
    public static long qtSeed() {
        return Long.getLong(SEED_PROPERTY, DEFAULT_SEED);
    }
}
