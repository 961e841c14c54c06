package org.deeplinear.ode;

import java.util.Optional;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.target.Target;

/**
 * The view of a closed end-to-end flow, whose state is {@code A} itself: no factors; the imbalance is the
 * one the flow assumes ({@code lambda I}, norm {@code |lambda| sqrt(k)} with {@code k = m = n}), which by
 * construction never drifts.
 */
final class EndToEndView extends MatrixView {

    private final double imbalanceNorm;
    private final double[] targetEntries; // A*, row-major

    EndToEndView(Target target, double lambda, ProductBackend products) {
        super(target, products);
        this.imbalanceNorm = Math.abs(lambda) * Math.sqrt(target.rows());
        this.targetEntries = new double[endToEnd.length];
        target.matrix().copyTo(targetEntries, 0);
    }

    /** Copies {@code A} from the state and returns {@code 1/2 ||A - A*||_F^2}. */
    @Override
    protected double computeMap() {
        System.arraycopy(state, 0, endToEnd, 0, endToEnd.length);
        double sum = 0;
        for (int i = 0; i < endToEnd.length; i++) {
            double r = endToEnd[i] - targetEntries[i];
            sum += r * r;
        }
        return 0.5 * sum;
    }

    @Override
    public double imbalanceNorm() {
        return imbalanceNorm;
    }

    @Override
    public double imbalanceDrift() {
        return 0.0;
    }

    @Override
    public Optional<FactorChain> factors() {
        return Optional.empty();
    }
}
