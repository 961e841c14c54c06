package org.deeplinear.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplinear.examples.report.ClaimEntry;
import org.deeplinear.examples.report.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dl report}: runs every claim of dl-theory on the report's documented cases and writes
 * {@code DIR/report.md}, a timestamped copy and the plots with their CSVs; prints one line per claim and the files
 * written; exits with {@link Dl#FAILED} if any claim is violated.
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Dl.Version.class,
        description = {"Check every claim on documented cases; write report.md and plots.",
            "Writes DIR/report.md (and a timestamped copy) and the plots (PNG, each",
            "with its CSV).",
            "Exit code 1 if any claim is violated."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "outputs",
            description = "output directory (default ${DEFAULT-VALUE})")
    private Path out;

    @Override
    public Integer call() {
        OutputPaths.checkDirectory("--out", out);
        PrintWriter stdout = spec.commandLine().getOut();
        VerificationReport.Result result;
        try (ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "report")) {
            result = VerificationReport.run(out, bar::update);
            bar.complete();
        }
        int violated = 0;
        for (ClaimEntry c : result.claims()) {
            if (!c.holds()) {
                violated++;
            }
            stdout.println((c.holds() ? "holds     " : "VIOLATED  ") + c.name() + "  (residual "
                    + ClaimEntry.format(c.residual()) + ", tolerance " + ClaimEntry.format(c.tolerance()) + ")");
        }
        stdout.println(String.format(Locale.ROOT, "%d claims, %d violated, %.1f s; wrote %s and %d more files in %s",
                result.claims().size(), violated, result.seconds(), result.files().get(0).getFileName(),
                result.files().size() - 1, out));
        return result.allHold() ? Dl.OK : Dl.FAILED;
    }
}
