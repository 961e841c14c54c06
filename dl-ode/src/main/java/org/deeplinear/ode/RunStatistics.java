package org.deeplinear.ode;

import java.util.Locale;
import java.util.OptionalLong;
import org.deeplinear.core.Arguments;

/**
 * The cost of one run.
 *
 * @param method        what ran: the integrator's name, or {@code "gradient descent"}
 * @param evaluations   right-hand-side evaluations actually made (for descent, gradient evaluations: one per
 *                      step, and one more where an event stopped the run or the loss diverged at an iterate
 *                      before the last, whose evaluation found that); the default Dormand-Prince 8(5,3) spends
 *                      2 to start, 12 per accepted step, 11 per rejected one and 3 more for each step whose dense
 *                      output a sample or an event check uses
 * @param acceptedSteps steps accepted (for descent, steps taken)
 * @param rejectedSteps steps rejected by the error control; 0 for fixed steps and descent; empty where the
 *                      method does not expose it (Gragg-Bulirsch-Stoer)
 * @param wallSeconds   wall time of the run in seconds, to its recording handed over: for a flow from
 *                      {@code Simulation.run()}, so its set-up (integrator, event detectors, views, recorder), the
 *                      integration, its events and samples, as the peer's clock takes all of {@code solve_ivp};
 *                      for descent from the start of its loop, as the peer's clock starts at its NumPy loop; not
 *                      the building of the simulation nor the trajectory's summary of its start and end
 * @param backend       the product backend that ran ({@code ProductBackend.name()}), or {@code "scalar"} for
 *                      single-mode systems
 */
public record RunStatistics(String method, long evaluations, long acceptedSteps, OptionalLong rejectedSteps,
        double wallSeconds, String backend) {

    /**
     * Validates the statistics.
     *
     * @param method        what ran, not blank
     * @param evaluations   right-hand-side evaluations made, {@code >= 0}
     * @param acceptedSteps steps accepted, {@code >= 0}
     * @param rejectedSteps steps rejected, {@code >= 0}, or empty where not exposed
     * @param wallSeconds   wall time of the run, finite and {@code >= 0}
     * @param backend       the product backend's name, as it gives it
     * @throws IllegalArgumentException if a count is negative (a rejected count included), a reference null, the
     *                                  method's name blank or the time not finite
     */
    public RunStatistics {
        Arguments.notNull("method", method);
        Arguments.check(!method.isBlank(), "method", "\"" + method + "\"", "a non-blank name");
        Arguments.check(evaluations >= 0, "evaluations", evaluations, "a count >= 0");
        Arguments.check(acceptedSteps >= 0, "acceptedSteps", acceptedSteps, "a count >= 0");
        Arguments.notNull("rejectedSteps", rejectedSteps);
        // a present count was taken as it came: OptionalLong.of(-1) printed "(-1 rejected)"
        Arguments.check(rejectedSteps.orElse(0) >= 0, "rejectedSteps", rejectedSteps, "a count >= 0, or empty");
        Arguments.nonNegative("wallSeconds", wallSeconds);
        // (any name: it is a user's ProductBackend.name(), and the statistics are made after the run, whose results
        // a refusal here would lose; review of 2026-12-07)
        Arguments.notNull("backend", backend);
    }

    /**
     * The cost in one line, as the verification report lists its runs: {@code METHOD: N evaluations, S steps
     * (R rejected), T s} (the rejections where the method exposes them, the time to the millisecond; the backend,
     * the same for every run of a process, in {@link #backend()}).
     *
     * @return e.g. {@code Dormand-Prince 8 (5, 3): 1126 evaluations, 68 steps (14 rejected), 0.012 s}
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(80).append(method).append(": ").append(evaluations)
                .append(" evaluations, ").append(acceptedSteps).append(" steps");
        if (rejectedSteps.isPresent()) {
            b.append(" (").append(rejectedSteps.getAsLong()).append(" rejected)");
        }
        return b.append(", ").append(String.format(Locale.ROOT, "%.3f s", wallSeconds)).toString();
    }
}
