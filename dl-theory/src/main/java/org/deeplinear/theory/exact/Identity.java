package org.deeplinear.theory.exact;

import java.util.List;
import java.util.function.Function;
import org.deeplinear.core.Arguments;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.FieldMatrix;

/**
 * A polynomial identity {@code left(x) = right(x)} in matrix variables {@code x}, as a value: its variables, the
 * two sides as exact functions of a {@link Point}, and an upper bound on the total degree of
 * {@code left - right} in the variables' entries. {@link ExactCheck} tests it at random rational points; the
 * Schwartz-Zippel bound it reports is only as good as the declared degree, so declare an upper bound.
 *
 * <pre>{@code
 * Identity mine = Identity.of("(W U)^T = U^T W^T", List.of(Variable.matrix("W", 3, 2), Variable.matrix("U", 2, 4)), 2,
 *         p -> p.get("W").multiply(p.get("U")).transpose(),
 *         p -> p.get("U").transpose().multiply(p.get("W").transpose()));
 * IdentityVerdict verdict = ExactCheck.standard(Seed.of(1)).check(mine);
 * }</pre>
 */
public interface Identity {

    /**
     * What the identity says, for verdicts and messages.
     *
     * @return the statement, e.g. {@code "dA/dt = -G U^T U - W W^T G"}
     */
    String name();

    /**
     * The variables; a random point assigns a value to each.
     *
     * @return the variables, in the order their entries are drawn
     */
    List<Variable> variables();

    /**
     * An upper bound on the total degree of {@code left - right} as a polynomial in the variables' entries.
     *
     * @return the degree bound, at least 0
     */
    int degree();

    /**
     * The left side at a point.
     *
     * @param point a value for every variable
     * @return the left side, exactly
     * @throws IllegalArgumentException (for identities built by {@link #of}) if the point lacks a variable or gives
     *                                  one another shape, naming it
     */
    FieldMatrix<BigFraction> left(Point point);

    /**
     * The right side at a point, of the same shape as the left side.
     *
     * @param point a value for every variable
     * @return the right side, exactly
     * @throws IllegalArgumentException (for identities built by {@link #of}) if the point lacks a variable or gives
     *                                  one another shape, naming it
     */
    FieldMatrix<BigFraction> right(Point point);

    /**
     * An identity from its parts.
     *
     * @param name      the statement
     * @param variables the variables (copied)
     * @param degree    an upper bound on the degree of {@code left - right}, at least 0
     * @param left      the left side
     * @param right     the right side
     * @return the identity
     * @throws IllegalArgumentException if an argument or a variable is null (named {@code variables[i]}), the list
     *                                  empty, names repeat, or the degree is negative
     */
    static Identity of(String name, List<Variable> variables, int degree,
                       Function<Point, FieldMatrix<BigFraction>> left,
                       Function<Point, FieldMatrix<BigFraction>> right) {
        Arguments.notNull("name", name);
        List<Variable> vars = Arguments.nonNullElements("variables", variables);
        Arguments.check(!vars.isEmpty(), "variables", vars, "at least one variable");
        Arguments.check(vars.stream().map(Variable::name).distinct().count() == vars.size(), "variables", vars,
                "distinct names");
        Arguments.atLeast("degree", degree, 0);
        Arguments.notNull("left", left);
        Arguments.notNull("right", right);
        return new Identity() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Variable> variables() {
                return vars;
            }

            @Override
            public int degree() {
                return degree;
            }

            @Override
            public FieldMatrix<BigFraction> left(Point point) {
                Arguments.notNull("point", point).requireShapes(vars);
                return left.apply(point);
            }

            @Override
            public FieldMatrix<BigFraction> right(Point point) {
                Arguments.notNull("point", point).requireShapes(vars);
                return right.apply(point);
            }

            @Override
            public String toString() {
                return "Identity(" + name + ", degree " + degree + ", " + vars + ")";
            }
        };
    }
}
