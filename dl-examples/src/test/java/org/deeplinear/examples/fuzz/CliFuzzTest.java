package org.deeplinear.examples.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the {@code dl} program's argument handling (picocli's parsing plus each command's own validation) with
 * Jazzer: whatever the command line, {@link CliOracle} must hold (exit code 0, 1 or 2; bad input is one line on
 * stderr with exit code 2; no stack trace, no bare Java exception).
 *
 * <p>A plain {@code mvn verify} runs {@link #arguments} once per committed input in
 * {@code src/test/resources/org/deeplinear/examples/fuzz/CliFuzzTestInputs/arguments/} (regression mode: seconds).
 * To fuzz (one fuzz test per run; {@code JAZZER_MAX_DURATION} overrides the annotation's two minutes; the
 * instrumentation covers the whole library, not only this module), after {@code mvn -q -B -DskipTests install}:
 * <pre>{@code
 * JAZZER_FUZZ=1 JAZZER_MAX_DURATION=30m JAZZER_INSTRUMENTATION_INCLUDES='org.deeplinear.**:picocli.**' \
 *   mvn -B -pl dl-examples test -Dtest='CliFuzzTest#arguments' -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 * New interesting inputs land in {@code dl-examples/.cifuzz-corpus/<class>/<method>/}: copy them into the inputs
 * directory above to keep them as regression cases. An input that fails is written there by Jazzer itself.
 */
class CliFuzzTest {

    /** Words the fuzzer combines: the commands, every flag, and values at the edges of their domains. */
    static final List<String> WORDS = List.of("simulate", "law", "report", "sweep", "help", "--help", "-h",
            "--version", "-V", "--m", "--n", "--k", "--rank", "--sigmas", "--init-scale", "--seed", "--T", "--rtol",
            "--atol", "--method", "--step", "--gd", "--lr", "--init-dir", "--depth", "--init", "--samples", "--csv",
            "--json", "--law", "--sigma", "--s0", "--lambda", "--eta", "--t", "--s", "--steps", "--out", "--scales",
            "--seeds", "--threads", "balanced", "decay", "lambda", "depth", "gd-map", "euler-map", "small", "aligned",
            "DOP853", "DOP54", "RK45", "GBS", "RK4", "EULER", "0", "1", "2", "3", "-1", "0.5", "1e-3", "1e308",
            "-0", "NaN", "Infinity", "-Infinity", "1e-320", "2147483647", "-2147483648", "9223372036854775808",
            "4,3,2,1", "1,,2", ",", "", " ", "0x1p3", "1_000", "１", "--", "-", "--m=2", "--T=-1");

    @TempDir
    static Path scratch;

    @BeforeAll
    static void regressionMode() {
        FuzzSupport.fastRegressionMode();
    }

    /** Builds a command line of up to 14 words, each a known word, a small number or an arbitrary string. */
    static String[] commandLine(FuzzedDataProvider data) {
        List<String> args = new ArrayList<>();
        if (data.consumeBoolean()) {
            // a small simulate problem, so that the fuzzer reaches the run itself and its output
            args.add("simulate");
            args.add("--m");
            args.add(Integer.toString(data.consumeInt(1, 5)));
            args.add("--n");
            args.add(Integer.toString(data.consumeInt(1, 5)));
            args.add("--k");
            args.add(Integer.toString(data.consumeInt(1, 5)));
            args.add("--rank");
            args.add(Integer.toString(data.consumeInt(0, 5)));
            args.add("--T");
            args.add(Double.toString(data.consumeRegularDouble(-1, 3)));
        }
        int count = data.consumeInt(0, 14);
        for (int i = 0; i < count; i++) {
            switch (data.consumeInt(0, 3)) {
                case 0:
                case 1:
                    args.add(data.pickValue(WORDS));
                    break;
                case 2:
                    args.add(Double.toString(data.consumeDouble()));
                    break;
                default:
                    args.add(data.consumeString(24));
                    break;
            }
        }
        return args.toArray(new String[0]);
    }

    @FuzzTest(maxDuration = "2m")
    void arguments(FuzzedDataProvider data) {
        CliOracle.check(scratch, commandLine(data));
    }
}
