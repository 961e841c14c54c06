package org.deeplinear.ode;

import java.util.Optional;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.target.Target;

/**
 * The view of a closed end-to-end flow, whose state is {@code A} itself: no factors; the imbalance is the
 * one the flow assumes ({@code lambda I}, norm {@code |lambda| sqrt(k)} with {@code k = m = n}), which by
 * construction never drifts.
 */
final class EndToEndView extends MatrixView {

    private final double imbalanceNorm;

    EndToEndView(Target target, double lambda) {
        super(target);
        this.imbalanceNorm = Math.abs(lambda) * Math.sqrt(target.rows());
    }

    @Override
    protected double computeMap() {
        System.arraycopy(state, 0, endToEnd, 0, endToEnd.length);
        return lossOf(endToEnd);
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
