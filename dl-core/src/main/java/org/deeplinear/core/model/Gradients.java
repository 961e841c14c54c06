package org.deeplinear.core.model;

import java.util.List;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;

/**
 * The gradients of the loss {@code L = 1/2 ||A - A*||_F^2} with respect to every layer of a chain:
 * {@code dL/dW_j = (W_N ... W_{j+1})^T G (W_{j-1} ... W_1)^T}, {@code G = A - A*}. For a two-layer network,
 * {@code dL/dW = G U^T} and {@code dL/dU = W^T G}. Immutable.
 */
public final class Gradients {

    private final List<Matrix> perLayer; // perLayer.get(j - 1) = dL/dW_j

    Gradients(List<Matrix> perLayer) {
        this.perLayer = List.copyOf(perLayer);
    }

    /**
     * The gradient with respect to one layer.
     *
     * @param j the layer, 1-based
     * @return {@code dL/dW_j}, of the layer's shape
     * @throws IndexOutOfBoundsException if {@code j} is outside [1, N]
     */
    public Matrix ofLayer(int j) {
        Arguments.index("layer", j, 1, perLayer.size());
        return perLayer.get(j - 1);
    }

    /**
     * The gradient with respect to the output factor {@code W = W_N}: {@code G U^T} for two layers.
     *
     * @return {@code dL/dW_N}
     */
    public Matrix ofOutputFactor() {
        return perLayer.get(perLayer.size() - 1);
    }

    /**
     * The gradient with respect to the input factor {@code U = W_1}: {@code W^T G} for two layers.
     *
     * @return {@code dL/dW_1}
     */
    public Matrix ofInputFactor() {
        return perLayer.get(0);
    }

    /**
     * The norm of the whole gradient, {@code sqrt(sum_j ||dL/dW_j||_F^2)}.
     *
     * @return the norm
     */
    public double norm() {
        double[] norms = new double[perLayer.size()];
        for (int j = 0; j < norms.length; j++) {
            norms[j] = perLayer.get(j).frobeniusNorm();
        }
        return Matrix.frobeniusNorm(norms, norms.length);
    }
}
