package org.deeplinear.examples.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code dl} program: {@code java -jar dl-examples/target/dl.jar COMMAND ...}.
 *
 * <p>Exit codes: {@value #OK} success; {@value #FAILED} a claim was violated or a simulation failed (diverged,
 * integrator gave up; {@code law --law gd-map} evaluates a map, and reports an orbit that diverges as
 * {@code diverged_at_step} with {@value #OK}); {@value #BAD_INPUT} bad input (an unknown flag, a missing or malformed
 * value, NaN, a CSV file that cannot be read or has the wrong shape), reported as one line on standard error without a
 * stack trace. An internal error (a defect) is one line too, with exit code {@value #FAILED}, unless
 * {@code -Ddl.trace=true} asks for its stack trace; so is running out of heap, in the main thread or a worker's
 * ({@value #FAILED}, with the heap's size and how to raise it), and so is a standard output that cannot be written, a
 * full disk or a closed pipe ({@value #FAILED} where the command had succeeded: what it printed is lost).
 *
 * <pre>{@code
 * int code = Dl.execute(out, err, "law", "--law", "balanced", "--sigma", "1", "--s0", "0.01", "--t", "1,2");
 * }</pre>
 */
@Command(name = "dl", mixinStandardHelpOptions = true, versionProvider = Dl.Version.class,
        description = "Simulate, measure and check how deep linear networks learn.",
        subcommands = {SimulateCommand.class, LawCommand.class, ReportCommand.class, SweepCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  a claim was violated, a run failed or a result could not be written",
            "  2  bad input (one line on stderr)"})
public final class Dl implements Runnable {

    /** System property that makes an internal error end in its stack trace instead of one line. */
    public static final String TRACE_PROPERTY = "dl.trace";

    /** Exit code of a command that did what was asked. */
    public static final int OK = 0;
    /**
     * Exit code when a claim is violated, a run fails (divergence, integrator failure) or a result cannot be written.
     */
    public static final int FAILED = 1;
    /** Exit code for bad input: a message of one line on standard error, no stack trace. */
    public static final int BAD_INPUT = 2;

    /**
     * dl-core logs the product backend it picks; the program reports it in its JSON output instead, so standard
     * error stays for messages and progress bars. Held so the level is not lost to garbage collection.
     */
    private static final Logger QUIET_PRODUCTS_LOG = Logger.getLogger("org.deeplinear.core.products");

    /**
     * dl-ode warns of a flow from a start its tolerances hold to atol; the program says so in its own words, as a
     * note naming the flags and only where --atol was not given (ToleranceOptions.smallStartNote). Held as above.
     */
    private static final Logger QUIET_FLOW_LOG = Logger.getLogger("org.deeplinear.ode");

    @Spec
    private CommandSpec spec;

    /** Creates the top-level command (picocli instantiates it). */
    public Dl() {
    }

    /** Without a subcommand there is nothing to do: a parameter error naming the commands. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing command: expected one of " + spec.subcommands().keySet());
    }

    /**
     * Runs the program and exits the JVM with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        QUIET_PRODUCTS_LOG.setLevel(Level.WARNING);
        QUIET_FLOW_LOG.setLevel(Level.SEVERE);
        System.setProperty("java.awt.headless", "true");
        // standard output's own stream, not System.out: a PrintStream keeps a failed write (a full disk, a closed
        // pipe) to itself, and the writer above it would never see it (checkError() in execute)
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code;
        try {
            code = execute(out, err, args);
        } catch (OutOfMemoryError e) {
            err.println(outOfMemory(e));
            code = FAILED;
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the program in process, writing to the given streams (what the tests do). A write to {@code out} that
     * failed ({@link PrintWriter#checkError()}) is reported on {@code err}, and a command that succeeded then exits
     * with {@link #FAILED}.
     *
     * @param out where results go (standard output)
     * @param err where messages and progress bars go (standard error)
     * @param args the command line
     * @return the exit code: {@link #OK}, {@link #FAILED} or {@link #BAD_INPUT}
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(commandLine(out, err), args);
    }

    /** Runs a command line configured by {@link #commandLine}, then checks that its results reached its output. */
    static int execute(CommandLine cl, String... args) {
        int code = cl.execute(args);
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        if (out.checkError()) {
            err.println(commandName(cl) + ": cannot write standard output (a full disk or a closed pipe?): what the"
                    + " command printed is lost");
            code = code == OK ? FAILED : code;
        }
        err.flush();
        return code;
    }

    /** The name of the (sub)command that ran, as the messages give it ({@code dl simulate}). */
    private static String commandName(CommandLine cl) {
        CommandLine.ParseResult result = cl.getParseResult();
        while (result != null && result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result == null ? "dl" : result.commandSpec().qualifiedName();
    }

    /**
     * The configured picocli command line: output streams, the one-line handlers for parameter and execution
     * errors, and the exit codes above; {@code @file} arguments are not expanded.
     *
     * @param out standard output
     * @param err standard error
     * @return a command line ready to {@link CommandLine#execute(String...)}
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, CommandLine.defaultFactory());
    }

    /**
     * As {@link #commandLine(PrintWriter, PrintWriter)}, with the commands made by a factory: the tests' way to a
     * command built otherwise (a sweep whose runs have a small evaluation budget).
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(new Dl(), factory);
        cl.setOut(out);
        cl.setErr(err);
        // an argument starting with @ stays an argument: expanding it as a file of arguments would read any file
        // named, /dev/zero or a terminal's /dev/stdin for ever
        cl.setExpandAtFiles(false);
        cl.setParameterExceptionHandler(Dl::parameterError);
        cl.setExecutionExceptionHandler(Dl::executionError);
        return cl;
    }

    private static int parameterError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
        cmd.getErr().flush();
        return BAD_INPUT;
    }

    /**
     * The line for running out of heap: the heap is the JVM's setting, not an input error, so it says what ran out
     * and how to give more.
     */
    static String outOfMemory(OutOfMemoryError e) {
        return "dl: out of memory (" + oneLine(e.getMessage()) + ") with a maximum heap of "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB: run java with a larger -Xmx (e.g."
                + " java -Xmx8g -jar dl.jar ...) or a smaller problem";
    }

    /** The handler of an exception from a command: one line, and the exit code of its kind (class comment). */
    static int executionError(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult)
            throws Exception {
        String name = cmd.getCommandSpec().qualifiedName();
        Throwable cause = ex.getCause();
        for (int depth = 0; cause != null && depth < 100; depth++, cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError) {
                // out of heap in another thread, handed over wrapped (a worker's future, a library's pool): the
                // line main gives its own
                cmd.getErr().println(outOfMemory((OutOfMemoryError) cause));
                cmd.getErr().flush();
                return FAILED;
            }
        }
        if (ex instanceof IllegalArgumentException) {
            cmd.getErr().println(name + ": " + oneLine(ex.getMessage()));
            cmd.getErr().flush();
            return BAD_INPUT;
        }
        if (ex instanceof UncheckedIOException || ex instanceof RunFailedException) {
            cmd.getErr().println(name + ": " + oneLine(ex.getMessage()));
            cmd.getErr().flush();
            return FAILED;
        }
        if (Boolean.getBoolean(TRACE_PROPERTY) || !(ex instanceof RuntimeException)) {
            throw ex;
        }
        cmd.getErr().println(name + ": internal error, please report it: " + oneLine(ex.getMessage()) + " (run with -D"
                + TRACE_PROPERTY + "=true for the stack trace)");
        cmd.getErr().flush();
        return FAILED;
    }

    static String oneLine(String message) {
        return message == null ? "(no message)"
                : message.strip().replaceFirst("^Error: ", "").replaceAll("\\s*\\R\\s*", "; ");
    }

    /** Reads the project version that the build wrote into {@code version.properties}. */
    public static final class Version implements IVersionProvider {

        /** Creates the provider (picocli instantiates it). */
        public Version() {
        }

        /**
         * The version lines.
         *
         * @return {@code "dl <version>"} and the Java runtime that runs it
         */
        @Override
        public String[] getVersion() {
            return new String[] {"dl " + version(), "Java " + System.getProperty("java.version")};
        }

        /**
         * The project version.
         *
         * @return the Maven project version of this build
         */
        public static String version() {
            Properties p = new Properties();
            try (InputStream in = Dl.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    throw new IllegalStateException("version.properties is missing from the dl-examples jar");
                }
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p.getProperty("version");
        }
    }
}
