package org.deeplinear.theory.claims;

import java.util.List;
import org.deeplinear.core.Arguments;
import org.deeplinear.ode.Trajectory;

/**
 * A family of runs that differ in the scale {@code eps} of their initialisation (the same draw scaled, or fresh
 * draws): the subject of claims about how a quantity depends on {@code ln(1/eps)}.
 *
 * @param scales the initialisation scale of each run, finite and {@code > 0}, at least 3 distinct values
 * @param runs   the runs, one per scale, each with the modes series ({@code Observers.modes()}) recorded and,
 *               ideally, the half-time events ({@code Simulation.Builder.halfTimes()})
 */
public record RunFamily(double[] scales, List<Trajectory> runs) {

    /**
     * Validates the family.
     *
     * @param scales the initialisation scale of each run, finite and {@code > 0}, at least 3 distinct values
     * @param runs the runs, one per scale, each with the modes series ({@code Observers.modes()}) recorded and,
     *             ideally, the half-time events ({@code Simulation.Builder.halfTimes()})
     * @throws IllegalArgumentException if an argument or a run is null (named {@code runs[i]}), the lengths differ,
     *                                  a scale is not positive, or there are fewer than 3 distinct scales
     */
    public RunFamily {
        Arguments.notNull("scales", scales);
        scales = scales.clone();
        runs = Arguments.nonNullElements("runs", runs);
        Arguments.check(scales.length == runs.size(), "runs.size", runs.size(), scales.length + " (one per scale)");
        Arguments.check(scales.length >= 3, "scales.length", scales.length, "at least 3 runs to fit a slope");
        for (int i = 0; i < scales.length; i++) {
            Arguments.positive("scales[" + i + "]", scales[i]);
        }
        Arguments.check(java.util.Arrays.stream(scales).distinct().count() >= 3, "scales",
                java.util.Arrays.toString(scales), "at least 3 distinct values to fit a slope");
    }

    /**
     * The scales.
     *
     * @return a copy
     */
    @Override
    public double[] scales() {
        return scales.clone();
    }
}
