package org.deeplinear.examples.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.deeplinear.examples.cli.Dl;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * What {@code dl} promises for any command line (Dl's class comment and issue 6): exit code 0, 1 or 2 and nothing
 * else; bad input is exit code 2 with exactly one line on standard error; no stack trace and no bare Java
 * exception ({@code NullPointerException}, {@code NumberFormatException}, ...) ever reaches standard error.
 *
 * <p>Before running a command line, {@link #check(Path, String...)} makes it safe to run from a test: a value of
 * {@code --csv}, {@code --out} or {@code --save-init} is redirected into a scratch directory, an {@code @file}
 * argument is defused (it would make picocli read that file, {@code /dev/stdin} included), and a request that would
 * legitimately run for long ({@code report}, {@code sweep}, a large or long {@code simulate}, a long map orbit) is
 * only parsed, not run.
 */
final class CliOracle {

    /** Java exception names that must never reach a user. */
    private static final List<String> LEAKS = List.of("\tat ", "java.", "NullPointerException",
            "NumberFormatException", "ArithmeticException", "IndexOutOfBounds", "ClassCastException",
            "NegativeArraySize", "IllegalStateException", "UnsupportedOperation", "OutOfMemory", "StackOverflow");

    /** Commands that run for long by design; only parsed here. */
    private static final Set<String> LONG_COMMANDS = Set.of("report", "sweep");

    /** Largest problem the oracle runs (m, n, k, rank), in-process and fast. */
    static final int MAX_DIMENSION = 8;

    private CliOracle() {
    }

    /** What a command line printed and returned. */
    record Outcome(int code, String out, String err, boolean ran) {
    }

    /**
     * Runs a command line (made safe as the class comment says) and checks the promises.
     *
     * @param scratch a directory for files the command may write
     * @param args the command line
     * @return what happened
     */
    static Outcome check(Path scratch, String... args) {
        String[] safe = defuse(scratch, args);
        if (!cheap(safe)) {
            return new Outcome(-1, "", "", false);
        }
        return run(safe);
    }

    /**
     * Runs a command line as it is (no redirection, no screening: for command lines known to be safe and fast)
     * and checks the promises.
     *
     * @param safe the command line
     * @return what happened
     */
    static Outcome run(String... safe) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dl.execute(new PrintWriter(out, true), new PrintWriter(err, true), safe);
        Outcome outcome = new Outcome(code, out.toString(), err.toString(), true);
        String context = Arrays.toString(safe) + " -> exit " + code + ", stderr: " + outcome.err();
        assertTrue(code == Dl.OK || code == Dl.FAILED || code == Dl.BAD_INPUT, context);
        String ours = withoutUserText(outcome.err(), safe);
        for (String leak : LEAKS) {
            assertFalse(ours.contains(leak), "leaked '" + leak.strip() + "': " + context);
        }
        if (code != Dl.OK) {
            String[] lines = messageLines(outcome.err());
            assertEquals(1, lines.length, "one line on stderr: " + context);
            assertFalse(lines[0].isBlank(), "a message: " + context);
        }
        return outcome;
    }

    /**
     * Standard error without what the user typed: messages name files and quote the offending value, in the
     * library's {@code "name = value: expected ..."} or picocli's {@code '...'}, and a value (a command-line word or
     * a token of a file) may spell anything, quotes included: the fuzzer learns the words above from this very
     * check. What stays is the program's own text.
     */
    static String withoutUserText(String err, String[] args) {
        String s = err;
        for (String a : args) {
            if (a.length() >= 4) {
                s = s.replace(a, "");
            }
        }
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\\R", -1)) {
            out.append(line.replaceFirst("^(.*?) = .*: expected (.*)$", "$1 = <value>: expected $2")
                    .replaceAll("'[^'\\n]*'", "''")).append('\n');
        }
        return out.toString();
    }

    /** Standard error without the progress bar's carriage-return redraws. */
    static String[] messageLines(String err) {
        List<String> lines = new ArrayList<>();
        for (String line : err.split("\\R")) {
            String last = line.substring(line.lastIndexOf('\r') + 1);
            if (!last.isBlank() && !last.matches("\\S+ \\[[# ]*\\] .*")) {
                lines.add(last);
            }
        }
        return lines.toArray(new String[0]);
    }

    /** Redirects written files into the scratch directory and defuses {@code @file} arguments. */
    static String[] defuse(Path scratch, String[] args) {
        String[] safe = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            String a = args[i] == null ? "" : args[i];
            if (a.startsWith("@")) {
                a = "at-" + a.substring(1);
            }
            boolean writes = a.equals("--csv") || a.equals("--out") || a.equals("--save-init");
            if (a.startsWith("--csv=") || a.startsWith("--out=") || a.startsWith("--save-init=")) {
                a = a.substring(0, a.indexOf('=') + 1) + scratch.resolve("written").toString();
            }
            safe[i] = a;
            if (writes && i + 1 < args.length) {
                safe[++i] = scratch.resolve("written").toString();
            }
        }
        return safe;
    }

    /**
     * Whether the command line can run in well under a second: a command line that does not parse (its error is
     * the answer), a help or version request, {@code law} with a short orbit, {@code simulate} on a small, short
     * problem.
     */
    static boolean cheap(String[] args) {
        CommandLine parser = Dl.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        ParseResult top;
        try {
            top = parser.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return true;
        }
        if (top.isUsageHelpRequested() || top.isVersionHelpRequested() || !top.hasSubcommand()) {
            return true;
        }
        ParseResult sub = top.subcommand();
        if (sub.isUsageHelpRequested() || sub.isVersionHelpRequested()) {
            return true;
        }
        String name = sub.commandSpec().name();
        if (LONG_COMMANDS.contains(name)) {
            return false;
        }
        if (name.equals("law")) {
            Integer steps = sub.matchedOptionValue("--steps", null);
            return steps == null || steps <= 100_000;
        }
        if (name.equals("simulate")) {
            return cheapSimulation(sub);
        }
        return true;
    }

    private static boolean cheapSimulation(ParseResult sub) {
        boolean fromDir = sub.hasMatchedOption("--init-dir");
        int m = sub.matchedOptionValue("--m", 32);
        int n = sub.matchedOptionValue("--n", 32);
        int k = sub.matchedOptionValue("--k", 32);
        int depth = sub.matchedOptionValue("--depth", 2);
        int samples = sub.matchedOptionValue("--samples", 101);
        double end = sub.matchedOptionValue("--T", 10.0);
        double lr = sub.matchedOptionValue("--lr", 1e-3);
        double step = sub.matchedOptionValue("--step", 1e-3);
        double rtol = sub.matchedOptionValue("--rtol", 1e-10);
        double atol = sub.matchedOptionValue("--atol", 1e-12);
        double scale = sub.matchedOptionValue("--init-scale", 1e-3);
        double[] sigmas = sub.matchedOptionValue("--sigmas", new double[0]);
        String method = sub.matchedOptionValue("--method", "DOP853").toUpperCase(Locale.ROOT);
        boolean descent = sub.hasMatchedOption("--gd");
        // NaN and out-of-range values pass these tests on purpose: the command rejects them before any work
        boolean small = fromDir || (m <= MAX_DIMENSION && n <= MAX_DIMENSION && k <= MAX_DIMENSION);
        boolean cheapLength = !(end > 20) && depth <= 4 && (samples <= 2_000 || samples >= 100_000_000);
        boolean fewSteps = descent ? !(end / lr > 20_000)
                : method.equals("RK4") || method.equals("EULER") ? !(end / step > 20_000)
                : !(rtol < 1e-12) && !(atol < 1e-14);
        boolean tame = !(scale > 2);
        for (double s : sigmas) {
            tame &= !(Math.abs(s) > 10);
        }
        return small && cheapLength && fewSteps && tame;
    }

    /** Fails with the command line if it was expected to run but did not. */
    static void requireRan(Outcome outcome, String... args) {
        if (!outcome.ran()) {
            fail("not run (too costly for the oracle): " + Arrays.toString(args));
        }
    }
}
