package org.deeplinear.examples.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplinear.core.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path f = dir.resolve("m.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsNumpySavetxtOutput() throws IOException {
        // the format of numpy.savetxt(fmt="%.17g", delimiter=","), as peer_gradient_flow.py --save-init writes it
        Matrix m = Csv.readMatrix(file("1,-2.5e-3\n0.10000000000000001,4\n"), 2, 2, "a test matrix");
        assertEquals(-2.5e-3, m.get(0, 1));
        assertEquals(0.1, m.get(1, 0));
    }

    @Test
    void raggedLineIsNamed() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Csv.readMatrix(file("1,2\n3\n")));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void linesEndAsBufferedReaderEndsThem() throws IOException {
        // \r\n, \r and \n each end a line (a blank one counts), spaces around numbers are allowed
        Matrix m = Csv.readMatrix(file(" 1 , 2\r\n\r\n3,\t4\r5,6\n"));
        assertEquals(3, m.rows());
        assertEquals(4.0, m.get(1, 1));
        assertEquals(5.0, m.get(2, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Csv.readMatrix(file("1,2\r\n\r\n3,x\r\n")));
        assertTrue(e.getMessage().contains("line 3 column 2"), e.getMessage());
        IllegalArgumentException cr = assertThrows(IllegalArgumentException.class,
                () -> Csv.readMatrix(file("1,2\r3,4\r5\r")));
        assertTrue(cr.getMessage().contains("line 3"), cr.getMessage());
    }

    @Test
    void nonNumberAndNanAreNamed() throws IOException {
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
                () -> Csv.readMatrix(file("1,x\n")));
        assertTrue(word.getMessage().contains("column 2"), word.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Csv.readMatrix(file("1,nan\n")));
        assertTrue(nan.getMessage().contains("finite"), nan.getMessage());
        // (review of 2026-12-07) Java's own forms, which parseDouble reads and NumPy refuses, were read as numbers
        for (String javaOnly : new String[] {"0x1p-10", "1e-3d", "2.5f"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Csv.readMatrix(file("1," + javaOnly + "\n")));
            assertTrue(e.getMessage().contains("line 1 column 2 = '" + javaOnly + "': expected a number"),
                    e.getMessage());
        }
    }

    @Test
    void aByteOrderMarkIsShownAndNamed() throws IOException {
        // a UTF-8 byte-order mark (EF BB BF, U+FEFF) before the first number: still refused, as parseDouble refuses
        // it, but the message quoted it invisibly ('-0.00066': expected a number, with the mark unseen)
        Path f = dir.resolve("bom.csv");
        Files.write(f, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '-', '0', '.', '5', ',', '1', '\n'});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.readMatrix(f));
        assertEquals(f + " line 1 column 1 = '\\uFEFF-0.5': expected a number (the file starts with a UTF-8"
                + " byte-order mark, U+FEFF, which is not part of a number: write the file without one)",
                e.getMessage());
        // another invisible character, a zero-width space (U+200B) inside a later token, shown as its escape too
        IllegalArgumentException zw = assertThrows(IllegalArgumentException.class,
                () -> Csv.readMatrix(file("1,2\u200B\n")));
        assertTrue(zw.getMessage().endsWith("line 1 column 2 = '2\\u200B': expected a number (the \\u escapes stand"
                + " for invisible characters, which are not part of a number)"), zw.getMessage());
    }

    @Test
    void numpysDefaultDelimiterAndHeadersAreSaid() throws IOException {
        // np.savetxt(f, a) separates by spaces ("%.18e", its default format): the whole row was one token, quoted
        // whole with every space escaped and a note on invisible characters (review of 2026-12-07)
        String row = "-6.670000000000000000e-04 1.630000000000000000e-04 2.000000000000000000e+00";
        IllegalArgumentException spaces = assertThrows(IllegalArgumentException.class,
                () -> Csv.readMatrix(file(row + "\n" + row + "\n")));
        assertTrue(spaces.getMessage().endsWith("line 1 column 1 = '-6.670000000000000000e-04 1.630000000000...':"
                + " expected a number (values separated by spaces or tabs: separate them by commas, as"
                + " np.savetxt(file, a, delimiter=\",\") writes them)"), spaces.getMessage());
        IllegalArgumentException tabs = assertThrows(IllegalArgumentException.class,
                () -> Csv.readMatrix(file("1,2\n3\t4,5\n")));
        assertTrue(tabs.getMessage().endsWith("line 2 column 1 = '3\\u00094': expected a number (values separated by"
                + " spaces or tabs: separate them by commas, as np.savetxt(file, a, delimiter=\",\") writes them)"),
                tabs.getMessage());
        // np.savetxt's header= writes "# " lines
        IllegalArgumentException header = assertThrows(IllegalArgumentException.class,
                () -> Csv.readMatrix(file("# W0\n1,2\n")));
        assertTrue(header.getMessage().endsWith("line 1 column 1 = '# W0': expected a number (a comment, header or"
                + " footer line: the file holds numbers only, one matrix row per line)"), header.getMessage());
        // np.savetxt's footer= writes one after the rows, where the column count is checked first
        IllegalArgumentException footer = assertThrows(IllegalArgumentException.class,
                () -> Csv.readMatrix(file("1,2\n3,4\n# end\n")));
        assertTrue(footer.getMessage().endsWith("line 3 = 1 columns: expected 2 columns, as the first row has (a"
                + " comment, header or footer line: the file holds numbers only, one matrix row per line)"),
                footer.getMessage());
        // a comment after a number: the comment is said, not the spaces around it
        IllegalArgumentException inline = assertThrows(IllegalArgumentException.class,
                () -> Csv.readMatrix(file("1,2 # the second\n")));
        assertTrue(inline.getMessage().endsWith("line 1 column 2 = '2 # the second': expected a number (a comment,"
                + " header or footer line: the file holds numbers only, one matrix row per line)"),
                inline.getMessage());
        // other control characters are no delimiter: a NUL (UTF-16 text read as UTF-8) is said to be invisible, and
        // a byte-order mark keeps its own advice whatever follows it (review of 2026-12-07)
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
                () -> Csv.readMatrix(file("1\u00002\n")));
        assertTrue(nul.getMessage().endsWith("(the \\u escapes stand for invisible characters, which are not part of a"
                + " number)"), nul.getMessage());
        IllegalArgumentException bomThenSpaces = assertThrows(IllegalArgumentException.class,
                () -> Csv.readMatrix(file("\uFEFF1 2\n")));
        assertTrue(bomThenSpaces.getMessage().contains("byte-order mark"), bomThenSpaces.getMessage());
        // a space other than ' ' (U+00A0, no-break) is still invisible and said as such
        IllegalArgumentException noBreak = assertThrows(IllegalArgumentException.class,
                () -> Csv.readMatrix(file("1,2\u00A0\n")));
        assertTrue(noBreak.getMessage().endsWith("= '2\\u00A0': expected a number (the \\u escapes stand for"
                + " invisible characters, which are not part of a number)"), noBreak.getMessage());
    }

    @Test
    void wrongShapeAndMissingFileAreNamed() throws IOException {
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> Csv.readMatrix(file("1,2\n"), 2, 2, "W0 (m x k)"));
        assertTrue(shape.getMessage().contains("W0 (m x k)"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Csv.readMatrix(dir.resolve("absent.csv")));
    }

    @Test
    void writesRoundTripTables() throws IOException {
        Path f = dir.resolve("sub/t.csv");
        Csv.write(f, List.of("t", "s"), List.of(new double[] {0.1, 1.0 / 3}, new double[] {2, Double.NaN},
                new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}));
        // non-finite values as numpy.savetxt spells them (str(np.nan), str(np.inf), str(-np.inf)), which
        // numpy.loadtxt and pandas.read_csv read back; an empty field lost whether a value was infinite or NaN
        assertEquals(List.of("t,s", "0.1,0.3333333333333333", "2.0,nan", "inf,-inf"), Files.readAllLines(f));
        // count columns: whole values as integers, others as any number (a rank, NaN where none was measured)
        Csv.write(f, List.of("t", "rank"), List.of(new double[] {2, 3}, new double[] {2.5, Double.NaN},
                new double[] {3, 2.5}, new double[] {4, -0.0}), java.util.Set.of("rank"));
        assertEquals(List.of("t,rank", "2.0,3", "2.5,nan", "3.0,2.5", "4.0,0"), Files.readAllLines(f));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Csv.write(f, List.of("t"), List.of(), java.util.Set.of("rank")));
        assertEquals("counts = rank: expected a column of the header [t]", unknown.getMessage());
    }

    @Test
    void writesAMatrixWithoutHeaderThatReadsBackToTheSameBits() throws IOException {
        // values whose shortest decimal form needs 17 digits, an exponent, a sign or a subnormal: Double.toString
        // writes the shortest form that reads back to the same double
        double[] entries = {0.1 + 0.2, -1.0 / 3, 6.02214076e23, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE};
        Matrix m = Matrix.fromRowMajor("m", 2, 3, entries);
        Path f = dir.resolve("sub/m.csv");
        Csv.writeMatrix(f, m);
        assertEquals(List.of("0.30000000000000004,-0.3333333333333333,6.02214076E23", "-0.0,4.9E-324,"
                + "-1.7976931348623157E308"), Files.readAllLines(f));
        Matrix back = Csv.readMatrix(f, 2, 3, "the matrix written");
        assertEquals(m, back);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.get(1, 0)));
    }

    @Test
    void aMatrixThatCannotBeWrittenNamesTheFile() throws IOException {
        Path blocked = Files.createDirectories(dir.resolve("m.csv"));
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> Csv.writeMatrix(blocked, Matrix.zeros(1, 1)));
        assertTrue(e.getMessage().startsWith("cannot write " + blocked + ": "), e.getMessage());
    }
}
