package org.deeplinear.theory.exact;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import org.deeplinear.core.Arguments;

/**
 * The outcome of an {@link ExactCheck}: whether the two sides of an identity were equal at every random rational
 * point, and how much that proves.
 *
 * <p>If they differ anywhere, the identity is false and {@link #counterexample()} shows where (a certainty). If they
 * agree at all {@code r} points drawn from a set {@code S}, the Schwartz-Zippel lemma bounds the chance that a false
 * identity of degree at most {@code d} survives by {@code (d / |S|)^r}: {@link #falseAcceptanceBound()}.
 *
 * @param identity       the identity's statement
 * @param holds          true if both sides agreed exactly at every point
 * @param pointsChecked  how many points were evaluated, at least 1 (all of them if it holds; up to and with the
 *                       counterexample's if not)
 * @param degree         the identity's declared degree bound d, at least 0
 * @param sampleSet      the set every entry was drawn from
 * @param seed           the seed of the draws, to reproduce them
 * @param counterexample the first disagreement, present exactly when {@code holds} is false
 */
public record IdentityVerdict(String identity, boolean holds, int pointsChecked, int degree, SampleSet sampleSet,
                              long seed, Optional<Counterexample> counterexample) {

    /**
     * Validates the verdict.
     *
     * @param identity the identity's statement
     * @param holds true if both sides agreed exactly at every point
     * @param pointsChecked how many points were evaluated (all of them if it holds; up to the counterexample if not)
     * @param degree the identity's declared degree bound d
     * @param sampleSet the set every entry was drawn from
     * @param seed the seed of the draws, to reproduce them
     * @param counterexample the first disagreement, present exactly when {@code holds} is false
     * @throws IllegalArgumentException if an argument is null, {@code holds} and the presence of a counterexample
     *                                  disagree, {@code pointsChecked < 1}, a counterexample is not at the last point
     *                                  checked ({@code pointsChecked - 1}), or {@code degree < 0} (audit of
     *                                  2026-12-07: degree -1 gave a NaN bound, -3 points a "probability" of 1e18)
     */
    public IdentityVerdict {
        Arguments.notNull("identity", identity);
        Arguments.notNull("sampleSet", sampleSet);
        Arguments.notNull("counterexample", counterexample);
        Arguments.check(holds != counterexample.isPresent(), "counterexample", counterexample,
                holds ? "none for an identity that holds" : "one for an identity that fails");
        Arguments.atLeast("pointsChecked", pointsChecked, 1);
        if (counterexample.isPresent()) {
            int at = counterexample.get().pointIndex();
            Arguments.check(pointsChecked == at + 1, "pointsChecked", pointsChecked, (at + 1)
                    + ": the check stops at the counterexample's point " + at);
        }
        Arguments.atLeast("degree", degree, 0);
    }

    /**
     * {@code log10} of the Schwartz-Zippel bound {@code (d / |S|)^r} on the probability that a false identity of
     * degree at most d agrees at all r points; 0 (probability 1) when {@code d >= |S|}; negative infinity for
     * {@code d = 0} (a nonzero constant never vanishes). Meaningful when the identity holds; when it fails the
     * counterexample is certain.
     *
     * @return the base-10 logarithm of the bound, at most 0
     */
    public double log10FalseAcceptanceBound() {
        if (degree == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        BigInteger size = sampleSet.size();
        if (BigInteger.valueOf(degree).compareTo(size) >= 0) {
            return 0.0;
        }
        return pointsChecked * (Math.log10(degree) - log10(size));
    }

    /**
     * The Schwartz-Zippel bound {@code (d / |S|)^r} itself (it may underflow to 0 for a tiny bound: see
     * {@link #log10FalseAcceptanceBound()} for the exponent).
     *
     * @return the probability bound, in [0, 1]
     */
    public double falseAcceptanceBound() {
        return Math.pow(10, log10FalseAcceptanceBound());
    }

    private static double log10(BigInteger x) {
        int shift = Math.max(0, x.bitLength() - 62);
        return Math.log10(x.shiftRight(shift).doubleValue()) + shift * Math.log10(2);
    }

    /**
     * The verdict in words, with the bound or the counterexample.
     *
     * @return e.g. {@code "dA/dt = ...: holds at 8 random points from {a/997 : |a| <= 1000000} (2000001 values),
     * seed 1; a false identity of degree <= 4 survives them with probability <= (4/2000001)^8 = 10^-45.6"}
     */
    @Override
    public String toString() {
        if (!holds) {
            return identity + ": VIOLATED (seed " + seed + ") at " + counterexample.orElseThrow();
        }
        return identity + ": holds at " + pointsChecked + " random points from " + sampleSet + ", seed " + seed
                + "; a false identity of degree <= " + degree + " survives them with probability <= (" + degree + "/"
                + sampleSet.size() + ")^" + pointsChecked + " = 10^"
                + String.format(Locale.ROOT, "%.1f", log10FalseAcceptanceBound());
    }
}
