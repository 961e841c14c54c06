package org.deeplinear.examples.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplinear.examples.cli.Dl;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives the same {@code dl simulate --json} output, character for character, once the wall time
 * ({@code "wall_s"}, the only timing in it) is taken out: run after run, in the same process, and from threads
 * running at once. Flow (DOP853 and fixed-step RK4), descent and depth 3 are checked; a different seed differs.
 */
class SimulateJsonDeterminismTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    /** Arbitrary small problems (a few hundred milliseconds each), every number a fixed choice. */
    private static final String[][] COMMANDS = {
        {"simulate", "--json", "--m", "12", "--n", "10", "--k", "8", "--seed", "7", "--T", "6", "--samples", "31"},
        {"simulate", "--json", "--m", "6", "--n", "6", "--k", "6", "--rank", "3", "--sigmas", "3,2,1", "--seed",
            "11", "--T", "4", "--method", "RK4", "--step", "0.01"},
        {"simulate", "--json", "--m", "8", "--n", "8", "--k", "8", "--seed", "3", "--T", "5", "--gd", "--lr",
            "0.01"},
        {"simulate", "--json", "--m", "6", "--n", "5", "--k", "4", "--rank", "2", "--sigmas", "2,1", "--depth", "3",
            "--init-scale", "0.1", "--seed", "5", "--T", "6"},
    };

    /** Runs {@code dl} in process; fails unless it exits 0. */
    static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dl.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(Dl.OK, code, err.toString());
        return out.toString();
    }

    /** The JSON with its wall time replaced by a placeholder (asserting that it was there, as a number). */
    static String withoutTimings(String json) {
        String stripped = json.replaceFirst("\"wall_s\": [0-9.eE+-]+", "\"wall_s\": \"-\"");
        assertNotEquals(json, stripped, "wall_s present as a number: " + json);
        assertEquals(stripped.indexOf("wall"), stripped.lastIndexOf("wall"), "one wall time only: " + stripped);
        return stripped;
    }

    @Test
    void runAfterRunTheOutputIsTheSameButForTheWallTime() {
        for (String[] command : COMMANDS) {
            String first = withoutTimings(run(command));
            String second = withoutTimings(run(command));
            assertEquals(first, second, String.join(" ", command));
            assertTrue(first.contains("\"s_T\""), first);
        }
    }

    @Test
    void runsAtOnceOnAPoolGiveTheSameOutput() {
        List<String> alone = new ArrayList<>();
        for (String[] command : COMMANDS) {
            alone.add(withoutTimings(run(command)));
        }
        List<String> together = assertTimeoutPreemptively(HANG_GUARD, () -> {
            ExecutorService pool = Executors.newFixedThreadPool(2 * COMMANDS.length);
            try {
                List<Future<String>> futures = new ArrayList<>();
                for (int copy = 0; copy < 2; copy++) {
                    for (String[] command : COMMANDS) {
                        futures.add(pool.submit(() -> withoutTimings(run(command))));
                    }
                }
                List<String> out = new ArrayList<>();
                for (Future<String> f : futures) {
                    out.add(f.get());
                }
                return out;
            } finally {
                pool.shutdownNow();
            }
        });
        for (int i = 0; i < together.size(); i++) {
            assertEquals(alone.get(i % COMMANDS.length), together.get(i), "run " + i);
        }
    }

    @Test
    void anotherSeedGivesAnotherOutput() {
        String[] other = COMMANDS[0].clone();
        other[9] = "8"; // --seed 7 -> 8
        assertEquals("--seed", other[8]);
        assertNotEquals(withoutTimings(run(COMMANDS[0])), withoutTimings(run(other)));
    }
}
