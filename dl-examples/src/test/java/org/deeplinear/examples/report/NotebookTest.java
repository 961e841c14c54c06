package org.deeplinear.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookTest {

    private static ClaimEntry entry(String name, double residual, double tolerance) {
        return new ClaimEntry(name, "statement", "a = b", "a case", residual, tolerance, residual <= tolerance,
                "mode 0", "1 run", "test");
    }

    @Test
    void violatedClaimIsFlaggedEverywhere(@TempDir Path dir) throws IOException {
        Notebook notebook = new Notebook("t", Instant.parse("2026-11-28T12:00:00Z"));
        notebook.claim(entry("holds", 1e-12, 1e-9));
        notebook.claim(entry("fails", 0.5, 1e-9));
        assertFalse(notebook.allHold());
        String md = notebook.toMarkdown();
        assertTrue(md.contains("2 claims checked: 1 hold, 1 violated."), md);
        assertTrue(md.contains("| 2 | fails | a case | 0.500 | 1.00e-09 | **VIOLATED** |"), md);
        List<Path> files = notebook.write(dir);
        assertEquals(List.of(dir.resolve("report.md"), dir.resolve("report-20261128-120000.md")), files);
        assertEquals(md, Files.readString(files.get(1)));
    }

    @Test
    void allHoldWhenEveryResidualIsWithinTolerance() {
        Notebook notebook = new Notebook("t", Instant.now());
        notebook.claim(entry("a", 0, 0));
        notebook.claim(entry("b", 1e-10, 1e-9));
        assertTrue(notebook.allHold());
    }

    @Test
    void nullArgumentsAreRefusedByName() {
        // (review) a null PNG name was a NullPointerException from the TreeMap, a null heading or caption was
        // written as "null", a null directory a NullPointerException
        Notebook notebook = new Notebook("t", Instant.now());
        assertEquals("heading = null: expected a non-null value", refused(() -> notebook.plot(null, "a.png", "a.csv",
                "c")));
        assertEquals("png = null: expected a non-null value", refused(() -> notebook.plot("h", null, "a.csv", "c")));
        assertEquals("csv = null: expected a non-null value", refused(() -> notebook.plot("h", "a.png", null, "c")));
        assertEquals("caption = null: expected a non-null value", refused(() -> notebook.plot("h", "a.png", "a.csv",
                null)));
        assertFalse(notebook.toMarkdown().contains("null"), notebook.toMarkdown());
        assertEquals("dir = null: expected a non-null value", refused(() -> notebook.write(null)));
    }

    private static String refused(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }
}
