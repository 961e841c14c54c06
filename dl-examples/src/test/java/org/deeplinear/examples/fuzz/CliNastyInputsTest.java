package org.deeplinear.examples.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.deeplinear.examples.cli.Dl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-picked command lines at the edges of every flag's domain, checked by the same {@link CliOracle} as the fuzz
 * test, each with the exit code it must give: they run in every build whatever the fuzzer's corpus holds. Each is
 * safe to run as it is (it writes only into a temporary directory) and fails fast.
 */
class CliNastyInputsTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @TempDir
    Path scratch;

    /** Runs a command line that is safe and fails fast (no files written but into the scratch directory). */
    private void expect(int code, String... args) {
        CliOracle.Outcome outcome = assertTimeoutPreemptively(HANG_GUARD, () -> CliOracle.run(args));
        assertEquals(code, outcome.code(), Arrays.toString(args) + " -> " + outcome.err());
    }

    private static String[] small(String... more) {
        String[] base = {"simulate", "--m", "3", "--n", "3", "--k", "2", "--rank", "2", "--T", "1", "--samples", "3"};
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void malformedNumbersAndUnknownWords() {
        expect(Dl.BAD_INPUT, "simulate", "--m", "");
        expect(Dl.BAD_INPUT, "simulate", "--m", "1e3");
        expect(Dl.BAD_INPUT, "simulate", "--m", "2147483648");
        expect(Dl.BAD_INPUT, "simulate", "--seed", "9223372036854775808");
        expect(Dl.BAD_INPUT, "simulate", "--sigmas", "1,,2");
        expect(Dl.BAD_INPUT, "simulate", "--T");
        expect(Dl.BAD_INPUT, "simulate", "--T", "--m");
        expect(Dl.BAD_INPUT, "frobnicate");
        expect(Dl.BAD_INPUT, "simulate", "extra");
        expect(Dl.BAD_INPUT, "law", "--law", "balanced");
        expect(Dl.BAD_INPUT, "--", "simulate");
    }

    @Test
    void valuesOutsideTheirDomains() {
        expect(Dl.BAD_INPUT, "simulate", "--m", "3", "--n", "3", "--k", "2", "--T", "NaN");
        expect(Dl.BAD_INPUT, "simulate", "--m", "3", "--n", "3", "--k", "2", "--rank", "0");
        expect(Dl.BAD_INPUT, "simulate", "--m", "3", "--n", "3", "--k", "2", "--rank", "4");
        expect(Dl.BAD_INPUT, "simulate", "--m", "0");
        expect(Dl.BAD_INPUT, "simulate", "--m", "-2147483648");
        expect(Dl.BAD_INPUT, small("--sigmas", "NaN,1"));
        expect(Dl.BAD_INPUT, small("--sigmas", "-1,1"));
        expect(Dl.BAD_INPUT, small("--sigmas", "1"));
        expect(Dl.BAD_INPUT, small("--init-scale", "0"));
        expect(Dl.BAD_INPUT, small("--init-scale", "-Infinity"));
        expect(Dl.BAD_INPUT, small("--rtol", "0"));
        expect(Dl.BAD_INPUT, small("--atol", "NaN"));
        expect(Dl.BAD_INPUT, small("--method", ""));
        expect(Dl.BAD_INPUT, small("--method", "RK4", "--step", "0"));
        expect(Dl.BAD_INPUT, small("--depth", "1"));
        expect(Dl.BAD_INPUT, small("--init", "nope"));
        expect(Dl.BAD_INPUT, small("--gd", "--lr", "0"));
        expect(Dl.BAD_INPUT, small("--gd", "--lr", "NaN"));
        expect(Dl.BAD_INPUT, small("--samples", "1"));
        expect(Dl.BAD_INPUT, "simulate", "--init-dir", scratch.resolve("missing").toString());
    }

    @Test
    void overflowingProblemsAreBadInputNotNaN() {
        // a target whose loss 1/2 (1e308^2 + 1e308^2) overflows: refused by Model.of, never a NaN run
        expect(Dl.BAD_INPUT, small("--sigmas", "1e308,1e308"));
        expect(Dl.BAD_INPUT, small("--init-scale", "1e200"));
        expect(Dl.BAD_INPUT, small("--init", "aligned", "--init-scale", "1e300"));
    }

    @Test
    void requestsBeyondTheMemoryBudgetAreRefusedUpFront() {
        expect(Dl.BAD_INPUT, small("--samples", "2147483647"));
        expect(Dl.BAD_INPUT, small("--gd", "--lr", "0.01", "--samples", "2147483647"));
    }

    @Test
    void runsTooLongToFinishAreBadInputNotAHang() {
        // round(T / lr) = 1e301 descent steps, T / step = 1e301 fixed steps: refused, not run for ever
        expect(Dl.BAD_INPUT, small("--gd", "--lr", "1e-300"));
        expect(Dl.BAD_INPUT, small("--method", "EULER", "--step", "1e-300"));
        expect(Dl.BAD_INPUT, small("--method", "RK4", "--step", "1e-300"));
    }

    @Test
    void aMapOrbitTooLongToHoldIsBadInput() {
        expect(Dl.BAD_INPUT, "law", "--law", "gd-map", "--sigma", "1", "--s0", "0.1", "--eta", "0.1", "--steps",
                "2147483647");
        expect(Dl.BAD_INPUT, "law", "--law", "gd-map", "--sigma", "1", "--s0", "0.1", "--eta", "0.1", "--steps",
                "-1");
    }

    @Test
    void lawsAtTheEdgesOfTheirParameters() {
        expect(Dl.BAD_INPUT, "law", "--law", "balanced", "--sigma", "-1", "--s0", "0.1", "--t", "1");
        expect(Dl.BAD_INPUT, "law", "--law", "balanced", "--sigma", "1", "--s0", "NaN", "--t", "1");
        expect(Dl.BAD_INPUT, "law", "--law", "balanced", "--sigma", "1", "--s0", "0.1", "--t", "-1");
        expect(Dl.BAD_INPUT, "law", "--law", "depth", "--depth", "1000", "--sigma", "1", "--s0", "0.1", "--t", "1");
        expect(Dl.BAD_INPUT, "law", "--law", "balanced", "--sigma", "1", "--s0", "0.1", "--steps", "3");
        expect(Dl.OK, "law", "--law", "balanced", "--sigma", "1e300", "--s0", "1e-300", "--t", "0,1e-300,1,1e300");
        expect(Dl.OK, "law", "--law", "lambda", "--sigma", "1e300", "--lambda", "1e300", "--s0", "1e300", "--t",
                "0,1,1e300");
        expect(Dl.OK, "law", "--law", "decay", "--depth", "2147483647", "--s0", "1", "--t", "0,1,1e300");
        expect(Dl.OK, "law", "--law", "gd-map", "--sigma", "1e300", "--s0", "1e300", "--eta", "1e300", "--steps",
                "5");
    }

    @Test
    void lawOutputNeverHoldsNaN() {
        String[][] cases = {
            {"law", "--law", "balanced", "--sigma", "1e300", "--s0", "1e-300", "--t", "0,1e-300,1,1e300"},
            {"law", "--law", "lambda", "--sigma", "1e300", "--lambda", "1e300", "--s0", "1e300", "--t", "0,1,1e300"},
            {"law", "--law", "decay", "--depth", "2147483647", "--s0", "1", "--t", "0,1,1e300"},
            {"law", "--law", "depth", "--depth", "4", "--sigma", "1e-3", "--s0", "1e-12", "--s", "5e-4,1e-3"},
        };
        for (String[] args : cases) {
            CliOracle.Outcome outcome = CliOracle.run(args);
            assertTrue(!outcome.out().contains("NaN") && !outcome.out().contains("Infinity"),
                    Arrays.toString(args) + " -> " + outcome.out());
        }
    }

    @Test
    void filesThatCannotBeWrittenOrReadGiveOneLine() throws IOException {
        // --csv naming a directory, --out naming a file: refused before the run (they failed after it, exit 1,
        // and the run's results were lost; review of 2026-12-06)
        Path dir = Files.createDirectories(scratch.resolve("a-directory"));
        expect(Dl.BAD_INPUT, small("--csv", dir.toString()));
        Path file = Files.writeString(scratch.resolve("a-file"), "x");
        expect(Dl.BAD_INPUT, "sweep", "--seeds", "1", "--scales", "1e-2,1e-3", "--out", file.toString());
        expect(Dl.BAD_INPUT, "report", "--out", file.resolve("below-a-file").toString());
        Path bad = Files.createDirectories(scratch.resolve("bad-init"));
        Files.write(bad.resolve("A_star.csv"), new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});
        expect(Dl.BAD_INPUT, "simulate", "--init-dir", bad.toString());
        // an argument that starts with @ is an argument, not a file of more arguments to read: picocli's
        // expansion would read /dev/zero (or a terminal's /dev/stdin) for ever
        expect(Dl.BAD_INPUT, "simulate", "@/dev/zero");
        expect(Dl.BAD_INPUT, "simulate", "@" + dir);
        // the oracle defuses @file arguments all the same, in case a build turns the expansion back on
        assertEquals("at-/dev/stdin", CliOracle.defuse(scratch, new String[] {"@/dev/stdin"})[0]);
    }
}
