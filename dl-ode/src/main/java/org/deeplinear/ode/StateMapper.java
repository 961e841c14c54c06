package org.deeplinear.ode;

import org.deeplinear.core.Arguments;
import org.deeplinear.core.Widths;
import org.deeplinear.core.model.FactorChain;

/**
 * The one place where a chain of factors meets the flat {@code double[]} that Hipparchus integrates (as Orekit's
 * {@code StateMapper}): the layout is dl-core's ({@link FactorChain#toState()}: {@code W_1, ..., W_N}, each
 * row-major), the blocks are the layers.
 */
final class StateMapper {

    private final Widths widths;

    StateMapper(Widths widths) {
        this.widths = widths;
    }

    Widths widths() {
        return widths;
    }

    int dimension() {
        return widths.parameterCount();
    }

    double[] toState(FactorChain chain) {
        Arguments.check(chain.widths().equals(widths), "factors", chain.widths(), "widths " + widths);
        return chain.toState();
    }

    /** The chain of a state, or null if an entry is not finite. */
    FactorChain toChain(double[] state) {
        for (double x : state) {
            if (!Double.isFinite(x)) {
                return null;
            }
        }
        return FactorChain.fromState(widths, state);
    }

    /** Offset of layer j (1-based) in the state. */
    int offset(int j) {
        return widths.offsetOf(j);
    }

    /** Number of entries of layer j. */
    int length(int j) {
        return widths.rowsOf(j) * widths.colsOf(j);
    }

    /** Entries per layer, input layer first: the blocks of per-block tolerances. */
    int[] blocks() {
        int[] blocks = new int[widths.depth()];
        for (int j = 1; j <= widths.depth(); j++) {
            blocks[j - 1] = length(j);
        }
        return blocks;
    }
}
