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
                .markers("c", new double[] {Double.NEGATIVE_INFINITY, 2}, new double[] {1, Double.POSITIVE_INFINITY})
                .write(dir, "demo");
        assertEquals(List.of(dir.resolve("demo.png"), dir.resolve("demo.csv")), files);
        assertEquals(1200, ImageIO.read(files.get(0).toFile()).getWidth());
        // every point, including those a log axis cannot draw, non-finite x and y spelt alike as numpy.savetxt
        // spells them (until 2026-12-07 a NaN y was an empty field and a NaN x "NaN", as Java spells it)
        assertEquals(List.of("series,t,s", "a,0.0,1.0", "a,1.0,10.0", "b,0.0,nan", "b,1.0,0.0", "c,-inf,1.0",
                "c,2.0,inf"), Files.readAllLines(files.get(1)));
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
