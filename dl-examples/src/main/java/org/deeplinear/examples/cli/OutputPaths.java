package org.deeplinear.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplinear.core.Arguments;

/**
 * Checks of the paths the commands write, made before any work starts: a path that cannot be written is bad input
 * (exit code 2, naming the flag), not a failure after a run whose results would then be lost. Directories that do
 * not exist yet are created by the writers; what is checked is that the path is not empty, not of the other kind
 * (a file where a directory is wanted, or the reverse), that no path on its way is a symbolic link to nothing, and
 * that the nearest existing directory on its way can be written. A write that fails all the same (a full disk, a
 * directory that cannot be created under {@code /proc}) comes after the command has printed its results:
 * {@link #writeAfterRun(String, Runnable)} gives its reason, to be reported with the run's own (exit code 1).
 */
final class OutputPaths {

    private OutputPaths() {
    }

    /**
     * A directory the command writes its files into.
     *
     * @param flag the flag that gave it, for the message
     * @param dir  the path
     * @throws IllegalArgumentException if the path is empty, names a file, is or lies under a symbolic link to
     *                                  nothing, or lies under a directory that cannot be written
     */
    static void checkDirectory(String flag, Path dir) {
        checkNamesAPath(flag, dir);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw Arguments.fail(flag, dir, "a directory (this path is a file)");
        }
        checkWritableUnder(flag, dir, dir);
    }

    /**
     * A directory the command writes its files into, checked ({@link #checkDirectory}) and then created, before any
     * work: one the system will not create (under {@code /proc}, which the checks cannot foresee) is bad input too
     * ({@code dl sweep} learned of it after all its runs, exit code 1; review of 2026-12-08).
     *
     * @param flag the flag that gave it, for the message
     * @param dir  the path
     * @throws IllegalArgumentException as {@link #checkDirectory}, or if the directory cannot be created
     */
    static void createDirectory(String flag, Path dir) {
        checkDirectory(flag, dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw Arguments.fail(flag, dir, "a directory that can be created ("
                    + org.deeplinear.examples.io.Csv.reason(e) + ")");
        }
    }

    /**
     * A file the command writes.
     *
     * @param flag the flag that gave it, for the message
     * @param file the path
     * @throws IllegalArgumentException if the path is empty, names a directory, or cannot be written
     */
    static void checkFile(String flag, Path file) {
        checkNamesAPath(flag, file);
        if (Files.isDirectory(file)) {
            throw Arguments.fail(flag, file, "a file (this path is a directory)");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw Arguments.fail(flag, file, "a file that can be written (this one cannot)");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            checkWritableUnder(flag, file, parent);
        }
    }

    /**
     * Writes a file after the run, once its results are printed, and tells how it failed instead of throwing, so
     * that the command can report it together with the run's own failure.
     *
     * @param flag  the flag that gave the path, for the message
     * @param write the write, which throws {@link UncheckedIOException} if it fails
     * @return null if written, else one line naming the flag and the file ({@code --csv: cannot write run.csv: ...})
     */
    static String writeAfterRun(String flag, Runnable write) {
        try {
            write.run();
            return null;
        } catch (UncheckedIOException e) {
            return flag + ": " + Dl.oneLine(e.getMessage());
        }
    }

    /**
     * The path is not empty, nor {@code -}, which many programs read as standard output: here standard output
     * carries the command's own results, so {@code -} is refused rather than taken as a file of that name (it was,
     * until 2026-12-07); {@code ./-} names such a file.
     */
    private static void checkNamesAPath(String flag, Path path) {
        if (path == null || path.toString().isEmpty()) {
            throw Arguments.fail(flag, "\"\"", "a path");
        }
        if (path.toString().equals("-")) {
            throw Arguments.fail(flag, path, "a path (standard output carries the command's results, so - is not"
                    + " read as it; ./- names a file called -)");
        }
    }

    /**
     * The nearest existing directory at or above {@code path} is a directory that can be written, and no path on the
     * way to it is a symbolic link to nothing (a dangling link cannot be created as a directory). The message names
     * the value given (user review of 2026-12-07: {@code --csv run.csv/x.csv} named {@code run.csv}, a file, as the
     * value).
     */
    private static void checkWritableUnder(String flag, Path given, Path path) {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            if (Files.isSymbolicLink(existing)) {
                throw Arguments.fail(flag, given, "a path whose directories can be created (" + existing
                        + " is a symbolic link to " + linkTarget(existing) + ", which does not exist)");
            }
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw Arguments.fail(flag, given, "a path under a directory that can be written ("
                    + (existing == null ? "no existing directory above it" : Files.isDirectory(existing)
                    ? existing + " cannot be written into" : existing + " is a file") + ")");
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "a path that cannot be read";
        }
    }
}
