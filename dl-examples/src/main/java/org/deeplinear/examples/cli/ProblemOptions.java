package org.deeplinear.examples.cli;

import org.deeplinear.core.Arguments;
import org.deeplinear.ode.IntegratorSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that {@code simulate} and {@code sweep} share, with the NumPy peer's names and defaults: the sizes
 * {@code --m --n --k} of {@code A = W U} and the tolerances {@code --rtol --atol} of the adaptive integrator
 * ({@link ToleranceOptions}). A picocli mixin.
 */
final class ProblemOptions {

    @Option(names = "--m", defaultValue = "32", description = "output dimension (default ${DEFAULT-VALUE})")
    int m;

    @Option(names = "--n", defaultValue = "32", description = "input dimension (default ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--k", defaultValue = "32", description = "hidden width (default ${DEFAULT-VALUE})")
    int k;

    @Mixin
    ToleranceOptions tolerances;

    /** The largest number of entries of one matrix (W, U or A*) the program accepts: 400 MB of doubles. */
    static final long MAX_ENTRIES = 50_000_000L;

    /** Checks the sizes: each at least 1, and no matrix above {@link #MAX_ENTRIES} entries. */
    void checkSizes() {
        Arguments.atLeast("--m", m, 1);
        Arguments.atLeast("--n", n, 1);
        Arguments.atLeast("--k", k, 1);
        long largest = Math.max((long) m * n, Math.max((long) m * k, (long) k * n));
        Arguments.check(largest <= MAX_ENTRIES, "--m x --n x --k", m + " x " + n + " x " + k,
                "sizes whose matrices have at most " + MAX_ENTRIES + " entries each");
    }

    /**
     * An adaptive integrator at the tolerances {@code --rtol --atol}.
     *
     * @param method an adaptive method
     * @return the settings
     */
    IntegratorSettings adaptive(IntegratorSettings.Method method) {
        return tolerances.adaptive(method);
    }
}
