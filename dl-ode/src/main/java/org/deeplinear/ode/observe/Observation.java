package org.deeplinear.ode.observe;

import java.util.Optional;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.model.FactorChain;

/**
 * What can be measured of a running simulation at one instant: the loss, the aligned modes
 * {@code s_i = u_i^T A v_i}, the coupling between modes, the imbalance and its drift, the size of the state, and
 * (where the dynamics has them) the factors and the end-to-end map.
 *
 * <p>A view, not a value: the simulation hands the same object to observers and event conditions again and
 * again, reloaded at each instant, and computes each quantity lazily, once per instant. An {@code Observation}
 * is valid only during the call that receives it; keep numbers, never the view. The accessors returning
 * {@link Optional} build new immutable values and are meant for samples, not for event conditions.
 *
 * <p>Which dynamics defines what: factor flows and gradient descent define everything; the closed end-to-end
 * flows have no factors, their imbalance is the one they assume ({@code 0} or {@code lambda I}) and never
 * drifts; single-mode systems have no factors and no end-to-end map, their modes are the systems' values and
 * their loss is {@code 1/2 sum_i (sigma_i - s_i)^2}.
 */
public interface Observation {

    /**
     * The time of this instant (for gradient descent, {@code eta * step}).
     *
     * @return the time
     */
    double time();

    /**
     * The whitened squared loss {@code 1/2 ||A - A*||_F^2}.
     *
     * @return the loss, non-finite only if the state is
     */
    double loss();

    /**
     * The number of aligned modes: {@code min(m, n)} for a matrix flow, the number of modes of a single-mode
     * system.
     *
     * @return the number of modes, at least 1
     */
    int modeCount();

    /**
     * One aligned mode.
     *
     * @param i the mode, 0-based, in the target's order (descending sigma)
     * @return {@code s_i}
     * @throws IndexOutOfBoundsException if {@code i} is outside {@code [0, modeCount())}
     */
    double mode(int i);

    /**
     * The target's singular value of a mode.
     *
     * @param i the mode, 0-based
     * @return {@code sigma_i >= 0}
     * @throws IndexOutOfBoundsException if {@code i} is outside {@code [0, modeCount())}
     */
    double sigma(int i);

    /**
     * The coupling, the share of {@code A} off its aligned modes, {@code ||A - sum_i s_i u_i v_i^T||_F / ||A||_F}
     * (see {@link org.deeplinear.core.target.AlignedCoordinates#coupling()}: for a square map
     * {@code ||offdiag(U*^T A V*)||_F / ||U*^T A V*||_F}): 0 when aligned.
     *
     * @return the coupling in [0, 1]; 0 for single-mode systems
     */
    double coupling();

    /**
     * The size of the imbalance, {@code sqrt(sum_j ||D_j||_F^2)} with {@code D_j = W_{j+1}^T W_{j+1} - W_j W_j^T}
     * (single modes: {@code sqrt(sum_i lambda_i^2)} with {@code lambda_i = w_i^2 - u_i^2}).
     *
     * @return the norm, {@code >= 0}; infinite where the products {@code W^T W} overflow (entries above about
     *         {@code 1e154})
     */
    double imbalanceNorm();

    /**
     * How far the imbalance has moved from the start of the run, {@code sqrt(sum_j ||D_j(t) - D_j(t_0)||_F^2)}:
     * zero under exact gradient flow (THEORY.md, identity 2), of order {@code eta^2} per step under descent.
     *
     * @return the drift, {@code >= 0}; infinite where the imbalance at the start or now overflows, NaN where both
     *         overflow to the same infinity in one entry (the difference of two overflowed values is not known)
     */
    double imbalanceDrift();

    /**
     * The Euclidean norm of the whole state (all factors' entries, or the entries of A, or the modes' values).
     *
     * @return the norm; infinite or NaN when the state is not finite
     */
    double stateNorm();

    /**
     * Whether every entry of the state is finite.
     *
     * @return true if the state is finite
     */
    boolean isFinite();

    /**
     * The factors at this instant, for the dynamics that have them and while they are finite.
     *
     * @return a new chain, or empty
     */
    Optional<FactorChain> factors();

    /**
     * The end-to-end map {@code A} at this instant, for the matrix dynamics and while it is finite.
     *
     * @return a new matrix, or empty
     */
    Optional<Matrix> endToEnd();
}
