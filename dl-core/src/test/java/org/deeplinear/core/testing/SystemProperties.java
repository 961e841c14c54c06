package org.deeplinear.core.testing;

import org.junit.jupiter.api.function.Executable;

/**
 * Tests that set a system property (a seed override, a forced product backend) and must leave it as they found it
 * for the tests that follow in the same JVM.
 */
public final class SystemProperties {

    private SystemProperties() {
    }

    /**
     * Runs {@code body}, which may set or clear the property {@code name}, then puts the property back as it was
     * (cleared if it was not set), whether the body returned or threw.
     *
     * @param name the property
     * @param body what to run
     * @throws Throwable what the body threw
     */
    public static void restoring(String name, Executable body) throws Throwable {
        String saved = System.getProperty(name);
        try {
            body.execute();
        } finally {
            if (saved == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, saved);
            }
        }
    }
}
