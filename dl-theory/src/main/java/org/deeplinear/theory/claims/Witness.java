package org.deeplinear.theory.claims;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Where a claim's worst residual was found: which mode (if the claim is per mode), at what time (if the subject
 * evolves), the value observed and the value the claim expected there, and a few words.
 *
 * @param mode        the mode, 0-based in the target's order (descending sigma), if the claim is per mode
 * @param time        the time, if the subject evolves
 * @param observed    the value observed
 * @param expected    the value the claim expected
 * @param description what was compared, e.g. {@code "s_1(t) against LogisticLaw[sigma=2.0, s0=1e-3]"}
 */
public record Witness(OptionalInt mode, OptionalDouble time, double observed, double expected,
                      String description) {

    /**
     * Validates the witness.
     *
     * @param mode the mode, 0-based in the target's order (descending sigma), if the claim is per mode
     * @param time the time, if the subject evolves
     * @param observed the value observed
     * @param expected the value the claim expected
     * @param description what was compared, e.g. {@code "s_1(t) against LogisticLaw[sigma=2.0, s0=1e-3]"}
     * @throws IllegalArgumentException if an argument is null
     */
    public Witness {
        org.deeplinear.core.Arguments.notNull("mode", mode);
        org.deeplinear.core.Arguments.notNull("time", time);
        org.deeplinear.core.Arguments.notNull("description", description);
    }

    /**
     * A witness at a mode and a time.
     *
     * @param mode        the mode
     * @param time        the time
     * @param observed    the value observed
     * @param expected    the value expected
     * @param description what was compared
     * @return the witness
     */
    public static Witness at(int mode, double time, double observed, double expected, String description) {
        return new Witness(OptionalInt.of(mode), OptionalDouble.of(time), observed, expected, description);
    }

    /**
     * A witness at a mode, for subjects without time.
     *
     * @param mode        the mode
     * @param observed    the value observed
     * @param expected    the value expected
     * @param description what was compared
     * @return the witness
     */
    public static Witness ofMode(int mode, double observed, double expected, String description) {
        return new Witness(OptionalInt.of(mode), OptionalDouble.empty(), observed, expected, description);
    }

    /**
     * A witness at a time, for claims not about one mode.
     *
     * @param time        the time
     * @param observed    the value observed
     * @param expected    the value expected
     * @param description what was compared
     * @return the witness
     */
    public static Witness atTime(double time, double observed, double expected, String description) {
        return new Witness(OptionalInt.empty(), OptionalDouble.of(time), observed, expected, description);
    }

    /**
     * A witness with neither mode nor time.
     *
     * @param observed    the value observed
     * @param expected    the value expected
     * @param description what was compared
     * @return the witness
     */
    public static Witness of(double observed, double expected, String description) {
        return new Witness(OptionalInt.empty(), OptionalDouble.empty(), observed, expected, description);
    }

    @Override
    public String toString() {
        return description + (mode.isPresent() ? ", mode " + mode.getAsInt() : "")
                + (time.isPresent() ? ", t = " + time.getAsDouble() : "") + ": observed " + observed
                + ", expected " + expected;
    }
}
