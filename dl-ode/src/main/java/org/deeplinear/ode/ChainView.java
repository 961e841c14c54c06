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
 * The view of a factor chain: the map through a {@link GradientEngine} of its own (forward pass only, made when
 * the map is first asked for), the imbalance {@code D_j = W_{j+1}^T W_{j+1} - W_j W_j^T} in preallocated buffers,
 * its drift from the initial one; every product reads the layers where they lie in the state, copying nothing.
 */
final class ChainView extends MatrixView {

    private final StateMapper mapper;
    private GradientEngine engine;          // for the map; made when first needed (event views may never need it)
    private final DMatrixRMaj[] junctions;  // junctions[j] = D_j
    private final DMatrixRMaj[] initial;    // D_j(t0), null until set
    private AlignedBasis watched;          // the modes computed from the chain, those the events watch; null: none
    private double[][] through;            // through[j] = W_j ... W_1 V_q, width(j) x q, j = 1..N
    private double[] modes;                // s_i, i < q, of the current instant, valid when modesReady
    private boolean modesReady;
    private boolean imbalanceReady;
    private double[] knownModes;       // the modes of the current instant, given by its runner; null if unknown
    private double knownLoss = Double.NaN;  // the loss of the current instant, given by its runner; NaN if unknown
    private double imbalanceNorm;
    private double imbalanceDrift;

    ChainView(StateMapper mapper, Target target, ProductBackend products, double[] initialState) {
        super(target, products);
        this.mapper = mapper;
        Widths widths = mapper.widths();
        int depth = widths.depth();
        junctions = new DMatrixRMaj[depth];
        initial = new DMatrixRMaj[depth];
        for (int j = 1; j < depth; j++) {
            junctions[j] = new DMatrixRMaj(widths.width(j), widths.width(j));
        }
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
        modesReady = false;
        knownModes = null;
        knownLoss = Double.NaN;
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

    /**
     * Gives the loss of the current instant, computed by the runner from what it already has (the descent's
     * evaluation of this state); {@link #loss} returns it until the next {@link #load}, instead of a forward pass
     * of its own. A non-finite value is not trusted: the loss is then computed from the state as before.
     *
     * @param loss {@code 1/2 ||A - A*||_F^2} of the loaded state
     */
    void knowLoss(double loss) {
        knownLoss = loss;
    }

    @Override
    public double loss() {
        return Double.isFinite(knownLoss) ? knownLoss : super.loss();
    }

    /**
     * Computes the leading {@code count} modes, the ones the events watch, from the chain when one of them is
     * asked for without the map ({@code W_N ... W_1 V_q}, products of width {@code q}); the other modes, and all of
     * them in a view that watches none, come from the map.
     */
    @Override
    void watchModes(int count) {
        if (count >= 1) {
            watch(new AlignedBasis(target(), Math.min(count, modeCount())));
        }
    }

    private void watch(AlignedBasis basis) {
        watched = basis;
        Widths widths = mapper.widths();
        int q = basis.count();
        through = new double[widths.depth() + 1][];
        for (int j = 1; j <= widths.depth(); j++) {
            through[j] = new double[widths.width(j) * q];
        }
        modes = new double[q];
        modesReady = false;
    }

    @Override
    protected double computeMap() {
        if (engine == null) {
            engine = new GradientEngine(mapper.widths(), target(), products);
        }
        double loss = engine.forward(state);
        engine.copyEndToEnd(endToEnd);
        return loss;
    }

    /**
     * {@code s_i = u_i^T W_N ... W_1 v_i}: as given by {@link #knowModes} for this instant if finite, else from the
     * map if it is already computed ({@code O(m n)}), else, for the modes computed together ({@link #watchModes}),
     * by products of the layers where they lie in the state with the target's bases,
     * {@code U_q^T (W_N (... (W_1 V_q)))} ({@code O(parameters q)}, much less than forming {@code A}), which is what
     * mode events ask for at every check; any other mode from the map.
     */
    @Override
    public double mode(int i) {
        checkMode(i);
        if (knownModes != null && i < knownModes.length && Double.isFinite(knownModes[i])) {
            return knownModes[i];
        }
        if (hasMap() || watched == null || i >= watched.count()) {
            return super.mode(i);
        }
        if (!modesReady) {
            computeModes();
        }
        return modes[i];
    }

    private void computeModes() {
        Widths widths = mapper.widths();
        int depth = through.length - 1;
        int q = watched.count();
        for (int j = 1; j <= depth; j++) {
            double[] previous = j == 1 ? watched.right().data : through[j - 1];
            products.gemm(false, false, widths.rowsOf(j), q, widths.colsOf(j), 1.0, state, mapper.offset(j),
                    previous, 0, 0.0, through[j], 0);
        }
        watched.diagonal(through[depth], modes);
        modesReady = true;
    }

    /** {@code D_j = W_{j+1}^T W_{j+1} - W_j W_j^T} from the layers where they lie in the state. */
    private void computeImbalance() {
        Widths widths = mapper.widths();
        int depth = widths.depth();
        double norm = 0;
        double drift = 0;
        boolean driftKnown = initial[depth - 1] != null;
        for (int j = 1; j < depth; j++) {
            DMatrixRMaj d = junctions[j];
            int width = widths.width(j);
            int next = mapper.offset(j + 1);
            int own = mapper.offset(j);
            products.gemm(true, false, width, width, widths.rowsOf(j + 1), 1.0, state, next, state, next, 0.0,
                    d.data, 0);
            products.gemm(false, true, width, width, widths.colsOf(j), -1.0, state, own, state, own, 1.0, d.data, 0);
            norm = Math.hypot(norm, Matrix.frobeniusNorm(d.data, d.getNumElements()));
            if (driftKnown) {
                // D_j is not needed past its norm: the difference takes its place, its norm scaled as the norm's
                // (a sum of squared differences overflowed for entries of 1e155 and more, where the norm did not)
                double[] now = d.data;
                double[] then = initial[j].data;
                for (int i = 0; i < d.getNumElements(); i++) {
                    now[i] -= then[i];
                }
                drift = Math.hypot(drift, Matrix.frobeniusNorm(now, d.getNumElements()));
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
