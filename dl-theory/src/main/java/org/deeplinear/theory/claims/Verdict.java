package org.deeplinear.theory.claims;

import org.deeplinear.core.Arguments;

/**
 * The outcome of checking a {@link Claim}: it holds when the worst residual is at most the tolerance (a NaN
 * residual never holds). Each claim documents what its residual measures (a relative error, a count of
 * inversions, ...). The witness says where the worst residual was found; the note adds what the reader needs
 * to weigh the verdict (the error of a numerical derivative, a probability bound, how many points were compared).
 *
 * @param claim         the claim's statement
 * @param holds         {@code worstResidual <= tolerance}
 * @param worstResidual the largest residual found, {@code >= 0} or NaN
 * @param tolerance     the tolerance used, {@code >= 0}
 * @param witness       where the worst residual was found
 * @param note          further information, possibly empty
 */
public record Verdict(String claim, boolean holds, double worstResidual, double tolerance, Witness witness,
                      String note) {

    /**
     * Validates the verdict.
     *
     * @param claim the claim's statement
     * @param holds {@code worstResidual <= tolerance}
     * @param worstResidual the largest residual found, {@code >= 0} or NaN
     * @param tolerance the tolerance used, {@code >= 0}
     * @param witness where the worst residual was found
     * @param note further information, possibly empty
     * @throws IllegalArgumentException if an argument is null, the residual negative (audit of 2026-12-07: a
     *                                  residual of -5 held), the tolerance negative or not finite, or {@code holds}
     *                                  disagrees with the residual and tolerance
     */
    public Verdict {
        Arguments.notNull("claim", claim);
        Arguments.check(!(worstResidual < 0), "worstResidual", worstResidual, "a residual >= 0 (or NaN)");
        Arguments.nonNegative("tolerance", tolerance);
        Arguments.notNull("witness", witness);
        Arguments.notNull("note", note);
        Arguments.check(holds == (worstResidual <= tolerance), "holds", holds,
                "worstResidual (" + worstResidual + ") <= tolerance (" + tolerance + ")");
    }

    /**
     * A verdict from a residual and a tolerance.
     *
     * @param claim         the claim's statement
     * @param worstResidual the largest residual found, {@code >= 0} or NaN
     * @param tolerance     the tolerance
     * @param witness       where
     * @param note          further information
     * @return the verdict, holding iff {@code worstResidual <= tolerance}
     * @throws IllegalArgumentException as the constructor
     */
    public static Verdict of(String claim, double worstResidual, double tolerance, Witness witness, String note) {
        return new Verdict(claim, worstResidual <= tolerance, worstResidual, tolerance, witness, note);
    }

    /**
     * Whether the claim was refuted.
     *
     * @return {@code !holds()}
     */
    public boolean violated() {
        return !holds;
    }

    @Override
    public String toString() {
        return claim + ": " + (holds ? "holds" : "VIOLATED") + " (worst residual " + worstResidual
                + ", tolerance " + tolerance + ") at " + witness + (note.isEmpty() ? "" : "; " + note);
    }
}
