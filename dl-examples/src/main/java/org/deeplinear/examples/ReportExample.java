package org.deeplinear.examples;

import java.nio.file.Path;
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
     * Runs the example.
     *
     * @param args the output directory (default {@code outputs})
     */
    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "outputs");
        VerificationReport.Result result = VerificationReport.run(out, fraction -> { });
        for (ClaimEntry claim : result.claims()) {
            System.out.printf("%-8s %s (worst residual %s)%n", claim.holds() ? "holds" : "VIOLATED", claim.name(),
                    ClaimEntry.format(claim.residual()));
        }
        System.out.printf("%s written with %d more files in %.1f s%n", result.files().get(0),
                result.files().size() - 1, result.seconds());
        System.exit(result.allHold() ? 0 : 1);
    }
}
