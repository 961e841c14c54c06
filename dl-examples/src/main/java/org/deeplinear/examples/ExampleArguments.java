package org.deeplinear.examples;

/**
 * The arguments of the example mains that take none: anything given (a {@code --help}, a path) is refused with one
 * line on standard error and exit code 2, as the {@code dl} program refuses bad input, rather than ignored while the
 * example runs (a review of 2026-12-08).
 */
final class ExampleArguments {

    private ExampleArguments() {
    }

    /**
     * The line that refuses arguments, or null where there are none.
     *
     * @param example the example's name
     * @param args    its arguments
     * @return null for no arguments, else the message
     */
    static String refusal(String example, String[] args) {
        // on one line, whatever the arguments hold (a newline in one split the refusal; review of 2026-12-08)
        return args.length == 0 ? null : example + ": arguments = " + String.join(" ", args).replaceAll("\\R", " ")
                + ": expected none (the example takes no arguments; it prints what it computes)";
    }

    /**
     * Exits with code 2 after the refusal where arguments were given.
     *
     * @param example the example's name
     * @param args    its arguments
     */
    static void requireNone(String example, String[] args) {
        String refusal = refusal(example, args);
        if (refusal != null) {
            System.err.println(refusal);
            System.exit(2);
        }
    }
}
