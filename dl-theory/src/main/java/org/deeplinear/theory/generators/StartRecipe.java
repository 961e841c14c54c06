package org.deeplinear.theory.generators;

import java.util.Random;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initialization;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.target.Target;

/**
 * Random initial states on random targets. Three kinds, each a factory:
 * <ul>
 * <li>{@link #smallRandom}: i.i.d. Gaussian entries of scale {@code eps}, log-uniform in {@code [low, high]}, on a
 *     chain of the given depth whose hidden layers all have a width uniform in {@code [hiddenMin, hiddenMax]};</li>
 * <li>{@link #balanced}: balanced but not aligned ({@link Initializations#balanced}), scale log-uniform in
 *     {@code [low, high]};</li>
 * <li>{@link #aligned}: aligned with the target's singular vectors, hidden width {@code min(m, n)}, every mode
 *     {@code i} of the target set: {@code s0_i = f_i sigma_i} (or {@code f_i sigma_max} for a mode with
 *     {@code sigma_i = 0}, an off-target mode), {@code f_i} log-uniform in {@code [low, high]}, and imbalance
 *     {@code lambda_i} uniform in {@code [lambdaLow, lambdaHigh]} (depth 2; deeper aligned starts are balanced).</li>
 * </ul>
 * Draw order from {@code seed.newRandom()}: one {@code long} seeding the target, then the hidden width (not for
 * aligned), then the scale and one {@code long} seeding the initialisation, or per mode {@code f_i} then
 * {@code lambda_i}.
 *
 * <p>A recipe is refused where one of its builds could not be made: a chain deeper than {@link Widths#MAX_DEPTH} or
 * whose parameters (at the largest widths the recipe draws: {@code m = n = targets.maxDimension()} and hidden width
 * {@code hiddenMax}, or {@code min(m, n)} for aligned starts) are more than an {@code int} counts, and aligned starts
 * whose largest {@code s0}, {@code high * targets.sigmaMax()}, overflows (audit of 2026-12-07: each was accepted and
 * its builds failed naming {@code widths} or ran out of memory); and recipes whose models' loss could leave the
 * doubles: {@code ||A*||_F} or the largest map, about {@code (1.5 high)^N sqrt(min(m, n))} balanced,
 * {@code (3 high sqrt(width))^N sqrt(min(m, n))} Gaussian or {@code high ||A*||_F} aligned, at {@code 5e152} or more,
 * named {@code targets} or {@code high} (review of 2026-12-08: their {@link Start#model()} failed on every seed).
 *
 * @param kind       which initial state
 * @param targets    the recipe of the targets
 * @param depth      the depth N, in {@code [2, Widths.MAX_DEPTH]}
 * @param hiddenMin  the smallest hidden width, at least 1 (ignored by aligned starts)
 * @param hiddenMax  the largest hidden width, at least {@code hiddenMin}
 * @param low        the smallest scale (or aligned fraction {@code f}), finite and {@code > 0}
 * @param high       the largest, at least {@code low}; for aligned starts with {@code high * targets.sigmaMax()}
 *                   finite
 * @param lambdaLow  the smallest aligned imbalance, finite
 * @param lambdaHigh the largest, at least {@code lambdaLow}; both 0 for depth above 2
 */
public record StartRecipe(Kind kind, TargetRecipe targets, int depth, int hiddenMin, int hiddenMax, double low,
                          double high, double lambdaLow, double lambdaHigh) implements Recipe<Start> {

    /** The kinds of initial state. */
    public enum Kind {
        /** Small i.i.d. Gaussian factors. */
        SMALL_RANDOM,
        /** Balanced, not aligned. */
        BALANCED,
        /** Aligned with the target, per-mode s0 and lambda. */
        ALIGNED
    }

    /**
     * Validates the recipe.
     *
     * @param kind which initial state
     * @param targets the recipe of the targets
     * @param depth the depth N, in {@code [2, Widths.MAX_DEPTH]}
     * @param hiddenMin the smallest hidden width, at least 1 (ignored by aligned starts)
     * @param hiddenMax the largest hidden width, at least {@code hiddenMin}
     * @param low the smallest scale (or aligned fraction {@code f}), finite and {@code > 0}
     * @param high the largest, at least {@code low}; for aligned starts with {@code high * targets.sigmaMax()} finite
     * @param lambdaLow the smallest aligned imbalance, finite
     * @param lambdaHigh the largest, at least {@code lambdaLow}; both 0 for depth above 2
     * @throws IllegalArgumentException if a parameter is out of range, or the largest chain or {@code s0} the recipe
     *                                  could draw would not fit (see above)
     */
    public StartRecipe {
        Arguments.notNull("kind", kind);
        Arguments.notNull("targets", targets);
        Arguments.atLeast("depth", depth, 2);
        Arguments.check(depth <= Widths.MAX_DEPTH, "depth", depth, "at most " + Widths.MAX_DEPTH
                + " layers (Widths.MAX_DEPTH)");
        Arguments.atLeast("hiddenMin", hiddenMin, 1);
        Arguments.atLeast("hiddenMax", hiddenMax, hiddenMin);
        // the largest chain: Widths.uniform(m, h, n, N) has n h + (N - 2) h^2 + h m parameters, counted in doubles
        // (exact below 2^53, far past the limit above it)
        double dimension = targets.maxDimension();
        double hidden = kind == Kind.ALIGNED ? dimension : hiddenMax;
        double parameters = 2 * dimension * hidden + (depth - 2.0) * hidden * hidden;
        if (parameters > Integer.MAX_VALUE) {
            String chain = "chains of at most " + Integer.MAX_VALUE + " parameters (the state is one array), not n h"
                    + " + (N - 2) h^2 + h m = " + parameters + " at depth N = " + depth + " for m = n ="
                    + " targets.maxDimension() = " + targets.maxDimension();
            throw kind == Kind.ALIGNED ? Arguments.fail("targets", targets, chain + " and h = min(m, n)")
                    : Arguments.fail("hiddenMax", hiddenMax, chain + " and h = hiddenMax");
        }
        Arguments.positive("low", low);
        Arguments.check(Double.isFinite(high) && high >= low, "high", high, "a finite value >= low = " + low);
        Arguments.check(kind != Kind.ALIGNED || Double.isFinite(high * targets.sigmaMax()), "high", high,
                "a fraction whose product with targets.sigmaMax() = " + targets.sigmaMax() + " is finite (the"
                        + " largest s0)");
        Arguments.finite("lambdaLow", lambdaLow);
        Arguments.check(Double.isFinite(lambdaHigh) && lambdaHigh >= lambdaLow, "lambdaHigh", lambdaHigh,
                "a finite value >= lambdaLow = " + lambdaLow);
        if (depth > 2) {
            Arguments.check(lambdaLow == 0 && lambdaHigh == 0, "lambda", "[" + lambdaLow + ", " + lambdaHigh + "]",
                    "[0, 0] for depth " + depth + " (per-mode imbalance is defined for two layers)");
        }
        // the smaller factor of an aligned mode, w u = s0 with w^2 - u^2 = lambda, is about |s0| / sqrt(max(|lambda|,
        // |s0|)); Initializations.aligned refuses a mode whose factors leave the normal doubles (their product no
        // longer s0). Its least, from the least s0 = low * targets.sigmaMin() and the largest |lambda|, is kept above
        // 2^-1000, 22 binary orders clear of them
        // every build is a model: its loss 1/2 ||A - A*||_F^2 a double, so ||A*||_F + ||A||_F below 1e153 for the
        // largest target and the largest map the recipe draws (review of 2026-12-08: a scale of 1e120 at depth 3, or
        // a sigmaMax of 1e200, built starts whose model() failed on every seed, naming factors or loss). ||A*||_F is at
        // most sqrt(rank) sigmaMax; ||A||_F at most sqrt(rank) high sigmaMax aligned, and sqrt(min(m, n)) times the
        // layers' spectral norms otherwise: 1.5 scale balanced, about scale (sqrt(rows) + sqrt(cols)) Gaussian (3
        // sqrt(width) bounds it but for tails of probability below e^-width)
        double logTarget = Math.log(targets.sigmaMax()) + 0.5 * Math.log(Math.min(targets.maxRank(), dimension));
        double layerNorm = kind == Kind.BALANCED ? 1.5 : 3 * Math.sqrt(Math.max(dimension, hidden));
        double logMap = kind == Kind.ALIGNED ? Math.log(high) + logTarget
                : depth * Math.log(high * layerNorm) + 0.5 * Math.log(dimension);
        double logBound = Math.log(1e153);
        if (!(Math.max(logTarget, logMap) + Math.log(2) < logBound)) {
            throw logTarget + Math.log(2) >= logBound
                    ? Arguments.fail("targets", targets, "targets whose ||A*||_F, at most sqrt(maxRank) sigmaMax, is"
                            + " below 5e152 (a model's loss 1/2 ||A - A*||_F^2 must be a double)")
                    : Arguments.fail("high", high, "a scale whose largest map, about " + (kind == Kind.ALIGNED
                            ? "high ||A*||_F" : kind == Kind.BALANCED ? "(1.5 high)^depth sqrt(min(m, n))"
                            : "(3 high sqrt(width))^depth sqrt(min(m, n))") + ", stays below 5e152 (a model's loss"
                            + " 1/2 ||A - A*||_F^2 must be a double)");
        }
        double largestImbalance = Math.max(Math.abs(lambdaLow), Math.abs(lambdaHigh));
        double leastS0 = low * targets.sigmaMin();
        Arguments.check(kind != Kind.ALIGNED || largestImbalance == 0
                        || leastS0 / Math.sqrt(Math.max(largestImbalance, leastS0)) >= 0x1p-1000, "low", low,
                "a fraction whose least s0 = low * targets.sigmaMin() = " + leastS0 + " keeps the smaller factor of a"
                        + " mode, about s0 / sqrt(max(|lambda|, s0)) with |lambda| up to " + largestImbalance
                        + ", above 2^-1000 (Initializations.aligned refuses factors below the normal doubles)");
    }

    /**
     * Small Gaussian starts.
     *
     * @param targets   the targets
     * @param depth     the depth
     * @param hiddenMin the smallest hidden width
     * @param hiddenMax the largest hidden width
     * @param epsMin    the smallest scale
     * @param epsMax    the largest scale
     * @return the recipe
     */
    public static StartRecipe smallRandom(TargetRecipe targets, int depth, int hiddenMin, int hiddenMax,
                                          double epsMin, double epsMax) {
        return new StartRecipe(Kind.SMALL_RANDOM, targets, depth, hiddenMin, hiddenMax, epsMin, epsMax, 0, 0);
    }

    /**
     * Balanced, not aligned starts.
     *
     * @param targets   the targets
     * @param depth     the depth
     * @param hiddenMin the smallest hidden width
     * @param hiddenMax the largest hidden width
     * @param scaleMin  the smallest scale of the layers' singular values
     * @param scaleMax  the largest
     * @return the recipe
     */
    public static StartRecipe balanced(TargetRecipe targets, int depth, int hiddenMin, int hiddenMax,
                                       double scaleMin, double scaleMax) {
        return new StartRecipe(Kind.BALANCED, targets, depth, hiddenMin, hiddenMax, scaleMin, scaleMax, 0, 0);
    }

    /**
     * Aligned starts, two layers.
     *
     * @param targets    the targets
     * @param fMin       the smallest {@code s0_i / sigma_i}
     * @param fMax       the largest {@code s0_i / sigma_i}
     * @param lambdaLow  the smallest imbalance {@code w_i^2 - u_i^2}
     * @param lambdaHigh the largest imbalance
     * @return the recipe
     */
    public static StartRecipe aligned(TargetRecipe targets, double fMin, double fMax, double lambdaLow,
                                      double lambdaHigh) {
        return new StartRecipe(Kind.ALIGNED, targets, 2, 1, 1, fMin, fMax, lambdaLow, lambdaHigh);
    }

    /**
     * Aligned and balanced starts of any depth.
     *
     * @param targets the targets
     * @param depth   the depth
     * @param fMin    the smallest {@code s0_i / sigma_i}
     * @param fMax    the largest {@code s0_i / sigma_i}
     * @return the recipe
     */
    public static StartRecipe alignedBalanced(TargetRecipe targets, int depth, double fMin, double fMax) {
        return new StartRecipe(Kind.ALIGNED, targets, depth, 1, 1, fMin, fMax, 0, 0);
    }

    @Override
    public Start build(Seed seed) {
        Seed.required("seed", seed);
        Random random = seed.newRandom();
        Target target = targets.build(Seed.of(random.nextLong()));
        int m = target.rows();
        int n = target.cols();
        if (kind == Kind.ALIGNED) {
            int p = target.spectrum().size();
            double[] s0 = new double[p];
            double[] lambda = new double[p];
            for (int i = 0; i < p; i++) {
                double sigma = target.spectrum().sigma(i);
                double f = Draws.logUniform(random, low, high);
                s0[i] = f * (sigma > 0 ? sigma : target.spectrum().sigmaMax());
                lambda[i] = Draws.uniform(random, lambdaLow, lambdaHigh);
            }
            Widths widths = Widths.uniform(m, p, n, depth);
            return new Start(target, Initializations.aligned(s0, lambda).create(widths, target),
                    "aligned(depth " + depth + ")", s0, lambda);
        }
        int hidden = Draws.integer(random, hiddenMin, hiddenMax);
        double scale = Draws.logUniform(random, low, high);
        Seed initSeed = Seed.of(random.nextLong());
        Widths widths = Widths.uniform(m, hidden, n, depth);
        Initialization init = kind == Kind.SMALL_RANDOM ? Initializations.smallGaussian(scale, initSeed)
                : Initializations.balanced(scale, initSeed);
        String words = (kind == Kind.SMALL_RANDOM ? "smallGaussian(eps = " : "balanced(scale = ") + scale + ")";
        return new Start(target, init.create(widths, target), words, new double[0], new double[0]);
    }

    /**
     * The factory call that rebuilds this recipe.
     *
     * @return e.g. {@code "StartRecipe.smallRandom(TargetRecipe.gapped(...), 2, 4, 8, 1.0E-4, 0.01)"}
     */
    @Override
    public String toString() {
        return switch (kind) {
            case SMALL_RANDOM -> "StartRecipe.smallRandom(" + targets + ", " + depth + ", " + hiddenMin + ", "
                    + hiddenMax + ", " + Draws.literal(low) + ", " + Draws.literal(high) + ")";
            case BALANCED -> "StartRecipe.balanced(" + targets + ", " + depth + ", " + hiddenMin + ", "
                    + hiddenMax + ", " + Draws.literal(low) + ", " + Draws.literal(high) + ")";
            case ALIGNED -> depth == 2
                    ? "StartRecipe.aligned(" + targets + ", " + Draws.literal(low) + ", " + Draws.literal(high)
                    + ", " + Draws.literal(lambdaLow) + ", " + Draws.literal(lambdaHigh) + ")"
                    : "StartRecipe.alignedBalanced(" + targets + ", " + depth + ", " + Draws.literal(low) + ", "
                    + Draws.literal(high) + ")";
        };
    }
}
