package org.deeplinear.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DlTest {

    @Test
    void versionNamesTheProjectVersion() {
        Cli run = Cli.run("--version");
        assertEquals(Dl.OK, run.code());
        assertTrue(run.out().startsWith("dl " + Dl.Version.version()), run.out());
        assertTrue(!Dl.Version.version().contains("${"), "version.properties is filtered by the build");
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Cli run = Cli.run("--help");
        assertEquals(Dl.OK, run.code());
        assertTrue(run.out().contains("Usage: dl"), run.out());
        assertTrue(run.out().contains("bad input"), run.out());
    }

    @Test
    void unknownFlagIsOneLineAndExitCodeTwo() {
        Cli run = Cli.run("--frobnicate");
        assertEquals(Dl.BAD_INPUT, run.code());
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.err().contains("--frobnicate"), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace");
    }

    @Test
    void noCommandIsBadInput() {
        Cli run = Cli.run();
        assertEquals(Dl.BAD_INPUT, run.code());
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.err().contains("missing command"), run.err());
    }

    /** A writer whose every write fails, as a full disk's or a closed pipe's. */
    private static final class FullWriter extends Writer {
        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void resultsThatCannotBeWrittenAreAFailure() {
        // a PrintWriter keeps its stream's IOException to itself: the command exited 0 with its results lost
        String[][] commands = {
            {"law", "--law", "balanced", "--sigma", "1", "--s0", "0.1", "--t", "1"},
            {"simulate", "--m", "3", "--n", "3", "--k", "2", "--rank", "2", "--T", "1", "--samples", "2"},
        };
        for (String[] command : commands) {
            StringWriter err = new StringWriter();
            int code = Dl.execute(new PrintWriter(new FullWriter(), true), new PrintWriter(err, true), command);
            assertEquals(Dl.FAILED, code, err.toString());
            assertEquals("dl " + command[0] + ": cannot write standard output (a full disk or a closed pipe?): what"
                    + " the command printed is lost", err.toString().strip());
        }
    }

    @Test
    void theProgramSeesAFullStandardOutput() throws IOException, InterruptedException {
        // the program's own standard output: System.out (a PrintStream) kept the failure to itself as well
        File full = new File("/dev/full");
        Assumptions.assumeTrue(full.exists() && Files.isWritable(full.toPath()), "a /dev/full to write to (Linux)");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                Dl.class.getName(), "law", "--law", "balanced", "--sigma", "1", "--s0", "0.1", "--t", "1")
                .redirectOutput(full).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(Dl.FAILED, process.exitValue(), err);
        assertTrue(err.strip().startsWith("dl law: cannot write standard output"), err);
    }

    @Test
    void aWorkersOutOfMemoryIsTheOutOfMemoryLine(@TempDir Path dir) throws IOException, InterruptedException {
        // the sweep's runs on a 32 MiB heap, 600 x 600 as below: the target, drawn on the main thread, fits; the
        // integrator's arrays (92 MB, below) do not, in the worker, whose OutOfMemoryError came back wrapped and was
        // reported as an internal error
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(javaBin, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                Dl.class.getName(), "sweep", "--m", "600", "--n", "600", "--k", "600", "--seeds", "1", "--sigmas",
                "2,1", "--scales", "1e-2,1e-3", "--threads", "1", "--out", dir.toString())
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        // without the jar's manifest (Enable-Native-Access), a JDK 22+ child warns on stderr as netlib loads the
        // native BLAS: those are the JVM's lines, not the program's
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith("WARNING: ")).collect(Collectors.joining("\n"));
        assertEquals(Dl.FAILED, process.exitValue(), out);
        assertTrue(out.strip().startsWith("dl: out of memory (Java heap space) with a maximum heap of"), out);
        assertTrue(!out.contains("internal error"), out);
    }

    @Test
    void anOutOfMemoryErrorHandedOverWrappedIsTheOutOfMemoryLine() throws Exception {
        // as a pool's future or a library hands it over: wrapped in an ExecutionException or IllegalStateException
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertSame(oom, assertThrows(OutOfMemoryError.class,
                () -> SweepCommand.workerFailure(new ExecutionException(oom))));
        StringWriter err = new StringWriter();
        CommandLine cl = Dl.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(Dl.FAILED, Dl.executionError(new IllegalStateException(new ExecutionException(oom)), cl, null));
        assertEquals(Dl.outOfMemory(oom), err.toString().strip());
        assertTrue(err.toString().startsWith("dl: out of memory (Java heap space) with a maximum heap of "),
                err.toString());
    }

    @Test
    void runningOutOfHeapIsOneLineSayingHowToGetMore() throws IOException, InterruptedException {
        // a separate JVM with a 32 MiB heap asked for a 600 x 600 network: its state has 2 x 600^2 doubles (5.8 MB),
        // and the integrator keeps 16 arrays of that size (92 MB) before the run starts
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(javaBin, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                Dl.class.getName(), "simulate", "--m", "600", "--n", "600", "--k", "600", "--T", "0.01",
                "--samples", "2").redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(Dl.FAILED, process.exitValue(), out);
        assertTrue(out.contains("dl: out of memory (Java heap space) with a maximum heap of"), out);
        assertTrue(out.contains("larger -Xmx"), out);
        assertTrue(!out.contains("\tat ") && !out.contains("Exception in thread"), "no stack trace: " + out);
    }
}
