package org.deeplinear.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** When the progress bar draws: only on a terminal, after its first second, filled only by {@code complete()}. */
class ProgressBarTest {

    /** What a bar draws for a run that reaches half way after its first second, then succeeds or fails. */
    private static String drawn(boolean onTerminal, boolean succeeded) throws InterruptedException {
        StringWriter out = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(out), "run", onTerminal)) {
            Thread.sleep(1_100);
            bar.update(0.5);
            if (succeeded) {
                bar.complete();
            }
        }
        return out.toString();
    }

    @Test
    void underTheTestRunnerStandardErrorIsNotATerminal() {
        // surefire's forked JVM writes standard error into a pipe
        assertFalse(ProgressBar.standardErrorIsTerminal());
    }

    @Test
    void offATerminalNothingIsDrawn() throws InterruptedException {
        assertEquals("", drawn(false, true));
    }

    @Test
    void onATerminalAFailedRunKeepsWhereItStopped() throws InterruptedException {
        // drawn at 50% and ended with a newline, not filled to 100% (a failure closes without complete())
        String failed = drawn(true, false);
        assertTrue(failed.contains(" 50% "), failed);
        assertFalse(failed.contains("100%"), failed);
        String succeeded = drawn(true, true);
        assertTrue(succeeded.contains("100%"), succeeded);
    }
}
