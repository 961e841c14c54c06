package org.deeplinear.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** When the progress bar draws: only on a terminal, after its first second, filled only by {@code complete()}. */
class ProgressBarTest {

    @Test
    void underTheTestRunnerStandardErrorIsNotATerminal() {
        // surefire's forked JVM writes standard error into a pipe
        assertFalse(ProgressBar.standardErrorIsTerminal());
    }

    @Test
    void offATerminalNothingIsDrawn() throws InterruptedException {
        StringWriter out = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(out), "run", false)) {
            Thread.sleep(1_100);
            bar.update(0.5);
            bar.complete();
        }
        assertEquals("", out.toString());
    }

    @Test
    void onATerminalAFailedRunKeepsWhereItStopped() throws InterruptedException {
        StringWriter out = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(out), "run", true)) {
            Thread.sleep(1_100);
            bar.update(0.5);
        }
        // drawn at 50% and ended with a newline, not filled to 100% (a failure closes without complete())
        assertTrue(out.toString().contains(" 50% "), out.toString());
        assertFalse(out.toString().contains("100%"), out.toString());
        StringWriter done = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(done), "run", true)) {
            Thread.sleep(1_100);
            bar.update(0.5);
            bar.complete();
        }
        assertTrue(done.toString().contains("100%"), done.toString());
    }
}
