package org.deeplinear.examples.cli;

import org.deeplinear.core.Arguments;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The flags a command line gave (not their defaults), and the refusal of one given where it does not apply, naming
 * the value given as every refusal of {@code dl} does ({@code --rtol = 1e-6: expected no --rtol with --gd ...}; it
 * said {@code --rtol = given}, review of 2026-12-07).
 */
final class GivenFlags {

    private GivenFlags() {
    }

    /**
     * Whether the command line gave a flag.
     *
     * @param spec the command's spec (its parse result)
     * @param flag the flag's name, e.g. {@code --atol}
     * @return true if the flag was given, false if it holds its default
     */
    static boolean given(CommandSpec spec, String flag) {
        return spec.commandLine().getParseResult().hasMatchedOption(flag);
    }

    /**
     * Refuses a flag the command line gave where it does not apply.
     *
     * @param spec     the command's spec (its parse result)
     * @param flag     the flag's name, e.g. {@code --rtol}
     * @param expected what was expected instead, e.g. {@code no --rtol with --gd (...)}
     * @throws IllegalArgumentException naming the flag and the value given (the values given, comma-separated, for
     *                                  a flag given more than once), if it was given
     */
    static void refuseIfGiven(CommandSpec spec, String flag, String expected) {
        OptionSpec option = spec.commandLine().getParseResult().matchedOption(flag);
        if (option != null) {
            String value = String.join(",", option.originalStringValues());
            throw Arguments.fail(flag, value.isEmpty() ? "given" : value, expected);
        }
    }
}
