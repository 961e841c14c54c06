package org.deeplinear.ode.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplinear.ode.Trajectory;
import org.deeplinear.ode.events.EventRecord;
import org.deeplinear.ode.observe.Series;

/**
 * Everything a run computed, as raw bits, except its wall time: sample times, every observer's values, event
 * times, the initial and final summaries, the final factors or map, and the step counts. Two runs are the same
 * bit for bit exactly when their fingerprints are equal.
 *
 * @param bits the raw bits of every number, in a fixed order
 * @param labels what was recorded, for messages (series names, status, method, backend)
 */
record Fingerprint(List<Long> bits, List<String> labels) {

    static Fingerprint of(Trajectory run) {
        List<Long> bits = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        labels.add(run.status().toString());
        labels.add(run.statistics().method());
        labels.add(run.statistics().backend());
        add(bits, run.startTime());
        add(bits, run.endTime());
        add(bits, run.times());
        for (Map.Entry<String, Series> e : run.allSeries().entrySet()) {
            labels.add(e.getKey());
            Series s = e.getValue();
            for (int c = 0; c < s.width(); c++) {
                add(bits, s.column(c));
            }
        }
        for (EventRecord r : run.events()) {
            labels.add(r.event().name() + (r.increasing() ? "+" : "-"));
            add(bits, r.time());
        }
        run.snapshots().forEach((t, chain) -> {
            add(bits, t);
            add(bits, chain.toState());
        });
        add(bits, run.initialLoss());
        add(bits, run.finalLoss());
        add(bits, run.initialModes());
        add(bits, run.finalModes());
        run.finalFactors().ifPresent(f -> add(bits, f.toState()));
        run.finalEndToEnd().ifPresent(a -> {
            for (double[] row : a.toArray()) {
                add(bits, row);
            }
        });
        bits.add(run.statistics().evaluations());
        bits.add(run.statistics().acceptedSteps());
        bits.add(run.statistics().rejectedSteps().orElse(-1));
        return new Fingerprint(List.copyOf(bits), List.copyOf(labels));
    }

    private static void add(List<Long> bits, double value) {
        bits.add(Double.doubleToRawLongBits(value));
    }

    private static void add(List<Long> bits, double[] values) {
        bits.add((long) values.length);
        for (double v : values) {
            add(bits, v);
        }
    }

    /** The number of recorded numbers (at least one per sample and observer column). */
    int size() {
        return bits.size();
    }
}
