package org.deeplinear.ode;

import java.util.List;
import java.util.Optional;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.ode.mode.SingleMode;

/**
 * The view of a system of single modes: the modes are the systems' values, the loss
 * {@code 1/2 sum_i (sigma_i - s_i)^2}, no coupling, the imbalance {@code sqrt(sum_i lambda_i^2)}.
 */
final class ModesView extends StateView {

    private final List<SingleMode> modes;
    private final int[] offsets;
    private final double[] initialImbalance;

    ModesView(List<SingleMode> modes, int[] offsets, double[] initialState) {
        this.modes = modes;
        this.offsets = offsets;
        this.initialImbalance = new double[modes.size()];
        for (int i = 0; i < modes.size(); i++) {
            initialImbalance[i] = modes.get(i).imbalance(initialState, offsets[i]);
        }
    }

    @Override
    protected void invalidate() {
        // every quantity is a few flops: nothing is cached
    }

    @Override
    public double loss() {
        double sum = 0;
        for (int i = 0; i < modes.size(); i++) {
            double r = modes.get(i).sigma() - mode(i);
            sum += r * r;
        }
        return 0.5 * sum;
    }

    @Override
    public int modeCount() {
        return modes.size();
    }

    @Override
    public double mode(int i) {
        checkMode(i);
        return modes.get(i).value(state, offsets[i]);
    }

    @Override
    public double sigma(int i) {
        checkMode(i);
        return modes.get(i).sigma();
    }

    @Override
    public double coupling() {
        return 0.0;
    }

    @Override
    public double imbalanceNorm() {
        double norm = 0;
        for (int i = 0; i < modes.size(); i++) {
            norm = Math.hypot(norm, modes.get(i).imbalance(state, offsets[i]));
        }
        return norm;
    }

    @Override
    public double imbalanceDrift() {
        double drift = 0;
        for (int i = 0; i < modes.size(); i++) {
            drift = Math.hypot(drift, modes.get(i).imbalance(state, offsets[i]) - initialImbalance[i]);
        }
        return drift;
    }

    @Override
    public Optional<FactorChain> factors() {
        return Optional.empty();
    }

    @Override
    public Optional<Matrix> endToEnd() {
        return Optional.empty();
    }
}
