package org.deeplinear.examples.cli;

import java.util.List;

/**
 * A command could not finish what it was asked (a run diverged, an integrator gave up, a file could not be
 * written): the {@code dl} program prints its message on one line and exits with {@link Dl#FAILED}.
 */
public final class RunFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, when and why, on one line
     * @param cause the library exception behind it, or null
     */
    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Reports what went wrong in a command that went on after a failure to keep what it measured, all on one line.
     *
     * @param problems what failed, in order (the run first, then a file that could not be written), each on one line
     * @param cause the library exception behind the first, or null
     * @throws RunFailedException with the problems joined by {@code "; "}, if there are any
     */
    static void throwIfAny(List<String> problems, Throwable cause) {
        if (!problems.isEmpty()) {
            throw new RunFailedException(String.join("; ", problems), cause);
        }
    }
}
