package org.deeplinear.ode;

import java.util.List;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.products.ProductBackends;
import org.deeplinear.ode.mode.SingleMode;

/** A system of independent single modes; the state concatenates each mode's own coordinates. */
final class ModesDynamics extends Dynamics {

    private final List<SingleMode> modes;
    private final int[] offsets;
    private final int dimension;

    ModesDynamics(List<SingleMode> modes) {
        this.modes = List.copyOf(modes);
        this.offsets = new int[modes.size()];
        int offset = 0;
        for (int i = 0; i < modes.size(); i++) {
            offsets[i] = offset;
            offset += modes.get(i).dimension();
        }
        this.dimension = offset;
    }

    @Override
    String description() {
        return "single modes " + modes;
    }

    /**
     * The modes' common depth ({@link SingleMode#depth()}: 2 but for the depth-N law), 0 where they differ: so that
     * a claim of one depth refuses single modes of another (review of 2026-12-08: depth-3 modes were read against the
     * two-layer laws, and refuted).
     */
    @Override
    int networkDepth() {
        int depth = modes.isEmpty() ? 0 : modes.get(0).depth();
        for (SingleMode mode : modes) {
            if (mode.depth() != depth) {
                return 0;
            }
        }
        return depth;
    }

    @Override
    int dimension() {
        return dimension;
    }

    @Override
    int[] blocks() {
        int[] blocks = new int[modes.size()];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = modes.get(i).dimension();
        }
        return blocks;
    }

    @Override
    double[] initialState() {
        double[] y = new double[dimension];
        for (int i = 0; i < modes.size(); i++) {
            double[] own = modes.get(i).initialState();
            System.arraycopy(own, 0, y, offsets[i], own.length);
        }
        return y;
    }

    @Override
    double sigmaMax() {
        double max = 0;
        for (SingleMode mode : modes) {
            max = Math.max(max, mode.sigma());
        }
        return max;
    }

    @Override
    RightHandSide newRightHandSide() {
        int dimension = dimension();
        return (t, y, out, offset) -> {
            for (int i = 0; i < offsets.length; i++) {
                modes.get(i).derivatives(y, offsets[i], out, offset + offsets[i]);
            }
            requireFinite(t, out, offset, dimension);
        };
    }

    @Override
    StateView newView() {
        double[] y0 = initialState();
        ModesView view = new ModesView(modes, offsets, y0);
        view.load(0.0, y0);
        return view;
    }

    @Override
    String backend() {
        return "scalar";
    }

    @Override
    ProductBackend products() {
        return ProductBackends.ejml();
    }
}
