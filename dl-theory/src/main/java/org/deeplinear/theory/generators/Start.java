package org.deeplinear.theory.generators;

import java.util.Arrays;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Target;

/**
 * A generated initial state: a target, the initial factors, and how they were made. For aligned starts, the
 * per-mode initial values {@code s0_i} and imbalances {@code lambda_i} (mode {@code i} of the target, descending
 * sigma) that the laws of THEORY.md take; for the others these arrays are empty. Immutable.
 */
public final class Start {

    private final Target target;
    private final FactorChain factors;
    private final String initialization;
    private final double[] s0;
    private final double[] lambda;

    /**
     * A start.
     *
     * @param target         the target
     * @param factors        the initial factors, fitting the target
     * @param initialization how the factors were made, in words (e.g. {@code "smallGaussian(eps = 1e-3)"})
     * @param s0             per-mode initial values of an aligned start, or empty (copied)
     * @param lambda         per-mode imbalances of an aligned start, as many as {@code s0} (copied)
     * @throws IllegalArgumentException if an argument is null or the arrays differ in length
     */
    public Start(Target target, FactorChain factors, String initialization, double[] s0, double[] lambda) {
        this.target = Arguments.notNull("target", target);
        this.factors = Arguments.notNull("factors", factors);
        this.initialization = Arguments.notNull("initialization", initialization);
        this.s0 = Arguments.allFinite("s0", s0).clone();
        this.lambda = Arguments.allFinite("lambda", lambda).clone();
        Arguments.check(lambda.length == s0.length, "lambda.length", lambda.length, s0.length + " (as s0)");
    }

    /**
     * The target.
     *
     * @return {@code A*}
     */
    public Target target() {
        return target;
    }

    /**
     * The initial factors.
     *
     * @return the chain
     */
    public FactorChain factors() {
        return factors;
    }

    /**
     * The initial model (factors and target).
     *
     * @return a new model
     */
    public Model model() {
        return Model.of(factors, target);
    }

    /**
     * How the factors were made.
     *
     * @return the initialisation in words
     */
    public String initialization() {
        return initialization;
    }

    /**
     * Whether the start is aligned with the target's singular vectors (and so has per-mode values).
     *
     * @return true for aligned starts
     */
    public boolean isAligned() {
        return s0.length > 0;
    }

    /**
     * The per-mode initial values of an aligned start.
     *
     * @return a copy; empty unless {@link #isAligned()}
     */
    public double[] s0() {
        return s0.clone();
    }

    /**
     * The per-mode imbalances {@code w_i^2 - u_i^2} of an aligned start.
     *
     * @return a copy; empty unless {@link #isAligned()}
     */
    public double[] lambda() {
        return lambda.clone();
    }

    @Override
    public String toString() {
        return "Start(" + initialization + ", " + factors.widths() + ", " + target
                + (isAligned() ? ", s0 = " + Arrays.toString(s0) + ", lambda = " + Arrays.toString(lambda) : "")
                + ")";
    }
}
