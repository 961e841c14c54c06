package org.deeplinear.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotTest {

    @Test
    void writesPngAndTheCsvOfEveryPoint(@TempDir Path dir) throws IOException {
        List<Path> files = Plot.titled("demo", "t", "s").logY()
                .line("a", new double[] {0, 1}, new double[] {1, 10})
                .dashed("b", new double[] {0, 1}, new double[] {Double.NaN, 0})
                .write(dir, "demo");
        assertEquals(List.of(dir.resolve("demo.png"), dir.resolve("demo.csv")), files);
        assertEquals(1200, ImageIO.read(files.get(0).toFile()).getWidth());
        // every point, including those a log axis cannot draw (NaN as an empty field)
        assertEquals(List.of("series,t,s", "a,0.0,1.0", "a,1.0,10.0", "b,0.0,", "b,1.0,0.0"),
                Files.readAllLines(files.get(1)));
    }

    @Test
    void emptyPlotIsRejected(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> Plot.titled("x", "t", "s").write(dir, "x"));
    }

    @Test
    void aSecondSeriesOfTheSameNameIsRefusedWhenAdded(@TempDir Path dir) {
        // (review) it was accepted, then XChart threw halfway through write: the CSV written, no PNG
        Plot plot = Plot.titled("x", "t", "s").line("a", new double[] {0, 1}, new double[] {0, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plot.dashed("a", new double[] {0, 1}, new double[] {1, 0}));
        assertEquals("name = a: expected a series name not yet used in this plot", e.getMessage());
        assertEquals(List.of(dir.resolve("x.png"), dir.resolve("x.csv")), plot.write(dir, "x"));
    }

    @Test
    void nullDirectoryOrNameIsRefusedByName(@TempDir Path dir) throws IOException {
        // (review) a null directory was a NullPointerException, a null name wrote null.png and null.csv
        Plot plot = Plot.titled("x", "t", "s").line("a", new double[] {0, 1}, new double[] {0, 1});
        assertEquals("dir = null: expected a non-null value",
                assertThrows(IllegalArgumentException.class, () -> plot.write(null, "x")).getMessage());
        assertEquals("name = null: expected a non-null value",
                assertThrows(IllegalArgumentException.class, () -> plot.write(dir, null)).getMessage());
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
