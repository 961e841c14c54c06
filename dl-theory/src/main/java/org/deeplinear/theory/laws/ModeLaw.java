package org.deeplinear.theory.laws;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The closed-form law of one aligned singular mode {@code s(t)} under gradient flow: the value from the initial
 * value, its inverse (the time to reach a value), the rate {@code ds/dt}, the half-time and the inflection.
 *
 * <p>Units: time is in the flow's time units ({@code t = eta * step} for gradient descent with step {@code eta}),
 * and {@code s} is in the units of the target singular value {@code sigma}. Every law is an immutable value whose
 * parameters were validated at construction; every method is a pure function of its argument.
 *
 * <p>Each implementation runs monotonically from {@link #initialValue()} towards {@link #limit()} (or stays put),
 * so the inverse {@link #timeToReach(double)} is a function: it is empty exactly for the values that the law never
 * takes at a finite time {@code t >= 0}.
 */
public interface ModeLaw {

    /**
     * The target singular value that the mode is drawn to.
     *
     * @return {@code sigma >= 0}; {@code 0} for an off-target mode
     */
    double sigma();

    /**
     * The value of the mode at {@code t = 0}.
     *
     * @return {@code s0}, in the units of {@code sigma}
     */
    double initialValue();

    /**
     * The value of the mode at time {@code t}.
     *
     * @param t the time, {@code t >= 0}; {@code +infinity} gives {@link #limit()}
     * @return {@code s(t)}, finite for every admissible {@code t}
     * @throws IllegalArgumentException if {@code t} is NaN or negative
     */
    double value(double t);

    /**
     * The first time at which the mode takes the value {@code s}.
     *
     * @param s a value in the units of {@code sigma}
     * @return the time {@code t >= 0} with {@code value(t) == s}; empty if the law never takes that value at a
     *         finite time (it lies beyond the limit, on the other side of the start, or is the limit itself)
     * @throws IllegalArgumentException if {@code s} is NaN or infinite
     */
    OptionalDouble timeToReach(double s);

    /**
     * The rate {@code ds/dt} of the law's differential equation at the value {@code s}.
     *
     * @param s a value in the units of {@code sigma}, in the domain of the equation (see {@link #domain()})
     * @return {@code ds/dt} in units of {@code sigma} per unit time
     * @throws IllegalArgumentException if {@code s} is NaN or infinite, or outside the equation's domain
     */
    double rate(double s);

    /**
     * The value approached as {@code t -> infinity}.
     *
     * @return {@code lim s(t)}
     */
    double limit();

    /**
     * The half-time: the time at which the mode reaches {@code sigma / 2}.
     *
     * @return the time to reach {@code sigma / 2}, 0 for a start at exactly {@code sigma / 2}; empty if the law never
     *         takes that value (for instance an off-target law, or a start above {@code sigma / 2}). (A simulated
     *         run's {@code Trajectory.halfTime} counts rises through {@code sigma / 2}, and has none for a start at
     *         it.)
     */
    default OptionalDouble halfTime() {
        return sigma() > 0 ? timeToReach(sigma() / 2) : OptionalDouble.empty();
    }

    /**
     * The inflection of the sigmoidal growth: the value where the rate {@code ds/dt} has its maximum, and the time
     * at which the trajectory passes it.
     *
     * @return the inflection; empty if the law has no sigmoidal (accelerating) phase
     */
    Optional<Inflection> inflection();

    /**
     * Whether the law ever takes the value {@code s}.
     *
     * @param s a value in the units of {@code sigma}
     * @return {@code timeToReach(s).isPresent()}
     * @throws IllegalArgumentException if {@code s} is NaN or infinite
     */
    default boolean reaches(double s) {
        return timeToReach(s).isPresent();
    }

    /**
     * The assumptions under which this law describes an aligned mode of a linear network, and the range of
     * initial values it accepts, in words (for reports).
     *
     * @return a one-line description of the law's domain of validity
     */
    String domain();
}
