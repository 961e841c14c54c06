package org.deeplinear.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.deeplinear.core.model.Model;
import org.deeplinear.core.products.ProductBackends;
import org.deeplinear.ode.descent.LearningRate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Side by side with the NumPy/SciPy peer on its default case (32 x 32, rank 4, sigmas 4,3,2,1, init 1e-3, T = 10,
 * rtol 1e-10, atol 1e-12): from the same initial state (the CSVs its {@code --save-init} wrote), the aligned modes
 * at T and the four half-times agree with SciPy's DOP853 to 1e-8 relative. The expected numbers are SciPy's, read
 * from {@code peer/default/peer.json} (command in the README beside it). Gradient descent from the same state
 * ({@code --gd --lr 0.01}) agrees with the peer's descent: the same final modes to 1e-8 and the same half-time
 * steps.
 */
class PeerSideBySideTest {

    private static PeerData peer;
    private static Trajectory run;

    @BeforeAll
    static void runDefaultCase() throws IOException {
        peer = PeerData.defaultCase();
        double rtol = PeerData.numbers(peer.json, "rtol")[0];
        double atol = PeerData.numbers(peer.json, "atol")[0];
        double end = PeerData.numbers(peer.json, "T")[0];
        run = Simulation.flow(Model.of(peer.initial, peer.target))
                .until(end)
                .integrator(IntegratorSettings.defaults().withTolerances(rtol, atol))
                .samples(SampleTimes.endpoints())
                .halfTimes()
                .run();
    }

    @Test
    void initialStateIsThePeers() {
        double[] s0 = PeerData.numbers(peer.json, "s_0");
        double[] ours = run.initialModes();
        for (int i = 0; i < s0.length; i++) {
            assertEquals(s0[i], ours[i], 1e-12 * Math.abs(s0[i]) + 1e-18, "s_" + i + "(0)");
        }
        assertEquals(PeerData.numbers(peer.json, "initial_loss")[0], run.initialLoss(), 1e-12);
    }

    @Test
    void finalModesAgreeToOneInHundredMillion() {
        double[] expected = PeerData.numbers(peer.json, "s_T");
        double[] ours = run.finalModes();
        for (int i = 0; i < expected.length; i++) {
            double relative = Math.abs(ours[i] - expected[i]) / Math.abs(expected[i]);
            assertTrue(relative <= 1e-8, "s_" + i + "(T): ours " + ours[i] + ", SciPy " + expected[i]
                    + ", relative difference " + relative);
        }
    }

    @Test
    void halfTimesAgreeToOneInHundredMillion() {
        double[] expected = PeerData.numbers(peer.json, "t_half");
        for (int i = 0; i < expected.length; i++) {
            double ours = run.halfTime(i).orElseThrow();
            double relative = Math.abs(ours - expected[i]) / expected[i];
            assertTrue(relative <= 1e-8, "t_half," + i + ": ours " + ours + ", SciPy " + expected[i]
                    + ", relative difference " + relative);
        }
    }

    @Test
    void descentAgreesWithThePeersDescent() {
        double lr = PeerData.numbers(peer.descentJson, "lr")[0];
        long steps = Math.round(PeerData.numbers(peer.descentJson, "T")[0] / lr);
        Trajectory descent = Simulation.descent(Model.of(peer.initial, peer.target), LearningRate.of(lr), steps)
                .samples(SampleTimes.endpoints()).halfTimes().run();
        assertEquals((long) PeerData.numbers(peer.descentJson, "n_steps")[0], descent.statistics().acceptedSteps());
        double[] expected = PeerData.numbers(peer.descentJson, "s_T");
        for (int i = 0; i < expected.length; i++) {
            double relative = Math.abs(descent.finalModes()[i] - expected[i]) / Math.abs(expected[i]);
            assertTrue(relative <= 1e-8, "descent s_" + i + "(T): relative difference " + relative);
        }
        // the peer counts t_half = lr * (first iterate with s_i >= sigma_i / 2): integers of steps, so equal
        double[] halves = PeerData.numbers(peer.descentJson, "t_half");
        for (int i = 0; i < halves.length; i++) {
            assertEquals(Math.round(halves[i] / lr), Math.round(descent.halfTime(i).orElseThrow() / lr), "mode " + i);
            assertEquals(halves[i], descent.halfTime(i).orElseThrow(), 1e-12);
        }
    }

    @Test
    void statisticsAreThoseOfTheRun() {
        RunStatistics stats = run.statistics();
        assertEquals(ProductBackends.preferred().name(), stats.backend());
        assertTrue(stats.acceptedSteps() > 0);
        // DOP853: 2 evaluations to start (f(y0) and the initial step guess), 12 per accepted step, 11 per rejected
        // one, and 3 for the dense output of each step that a sample or an event check falls inside
        long accepted = stats.acceptedSteps();
        long least = 2 + 12 * accepted + 11 * stats.rejectedSteps().orElseThrow();
        assertTrue(stats.evaluations() >= least && stats.evaluations() <= least + 3 * accepted,
                stats.evaluations() + " evaluations for " + accepted + " accepted steps");
    }
}
