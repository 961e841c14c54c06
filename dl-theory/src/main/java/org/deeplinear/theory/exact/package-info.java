/**
 * Exact checks of the polynomial identities of THEORY.md over the rationals. An
 * {@link org.deeplinear.theory.exact.Identity} is a value: its matrix {@link org.deeplinear.theory.exact.Variable
 * variables}, its two sides as exact functions of a {@link org.deeplinear.theory.exact.Point} (Hipparchus
 * {@code FieldMatrix<BigFraction>}), and a bound on its degree. An {@link org.deeplinear.theory.exact.ExactCheck}
 * evaluates both sides at random rational points drawn from a {@link org.deeplinear.theory.exact.SampleSet} with
 * no tolerance at all; by the Schwartz-Zippel lemma a false identity of degree d survives r points drawn from a set
 * S with probability at most {@code (d/|S|)^r}, and the {@link org.deeplinear.theory.exact.IdentityVerdict} states
 * that bound (or shows a {@link org.deeplinear.theory.exact.Counterexample}). Time derivatives are taken exactly by
 * {@link org.deeplinear.theory.exact.ExactDerivative} from the polynomial itself.
 *
 * <p>Built in ({@link org.deeplinear.theory.exact.Identities}): the loss gradients (depth N), the library's own
 * {@code GradientEngine} at dyadic points, the end-to-end identity, conservation of the imbalance, the single-mode
 * reduction and its balanced form, and the eta^2 drift of gradient descent.
 *
 * <pre>{@code
 * IdentityVerdict v = ExactCheck.standard(Seed.of(1)).check(Identities.endToEnd(Shape.of(3, 2, 4)));
 * // "dA/dt = -G U^T U - W W^T G, ...: holds at 4 random points from {a/997 : |a| <= 1000000} ...
 * //  a false identity of degree <= 4 survives them with probability <= (4/2000001)^4 = 10^-22.8"
 *
 * Identity mine = Identity.of("(W U)^T = U^T W^T",
 *         List.of(Variable.matrix("W", 3, 2), Variable.matrix("U", 2, 4)), 2,
 *         p -> p.get("W").multiply(p.get("U")).transpose(),
 *         p -> p.get("U").transpose().multiply(p.get("W").transpose()));
 * assert ExactCheck.standard(Seed.of(2)).check(mine).holds();
 * }</pre>
 */
package org.deeplinear.theory.exact;
