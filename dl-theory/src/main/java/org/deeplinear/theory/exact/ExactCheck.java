package org.deeplinear.theory.exact;

import java.util.Optional;
import java.util.Random;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Seed;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.FieldMatrix;

/**
 * Checks polynomial identities exactly, over the rationals, at random points (the Schwartz-Zippel test): every
 * entry of every variable is drawn uniformly from a {@link SampleSet}, both sides are evaluated in
 * {@link BigFraction} arithmetic, and the sides must agree entry by entry with no tolerance at all.
 *
 * <p>An immutable value; {@link #check} is deterministic (the draws come from a {@link Random} seeded with the
 * check's seed, variables in the identity's order, entries row-major, point after point).
 *
 * <p>Cost: exact arithmetic, whose numbers grow with every product, so a check's time grows fast with sizes and
 * depth. Measured with {@code ExactCheck.standard()} (a review of 2026-12-08): the end-to-end identity at 10 x 10,
 * depth 2, 0.5 s; 30 x 30, 6 s (217 MB); width 4 at depth 10, 2.4 s, at depth 15, 18 s, depth 20 more than a
 * minute (about {@code N^5}), none refused: choose the smallest sizes and depths that exercise every term.
 */
public final class ExactCheck {

    private final SampleSet sampleSet;
    private final int points;
    private final Seed seed;

    private ExactCheck(SampleSet sampleSet, int points, Seed seed) {
        this.sampleSet = sampleSet;
        this.points = points;
        this.seed = seed;
    }

    /**
     * A check with the given sample set, number of points and seed.
     *
     * @param sampleSet the set entries are drawn from
     * @param points    how many random points, at least 1
     * @param seed      the seed of the draws
     * @return the check
     * @throws IllegalArgumentException if an argument is null or {@code points < 1}
     */
    public static ExactCheck of(SampleSet sampleSet, int points, Seed seed) {
        Arguments.notNull("sampleSet", sampleSet);
        Arguments.atLeast("points", points, 1);
        Seed.required("seed", seed);
        return new ExactCheck(sampleSet, points, seed);
    }

    /**
     * Four points from {@link SampleSet#standard()}: for a degree-8 identity, a false one survives with
     * probability at most {@code (8 / 2000001)^4 < 10^-21}.
     *
     * @param seed the seed of the draws
     * @return the check
     */
    public static ExactCheck standard(Seed seed) {
        return of(SampleSet.standard(), 4, seed);
    }

    /**
     * One random point for an identity's variables.
     *
     * @param identity the identity
     * @param random   the generator (advanced)
     * @return a point with every entry drawn from the sample set
     */
    Point drawPoint(Identity identity, Random random) {
        Point point = Point.empty();
        for (Variable v : identity.variables()) {
            FieldMatrix<BigFraction> value = Rationals.zeros(v.rows(), v.cols());
            for (int i = 0; i < v.rows(); i++) {
                for (int j = 0; j < v.cols(); j++) {
                    value.setEntry(i, j, sampleSet.draw(random));
                }
            }
            point = point.with(v.name(), value);
        }
        return point;
    }

    /**
     * Checks an identity.
     *
     * @param identity the identity
     * @return the verdict: holds with its Schwartz-Zippel bound, or violated with a counterexample
     * @throws IllegalArgumentException if the identity is null, a side is null at a point, or its two sides have
     *                                  different shapes; what a side throws (a product of matrices that do not
     *                                  conform: Hipparchus's {@code MathIllegalArgumentException}) reaches the caller
     *                                  as it is
     */
    public IdentityVerdict check(Identity identity) {
        Arguments.notNull("identity", identity);
        Random random = seed.newRandom();
        for (int p = 0; p < points; p++) {
            Point point = drawPoint(identity, random);
            FieldMatrix<BigFraction> left = Arguments.notNull(identity.name() + ".left(point " + p + ")",
                    identity.left(point));
            FieldMatrix<BigFraction> right = Arguments.notNull(identity.name() + ".right(point " + p + ")",
                    identity.right(point));
            Arguments.check(left.getRowDimension() == right.getRowDimension()
                            && left.getColumnDimension() == right.getColumnDimension(),
                    identity.name() + ".right", right.getRowDimension() + " x " + right.getColumnDimension(),
                    "the left side's shape " + left.getRowDimension() + " x " + left.getColumnDimension());
            for (int i = 0; i < left.getRowDimension(); i++) {
                for (int j = 0; j < left.getColumnDimension(); j++) {
                    BigFraction l = left.getEntry(i, j);
                    BigFraction r = right.getEntry(i, j);
                    if (l.compareTo(r) != 0) {
                        return new IdentityVerdict(identity.name(), false, p + 1, identity.degree(), sampleSet,
                                seed.value(), Optional.of(new Counterexample(p, point, i, j, l, r)));
                    }
                }
            }
        }
        return new IdentityVerdict(identity.name(), true, points, identity.degree(), sampleSet, seed.value(),
                Optional.empty());
    }

    @Override
    public String toString() {
        return "ExactCheck(" + points + " points from " + sampleSet + ", seed " + seed.value() + ")";
    }
}
