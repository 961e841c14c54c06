package org.deeplinear.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dl report} end to end, in process: every promised file, exit code 0 (about 10 s on 2 cores). */
class ReportCommandTest {

    private static final List<String> PLOTS = List.of("1-modes", "2-loss-plateaus", "3-off-target-decay",
            "4-rich-lazy", "5-effective-ranks", "6-descent-vs-flow", "7-depth-plateaus");

    @Test
    void writesEveryFileItPromisesAndExitsZero(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("outputs");
        Cli run = Cli.run("report", "--out", out.toString());
        assertEquals(Dl.OK, run.code(), run.out() + run.err());
        assertTrue(!run.out().contains("VIOLATED"), run.out());
        String report = Files.readString(out.resolve("report.md"));
        List<String> names;
        try (Stream<Path> files = Files.list(out)) {
            names = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        assertTrue(names.stream().anyMatch(n -> n.matches("report-\\d{8}-\\d{6}\\.md")), names.toString());
        for (String plot : PLOTS) {
            assertTrue(names.contains(plot + ".png") && names.contains(plot + ".csv"), plot + " in " + names);
            assertTrue(ImageIO.read(out.resolve(plot + ".png").toFile()).getWidth() > 0, plot);
            assertTrue(Files.readAllLines(out.resolve(plot + ".csv")).size() > 2, plot + ".csv has data");
            assertTrue(report.contains("](" + plot + ".png)") && report.contains("](" + plot + ".csv)"), plot);
        }
        assertEquals(2 + 2 * PLOTS.size(), names.size(), names.toString());
        assertTrue(report.contains("## Summary") && report.contains("worst residual"), report);
        assertTrue(run.out().contains("0 violated"), run.out());
    }
}
