package org.deeplinear.core.init;

import org.deeplinear.core.Widths;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.target.Target;

/**
 * A rule that makes the initial factors of a chain. Implementations are immutable values (their parameters and
 * seed are fixed at construction), so {@link #create} is deterministic: the same widths and target give the same
 * bits on every call.
 */
@FunctionalInterface
public interface Initialization {

    /**
     * The initial factors.
     *
     * @param widths the chain's widths; input and output dimensions must match the target
     * @param target the target (aligned initialisations use its singular vectors)
     * @return the factors
     * @throws IllegalArgumentException if the widths do not fit the target or this initialisation
     */
    FactorChain create(Widths widths, Target target);
}
