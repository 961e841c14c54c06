package org.deeplinear.ode;

import java.util.Arrays;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;

/**
 * When a run samples its observers: a uniform grid over the run's span, a fixed interval, explicit times, or
 * the two ends only. Samples come from the integrator's dense output inside the steps (never by restarting the
 * integration); gradient descent samples the iterate nearest each time. Immutable.
 *
 * <pre>{@code
 * SampleTimes grid = SampleTimes.uniform(101);          // t0, t0 + T/100, ..., T
 * SampleTimes some = SampleTimes.at(0.5, 1.0, 2.0);
 * }</pre>
 */
public final class SampleTimes {

    private enum Kind { UNIFORM, EVERY, AT }

    private final Kind kind;
    private final int count;
    private final double interval;
    private final double[] times;

    private SampleTimes(Kind kind, int count, double interval, double[] times) {
        this.kind = kind;
        this.count = count;
        this.interval = interval;
        this.times = times;
    }

    /**
     * {@code count} equally spaced times from the start to the end of the run, both included.
     *
     * @param count the number of samples, at least 2
     * @return the sample times
     * @throws IllegalArgumentException if {@code count < 2}
     */
    public static SampleTimes uniform(int count) {
        return new SampleTimes(Kind.UNIFORM, Arguments.atLeast("count", count, 2), Double.NaN, null);
    }

    /**
     * The start of the run and every {@code interval} after it, up to the end (the end is included).
     *
     * @param interval the spacing, finite and {@code > 0}
     * @return the sample times
     * @throws IllegalArgumentException if the interval is not finite and positive
     */
    public static SampleTimes every(double interval) {
        return new SampleTimes(Kind.EVERY, 0, Arguments.positive("interval", interval), null);
    }

    /**
     * Explicit times, each within the run's span (checked when the simulation is built; for gradient descent, whose
     * span is {@code steps * eta} in doubles, also up to half a step after it, its last iterate); sorted, duplicates
     * dropped.
     *
     * @param times the times, finite
     * @return the sample times
     * @throws IllegalArgumentException if an entry is not finite
     */
    public static SampleTimes at(double... times) {
        return new SampleTimes(Kind.AT, 0, Double.NaN, instants("times", times));
    }

    /**
     * Finite times as instants: sorted, without repeats, {@code -0.0} the instant {@code 0.0} (one time, not two
     * after sorting); what sample and snapshot times both are.
     *
     * @param name  the parameter's name, for the message
     * @param times the times (not modified)
     * @return a new sorted array of distinct times
     * @throws IllegalArgumentException if the array is null or an entry is not finite
     */
    static double[] instants(String name, double[] times) {
        double[] sorted = Arguments.allFinite(name, times).clone();
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] += 0.0;
        }
        Arrays.sort(sorted);
        return Arrays.stream(sorted).distinct().toArray();
    }

    /**
     * The start and the end of the run only.
     *
     * @return the sample times
     */
    public static SampleTimes endpoints() {
        return uniform(2);
    }

    /**
     * No samples at all (the trajectory still has its initial and final summaries).
     *
     * @return the sample times
     */
    public static SampleTimes none() {
        return new SampleTimes(Kind.AT, 0, Double.NaN, new double[0]);
    }

    /**
     * How many times {@link #resolve(double, double)} gives over {@code [start, end]}, without computing them: an
     * upper bound (for {@link #every(double)} one more for the end; for a grid finer than the clock's resolution
     * on the span, its repeats), exact otherwise.
     *
     * @param start the run's start, finite
     * @param end   the run's end, finite and {@code > start}, with {@code end - start} finite
     * @return the number of sample times
     * @throws IllegalArgumentException if the span is not one a simulation runs over (as
     *                                  {@code Simulation.Builder.build()} checks it): a time not finite, an end not
     *                                  after the start, or a length {@code end - start} that overflows
     */
    public long count(double start, double end) {
        checkSpan(start, end);
        switch (kind) {
            case UNIFORM:
                return count;
            case EVERY:
                return (long) Math.min(Long.MAX_VALUE / 2.0, Math.floor((end - start) / interval + 1e-9)) + 2;
            default:
                return times.length;
        }
    }

    /**
     * The span checks of {@code Simulation.Builder.build()} that sampling needs, with its messages: finite times,
     * an end after the start and a length that is a double ({@code (end - start) * fraction} gives the grid). Built
     * only on failure: no message is formed for a valid span.
     */
    private static void checkSpan(double start, double end) {
        Arguments.finite("start", start);
        Arguments.finite("end", end);
        if (!(end > start)) {
            throw Arguments.fail("end", end, "a time after the start " + start);
        }
        if (end - start == Double.POSITIVE_INFINITY) {
            throw Arguments.fail("end", end, "a span end - start from " + start + " that is finite");
        }
    }

    /**
     * Non-decreasing times without their repeats: a grid finer than the clock's resolution at the span's scale
     * (20,001 uniform samples over [1e12, 1e12 + 1], 5e-5 apart where doubles are 1.2e-4 apart) rounds
     * neighbours to the same double, and the samples of a trajectory are strictly ascending (review of
     * 2026-12-06).
     */
    private static double[] withoutRepeats(double[] ascending) {
        int kept = 0;
        for (int i = 0; i < ascending.length; i++) {
            if (kept == 0 || ascending[i] > ascending[kept - 1]) {
                ascending[kept++] = ascending[i];
            }
        }
        return kept == ascending.length ? ascending : Arrays.copyOf(ascending, kept);
    }

    /**
     * The sample times of a run over {@code [start, end]}.
     *
     * @param start the run's start, finite
     * @param end   the run's end, finite and {@code > start}, with {@code end - start} finite
     * @return the sorted, distinct times (grid times the clock cannot tell apart on the span count once)
     * @throws IllegalArgumentException if the span is not one a simulation runs over (as {@link #count}), an
     *                                  explicit time lies outside {@code [start, end]}, an interval would give
     *                                  1e7 samples or more, or a uniform count is more than an array holds
     *                                  ({@link Matrix#MAX_ENTRIES}; refused before anything is allocated)
     */
    public double[] resolve(double start, double end) {
        return resolve(start, end, 0.0);
    }

    /**
     * {@link #resolve(double, double)}, explicit times up to {@code slack} after the end accepted and read as the
     * end: gradient descent's, which takes the iterate nearest each time, so that a time half a step beyond its span
     * {@code steps * eta} (rounded) is its last iterate (review of 2026-12-08: 0.9 was refused for a run of 3 steps of
     * 0.3, whose span is 0.8999999999999999).
     */
    double[] resolve(double start, double end, double slack) {
        checkSpan(start, end);
        switch (kind) {
            case UNIFORM: {
                // a Java array holds at most MAX_ENTRIES doubles: uniform(Integer.MAX_VALUE) ran out of memory here
                Arguments.check(count <= Matrix.MAX_ENTRIES, "count", count, "at most " + Matrix.MAX_ENTRIES
                        + " samples (the largest array of doubles a JVM allocates)");
                double[] out = new double[count];
                for (int i = 0; i < count; i++) {
                    // the span times a fraction in [0, 1]: (end - start) * i alone overflowed for spans near 1e307
                    out[i] = i == count - 1 ? end : start + (end - start) * (i / (count - 1.0));
                }
                return withoutRepeats(out);
            }
            case EVERY: {
                long n = (long) Math.floor((end - start) / interval + 1e-9);
                Arguments.check(n < 10_000_000L, "interval", interval, "at most 1e7 samples over [" + start + ", "
                        + end + "]");
                double[] out = new double[(int) n + 1];
                for (int i = 0; i <= n; i++) {
                    out[i] = Math.min(end, start + i * interval);
                }
                if (n > 0 && end - out[out.length - 1] <= 1e-9 * interval) {
                    // the last multiple falls on the end but for rounding (0.727 * 78 = 56.705999999999996 for an
                    // end of 56.706): it is the end, not a second sample 4e-15 before it (the start stays: a span
                    // below 1e-9 intervals has the start and the end)
                    out[out.length - 1] = end;
                } else if (out[out.length - 1] < end) {
                    out = Arrays.copyOf(out, out.length + 1);
                    out[out.length - 1] = end;
                }
                return withoutRepeats(out);
            }
            default:
                double[] out = times.clone();
                for (int i = 0; i < out.length; i++) {
                    double t = out[i];
                    if (!(t >= start && t <= end + slack)) {
                        throw Arguments.fail("sample time", t, "a time within the run's span [" + start + ", " + end
                                + "]" + (slack > 0 ? " or " + slack + " after it (half a step)" : ""));
                    }
                    out[i] = Math.min(t, end);
                }
                return withoutRepeats(out);
        }
    }

    @Override
    public String toString() {
        switch (kind) {
            case UNIFORM:
                return "SampleTimes.uniform(" + count + ")";
            case EVERY:
                return "SampleTimes.every(" + interval + ")";
            default:
                return "SampleTimes.at" + Arrays.toString(times);
        }
    }
}
