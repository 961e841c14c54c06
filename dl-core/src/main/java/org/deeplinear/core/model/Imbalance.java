package org.deeplinear.core.model;

import java.util.List;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;

/**
 * The imbalance of a chain, conserved by gradient flow (THEORY.md, identity 2): at each junction
 * {@code j = 1..N-1} between layers {@code W_j} and {@code W_{j+1}},
 * {@code D_j = W_{j+1}^T W_{j+1} - W_j W_j^T} ({@code d_j x d_j}). For a two-layer network there is one junction,
 * {@code D = W^T W - U U^T} (k x k). A chain is balanced when every {@code D_j = 0}. Immutable.
 */
public final class Imbalance {

    private final List<Matrix> junctions; // junctions.get(j - 1) = D_j

    Imbalance(List<Matrix> junctions) {
        this.junctions = List.copyOf(junctions);
    }

    /**
     * The imbalance at one junction.
     *
     * @param j the junction, 1-based, between layers {@code j} and {@code j + 1}
     * @return {@code D_j = W_{j+1}^T W_{j+1} - W_j W_j^T}
     * @throws IndexOutOfBoundsException if {@code j} is outside [1, N-1]
     */
    public Matrix junction(int j) {
        Arguments.index("junction", j, 1, junctions.size());
        return junctions.get(j - 1);
    }

    /**
     * The number of junctions, {@code N - 1}.
     *
     * @return at least 1
     */
    public int junctionCount() {
        return junctions.size();
    }

    /**
     * The imbalances of all junctions, {@code D_1, ..., D_{N-1}}.
     *
     * @return the unmodifiable list
     */
    public List<Matrix> junctions() {
        return junctions;
    }

    /**
     * The size of the whole imbalance, {@code sqrt(sum_j ||D_j||_F^2)}: 0 for a balanced chain.
     *
     * @return the norm
     */
    public double norm() {
        double[] norms = new double[junctions.size()];
        for (int j = 0; j < norms.length; j++) {
            norms[j] = junctions.get(j).frobeniusNorm();
        }
        return Matrix.frobeniusNorm(norms, norms.length);
    }
}
