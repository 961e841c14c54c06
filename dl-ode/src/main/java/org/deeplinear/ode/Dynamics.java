package org.deeplinear.ode;

import java.util.Optional;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.target.Target;

/**
 * What a simulation integrates, behind the flat state: its size and blocks, its initial state, a right-hand side
 * and views to observe it. Each implementation keeps the flat {@code double[]} to itself and to the Hipparchus
 * adapters of this package.
 */
abstract class Dynamics {

    /** The right-hand side {@code dy/dt = f(y)} with buffers of its own; not thread-safe. */
    interface RightHandSide {
        /**
         * Writes {@code f(y)} into {@code out[offset, offset + dimension)}, the rest of {@code out} untouched (an
         * integrator has it written straight into the row of its stage array that holds the stage).
         *
         * @throws NonFiniteStateException if the state or its derivative is not finite
         */
        void compute(double t, double[] y, double[] out, int offset);
    }

    /** Thrown by a right-hand side that meets a non-finite state; turned into a divergence by the runner. */
    static final class NonFiniteStateException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final double time;

        NonFiniteStateException(double time) {
            super("non-finite state or derivative at t = " + time, null, false, false);
            this.time = time;
        }

        double time() {
            return time;
        }
    }

    /** What is simulated, for messages and trajectories. */
    abstract String description();

    /** The target the dynamics moves toward, for trajectories; empty for independent single modes. */
    Optional<Target> optionalTarget() {
        return Optional.empty();
    }

    /**
     * The depth of the network whose flow this is, for trajectories; for independent single modes their common
     * depth, 0 where they differ.
     */
    int networkDepth() {
        return 0;
    }

    /** Length of the flat state. */
    abstract int dimension();

    /** Entries per block (layers, modes, or the whole map), for per-block tolerances. */
    abstract int[] blocks();

    /** A new copy of the initial state. */
    abstract double[] initialState();

    /** The largest sigma of the problem, for the events' max-check interval; 0 if none. */
    abstract double sigmaMax();

    /** A new right-hand side. */
    abstract RightHandSide newRightHandSide();

    /** A new view, with the initial state loaded (so that drifts are measured from it). */
    abstract StateView newView();

    /** The name of the product backend used, or "scalar". */
    abstract String backend();

    /** The product backend an integrator combines the stages of this flow with: the model's, or plain Java. */
    abstract ProductBackend products();

    /** Checks that a right-hand side's result is finite. */
    static void requireFinite(double t, double[] values) {
        requireFinite(t, values, 0, values.length);
    }

    /** Throws a {@link NonFiniteStateException} at {@code t} if one of {@code values[from, from + length)} is not. */
    static void requireFinite(double t, double[] values, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new NonFiniteStateException(t);
            }
        }
    }
}
