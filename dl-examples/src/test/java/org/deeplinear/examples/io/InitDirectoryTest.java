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
}
