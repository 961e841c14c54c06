package org.deeplinear.core.testing;

import static org.deeplinear.core.testing.QtSeed.seeds;
import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.deeplinear.core.Seed;
import org.junit.jupiter.api.Test;

/**
 * The seed override {@code -Ddeeplinear.qt.seed=N} is read strictly (review of dl-theory, finding 4): a malformed value
 * was silently replaced by the default by {@link Long#getLong}, so {@code abc}, {@code 1e5}, {@code " 42"} and a value
 * beyond the long range all reran the default seed 20261128. The expected values are the literals themselves, as
 * {@link Long#parseLong} documents (decimal digits with an optional sign).
 */
class QtSeedTest {

    /**
     * A property of the parser's own test, so that the other tests' seed is not disturbed; the second test must set
     * the real {@link QtSeed#PROPERTY} to test {@link QtSeed} itself, and restores it (surefire runs this project's
     * test classes one at a time, in one JVM).
     */
    private static final String OWN = "deeplinear.test.seedProperty";

    @Test
    void aWellFormedValueIsReadAndAMissingOneGivesTheDefault() {
        System.clearProperty(OWN);
        assertEquals(Seed.of(7), Seed.fromProperty(OWN, 7));
        try {
            System.setProperty(OWN, "42");
            assertEquals(Seed.of(42), Seed.fromProperty(OWN, 7));
            System.setProperty(OWN, "-9223372036854775808");
            assertEquals(Seed.of(Long.MIN_VALUE), Seed.fromProperty(OWN, 7));
        } finally {
            System.clearProperty(OWN);
        }
    }

    @Test
    void aMalformedValueIsRefusedNamingThePropertyAndTheValue() throws Throwable {
        SystemProperties.restoring(QtSeed.PROPERTY, () -> {
            for (String bad : new String[] {"abc", "1e5", " 42", "42 ", "", "99999999999999999999", "0x10"}) {
                System.setProperty(QtSeed.PROPERTY, bad);
                assertRejected(QtSeed.PROPERTY, "\"" + bad + "\"", QtSeed::seed);
            }
            System.setProperty(QtSeed.PROPERTY, "4242");
            assertEquals(4242L, QtSeed.seed());
        });
    }

    @Test
    void anotherRunSeedChangesEveryDrawnSeedTheEdgeCasesIncluded() throws Throwable {
        // QuickTheories draws seeds()'s edge cases 0, Long.MIN_VALUE and Long.MAX_VALUE first, whatever its
        // seed: a property of three examples ran the same three cases under every -Ddeeplinear.qt.seed
        List<List<Long>> runs = new ArrayList<>();
        SystemProperties.restoring(QtSeed.PROPERTY, () -> {
            for (String run : new String[] {"1", "2"}) {
                System.setProperty(QtSeed.PROPERTY, run);
                List<Long> drawn = new ArrayList<>();
                QtSeed.qt().withExamples(5).forAll(QtSeed.seeds()).checkAssert(drawn::add);
                runs.add(drawn);
            }
        });
        assertEquals(5, runs.get(0).size());
        for (int i = 0; i < 5; i++) {
            assertNotEquals(runs.get(0).get(i), runs.get(1).get(i), "example " + i + " of " + runs);
        }
    }
}
