package org.deeplinear.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplinear.examples.report.ClaimEntry;
import org.deeplinear.examples.report.VerificationReport;
import org.deeplinear.ode.IntegratorSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dl report}: runs every claim of dl-theory on the report's documented cases and writes
 * {@code DIR/report.md}, a timestamped copy and the plots with their CSVs; prints one line per claim and the files
 * written; if any claim is violated, says on stderr how many and the first of them, and exits with
 * {@link Dl#FAILED}. The verdicts are printed before the files are written: a write that fails then is one more
 * line naming {@code --out} (exit code {@link Dl#FAILED}).
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Dl.Version.class,
        description = {"Check every claim on documented cases; write report.md and plots.",
            "Writes DIR/report.md (and a timestamped copy) and the plots (PNG, each",
            "with its CSV). The flows run on DOP853 at --rtol and --atol; the",
            "claims' tolerances stay the report's own, so looser tolerances show",
            "which verdicts rest on the integration's accuracy; a case whose run",
            "fails there is one violated entry saying when and why.",
            "Exit code 1 if any claim is violated, with one line on stderr: how",
            "many, and the first."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "outputs",
            description = "output directory, created with its parents where missing (default ${DEFAULT-VALUE})")
    private Path out;

    /** The flows' integrator, DOP853 at these tolerances: the report's own by default. */
    @Mixin
    private ToleranceOptions tolerances;

    @Override
    public Integer call() {
        IntegratorSettings integrator = tolerances.adaptive(IntegratorSettings.Method.DORMAND_PRINCE_853);
        // (a directory the system will not create was a run failure, exit 1, with no verdict printed; review of
        // 2026-12-07)
        OutputPaths.createDirectory("--out", out);
        PrintWriter stdout = spec.commandLine().getOut();
        VerificationReport report;
        try (ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "report")) {
            report = VerificationReport.check(out, integrator, bar::update);
            bar.complete();
        }
        // the verdicts first, then the files: a write that fails (a full disk, a file of the report's name that is a
        // directory) is reported after them, naming the flag, and the verdicts are not lost
        int violated = 0;
        String firstViolated = null;
        for (ClaimEntry c : report.claims()) {
            if (!c.holds()) {
                violated++;
                firstViolated = firstViolated == null ? c.name() : firstViolated;
            }
            stdout.println((c.holds() ? "holds     " : "VIOLATED  ") + c.name() + "  (residual "
                    + ClaimEntry.format(c.residual()) + ", tolerance " + ClaimEntry.format(c.tolerance()) + ")");
        }
        List<Path> files = new ArrayList<>();
        String writeFailure = OutputPaths.writeAfterRun("--out", () -> files.addAll(report.write()));
        String summary = String.format(Locale.ROOT, "%d claims, %d violated, %.1f s", report.claims().size(),
                violated, report.seconds());
        if (writeFailure == null) {
            summary += String.format(Locale.ROOT, "; wrote %s and %d more files in %s", files.get(0).getFileName(),
                    files.size() - 1, out);
        }
        stdout.println(summary);
        // a violated claim is a failure, said on stderr as every failure of dl is (one line, exit code 1; it printed
        // nothing there, review of 2026-12-07); a write that fails comes after it
        List<String> problems = new ArrayList<>();
        if (violated > 0) {
            problems.add(violated + " of " + report.claims().size() + " claims violated, the first: " + firstViolated
                    + (writeFailure == null ? " (see " + files.get(0) + ")" : ""));
        }
        if (writeFailure != null) {
            problems.add(writeFailure);
        }
        RunFailedException.throwIfAny(problems, null);
        return Dl.OK;
    }
}
