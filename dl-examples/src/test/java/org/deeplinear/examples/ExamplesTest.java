package org.deeplinear.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each example main runs and prints what it promises (the report example's report is covered by ReportCommandTest). */
class ExamplesTest {

    private static String run(Consumer<String[]> main) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            main.accept(new String[0]);
        } finally {
            System.setOut(saved);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void logisticLawPrintsHalfTimesBesideTheClosedForm() {
        String out = run(LogisticLawExample::main);
        // ln(4/1e-3 - 1) / 8 = 1.0367249511..., the closed form for sigma = 4 (THEORY.md)
        assertTrue(out.contains("sigma = 4: 1.03672495") && out.contains("| 1.036724951"), out);
        // the run's cost in words, not the record's generated form (RunStatistics[method=..., rejectedSteps=
        // OptionalLong[12], ...]; review of 2026-12-07)
        assertTrue(out.lines().anyMatch(l -> l.matches("Dormand-Prince 8 \\(5, 3\\): \\d+ evaluations, \\d+ steps"
                + " \\(\\d+ rejected\\), [0-9]+\\.[0-9]{3} s")), out);
    }

    @Test
    void examplesPrintADecimalPointWhateverTheDefaultLocale() {
        // (review) the mains formatted in the default locale: "1,03672495" under a German default
        Locale saved = Locale.getDefault();
        Locale savedFormat = Locale.getDefault(Locale.Category.FORMAT);
        Locale savedDisplay = Locale.getDefault(Locale.Category.DISPLAY);
        String out;
        try {
            Locale.setDefault(Locale.GERMANY);
            out = run(LogisticLawExample::main);
        } finally {
            Locale.setDefault(saved);
            Locale.setDefault(Locale.Category.FORMAT, savedFormat);
            Locale.setDefault(Locale.Category.DISPLAY, savedDisplay);
        }
        // ln(4/1e-3 - 1) / 8 = 1.0367249511..., as in logisticLawPrintsHalfTimesBesideTheClosedForm
        assertTrue(out.contains("sigma = 4: 1.03672495"), out);
        assertFalse(Pattern.compile("\\d,\\d").matcher(out).find(), out);
    }

    @Test
    void lowRankSelectionLearnsInOrderOfSigma() {
        String out = run(LowRankSelectionExample::main);
        assertTrue(out.contains("Learning order (target modes, 1 = largest sigma): [1, 2, 3, 4]"), out);
        assertTrue(out.contains("rank 4"), out);
    }

    @Test
    void offTargetDecayShowsBothLaws() {
        String out = run(OffTargetDecayExample::main);
        // s0 / (1 + 2 s0 t) at s0 = 0.5, t = 20: 0.5 / 21 = 2.381e-02
        assertTrue(out.contains("t = 20.0  2.381e-02 | 2.381e-02"), out);
    }

    @Test
    void richVsLazyNamesTheRegimes() {
        String out = run(RichVsLazyExample::main);
        assertTrue(out.contains("lambda = 0.3  rich") && out.contains("lambda = 2.0  lazy"), out);
    }

    @Test
    void descentVsFlowShowsTheTwoCycleAndDivergence() {
        String out = run(DescentVsFlowExample::main);
        // THEORY.md 2-cycle at eta sigma = 1.1: [(2.1) -+ sqrt(0.1 * 4.1)] / 2.2 = 0.663494..., 1.245597...
        assertTrue(out.contains("2-cycle 0.663494 / 1.245597 stable"), out);
        // past eta sigma = sqrt 5 - 1 the 2-cycle is unstable (THEORY.md): at 1.3, [(2.3) -+ sqrt(0.3 * 4.3)] / 2.6
        assertTrue(out.contains("2-cycle 0.447776 / 1.321454 unstable"), out);
        assertTrue(out.contains("eta = 2.10: DIVERGED"), out);
    }

    @Test
    void theReportExampleSaysInOneLineThatItCannotWriteIntoAFile(@TempDir Path dir) throws IOException {
        // (review of 2026-12-07) a path that is a regular file ended in an UncheckedIOException's stack trace, after
        // the report's cases had run
        Path file = Files.writeString(dir.resolve("afile"), "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReportExample.run(new String[] {file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, message);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals(1, message.strip().lines().count(), message);
        assertEquals("ReportExample: cannot create the directory " + file + ": a file of that name is in the way",
                message.strip());
    }

    /**
     * The other examples take no arguments: a {@code --help} ran the example and exited 0 (review of 2026-12-08); it
     * is refused with one line, exit code 2, as ReportExample refuses an option.
     */
    @Test
    void theOtherExamplesRefuseArguments() {
        assertEquals(null, ExampleArguments.refusal("LogisticLawExample", new String[0]));
        assertEquals("LogisticLawExample: arguments = --help: expected none (the example takes no arguments; it"
                + " prints what it computes)", ExampleArguments.refusal("LogisticLawExample", new String[] {"--help"}));
        assertEquals(1, ExampleArguments.refusal("LogisticLawExample", new String[] {"a\nb"}).lines().count());
    }

    /**
     * Arguments other than one directory are refused before any case runs, in one line with exit code 2 (user review
     * of 2026-12-07: {@code --help} ran all the cases and wrote {@code ./--help/report.md}; a second argument was
     * ignored).
     */
    @Test
    void theReportExampleRefusesArgumentsOtherThanOneDirectory() {
        for (String[] args : new String[][] {{"--help"}, {"a", "b"}}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = ReportExample.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, code);
            assertEquals("", out.toString(StandardCharsets.UTF_8));
            assertEquals("ReportExample: arguments = " + String.join(" ", args) + ": expected at most one argument,"
                    + " the output directory, not an option (default outputs)",
                    err.toString(StandardCharsets.UTF_8).strip());
        }
    }

    @Test
    void narrowHiddenLayerEndsAtTheRankTwoResidual() {
        String out = run(NarrowHiddenLayerExample::main);
        // 1/2 (2^2 + 1^2) = 2.5, the best rank-2 residual of sigma = 4, 3, 2, 1
        assertTrue(out.contains("= 2.500000; final loss 2.500000"), out);
    }
}
