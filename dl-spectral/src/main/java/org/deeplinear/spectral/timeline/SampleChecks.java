package org.deeplinear.spectral.timeline;

import org.deeplinear.core.Arguments;

/**
 * The checks that every time series of dl-spectral passes before it is analysed: sample times finite and strictly
 * increasing, values finite and one per sample. Each rejection names the sample, by index and time, in the
 * library's message format ({@link Arguments}), e.g.
 * {@code "times[3] = 0.5 (sample 3): expected a time > times[2] = 0.7 (times strictly increasing)"}.
 *
 * <p>Stateless.
 */
public final class SampleChecks {

    private SampleChecks() {
    }

    /**
     * Checks sample times.
     *
     * @param name  the parameter's name, e.g. {@code "times"}
     * @param times the times (not modified): at least one, finite, strictly increasing
     * @return {@code times}
     * @throws IllegalArgumentException if {@code times} is null or empty, or a time is not finite or not greater
     *                                  than the one before it; the message names the sample
     */
    public static double[] requireIncreasing(String name, double[] times) {
        Arguments.notNull(name, times);
        Arguments.check(times.length >= 1, name + ".length", 0, "at least one sample");
        for (int j = 0; j < times.length; j++) {
            String entry = name + "[" + j + "]";
            Arguments.check(Double.isFinite(times[j]), entry, times[j] + " (sample " + j + ")", "a finite time");
            if (j > 0) {
                Arguments.check(times[j] > times[j - 1], entry, times[j] + " (sample " + j + ")",
                        "a time > " + name + "[" + (j - 1) + "] = " + times[j - 1] + " (times strictly increasing)");
            }
        }
        return times;
    }

    /**
     * Checks a series of values against its (already checked) sample times: one finite value per sample.
     *
     * @param name   the parameter's name, e.g. {@code "loss"} or {@code "modes[2]"}
     * @param values the values (not modified)
     * @param times  the sample times (not modified)
     * @return {@code values}
     * @throws IllegalArgumentException if {@code values} or {@code times} is null, {@code values} has the wrong
     *                                  length, or holds a non-finite value; the message names the sample by index
     *                                  and time
     */
    public static double[] requireSeries(String name, double[] values, double[] times) {
        Arguments.notNull(name, values);
        Arguments.notNull("times", times);
        Arguments.check(values.length == times.length, name + ".length", values.length,
                times.length + " values, one per sample time");
        for (int j = 0; j < values.length; j++) {
            Arguments.check(Double.isFinite(values[j]), name + "[" + j + "]",
                    values[j] + " (sample " + j + ", t = " + times[j] + ")", "a finite value");
        }
        return values;
    }
}
