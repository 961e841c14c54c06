package org.deeplinear.examples;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.deeplinear.examples.report.ClaimEntry;
import org.deeplinear.examples.report.VerificationReport;

/**
 * The verification report from code: runs every claim of dl-theory on the report's cases and writes
 * {@code report.md} with its plots (as {@code dl report} does), then prints each verdict.
 */
public final class ReportExample {

    private ReportExample() {
    }

    /**
     * Runs the example and exits with its code: 0 if every claim holds, 1 if one is violated or the report cannot be
     * written (one line on standard error), 2 for arguments other than one directory (one line: {@code --help} or a
     * second argument ran every case and wrote {@code ./--help/report.md}; user review of 2026-12-07).
     *
     * @param args the output directory (default {@code outputs}; a path starting with {@code -} as {@code ./-...})
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the example, printing each verdict to {@code out}, then writes the report (a write that fails is reported
     * after the verdicts).
     *
     * @param args the output directory (default {@code outputs})
     * @param out  where the verdicts go
     * @param err  where a failure to write the report goes, as one line
     * @return 0 if every claim holds, 1 if one is violated or the report cannot be written, 2 for other arguments
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            // an option is no directory, even alone: "expected at most one" read wrong for --help (review of
            // 2026-12-08)
            err.println("ReportExample: arguments = " + String.join(" ", args) + ": expected at most one argument,"
                    + " the output directory, not an option (default outputs)");
            return 2;
        }
        Path directory = Path.of(args.length > 0 ? args[0] : "outputs");
        VerificationReport report;
        try {
            report = VerificationReport.check(directory, fraction -> { });
        } catch (UncheckedIOException e) {
            // (review of 2026-12-07) a path that is a file ended in the exception's stack trace
            err.println("ReportExample: " + e.getMessage());
            return 1;
        }
        for (ClaimEntry claim : report.claims()) {
            out.printf(Locale.ROOT, "%-8s %s (worst residual %s)%n", claim.holds() ? "holds" : "VIOLATED",
                    claim.name(), ClaimEntry.format(claim.residual()));
        }
        List<Path> files;
        try {
            files = report.write();
        } catch (UncheckedIOException e) {
            // after the verdicts, which are kept
            err.println("ReportExample: " + e.getMessage());
            return 1;
        }
        out.printf(Locale.ROOT, "%s written with %d more files in %.1f s%n", files.get(0), files.size() - 1,
                report.seconds());
        return report.allHold() ? 0 : 1;
    }
}
