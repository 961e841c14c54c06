package org.deeplinear.ode;

import org.deeplinear.core.model.GradientEngine;
import org.deeplinear.core.target.Target;

/**
 * All aligned modes of a target at once from the residual {@code G = A - A*} a {@link GradientEngine} already
 * holds: {@code s_i = u_i^T G v_i + sigma_i} (since {@code u_i^T A* v_i = sigma_i}), as the peer's descent counts
 * them. One {@code m x n x p} product {@code G V_p} on the engine's own residual
 * ({@link GradientEngine#multiplyResidual}) into a preallocated buffer, then
 * {@code p} dot products with the columns of {@code U_p}, {@code p} the modes tracked (at most the target's
 * {@code min(m, n)} singular pairs, zero ones included): {@code O(m n p)} flops in
 * a product instead of {@code 2 p} latency-bound matrix-vector reductions over every layer, and nothing allocated.
 * For any depth, since the residual is of the end-to-end map.
 */
final class ResidualModes {

    private final AlignedBasis basis;
    private final double[] image;       // G V_p, m x p

    /**
     * Prepares the buffers for the first {@code count} modes.
     *
     * @param count how many modes, {@code 0 <= count <= target.spectrum().size()}
     */
    ResidualModes(Target target, int count) {
        this.basis = new AlignedBasis(target, count);
        image = new double[target.rows() * count];
    }

    /** The number of modes {@code p} computed. */
    int count() {
        return basis.count();
    }

    /**
     * Writes {@code s_i = u_i^T G v_i + sigma_i}, {@code i < p}, of the state of the engine's last
     * {@code forward} or {@code evaluate} call.
     *
     * @param engine the engine, after an evaluation of the state whose modes are wanted (not modified)
     * @param out    the modes, of length at least {@code p} (Modified)
     */
    void compute(GradientEngine engine, double[] out) {
        int p = basis.count();
        if (p == 0) {
            return;
        }
        engine.multiplyResidual(basis.right().data, p, image);
        basis.diagonal(image, out);
        for (int i = 0; i < p; i++) {
            out[i] += basis.sigma(i);
        }
    }
}
