package org.deeplinear.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplinear.core.Arguments;

/**
 * A progress bar on standard error for runs longer than a second, drawn only when standard error is a terminal
 * (where it is redirected, to a file or a pipe, a failure leaves its one line there and nothing else):
 * nothing is drawn during the first second (short runs print nothing), then one line is redrawn in place
 * ({@code \r}) at most ten times a second; {@link #complete()} draws it full when the work succeeded, and
 * {@link #close()} ends its line (a failed run's bar stays where the run stopped). Thread-safe, so parallel
 * workers may report to one bar.
 *
 * <pre>{@code
 * try (ProgressBar bar = new ProgressBar(err, "simulate")) {
 *     ... bar.update(t / tEnd); ...
 *     bar.complete();
 * }
 * }</pre>
 */
public final class ProgressBar implements AutoCloseable {

    private static final long DELAY_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int CELLS = 30;

    private final PrintWriter err;
    private final String label;
    private final boolean onTerminal;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;
    private double fraction;
    private double drawnFraction = -1;

    /**
     * Starts a bar, drawn if standard error is a terminal (a terminal device on Linux's {@code /proc/self/fd/2},
     * elsewhere a console); nothing is drawn yet.
     *
     * @param err standard error
     * @param label what is running, drawn before the bar
     */
    public ProgressBar(PrintWriter err, String label) {
        this(err, label, standardErrorIsTerminal());
    }

    /**
     * Whether standard error is a terminal: where the system says what file descriptor 2 is ({@code
     * /proc/self/fd/2} on Linux), whether it is a terminal device; elsewhere, whether the JVM has a console (which
     * it has only when standard input and output are terminals: {@code dl simulate > out.json} on a terminal then
     * draws no bar).
     *
     * @return true if a bar drawn on standard error reaches a terminal
     */
    static boolean standardErrorIsTerminal() {
        Path descriptor = Path.of("/proc/self/fd/2");
        if (Files.exists(descriptor, LinkOption.NOFOLLOW_LINKS)) {
            try {
                String target = Files.readSymbolicLink(descriptor).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return false;
            }
        }
        return System.console() != null;
    }

    /**
     * Starts a bar; nothing is drawn yet.
     *
     * @param err        standard error
     * @param label      what is running, drawn before the bar
     * @param onTerminal whether to draw at all
     */
    ProgressBar(PrintWriter err, String label, boolean onTerminal) {
        this.err = Arguments.notNull("err", err);
        this.label = Arguments.notNull("label", label);
        this.onTerminal = onTerminal;
    }

    /**
     * Reports progress; draws the bar if the run has lasted more than a second and the last draw is old enough.
     *
     * @param done the fraction done, clamped to [0, 1]; NaN is ignored
     */
    public synchronized void update(double done) {
        if (Double.isNaN(done) || !onTerminal) {
            return;
        }
        fraction = Math.max(fraction, Math.min(1.0, Math.max(0.0, done)));
        long now = System.nanoTime();
        if (now - start < DELAY_NANOS || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        drawnFraction = fraction;
        int full = (int) Math.round(fraction * CELLS);
        double elapsed = (now - start) / 1e9;
        err.print("\r" + label + " [" + "#".repeat(full) + " ".repeat(CELLS - full) + "] "
                + String.format(Locale.ROOT, "%3.0f%% %5.1fs", 100 * fraction, elapsed));
        err.flush();
    }

    /** Draws the bar full if it was drawn: the work succeeded. */
    public synchronized void complete() {
        if (drawn && drawnFraction < 1.0) {
            lastDraw = 0;
            update(1.0);
        }
    }

    /** Ends the bar's line if one was drawn. */
    @Override
    public synchronized void close() {
        if (drawn) {
            err.println();
            err.flush();
        }
    }
}
