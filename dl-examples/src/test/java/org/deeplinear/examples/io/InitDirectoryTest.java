package org.deeplinear.examples.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.Seed;
import org.deeplinear.core.Widths;
import org.deeplinear.core.init.Initializations;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.target.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitDirectoryTest {

    /** The peer's default --save-init directory (see peer/default/README.md for the command). */
    static Path peerDefault() {
        try {
            return Path.of(InitDirectoryTest.class.getResource("/peer/default/A_star.csv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsThePeerDefaultProblem() {
        InitDirectory init = InitDirectory.read(peerDefault());
        // peer_gradient_flow.py defaults: sigmas 4,3,2,1 (recovered as u_i^T A* v_i, exact to rounding)
        assertArrayEquals(new double[] {4, 3, 2, 1}, init.sigmas(), 1e-13);
        assertArrayEquals(new int[] {0, 1, 2, 3}, init.modeOrder());
        assertEquals(32, init.factors().widths().width(1));
        // peer.json "initial_loss" from the same files: 15.000027507314986 (1/2 ||W0 U0 - A*||_F^2)
        double loss = Model.of(init.factors(), init.target()).loss();
        assertEquals(15.000027507314986, loss, 1e-13 * loss);
    }

    @Test
    void shapeMismatchNamesTheFile(@TempDir Path dir) throws IOException {
        for (String f : InitDirectory.FILES) {
            Files.copy(peerDefault().resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("U0.csv"), "1,2\n3,4\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InitDirectory.read(dir));
        assertTrue(e.getMessage().contains("U0.csv") && e.getMessage().contains("32 x 32"), e.getMessage());
    }

    @Test
    void missingDirectoryOrFileIsNamed(@TempDir Path dir) {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> InitDirectory.read(dir.resolve("absent")));
        assertTrue(none.getMessage().contains("--init-dir"), none.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> InitDirectory.read(dir));
        assertTrue(empty.getMessage().contains("A_star.csv"), empty.getMessage());
    }

    @Test
    void targetThatIsNotItsSpectrumIsRejected(@TempDir Path dir) throws IOException {
        for (String f : InitDirectory.FILES) {
            Files.copy(peerDefault().resolve(f), dir.resolve(f));
        }
        String a = Files.readString(dir.resolve("A_star.csv"));
        Files.writeString(dir.resolve("A_star.csv"), "0.5" + a.substring(a.indexOf(',')));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InitDirectory.read(dir));
        assertTrue(e.getMessage().contains("sum sigma_i u_i v_i^T"), e.getMessage());
    }

    @Test
    void aZeroSingularValueWithinRoundingIsZeroAndANegativeOneIsRefused(@TempDir Path dir) throws IOException {
        // u = v = I, A* = diag(2, x): sigma_2 = x. The peer's files of a target with sigma = (2, 1, 0) give
        // u_3^T A* v_3 = -4.03e-17 (rounding): that is 0; -1e-3 is a negative singular value
        twoByTwo(dir, "2,0\n0,-4.03e-17\n", "1,0\n0,1\n", "1,0\n0,1\n");
        InitDirectory init = InitDirectory.read(dir);
        assertArrayEquals(new double[] {2, 0}, init.sigmas(), 0.0);
        Files.writeString(dir.resolve("A_star.csv"), "2,0\n0,-1e-3\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InitDirectory.read(dir));
        assertTrue(e.getMessage().startsWith("sigma_2 = u_2^T A* v_2 = -0.001: expected a singular value >= 0"),
                e.getMessage());
    }

    @Test
    void singularVectorsThatAreNotOrthonormalAreNamedByTheirFile(@TempDir Path dir) throws IOException {
        // (review of 2026-12-07) u = diag(1 + 1e-9, 1) and a repeated column of v were refused as A_star.csv ("max
        // |A* - sum sigma_i u_i v_i^T| = 2.9e-9"); the defect of u^T u - I is (1 + 1e-9)^2 - 1 = 2e-9, above
        // Target.ORTHONORMAL_TOLERANCE = 1e-10
        twoByTwo(dir, "2,0\n0,1\n", "1.000000001,0\n0,1\n", "1,0\n0,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InitDirectory.read(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("u.csv") + " (max |Q^T Q - I|) = "), e.getMessage());
        twoByTwo(dir, "2,0\n0,1\n", "1,0\n0,1\n", "1,1\n0,0\n");
        e = assertThrows(IllegalArgumentException.class, () -> InitDirectory.read(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("v.csv") + " (max |Q^T Q - I|) = 1.0: expected"),
                e.getMessage());
    }

    @Test
    void writesThePeerStateSoThatItReadsBackInThePeersLayout(@TempDir Path dir) throws IOException {
        InitDirectory peer = InitDirectory.read(peerDefault());
        InitDirectory.write(dir, peer.target(), peer.factors(), peer.modeOrder());
        for (String f : InitDirectory.FILES) {
            // the peer's layout: as many lines, as many numbers on each (np.savetxt, one matrix row per line)
            List<String> ours = Files.readAllLines(dir.resolve(f));
            List<String> theirs = Files.readAllLines(peerDefault().resolve(f));
            assertEquals(theirs.size(), ours.size(), f);
            for (int i = 0; i < ours.size(); i++) {
                assertEquals(theirs.get(i).split(",").length, ours.get(i).split(",").length, f + " line " + (i + 1));
            }
        }
        InitDirectory back = InitDirectory.read(dir);
        // the factors and singular vectors as Double.toString wrote them: the same bits
        assertEquals(peer.factors(), back.factors());
        assertEquals(peer.target().spectrum().leftVectors(), back.target().spectrum().leftVectors());
        assertEquals(peer.target().spectrum().rightVectors(), back.target().spectrum().rightVectors());
        assertArrayEquals(peer.modeOrder(), back.modeOrder());
        // sigma_i = u_i^T A* v_i again, from an A* rebuilt from them: 4, 3, 2, 1 to a few ulps (1 ulp of 4 is 8.9e-16)
        assertArrayEquals(peer.sigmas(), back.sigmas(), 4e-15);
    }

    @Test
    void writesTheModesInTheOrderGivenAndAZeroSigmaReadsBackAsZero(@TempDir Path dir) {
        // --sigmas 1,3,0 as dl simulate passes them: column i of u.csv is the spectrum's mode spectrumPositions[i]
        double[] sigmas = {1, 3, 0};
        Target target = Target.random(5, 4, sigmas, Seed.of(11));
        FactorChain factors = Initializations.smallGaussian(1e-2, Seed.of(12)).create(Widths.of(4, 3, 5), target);
        InitDirectory.write(dir, target, factors, Target.spectrumPositions(sigmas));
        InitDirectory back = InitDirectory.read(dir);
        assertArrayEquals(new int[] {1, 0, 2}, back.modeOrder());
        // the zero mode's u^T A* v is rounding (within the reader's 1e-12 x max |A*_ij|), read as exactly 0
        assertArrayEquals(sigmas, back.sigmas(), 1e-15);
        assertEquals(0.0, back.sigmas()[2], 0.0);
        assertEquals(factors, back.factors());
        for (int i = 0; i < sigmas.length; i++) {
            int mode = Target.spectrumPositions(sigmas)[i];
            assertArrayEquals(target.spectrum().leftVector(mode), back.target().spectrum().leftVector(
                    back.modeOrder()[i]), 0.0, "u_" + (i + 1));
        }
    }

    @Test
    void writeRefusesWhatReadWouldNotGiveBackAndWritesNothing(@TempDir Path dir) {
        Target target = Target.random(4, 4, new double[] {1, 1e-14}, Seed.of(5));
        FactorChain two = Initializations.smallGaussian(1e-2, Seed.of(6)).create(Widths.of(4, 2, 4), target);
        FactorChain three = Initializations.smallGaussian(1e-2, Seed.of(6)).create(Widths.of(4, 2, 2, 4), target);
        Path out = dir.resolve("out");
        // sigma 1e-14 is below 2 x 1e-12 x max |A*_ij| (max |A*_ij| <= sigma_max = 1): read would take it for 0
        IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class,
                () -> InitDirectory.write(out, target, two, new int[] {0, 1}));
        assertTrue(tiny.getMessage().startsWith("sigma_2 = 1.0E-14: expected 0 or above 2 x 1.0E-12 x max"),
                tiny.getMessage());
        Target plain = Target.random(4, 4, new double[] {1, 0.5}, Seed.of(5));
        IllegalArgumentException deep = assertThrows(IllegalArgumentException.class,
                () -> InitDirectory.write(out, plain, three, new int[] {0, 1}));
        assertTrue(deep.getMessage().startsWith("factors.depth = 3: expected 2"), deep.getMessage());
        // mode 1 (sigma 0.5) left out: A_star.csv would not be the sum over u.csv and v.csv
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> InitDirectory.write(out, plain, two, new int[] {0}));
        assertTrue(missing.getMessage().startsWith("modeOrder = without mode 1: expected every mode with sigma > 0"),
                missing.getMessage());
        IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
                () -> InitDirectory.write(out, plain, two, new int[] {0, 0}));
        assertTrue(repeated.getMessage().startsWith("modeOrder[1] = 0: expected a mode"), repeated.getMessage());
        assertTrue(!Files.exists(out), "nothing written");
    }

    @Test
    void aWriteThatFailsPartWayTakesBackTheFilesItWrote(@TempDir Path dir) throws IOException {
        Target target = Target.random(4, 4, new double[] {1, 0.5}, Seed.of(5));
        FactorChain factors = Initializations.smallGaussian(1e-2, Seed.of(6)).create(Widths.of(4, 2, 4), target);
        // W0.csv, the fourth file, is a directory holding a file: it cannot be written, after three files were
        Files.createDirectories(dir.resolve("W0.csv"));
        Files.writeString(dir.resolve("W0.csv").resolve("keep"), "x");
        UncheckedIOException failed = assertThrows(UncheckedIOException.class,
                () -> InitDirectory.write(dir, target, factors, new int[] {0, 1}));
        assertTrue(failed.getMessage().startsWith("cannot write " + dir.resolve("W0.csv")), failed.getMessage());
        for (String f : List.of("A_star.csv", "u.csv", "v.csv", "U0.csv")) {
            assertTrue(!Files.exists(dir.resolve(f)), f + " left behind");
        }
        assertTrue(Files.exists(dir.resolve("W0.csv").resolve("keep")), "what was there stays");
    }

    /** A 2 x 2 problem's directory: A*, u and v as given, W0 and U0 small and fixed. */
    private static void twoByTwo(Path dir, String aStar, String u, String v) throws IOException {
        Files.writeString(dir.resolve("A_star.csv"), aStar);
        Files.writeString(dir.resolve("u.csv"), u);
        Files.writeString(dir.resolve("v.csv"), v);
        Files.writeString(dir.resolve("W0.csv"), "0.001,0\n0,0.001\n");
        Files.writeString(dir.resolve("U0.csv"), "0.001,0\n0,0.002\n");
    }
}
