package org.deeplinear.examples.cli;

import org.deeplinear.core.Arguments;
import org.deeplinear.ode.IntegratorSettings;
import picocli.CommandLine.Option;

/**
 * The tolerances {@code --rtol --atol} of the adaptive integrator, with the NumPy peer's names and defaults (those of
 * {@link IntegratorSettings#defaults()}), shared by {@code simulate}, {@code sweep} (through {@link ProblemOptions})
 * and {@code report}. A picocli mixin.
 */
final class ToleranceOptions {

    @Option(names = "--rtol", defaultValue = "1e-10", description = "relative tolerance (default ${DEFAULT-VALUE})")
    double rtol;

    @Option(names = "--atol", defaultValue = "1e-12", description = "absolute tolerance (default ${DEFAULT-VALUE})")
    double atol;

    /**
     * An adaptive integrator at these tolerances.
     *
     * @param method an adaptive method
     * @return the settings
     * @throws IllegalArgumentException naming {@code --rtol} or {@code --atol} if a tolerance is out of range
     */
    IntegratorSettings adaptive(IntegratorSettings.Method method) {
        return IntegratorSettings.adaptive(method, IntegratorSettings.checkRelativeTolerance("--rtol", rtol),
                Arguments.positive("--atol", atol));
    }
}
