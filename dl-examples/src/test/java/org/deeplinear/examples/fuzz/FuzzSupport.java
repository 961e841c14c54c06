package org.deeplinear.examples.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Scratch directories and a tiny valid init directory for the fuzz tests. */
final class FuzzSupport {

    /**
     * A valid {@code --save-init} problem small enough to fuzz quickly: m = 3, n = 2, k = 2, r = 2, target
     * {@code A* = 2 e_1 e_1^T + 1 e_2 e_2^T} (so {@code sigma = (2, 1)}, u and v the first unit vectors, exact in
     * binary), small arbitrary {@code W0} and {@code U0}.
     */
    static final Map<String, String> TINY = Map.of(
            "A_star.csv", "2.0,0.0\n0.0,1.0\n0.0,0.0\n",
            "u.csv", "1.0,0.0\n0.0,1.0\n0.0,0.0\n",
            "v.csv", "1.0,0.0\n0.0,1.0\n",
            "W0.csv", "0.01,0.02\n0.03,-0.01\n0.0,0.02\n",
            "U0.csv", "0.01,-0.02\n0.02,0.01\n");

    private FuzzSupport() {
    }

    /**
     * Outside a fuzzing session (no {@code JAZZER_FUZZ}), turns Jazzer's hooks off unless the user set
     * {@code jazzer.hooks}: installing them (comparison tracing and the security sanitizers) costs about 15 s of
     * agent start-up on two cores, which replaying the committed inputs does not need. A fuzzing session keeps
     * them: they guide the mutations. Call from a {@code @BeforeAll}, which runs before Jazzer reads its options.
     */
    static void fastRegressionMode() {
        String fuzz = System.getenv("JAZZER_FUZZ");
        boolean fuzzing = fuzz != null && !fuzz.isEmpty() && !fuzz.equals("0");
        if (!fuzzing && System.getProperty("jazzer.hooks") == null) {
            System.setProperty("jazzer.hooks", "false");
        }
    }

    /** Deletes a directory and everything below it, if it exists. */
    static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Empties (or creates) a directory. */
    static Path fresh(Path dir) throws IOException {
        deleteTree(dir);
        return Files.createDirectories(dir);
    }
}
