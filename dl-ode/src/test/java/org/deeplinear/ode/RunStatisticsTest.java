package org.deeplinear.ode;

import static org.deeplinear.core.testing.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The record's components are validated: a count never negative, present or not, and the names not blank. */
class RunStatisticsTest {

    @Test
    void aNegativeRejectedCountOrABlankNameIsRefused() {
        // (API audit) OptionalLong.of(-1) was taken and printed as "(-1 rejected)"
        assertRejected("rejectedSteps", () -> new RunStatistics("m", 10, 2, OptionalLong.of(-1), 0.5, "b"),
                "a count >= 0");
        assertRejected("method", () -> new RunStatistics(" ", 10, 2, OptionalLong.of(1), 0.5, "b"));
        // a backend's name is the user's ProductBackend.name(), taken as given (after the run: refusing it lost it)
        assertEquals("", new RunStatistics("m", 10, 2, OptionalLong.of(1), 0.5, "").backend());
        // the other components were already checked
        assertRejected("evaluations", -1L, () -> new RunStatistics("m", -1, 2, OptionalLong.empty(), 0.5, "b"));
        assertRejected("acceptedSteps", -1L, () -> new RunStatistics("m", 10, -1, OptionalLong.empty(), 0.5, "b"));
        assertRejected("wallSeconds", Double.NaN, () -> new RunStatistics("m", 10, 2, OptionalLong.empty(),
                Double.NaN, "b"));
        // and what a run reports is taken: none rejected, or none exposed
        assertEquals("m: 10 evaluations, 2 steps (0 rejected), 0.500 s",
                new RunStatistics("m", 10, 2, OptionalLong.of(0), 0.5, "b").toString());
        assertEquals("m: 10 evaluations, 2 steps, 0.500 s",
                new RunStatistics("m", 10, 2, OptionalLong.empty(), 0.5, "b").toString());
    }
}
