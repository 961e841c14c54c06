package org.deeplinear.core.testing;

import org.deeplinear.core.Seed;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

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
        return Seed.fromProperty(PROPERTY, DEFAULT_SEED).value();
    }

    /**
     * QuickTheories with the seed in use.
     *
     * @return {@code QuickTheory.qt().withFixedSeed(seed())}
     */
    public static QuickTheory qt() {
        return QuickTheory.qt().withFixedSeed(seed());
    }

    /**
     * Seeds for a property's random draws: every {@code long}, XORed with the seed in use. QuickTheories tries a
     * generator's edge cases first ({@code 0}, {@code Long.MIN_VALUE}, {@code Long.MAX_VALUE} for
     * {@code longs().all()}) whatever its own seed; moved by the run's seed, they change with
     * {@code -Ddeeplinear.qt.seed} as the other examples do, which matters most to a property of a few examples.
     * dl-theory's {@code Recipe.cases()} moves its seeds the same way, for users' tests (main code cannot read this
     * test-support class).
     *
     * @return the generator
     */
    public static Gen<Long> seeds() {
        long run = seed();
        return SourceDSL.longs().all().map(s -> s ^ run);
    }
}
