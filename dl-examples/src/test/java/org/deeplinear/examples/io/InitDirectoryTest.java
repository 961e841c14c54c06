package org.deeplinear.examples.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplinear.core.model.Model;
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

    /** A 2 x 2 problem's directory: A*, u and v as given, W0 and U0 small and fixed. */
    private static void twoByTwo(Path dir, String aStar, String u, String v) throws IOException {
        Files.writeString(dir.resolve("A_star.csv"), aStar);
        Files.writeString(dir.resolve("u.csv"), u);
        Files.writeString(dir.resolve("v.csv"), v);
        Files.writeString(dir.resolve("W0.csv"), "0.001,0\n0,0.001\n");
        Files.writeString(dir.resolve("U0.csv"), "0.001,0\n0,0.002\n");
    }
}
