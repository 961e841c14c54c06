package org.deeplinear.examples.cli;

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
}
