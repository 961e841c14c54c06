package org.deeplinear.ode;

import java.util.Optional;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.target.Target;
import org.deeplinear.ode.flow.ClosedEndToEndFlow;

/** The closed end-to-end flow in {@code A} alone (balanced or lambda-balanced); the state is {@code A}, row-major. */
final class ClosedFlowDynamics extends Dynamics {

    private final Matrix initial;
    private final Target target;
    private final double lambda;
    private final int depth;
    private final ProductBackend products;

    ClosedFlowDynamics(Matrix initial, double lambda, int depth, Target target, ProductBackend products) {
        this.initial = initial;
        this.target = target;
        this.lambda = lambda;
        this.depth = depth;
        this.products = products;
        // validates lambda against the target's shape before any run
        newFlow();
    }

    private ClosedEndToEndFlow newFlow() {
        return depth == 2 ? new ClosedEndToEndFlow(target, lambda, products)
                : ClosedEndToEndFlow.balancedDepth(target, depth, products);
    }

    @Override
    Optional<Target> optionalTarget() {
        return Optional.of(target);
    }

    @Override
    int networkDepth() {
        return depth;
    }

    @Override
    String description() {
        return (lambda != 0 ? "closed lambda-balanced flow (lambda = " + lambda + ")"
                : depth == 2 ? "closed balanced flow" : "closed balanced depth-" + depth + " flow")
                + " of A " + initial.shape() + " toward " + target;
    }

    @Override
    int dimension() {
        return initial.rows() * initial.cols();
    }

    @Override
    int[] blocks() {
        return new int[] {dimension()};
    }

    @Override
    double[] initialState() {
        double[] y = new double[dimension()];
        initial.copyTo(y, 0);
        return y;
    }

    @Override
    double sigmaMax() {
        return target.spectrum().sigmaMax();
    }

    @Override
    RightHandSide newRightHandSide() {
        ClosedEndToEndFlow flow = newFlow();
        int dimension = dimension();
        return (t, y, out, offset) -> {
            requireFinite(t, y);
            try {
                flow.velocity(y, out, offset);
            } catch (IllegalStateException e) {
                // a map whose singular value decomposition does not converge: no velocity there
                throw new NonFiniteStateException(t);
            }
            requireFinite(t, out, offset, dimension);
        };
    }

    @Override
    StateView newView() {
        EndToEndView view = new EndToEndView(target, lambda, products);
        view.load(0.0, initialState());
        return view;
    }

    @Override
    String backend() {
        return products.name();
    }

    @Override
    ProductBackend products() {
        return products;
    }
}
