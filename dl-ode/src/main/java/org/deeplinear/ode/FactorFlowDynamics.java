package org.deeplinear.ode;

import java.util.Optional;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.GradientEngine;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.target.Target;

/**
 * Gradient flow of a chain of factors {@code dW_j/dt = -dL/dW_j} (two layers or depth N): the right-hand side
 * is one {@link GradientEngine} evaluation (through the product seam), writing straight into the array
 * Hipparchus asks for.
 */
final class FactorFlowDynamics extends Dynamics {

    private final FactorChain factors;
    private final Target target;
    private final ProductBackend products;
    private final StateMapper mapper;

    FactorFlowDynamics(FactorChain factors, Target target, ProductBackend products) {
        this.factors = factors;
        this.target = target;
        this.products = products;
        this.mapper = new StateMapper(factors.widths());
        // builds an engine once so that shapes that disagree with the target fail here, before any run
        new GradientEngine(factors.widths(), target, products);
    }

    FactorChain factors() {
        return factors;
    }

    Target target() {
        return target;
    }

    StateMapper mapper() {
        return mapper;
    }

    @Override
    ProductBackend products() {
        return products;
    }

    @Override
    Optional<Target> optionalTarget() {
        return Optional.of(target);
    }

    @Override
    int networkDepth() {
        return factors.depth();
    }

    @Override
    String description() {
        return description("gradient flow");
    }

    /** What a run of this chain toward its target does, e.g. {@code "gradient descent"}: its description. */
    String description(String process) {
        return process + " of " + factors + " toward " + target;
    }

    @Override
    int dimension() {
        return mapper.dimension();
    }

    @Override
    int[] blocks() {
        return mapper.blocks();
    }

    @Override
    double[] initialState() {
        return mapper.toState(factors);
    }

    @Override
    double sigmaMax() {
        return target.spectrum().sigmaMax();
    }

    @Override
    RightHandSide newRightHandSide() {
        GradientEngine engine = new GradientEngine(factors.widths(), target, products);
        return (t, y, out, offset) -> {
            double loss = engine.evaluate(y, out, offset);
            if (!Double.isFinite(loss)) {
                throw new NonFiniteStateException(t);
            }
        };
    }

    @Override
    StateView newView() {
        return new ChainView(mapper, target, products, initialState());
    }

    @Override
    String backend() {
        return products.name();
    }
}
