package org.deeplinear.ode;

import java.util.Optional;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Widths;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.GradientEngine;
import org.deeplinear.core.products.ProductBackend;
import org.deeplinear.core.target.Target;
import org.ejml.data.DMatrixRMaj;

/**
 * The view of a factor chain: the map through a {@link GradientEngine} of its own (forward pass only), the
 * imbalance {@code D_j = W_{j+1}^T W_{j+1} - W_j W_j^T} in preallocated buffers, its drift from the initial one.
 */
final class ChainView extends MatrixView {

    private final StateMapper mapper;
    private final GradientEngine engine;
    private final DMatrixRMaj[] layers;     // layers[j] = W_j
    private final DMatrixRMaj[] junctions;  // junctions[j] = D_j
    private final DMatrixRMaj[] initial;    // D_j(t0), null until set
    private final DMatrixRMaj[] through;   // through[j] = W_j ... W_1 V_p, width(j) x p; through[0] = V_p
    private final double[] modes;          // s_i of the current instant, valid when modesReady
    private boolean modesReady;
    private boolean layersReady;
    private boolean imbalanceReady;
    private double[] knownModes;       // the modes of the current instant, given by its runner; null if unknown
    private double imbalanceNorm;
    private double imbalanceDrift;

    ChainView(StateMapper mapper, Target target, ProductBackend products, double[] initialState) {
        super(target, products);
        this.mapper = mapper;
        this.engine = new GradientEngine(mapper.widths(), target, products);
        Widths widths = mapper.widths();
        int depth = widths.depth();
        layers = new DMatrixRMaj[depth + 1];
        junctions = new DMatrixRMaj[depth];
        initial = new DMatrixRMaj[depth];
        for (int j = 1; j <= depth; j++) {
            layers[j] = new DMatrixRMaj(widths.rowsOf(j), widths.colsOf(j));
        }
        for (int j = 1; j < depth; j++) {
            junctions[j] = new DMatrixRMaj(widths.width(j), widths.width(j));
        }
        int p = modeCount();
        through = new DMatrixRMaj[depth + 1];
        through[0] = rightBasis;
        for (int j = 1; j <= depth; j++) {
            through[j] = new DMatrixRMaj(widths.width(j), p);
        }
        modes = new double[p];
        load(0.0, initialState);
        computeImbalance();
        for (int j = 1; j < depth; j++) {
            initial[j] = junctions[j].copy();
        }
    }

    @Override
    protected void invalidate() {
        super.invalidate();
        imbalanceReady = false;
        layersReady = false;
        modesReady = false;
        knownModes = null;
    }

    /**
     * Gives the aligned modes of the current instant, computed by the runner from what it already has (the
     * descent's residual, {@link ResidualModes}); {@link #mode} returns them until the next {@link #load}. A
     * non-finite entry is not trusted: that mode is computed from the state as before.
     *
     * @param modes {@code s_i} of the loaded state for the first {@code modes.length} modes (the others are
     *              computed from the state); referenced, not copied
     */
    void knowModes(double[] modes) {
        knownModes = modes;
    }

    @Override
    protected double computeMap() {
        double loss = engine.forward(state);
        engine.copyEndToEnd(endToEnd);
        return loss;
    }

    /**
     * {@code s_i = u_i^T W_N ... W_1 v_i}: as given by {@link #knowModes} for this instant if finite, else from the
     * map if it is already computed ({@code O(m n)}), else all modes of the instant at once by products with the
     * target's bases, {@code U_p^T (W_N (... (W_1 V_p)))} ({@code O(parameters p)}, much less than forming
     * {@code A}), which is what mode events ask for at every check; the other modes are then free.
     */
    @Override
    public double mode(int i) {
        checkMode(i);
        if (knownModes != null && i < knownModes.length && Double.isFinite(knownModes[i])) {
            return knownModes[i];
        }
        if (hasMap()) {
            return super.mode(i);
        }
        if (!modesReady) {
            computeModes();
        }
        return modes[i];
    }

    private void computeModes() {
        loadLayers();
        int depth = layers.length - 1;
        for (int j = 1; j <= depth; j++) {
            products.gemm(false, false, 1.0, layers[j], through[j - 1], 0.0, through[j]);
        }
        alignedDiagonal(through[depth].data, modes);
        modesReady = true;
    }

    private void loadLayers() {
        if (!layersReady) {
            int depth = layers.length - 1;
            for (int j = 1; j <= depth; j++) {
                System.arraycopy(state, mapper.offset(j), layers[j].data, 0, mapper.length(j));
            }
            layersReady = true;
        }
    }

    private void computeImbalance() {
        int depth = layers.length - 1;
        loadLayers();
        double norm = 0;
        double drift = 0;
        boolean driftKnown = initial[depth - 1] != null;
        for (int j = 1; j < depth; j++) {
            DMatrixRMaj d = junctions[j];
            products.gemm(true, false, 1.0, layers[j + 1], layers[j + 1], 0.0, d);
            products.gemm(false, true, -1.0, layers[j], layers[j], 1.0, d);
            norm = Math.hypot(norm, Matrix.frobeniusNorm(d.data, d.getNumElements()));
            if (driftKnown) {
                double[] now = d.data;
                double[] then = initial[j].data;
                double sum = 0;
                for (int i = 0; i < d.getNumElements(); i++) {
                    double diff = now[i] - then[i];
                    sum += diff * diff;
                }
                drift = Math.hypot(drift, Math.sqrt(sum));
            }
        }
        imbalanceNorm = norm;
        imbalanceDrift = drift;
        imbalanceReady = true;
    }

    @Override
    public double imbalanceNorm() {
        if (!imbalanceReady) {
            computeImbalance();
        }
        return imbalanceNorm;
    }

    @Override
    public double imbalanceDrift() {
        if (!imbalanceReady) {
            computeImbalance();
        }
        return imbalanceDrift;
    }

    @Override
    public Optional<FactorChain> factors() {
        return Optional.ofNullable(mapper.toChain(state));
    }
}
