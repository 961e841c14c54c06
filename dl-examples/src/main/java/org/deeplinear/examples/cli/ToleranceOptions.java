package org.deeplinear.examples.cli;

import java.util.OptionalDouble;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.model.FactorChain;
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

    @Option(names = "--atol", defaultValue = "1e-12", description = "absolute tolerance (default ${DEFAULT-VALUE};"
            + " a start whose entries are all below --atol / sqrt(--rtol) is integrated to --atol, not --rtol, and"
            + " simulate and sweep say so on stderr)")
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

    /**
     * A one-line note for a start too small for the default absolute tolerance, or null. Tolerances act per entry as
     * {@code atol + rtol |y_i|}, so entries below {@code atol / rtol} are controlled to {@code atol}, absolutely: a
     * start whose largest entry is below {@code atol / sqrt(rtol)} (1e-7 at the defaults) is integrated on its
     * plateau to worse than {@code sqrt(rtol)} relative, half the digits {@code rtol} asks for, and its half-times
     * lose digits accordingly (random starts at the defaults, eps = 1e-9: 8.5e-5 off; 1e-6: 1.2e-7, no note; user
     * review of 2026-12-07, aligned start of modes 1e-20, factor entries 1e-10: the sigma = 4 half-time 5.93106
     * against the closed form's 5.92975, 1.3e-3 off at {@code atol = 1e-12}; every half-time within 3e-10 of its
     * closed form at the note's {@code 4.7e-21}, measured with {@code dl simulate --init aligned --init-scale 1e-20
     * --T 30}). Given only where {@code --atol} was not: an absolute tolerance chosen is the user's.
     *
     * @param atolGiven whether {@code --atol} was given on the command line
     * @param start     the start's factors
     * @param what      what the start is, for the note, e.g. {@code "the start"}
     * @return the note, or null
     */
    String smallStartNote(boolean atolGiven, FactorChain start, String what) {
        double largestEntry = IntegratorSettings.largestEntry(start.toState());
        IntegratorSettings settings = adaptive(IntegratorSettings.Method.DORMAND_PRINCE_853);
        if (atolGiven || !settings.isSmallState(largestEntry)) {
            return null;
        }
        String head = "note: " + what + "'s largest entry is " + largestEntry + ", so --atol " + atol;
        OptionalDouble integrating = settings.absoluteToleranceFor(largestEntry);
        if (integrating.isEmpty()) {
            // no --atol helps (the CLI refuses 0, and a subnormal one has lost its digits; review of 2026-12-07:
            // the note said "Infinity relative" and advised --atol 0.0 for --init-scale 4.9e-324)
            return head + ", not --rtol " + rtol + ", controls its plateau, and no --atol integrates it to --rtol"
                    + " (that takes --rtol times that entry, " + rtol * largestEntry + ", below the smallest normal"
                    + " double):"
                    + " its half-times lose digits accordingly";
        }
        return head + " controls its plateau to about " + atol / largestEntry + " relative, not --rtol " + rtol
                + ": its half-times lose digits accordingly; --atol " + integrating.getAsDouble()
                + " (--rtol times that entry)"
                + " integrates it to --rtol";
    }
}
