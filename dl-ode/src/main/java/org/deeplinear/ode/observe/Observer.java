package org.deeplinear.ode.observe;

/**
 * Measures a fixed number of values at each sample of a run; the simulation appends them to the
 * {@link Series} of the observer's name, so memory grows with the number of samples, never with the number of
 * integrator steps. Implementations are stateless (or at least keep no reference to the observation).
 *
 * <pre>{@code
 * Observer gap = Observer.scalar("gap01", o -> o.mode(0) - o.mode(1));
 * }</pre>
 */
public interface Observer {

    /**
     * The name of the series this observer fills; unique within a simulation.
     *
     * @return a non-blank name
     */
    String name();

    /**
     * How many values each sample records.
     *
     * @param modeCount the number of aligned modes of the dynamics observed
     * @return the width, at least 1
     */
    int width(int modeCount);

    /**
     * Measures one sample. A {@code RuntimeException} thrown here (an {@code Error} is not caught) ends the run with a
     * {@code SimulationException} of reason {@code CALLBACK_FAILED}, what it threw as the cause, keeping the samples
     * before this one (where a descent has diverged, the last iterate's loss is not finite, and a refusal there
     * leaves the run {@code DIVERGED}).
     *
     * @param observation the state at the sample's time (valid only during this call)
     * @param out         where to write {@link #width} values (Modified)
     */
    void measure(Observation observation, double[] out);

    /**
     * An observer of one number per sample.
     *
     * @param name     the series' name
     * @param function what to measure
     * @return the observer
     * @throws IllegalArgumentException if an argument is null or the name is blank
     */
    static Observer scalar(String name, java.util.function.ToDoubleFunction<Observation> function) {
        return Observers.scalar(name, function);
    }
}
