package org.deeplinear.ode.observe;

import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;
import org.deeplinear.core.Arguments;

/**
 * The built-in observers: loss, aligned modes, coupling, imbalance norm and drift. Each is immutable and names
 * its series after the quantity ({@code "loss"}, {@code "modes"}, ...).
 */
public final class Observers {

    /** Name of the {@link #loss()} series. */
    public static final String LOSS = "loss";
    /** Name of the {@link #modes()} series. */
    public static final String MODES = "modes";
    /** Name of the {@link #coupling()} series. */
    public static final String COUPLING = "coupling";
    /** Name of the {@link #imbalanceNorm()} series. */
    public static final String IMBALANCE_NORM = "imbalanceNorm";
    /** Name of the {@link #imbalanceDrift()} series. */
    public static final String IMBALANCE_DRIFT = "imbalanceDrift";

    private Observers() {
    }

    /**
     * The mode count an observer's width is asked for, checked: the number of aligned modes of a dynamics, never
     * negative ({@code modes().width(-1)} was -1, a width no series has).
     */
    private static int checkModeCount(int modeCount) {
        if (modeCount < 0) {
            throw Arguments.fail("modeCount", modeCount, "a count >= 0 (the number of aligned modes)");
        }
        return modeCount;
    }

    /**
     * The arguments of one measurement, checked before anything is read or written: an observation (a null one
     * failed with a bare NullPointerException) and room for the observer's {@code width} values. No message is
     * formed where they pass (this runs at every sample).
     */
    private static void checkMeasure(Observation observation, double[] out, int width) {
        Arguments.notNull("observation", observation);
        if (Arguments.notNull("out", out).length < width) {
            throw Arguments.fail("out.length", out.length, "room for the observer's " + width + " values");
        }
    }

    /**
     * The loss {@code 1/2 ||A - A*||_F^2}, one value per sample.
     *
     * @return the observer
     */
    public static Observer loss() {
        return scalar(LOSS, Observation::loss);
    }

    /**
     * Every aligned mode {@code s_0, ..., s_{p-1}}, {@code p} values per sample: {@code width(p)} is {@code p}
     * (refused for a negative {@code p} with an {@link IllegalArgumentException}), and {@code measure} writes the
     * observation's {@code p} modes into the first {@code p} entries of {@code out}, refusing a null observation or
     * an {@code out} with room for fewer.
     *
     * @return the observer
     */
    public static Observer modes() {
        return new Observer() {
            @Override
            public String name() {
                return MODES;
            }

            @Override
            public int width(int modeCount) {
                return checkModeCount(modeCount);
            }

            @Override
            public void measure(Observation observation, double[] out) {
                int p = Arguments.notNull("observation", observation).modeCount();
                checkMeasure(observation, out, p);
                for (int i = 0; i < p; i++) {
                    out[i] = observation.mode(i);
                }
            }
        };
    }

    /**
     * The coupling between modes, one value per sample.
     *
     * @return the observer
     */
    public static Observer coupling() {
        return scalar(COUPLING, Observation::coupling);
    }

    /**
     * The imbalance norm, one value per sample.
     *
     * @return the observer
     */
    public static Observer imbalanceNorm() {
        return scalar(IMBALANCE_NORM, Observation::imbalanceNorm);
    }

    /**
     * The imbalance drift from the start of the run, one value per sample.
     *
     * @return the observer
     */
    public static Observer imbalanceDrift() {
        return scalar(IMBALANCE_DRIFT, Observation::imbalanceDrift);
    }

    /**
     * An observer of one number per sample.
     *
     * @param name     the series' name, not blank
     * @param function what to measure
     * @return the observer
     * @throws IllegalArgumentException if an argument is null or the name is blank
     */
    public static Observer scalar(String name, ToDoubleFunction<Observation> function) {
        Arguments.notNull("name", name);
        Arguments.check(!name.isBlank(), "name", "\"" + name + "\"", "a non-blank name");
        Arguments.notNull("function", function);
        return vector(name, 1, (observation, out) -> out[0] = function.applyAsDouble(observation));
    }

    /**
     * An observer of a fixed number of values per sample. Its {@code width(p)} is {@code width} for every mode count
     * {@code p >= 0} (a negative one is refused with an {@link IllegalArgumentException}); its {@code measure}
     * refuses a null observation or an {@code out} with room for fewer than {@code width} values before calling
     * {@code measure}.
     *
     * <pre>{@code
     * Observer map = Observers.vector("A", m * n, (o, out) -> { ... });   // every entry of A(t), row by row
     * }</pre>
     *
     * @param name    the series' name, not blank
     * @param width   how many values each sample records, at least 1
     * @param measure writes the {@code width} values of one sample into its array (the observation is valid only
     *                during the call)
     * @return the observer
     * @throws IllegalArgumentException if an argument is null, the name is blank or the width below 1
     */
    public static Observer vector(String name, int width, BiConsumer<Observation, double[]> measure) {
        Arguments.notNull("name", name);
        Arguments.check(!name.isBlank(), "name", "\"" + name + "\"", "a non-blank name");
        Arguments.atLeast("width", width, 1);
        Arguments.notNull("measure", measure);
        return new Observer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int width(int modeCount) {
                checkModeCount(modeCount);
                return width;
            }

            @Override
            public void measure(Observation observation, double[] out) {
                checkMeasure(observation, out, width);
                measure.accept(observation, out);
            }
        };
    }
}
