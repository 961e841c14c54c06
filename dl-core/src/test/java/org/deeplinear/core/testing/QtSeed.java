package org.deeplinear.core.testing;

import org.deeplinear.core.Seed;
import org.quicktheories.QuickTheory;

/**
 * The QuickTheories seed of every module's property tests: fixed, so that a run is reproducible, and overridable
 * with {@code -Ddeeplinear.qt.seed=N} to explore other cases or replay a reported one. The only place the tests
 * read that property (dl-theory's public {@code Generators.qtSeed()} reads it for users' tests).
 *
 * <p>Shared with the other modules' tests through dl-core's test-jar.
 */
public final class QtSeed {

    /** The system property that overrides the seed. */
    public static final String PROPERTY = "deeplinear.qt.seed";

    /** The seed when the property is not set. */
    public static final long DEFAULT_SEED = 20261128L;

    private QtSeed() {
    }

    /**
     * The seed in use.
     *
     * @return the {@value #PROPERTY} property, or {@value #DEFAULT_SEED}
     * @throws IllegalArgumentException if the property is set but not a decimal long
     */
    public static long seed() {
        return seed(DEFAULT_SEED);
    }

    /**
     * The seed in use, for tests tuned on another default seed (the property still overrides it).
     *
     * @param defaultSeed the seed when the property is not set
     * @return the {@value #PROPERTY} property, or {@code defaultSeed}
     * @throws IllegalArgumentException if the property is set but not a decimal long ({@link Seed#fromProperty})
     */
    public static long seed(long defaultSeed) {
        return Seed.fromProperty(PROPERTY, defaultSeed).value();
    }

    /**
     * QuickTheories with the seed in use.
     *
     * @return {@code QuickTheory.qt().withFixedSeed(seed())}
     */
    public static QuickTheory qt() {
        return QuickTheory.qt().withFixedSeed(seed());
    }
}
