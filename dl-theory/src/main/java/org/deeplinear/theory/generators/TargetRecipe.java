package org.deeplinear.theory.generators;

import java.util.Arrays;
import java.util.Random;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.target.Target;

/**
 * Random targets {@code A*} with a controlled spectrum: sizes {@code m, n} uniform in
 * {@code [minDimension, maxDimension]}, a rank {@code r} uniform in {@code [1, min(maxRank, m, n)]} (at least 2 for
 * the repeat kinds), nonzero singular values in {@code [sigmaMin, sigmaMax]} spread log-uniformly with consecutive
 * ratios at least {@code 1 + gap}, and random singular bases ({@link Target#random}). Three kinds:
 * <ul>
 * <li>{@link #gapped}: the values as drawn, separated by the gap (distinct where the gap is above rounding);</li>
 * <li>{@link #nearRepeats}: one adjacent pair brought within a relative distance {@code delta}, log-uniform in
 *     [1e-9, 1e-6] (modes whose vectors are barely defined): the lower value moves down to the upper one's
 *     {@code 1 - delta}, or, where that would fall below {@code sigmaMin}, the upper value moves up to the lower
 *     one's {@code 1 / (1 - delta)};</li>
 * <li>{@link #exactRepeats}: a run of 2 or 3 exactly equal values (modes not defined, only their subspace).</li>
 * </ul>
 * Draw order from {@code seed.newRandom()}: m, n, r, the r log-positions, then (near repeats) the pair and delta or
 * (exact repeats) the multiplicity and the run's start, then one {@code long} that seeds the bases.
 *
 * <p>The log-positions are drawn over {@code log(sigmaMax) - log(sigmaMin)}, which is finite also where the ratio
 * {@code sigmaMax / sigmaMin} passes the largest double (from {@code Double.MIN_NORMAL} to {@code Double.MAX_VALUE}
 * it is 1418.2): until the audit of 2026-12-07 the ratio overflowed, and every value was clamped to sigmaMax.
 *
 * @param kind         which spectrum
 * @param minDimension smallest m and n, at least 1
 * @param maxDimension largest m and n, at least {@code minDimension} and at most {@link #MAX_DIMENSION}
 * @param maxRank      the largest rank, at least 1 (2 for the repeat kinds)
 * @param sigmaMin     the smallest nonzero singular value, finite and at least {@code Double.MIN_NORMAL} (relative
 *                     gaps and distances do not exist among the subnormals, multiples of {@code Double.MIN_VALUE})
 * @param sigmaMax     the largest singular value, at least {@code sigmaMin} (for near repeats at least
 *                     {@code sigmaMin / (1 - 1e-6)^2}, so that the pair fits)
 * @param gap          the smallest relative gap between consecutive values, {@code >= 0}, such that
 *                     {@code (1 + gap)^(maxRank - 1) <= sigmaMax / sigmaMin}
 */
public record TargetRecipe(Kind kind, int minDimension, int maxDimension, int maxRank, double sigmaMin,
                           double sigmaMax, double gap) implements Recipe<Target> {

    /**
     * The largest {@code maxDimension}, 46,340: a target's {@code m x n} entries are one array, at most
     * {@link Matrix#MAX_ENTRIES} of them (a larger recipe's builds drew frames until they ran out of memory).
     */
    public static final int MAX_DIMENSION = (int) Math.sqrt(Matrix.MAX_ENTRIES);

    /** The three spectra a recipe can draw. */
    public enum Kind {
        /**
         * Values separated by at least the gap: distinct where the gap is above the values' rounding (a gap of 0,
         * or below about 4e-16, can give equal values; review of 2026-12-08).
         */
        GAPPED,
        /** One adjacent pair within a relative 1e-9 .. 1e-6 of each other. */
        NEAR_REPEATS,
        /** A run of 2 or 3 exactly equal values. */
        EXACT_REPEATS
    }

    /**
     * Validates the recipe.
     *
     * @param kind which spectrum
     * @param minDimension smallest m and n, at least 1
     * @param maxDimension largest m and n, at least {@code minDimension} and at most {@link #MAX_DIMENSION}
     * @param maxRank the largest rank, at least 1 (2 for the repeat kinds)
     * @param sigmaMin the smallest nonzero singular value, finite and at least {@code Double.MIN_NORMAL}
     * @param sigmaMax the largest singular value, at least {@code sigmaMin} (for near repeats at least
     *                 {@code sigmaMin / (1 - 1e-6)^2}, so that the pair fits)
     * @param gap the smallest relative gap between consecutive values, {@code >= 0}, such that
     *            {@code (1 + gap)^(maxRank - 1) <= sigmaMax / sigmaMin}
     * @throws IllegalArgumentException if a parameter is out of range or the gaps do not fit in the range
     */
    public TargetRecipe {
        Arguments.notNull("kind", kind);
        Arguments.atLeast("minDimension", minDimension, kind == Kind.GAPPED ? 1 : 2);
        Arguments.atLeast("maxDimension", maxDimension, minDimension);
        Arguments.check(maxDimension <= MAX_DIMENSION, "maxDimension", maxDimension, "at most " + MAX_DIMENSION
                + " (an m x n target's entries are one array of at most " + Matrix.MAX_ENTRIES + ")");
        Arguments.atLeast("maxRank", maxRank, kind == Kind.GAPPED ? 1 : 2);
        Arguments.check(Double.isFinite(sigmaMin) && sigmaMin >= Double.MIN_NORMAL, "sigmaMin", sigmaMin,
                "a finite value >= Double.MIN_NORMAL = " + Double.MIN_NORMAL + " (relative gaps do not exist among"
                        + " the subnormals)");
        Arguments.check(Double.isFinite(sigmaMax) && sigmaMax >= sigmaMin, "sigmaMax", sigmaMax,
                "a finite value >= sigmaMin = " + sigmaMin);
        Arguments.nonNegative("gap", gap);
        Arguments.check(kind != Kind.NEAR_REPEATS || sigmaMax >= sigmaMin / ((1 - 1e-6) * (1 - 1e-6)), "sigmaMax",
                sigmaMax, "at least sigmaMin / (1 - 1e-6)^2 = " + sigmaMin / ((1 - 1e-6) * (1 - 1e-6))
                        + " for near repeats (a pair 1e-6 apart must fit in [sigmaMin, sigmaMax])");
        int rank = Math.min(maxRank, maxDimension);
        double ratio = sigmaMax / sigmaMin;
        Arguments.check((rank - 1) * Math.log1p(gap) <= logRatio(sigmaMax, sigmaMin) * (1 + 1e-12), "gap", gap,
                "(1 + gap)^(" + (rank - 1) + ") <= sigmaMax / sigmaMin = "
                        + (Double.isFinite(ratio) ? String.valueOf(ratio) : "exp(" + logRatio(sigmaMax, sigmaMin) + ")")
                        + " so that " + rank + " values fit");
    }

    /**
     * {@code log(max / min)}: the logarithm of the quotient where it is finite (the bits of every earlier draw),
     * otherwise the difference of the logarithms.
     */
    private static double logRatio(double max, double min) {
        double ratio = max / min;
        return Double.isFinite(ratio) ? Math.log(ratio) : Math.log(max) - Math.log(min);
    }

    /**
     * Distinct singular values separated by a relative gap.
     *
     * @param minDimension smallest m and n
     * @param maxDimension largest m and n
     * @param maxRank      the largest rank
     * @param sigmaMin     the smallest nonzero singular value
     * @param sigmaMax     the largest singular value
     * @param gap          the smallest relative gap between consecutive values
     * @return the recipe
     */
    public static TargetRecipe gapped(int minDimension, int maxDimension, int maxRank, double sigmaMin,
                                      double sigmaMax, double gap) {
        return new TargetRecipe(Kind.GAPPED, minDimension, maxDimension, maxRank, sigmaMin, sigmaMax, gap);
    }

    /**
     * As {@link #gapped}, then one adjacent pair brought within a relative distance in [1e-9, 1e-6].
     *
     * @param minDimension smallest m and n, at least 2
     * @param maxDimension largest m and n
     * @param maxRank      the largest rank, at least 2
     * @param sigmaMin     the smallest nonzero singular value
     * @param sigmaMax     the largest singular value, at least {@code sigmaMin / (1 - 1e-6)^2}
     * @param gap          the smallest relative gap between the other consecutive values
     * @return the recipe
     */
    public static TargetRecipe nearRepeats(int minDimension, int maxDimension, int maxRank, double sigmaMin,
                                           double sigmaMax, double gap) {
        return new TargetRecipe(Kind.NEAR_REPEATS, minDimension, maxDimension, maxRank, sigmaMin, sigmaMax, gap);
    }

    /**
     * As {@link #gapped}, then a run of 2 or 3 exactly equal values.
     *
     * @param minDimension smallest m and n, at least 2
     * @param maxDimension largest m and n
     * @param maxRank      the largest rank, at least 2
     * @param sigmaMin     the smallest nonzero singular value
     * @param sigmaMax     the largest singular value
     * @param gap          the smallest relative gap between the other consecutive values
     * @return the recipe
     */
    public static TargetRecipe exactRepeats(int minDimension, int maxDimension, int maxRank, double sigmaMin,
                                            double sigmaMax, double gap) {
        return new TargetRecipe(Kind.EXACT_REPEATS, minDimension, maxDimension, maxRank, sigmaMin, sigmaMax, gap);
    }

    @Override
    public Target build(Seed seed) {
        Seed.required("seed", seed);
        Random random = seed.newRandom();
        int m = Draws.integer(random, minDimension, maxDimension);
        int n = Draws.integer(random, minDimension, maxDimension);
        int rank = Draws.integer(random, kind == Kind.GAPPED ? 1 : 2, Math.min(maxRank, Math.min(m, n)));
        double logGap = Math.log1p(gap);
        double free = Math.max(0, logRatio(sigmaMax, sigmaMin) - (rank - 1) * logGap);
        double[] positions = new double[rank];
        for (int i = 0; i < rank; i++) {
            positions[i] = random.nextDouble() * free;
        }
        Arrays.sort(positions);
        double[] sigmas = new double[rank];
        for (int i = 0; i < rank; i++) {
            // ascending positions + i gaps, stored descending; where the growth exp(.) itself overflows (a range
            // whose ratio does) the value is formed in logarithms
            double exponent = positions[i] + i * logGap;
            double growth = Math.exp(exponent);
            double value = Double.isFinite(growth) ? sigmaMin * growth : Math.exp(Math.log(sigmaMin) + exponent);
            sigmas[rank - 1 - i] = Math.min(sigmaMax, Math.max(sigmaMin, value));
        }
        if (kind == Kind.NEAR_REPEATS) {
            int i = Draws.integer(random, 0, rank - 2);
            double delta = Draws.logUniform(random, 1e-9, 1e-6);
            double lower = sigmas[i] * (1 - delta);
            if (lower >= sigmaMin) {
                sigmas[i + 1] = lower;
            } else {
                // the pair would leave the range at its bottom: the upper value moves up instead, at the same
                // relative distance (sigmas[i + 1] >= sigmaMin, and below sigmaMin / (1 - delta), so the new value
                // stays below sigmaMin / (1 - 1e-6)^2 <= sigmaMax); Target.random sorts the values
                sigmas[i] = Math.min(sigmaMax, sigmas[i + 1] / (1 - delta));
            }
        } else if (kind == Kind.EXACT_REPEATS) {
            int multiplicity = Draws.integer(random, 2, Math.min(3, rank));
            int start = Draws.integer(random, 0, rank - multiplicity);
            for (int i = start + 1; i < start + multiplicity; i++) {
                sigmas[i] = sigmas[start];
            }
        }
        return Target.random(m, n, sigmas, Seed.of(random.nextLong()));
    }

    /**
     * The factory call that rebuilds this recipe.
     *
     * @return e.g. {@code "TargetRecipe.gapped(6, 12, 4, 0.1, 10.0, 0.5)"}
     */
    @Override
    public String toString() {
        String factory = switch (kind) {
            case GAPPED -> "gapped";
            case NEAR_REPEATS -> "nearRepeats";
            case EXACT_REPEATS -> "exactRepeats";
        };
        return "TargetRecipe." + factory + "(" + minDimension + ", " + maxDimension + ", " + maxRank + ", "
                + Draws.literal(sigmaMin) + ", " + Draws.literal(sigmaMax) + ", " + Draws.literal(gap) + ")";
    }
}
