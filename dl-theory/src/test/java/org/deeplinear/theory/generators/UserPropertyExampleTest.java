package org.deeplinear.theory.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplinear.core.testing.SystemProperties;
import org.deeplinear.core.testing.QtSeed;
import org.junit.jupiter.api.Test;

/**
 * What the user's property test shown in the package documentation relies on: the seed it runs from and its override.
 * The example itself runs verbatim, imports and all, outside the library, in {@code consumer/} (BalancedStartsTest;
 * its bound 1e-12 is the documentation's, the imbalance norms of its 20 examples at most 1.86e-16, ||W||_F <= 1.08,
 * measured 2026-12-07).
 */
class UserPropertyExampleTest {

    /** The seed users get is the seed the library's own tests run from (dl-core's test-support {@link QtSeed}). */
    @Test
    void usersGetTheSeedOfTheLibrarysTests() {
        assertEquals(QtSeed.PROPERTY, Generators.SEED_PROPERTY);
        assertEquals(QtSeed.DEFAULT_SEED, Generators.DEFAULT_SEED);
        assertEquals(QtSeed.seed(), Generators.qtSeed());
    }

    /**
     * The documented override refuses a malformed value instead of rerunning the default seed (review of dl-theory,
     * finding 4: Long.getLong returned 20261128 for "1e5"). The parsing is dl-core's Seed.fromProperty, shared with
     * the library's own tests (QtSeed); this checks that users' seed goes through it.
     */
    @Test
    void aMalformedSeedIsRefusedNamingTheProperty() throws Throwable {
        SystemProperties.restoring(Generators.SEED_PROPERTY, () -> {
            System.setProperty(Generators.SEED_PROPERTY, "1e5");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Generators::qtSeed);
            assertTrue(e.getMessage().startsWith("deeplinear.qt.seed = \"1e5\": expected a decimal long"),
                    e::getMessage);
            System.setProperty(Generators.SEED_PROPERTY, "100000");
            assertEquals(100000L, Generators.qtSeed());
        });
    }
}
