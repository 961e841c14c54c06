package org.deeplinear.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
}
