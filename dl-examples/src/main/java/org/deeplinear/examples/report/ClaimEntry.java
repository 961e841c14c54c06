package org.deeplinear.examples.report;

import java.util.Locale;
import org.deeplinear.core.Arguments;

/**
 * One claim of the report: what it states (words and formula), the case it was checked on, the worst residual
 * against the tolerance, the verdict, where the worst residual was found (the witness) and the statistics of the
 * runs behind it.
 *
 * @param name the claim's short name
 * @param statement what the claim says, in words
 * @param formula the formula checked, plain text
 * @param caseName the case, in words (sizes, spectrum, initialisation, seed, integrator)
 * @param residual the worst residual found
 * @param tolerance the tolerance the residual is compared with
 * @param holds the verdict: true if the claim holds on this case
 * @param witness where the worst residual was found (mode, time, value)
 * @param statistics the statistics of the runs behind the check (evaluations, steps, wall time)
 * @param source who computed the verdict: a dl-theory claim, or a check computed in dl-examples
 */
public record ClaimEntry(String name, String statement, String formula, String caseName, double residual,
        double tolerance, boolean holds, String witness, String statistics, String source) {

    /**
     * Validates the entry.
     *
     * @param name the claim's short name
     * @param statement what the claim says
     * @param formula the formula checked
     * @param caseName the case
     * @param residual the worst residual
     * @param tolerance the tolerance
     * @param holds the verdict
     * @param witness where the worst residual was found
     * @param statistics the statistics of the runs
     * @param source who computed the verdict
     * @throws IllegalArgumentException if a text is null
     */
    public ClaimEntry {
        Arguments.notNull("name", name);
        Arguments.notNull("statement", statement);
        Arguments.notNull("formula", formula);
        Arguments.notNull("caseName", caseName);
        Arguments.notNull("witness", witness);
        Arguments.notNull("statistics", statistics);
        Arguments.notNull("source", source);
    }

    /**
     * The entry's Markdown section.
     *
     * @param number its number in the report
     * @return a section with a heading, the statement, the formula and a small table
     */
    public String toMarkdown(int number) {
        return "### " + number + ". " + name + ": " + (holds ? "holds" : "**VIOLATED**") + "\n\n"
                + statement + "\n\n"
                + "    " + formula + "\n\n"
                + "- case: " + caseName + "\n"
                + "- worst residual: " + format(residual) + " (tolerance " + format(tolerance) + ")\n"
                + "- witness: " + witness + "\n"
                + "- runs: " + statistics + "\n"
                + "- checked by: " + source + "\n";
    }

    /**
     * Formats a residual or tolerance with three significant digits.
     *
     * @param x the number
     * @return e.g. {@code 1.23e-10}, or {@code n/a} for NaN
     */
    public static String format(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.3g", x);
    }
}
