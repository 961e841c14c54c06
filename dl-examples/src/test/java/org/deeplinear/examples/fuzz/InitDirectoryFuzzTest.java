package org.deeplinear.examples.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.model.Model;
import org.deeplinear.examples.io.Csv;
import org.deeplinear.examples.io.InitDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the init-directory reader ({@link InitDirectory#read}, {@link Csv#readMatrix}) with Jazzer: for any
 * content of the five files (valid, a token replaced, text inserted, arbitrary bytes including invalid UTF-8, or
 * missing), reading either gives a consistent problem (finite, shapes that fit, a model whose loss is finite) or
 * fails with an {@link IllegalArgumentException} whose message is one non-blank line; nothing else escapes. The
 * same directory handed to {@code dl simulate --init-dir} obeys {@link CliOracle}.
 *
 * <p>Regression inputs: {@code src/test/resources/org/deeplinear/examples/fuzz/InitDirectoryFuzzTestInputs/}. To
 * fuzz: as in {@link CliFuzzTest}, with {@code -Dtest=InitDirectoryFuzzTest}.
 */
class InitDirectoryFuzzTest {

    @TempDir
    static Path scratch;

    @BeforeAll
    static void regressionMode() {
        FuzzSupport.fastRegressionMode();
    }

    @FuzzTest(maxDuration = "2m")
    void initDirectory(FuzzedDataProvider data) throws IOException {
        Path dir = FuzzSupport.fresh(scratch.resolve("init"));
        for (String file : InitDirectory.FILES) {
            String valid = FuzzSupport.TINY.get(file);
            switch (data.consumeInt(0, 5)) {
                case 0:
                case 1:
                    Files.writeString(dir.resolve(file), valid, StandardCharsets.UTF_8);
                    break;
                case 2: {
                    // one token (between commas or line ends) replaced by an arbitrary string
                    String[] tokens = valid.split("(?<=[,\\n])|(?=[,\\n])");
                    tokens[data.consumeInt(0, tokens.length - 1)] = data.consumeString(16);
                    Files.writeString(dir.resolve(file), String.join("", tokens), StandardCharsets.UTF_8);
                    break;
                }
                case 3: {
                    int at = data.consumeInt(0, valid.length());
                    Files.writeString(dir.resolve(file), valid.substring(0, at) + data.consumeString(16)
                            + valid.substring(at), StandardCharsets.UTF_8);
                    break;
                }
                case 4:
                    Files.write(dir.resolve(file), data.consumeBytes(96));
                    break;
                default:
                    break; // missing
            }
        }
        readOrReject(dir);
        CliOracle.check(scratch, "simulate", "--init-dir", dir.toString(), "--T", "0.5", "--samples", "3");
    }

    @FuzzTest(maxDuration = "2m")
    void csvMatrix(FuzzedDataProvider data) throws IOException {
        Path file = FuzzSupport.fresh(scratch.resolve("csv")).resolve("M.csv");
        Files.write(file, data.consumeRemainingAsBytes());
        Matrix m;
        try {
            m = Csv.readMatrix(file);
        } catch (IllegalArgumentException e) {
            oneLine(e);
            return;
        }
        assertTrue(m.rows() >= 1 && m.cols() >= 1);
        for (double[] row : m.toArray()) {
            assertEquals(m.cols(), row.length);
            for (double x : row) {
                assertTrue(Double.isFinite(x), "finite entries only");
            }
        }
    }

    /** Reads the directory: a consistent problem, or an {@link IllegalArgumentException} of one line. */
    static void readOrReject(Path dir) {
        InitDirectory init;
        try {
            init = InitDirectory.read(dir);
        } catch (IllegalArgumentException e) {
            oneLine(e);
            return;
        }
        int r = init.rank();
        assertEquals(r, init.modeOrder().length);
        for (double s : init.sigmas()) {
            assertTrue(Double.isFinite(s) && s >= 0, "sigma " + s);
        }
        assertEquals(init.target().rows(), init.factors().widths().outputDimension());
        assertEquals(init.target().cols(), init.factors().widths().inputDimension());
        try {
            Model model = Model.of(init.factors(), init.target());
            assertTrue(Double.isFinite(model.loss()));
        } catch (IllegalArgumentException e) {
            oneLine(e); // a loss that overflows is refused by Model.of, with its message
        }
    }

    private static void oneLine(IllegalArgumentException e) {
        assertNotNull(e.getMessage());
        assertFalse(e.getMessage().isBlank());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
