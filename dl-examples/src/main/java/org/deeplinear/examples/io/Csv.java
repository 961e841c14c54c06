package org.deeplinear.examples.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.deeplinear.core.Arguments;
import org.deeplinear.core.Matrix;

/**
 * Comma-separated numbers: reading and writing a matrix as NumPy's {@code savetxt(..., delimiter=",")} writes it
 * (one matrix row per line, no header) and writing tables with a header line.
 *
 * <p>Every problem with a file to read (missing or unreadable, a ragged line, a token that is not a decimal number, a
 * non-finite value, a shape other than the one expected) is an {@link IllegalArgumentException} whose message names
 * the file, the line and the column; a token's invisible characters (a UTF-8 byte-order mark, U+FEFF, before the first
 * number) are shown escaped and said, and so are values separated by spaces or tabs ({@code savetxt}'s default
 * delimiter) and {@code #} comment or header lines, which are refused. Blank lines are skipped, as NumPy's
 * {@code loadtxt} skips them. Decimal numbers are read to the same bits as {@link Double#parseDouble(String)} reads
 * them (its Java-only forms, hexadecimal and type suffixes, are refused, as NumPy refuses them), in one pass over
 * the file (NumPy's 17-digit numbers without {@code parseDouble}'s slow path: a 512 x 512 problem's three matrices
 * in 0.3-0.6 s instead of 2-4 s). Written
 * numbers use {@link Double#toString(double)}, which round-trips, and non-finite ones NumPy's {@code nan},
 * {@code inf} and {@code -inf} ({@link #field(double)}).
 *
 * <pre>{@code
 * Matrix w0 = Csv.readMatrix(dir.resolve("W0.csv"));
 * Csv.write(out, List.of("t", "loss"), rows);
 * Csv.writeMatrix(dir.resolve("W0.csv"), w0);
 * }</pre>
 */
public final class Csv {

    private Csv() {
    }

    /**
     * Reads a matrix: one row per non-empty line, entries separated by commas (spaces around them allowed).
     *
     * @param file the CSV file
     * @return the matrix, at least 1 x 1, all entries finite
     * @throws IllegalArgumentException if the file cannot be read or is not a rectangular table of finite numbers
     */
    public static Matrix readMatrix(Path file) {
        Arguments.notNull("file", file);
        CharBuffer chars;
        try {
            chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)));
        } catch (IOException | UncheckedIOException e) {
            throw Arguments.fail("file", file, "a readable CSV file (" + reason(e) + ")");
        }
        // one pass over the text, lines ended as BufferedReader ends them (\n, \r or \r\n), numbers read in place
        char[] text = chars.array();
        int end = chars.arrayOffset() + chars.limit();
        double[] entries = new double[1024];
        int count = 0;
        int rows = 0;
        int cols = -1;
        int line = 0;
        int first = chars.arrayOffset() + chars.position();
        for (int i = first; i < end; ) {
            int from = i;
            while (i < end && text[i] != '\n' && text[i] != '\r') {
                i++;
            }
            int to = i;
            if (i < end) {
                i += text[i] == '\r' && i + 1 < end && text[i + 1] == '\n' ? 2 : 1;
            }
            line++;
            from = trimStart(text, from, to);
            to = trimEnd(text, from, to);
            if (from == to) {
                continue;
            }
            int tokens = 1;
            for (int j = from; j < to; j++) {
                if (text[j] == ',') {
                    tokens++;
                }
            }
            if (cols < 0) {
                cols = tokens;
            } else if (tokens != cols) {
                throw Arguments.fail(file + " line " + line, tokens + " columns", cols + " columns, as the first row"
                        + " has" + (text[from] == '#' ? COMMENT_NOTE : ""));
            }
            if (count + cols > entries.length) {
                entries = Arrays.copyOf(entries, Math.max(2 * entries.length, count + cols));
            }
            int tokenStart = from;
            for (int c = 0; c < cols; c++) {
                int tokenEnd = tokenStart;
                while (tokenEnd < to && text[tokenEnd] != ',') {
                    tokenEnd++;
                }
                int a = trimStart(text, tokenStart, tokenEnd);
                int b = trimEnd(text, a, tokenEnd);
                double value;
                try {
                    value = DecimalNumbers.parse(text, a, b);
                } catch (NumberFormatException e) {
                    String token = new String(text, a, b - a);
                    boolean nonFinite = token.matches("(?i)[+-]?(nan|inf|infinity)");
                    throw Arguments.fail(cell(file, line, c), "'" + visible(shortened(token)) + "'",
                            nonFinite ? "a finite number" : "a number" + refusalNote(token, a == first));
                }
                if (!Double.isFinite(value)) {
                    throw Arguments.fail(cell(file, line, c), new String(text, a, b - a), "a finite number");
                }
                entries[count++] = value;
                tokenStart = tokenEnd + 1;
            }
            rows++;
        }
        Arguments.check(rows > 0, "file", file, "at least one row of numbers");
        return Matrix.fromRowMajor(file.toString(), rows, cols, Arrays.copyOf(entries, count));
    }

    /** Where a number is, as the messages name it: {@code FILE line L column C} (column from its 0-based index). */
    private static String cell(Path file, int line, int column) {
        return file + " line " + line + " column " + (column + 1);
    }

    /**
     * A token as a message shows it: an invisible character (a format character such as the byte-order mark
     * U+FEFF or a zero-width space, a space other than ' ', a control character) written as its escape
     * (a backslash, u and four hex digits), which a reader can see.
     */
    private static String visible(String token) {
        StringBuilder out = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            char ch = token.charAt(i);
            if (invisible(ch)) {
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static boolean invisible(char ch) {
        int type = Character.getType(ch);
        // (' ' itself is visible: a message shows it as it is)
        return type == Character.FORMAT || type == Character.CONTROL || type == Character.SPACE_SEPARATOR && ch != ' '
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** The longest token a message shows whole; a longer one (a whole row without commas) is cut after it. */
    private static final int SHOWN_TOKEN = 40;

    /** The token, cut to its first {@link #SHOWN_TOKEN} characters and {@code ...} where it is longer. */
    private static String shortened(String token) {
        return token.length() <= SHOWN_TOKEN ? token : token.substring(0, SHOWN_TOKEN) + "...";
    }

    /**
     * What the refusal of a token adds: that the line is a comment or header ({@code np.savetxt}'s {@code header=}
     * writes one), that its values are separated by spaces or tabs ({@code np.savetxt}'s default delimiter, a space,
     * which made the whole row one token), or what an invisible character in it is.
     */
    private static String refusalNote(String token, boolean startsFile) {
        if (token.indexOf('#') >= 0) {
            // (a comment after a number too, "2 # c", which the spaces in it would otherwise explain)
            return COMMENT_NOTE;
        }
        // (a byte-order mark first: its advice is the one that mends the file; spaces and tabs only, since other
        // control characters, a NUL of UTF-16 text read as UTF-8 say, are no delimiter; review of 2026-12-07)
        if (token.indexOf('\uFEFF') < 0 && (token.indexOf(' ') >= 0 || token.indexOf('\t') >= 0)) {
            return " (values separated by spaces or tabs: separate them by commas, as np.savetxt(file, a,"
                    + " delimiter=\",\") writes them)";
        }
        return invisibleNote(token, startsFile);
    }

    /** What the refusal of a {@code #} comment adds ({@code np.savetxt}'s header= and footer= lines, or inline). */
    private static final String COMMENT_NOTE =
            " (a comment, header or footer line: the file holds numbers only, one matrix row per line)";

    /** What the refusal of a token adds when it holds an invisible character: what that character is. */
    private static String invisibleNote(String token, boolean startsFile) {
        if (token.indexOf('\uFEFF') >= 0) {
            return startsFile ? " (the file starts with a UTF-8 byte-order mark, U+FEFF, which is not part of a"
                    + " number: write the file without one)" : " (U+FEFF, a byte-order mark, is not part of a number)";
        }
        for (int i = 0; i < token.length(); i++) {
            if (invisible(token.charAt(i))) {
                return " (the \\u escapes stand for invisible characters, which are not part of a number)";
            }
        }
        return "";
    }

    /** The first index in [from, to) of a character above a space ({@link String#trim()}'s rule), or to. */
    private static int trimStart(char[] text, int from, int to) {
        while (from < to && text[from] <= ' ') {
            from++;
        }
        return from;
    }

    /** One past the last index in [from, to) of a character above a space, or from. */
    private static int trimEnd(char[] text, int from, int to) {
        while (to > from && text[to - 1] <= ' ') {
            to--;
        }
        return to;
    }

    /**
     * Reads a matrix and checks its shape.
     *
     * @param file the CSV file
     * @param rows the number of rows expected
     * @param cols the number of columns expected
     * @param meaning what the matrix is, for the message (e.g. "W0 (m x k)")
     * @return the matrix
     * @throws IllegalArgumentException as {@link #readMatrix(Path)}, or if the shape differs
     */
    public static Matrix readMatrix(Path file, int rows, int cols, String meaning) {
        Matrix matrix = readMatrix(file);
        Arguments.check(matrix.hasShape(rows, cols), file.toString(), matrix.shape(),
                rows + " x " + cols + " for " + meaning);
        return matrix;
    }

    /**
     * Writes a table: a header line, then one line per row, numbers as {@link Json#number(double)} would write them
     * except that a non-finite value is written as NumPy's {@code savetxt} writes it, {@code nan}, {@code inf} or
     * {@code -inf}, which NumPy's {@code loadtxt} and pandas read back as those values (an empty field, as until
     * 2026-12-07, told neither reader whether a diverged value was infinite or undefined).
     *
     * @param file the file to write (its parent directories are created)
     * @param header the column names
     * @param rows the rows, each as long as the header
     * @throws UncheckedIOException if the file cannot be written
     * @throws IllegalArgumentException if a row's length differs from the header's
     */
    public static void write(Path file, List<String> header, List<double[]> rows) {
        write(file, header, rows, Set.of());
    }

    /**
     * Writes a table as {@link #write(Path, List, List)} does, the columns named in {@code counts} as integers where
     * their values are whole ({@code 4}, not {@code 4.0}: a rank, a draw's index; pandas reads an integer column
     * where every value is one), other values of those columns as {@link #field(double)} writes them ({@code nan}
     * for none, which makes pandas read the column as floats).
     *
     * @param file the file to write (its parent directories are created)
     * @param header the column names
     * @param rows the rows, each as long as the header
     * @param counts the names of the columns that hold counts
     * @throws UncheckedIOException if the file cannot be written
     * @throws IllegalArgumentException if a row's length differs from the header's, or a count column is not in the
     *                                  header
     */
    public static void write(Path file, List<String> header, List<double[]> rows, Set<String> counts) {
        Arguments.notNull("file", file);
        Arguments.notNull("header", header);
        Arguments.notNull("rows", rows);
        Arguments.notNull("counts", counts);
        boolean[] count = new boolean[header.size()];
        for (String name : counts) {
            int c = header.indexOf(name);
            Arguments.check(c >= 0, "counts", name, "a column of the header " + header);
            count[c] = true;
        }
        writeText(file, out -> {
            out.write(String.join(",", header));
            out.write('\n');
            for (int r = 0; r < rows.size(); r++) {
                double[] row = rows.get(r);
                Arguments.check(row.length == header.size(), "rows[" + r + "].length", row.length,
                        header.size() + " (one per header column)");
                for (int c = 0; c < row.length; c++) {
                    if (c > 0) {
                        out.write(',');
                    }
                    double v = row[c];
                    out.write(count[c] && Math.rint(v) == v && Math.abs(v) < 0x1p53 ? Long.toString((long) v)
                            : field(v));
                }
                out.write('\n');
            }
        });
    }

    /**
     * Writes a matrix as {@link #readMatrix(Path)} reads it and NumPy's {@code savetxt(file, a, delimiter=",")}
     * writes it: one matrix row per line, entries separated by commas, no header. Entries are written by
     * {@link #field(double)} ({@link Double#toString(double)}, which round-trips), so {@code readMatrix} gives back
     * the same bits and {@code numpy.loadtxt(file, delimiter=",")} the same values (as {@code loadtxt} does for any
     * such file, a single row or column comes back as a 1-D array; {@code ndmin=2} keeps it 2-D).
     *
     * @param file the file to write (its parent directories are created)
     * @param matrix the matrix
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void writeMatrix(Path file, Matrix matrix) {
        Arguments.notNull("file", file);
        Arguments.notNull("matrix", matrix);
        writeText(file, out -> {
            for (int i = 0; i < matrix.rows(); i++) {
                for (int j = 0; j < matrix.cols(); j++) {
                    if (j > 0) {
                        out.write(',');
                    }
                    out.write(field(matrix.get(i, j)));
                }
                out.write('\n');
            }
        });
    }

    /** Text written to a {@link Writer}, which may fail as I/O does. */
    private interface Text {
        void writeTo(Writer out) throws IOException;
    }

    /** Writes a UTF-8 file, its parent directories created; a failure is "cannot write FILE: reason". */
    private static void writeText(Path file, Text text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                text.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + reason(e), e);
        }
    }

    /**
     * A number as a CSV field of this package's tables: {@link Double#toString(double)}, or where it is not finite
     * NumPy's spelling, {@code nan}, {@code inf} or {@code -inf} (what {@code numpy.savetxt} writes and
     * {@code numpy.loadtxt} and pandas read back).
     *
     * @param value any double
     * @return the field
     */
    public static String field(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return Double.toString(value);
    }

    /**
     * Why a file could not be read or written, in a few words for a one-line message: {@code no such file},
     * {@code permission denied}, {@code a file of that name is in the way}, {@code not a directory}, {@code not UTF-8
     * text}, a {@link FileSystemException}'s reason (the system's words, lower-cased at the start), else the
     * exception's simple class name and message (a {@code FileSystemException}'s message is the path, which the
     * caller's line names already).
     *
     * @param e the failure
     * @return the reason
     */
    public static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            // the system's words ("Is a directory"), lower-cased at the start as this package's own
            String reason = ((FileSystemException) e).getReason();
            return reason.isEmpty() ? reason : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        }
        if (e instanceof UncheckedIOException || e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }
}
