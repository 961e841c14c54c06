package org.deeplinear.theory.laws;

import java.util.OptionalDouble;

import org.deeplinear.core.Arguments;

/**
 * The inflection of a sigmoidal mode law: the value {@code s*} where the rate {@code ds/dt} is largest, and the
 * time at which the trajectory passes it.
 *
 * @param value the value {@code s*}, in the units of {@code sigma}
 * @param time  the time at which the trajectory takes the value {@code s*}; empty if it never does (it starts past
 *              the inflection, or approaches {@code sigma} from above)
 */
public record Inflection(double value, OptionalDouble time) {

    /**
     * Validates the components.
     *
     * @param value the value s*
     * @param time the time of passage, if any
     * @throws IllegalArgumentException if {@code value} is not finite, {@code time} is null or holds a negative or
     *                                  NaN time
     */
    public Inflection {
        Arguments.finite("value", value);
        Arguments.notNull("time", time);
        if (time.isPresent()) {
            double t = time.getAsDouble();
            Arguments.check(t >= 0, "time", t, "a time >= 0");
        }
    }
}
