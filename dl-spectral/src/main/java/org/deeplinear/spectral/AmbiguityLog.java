package org.deeplinear.spectral;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Merges the ambiguities flagged at each sample into runs of consecutive samples. Mutable, not thread-safe. */
final class AmbiguityLog {

    private static final class Run {
        final Ambiguity.Reason reason;
        final List<Integer> modes;
        final int firstSample;
        final double firstTime;
        int lastSample;
        double lastTime;

        Run(Ambiguity.Reason reason, List<Integer> modes, int sample, double time) {
            this.reason = reason;
            this.modes = modes;
            this.firstSample = sample;
            this.firstTime = time;
            this.lastSample = sample;
            this.lastTime = time;
        }

        Ambiguity toAmbiguity() {
            return new Ambiguity(reason, modes, firstSample, lastSample, firstTime, lastTime);
        }
    }

    private final List<Ambiguity> closed = new ArrayList<>();
    // keyed by (reason, modes): equal lists hash alike, and no key text is formed per flag
    private final Map<Map.Entry<Ambiguity.Reason, List<Integer>>, Run> open = new LinkedHashMap<>();

    /** Flags a set of modes (ascending, immutable) at a sample; extends the run that ended at the sample before. */
    void flag(int sample, double time, Ambiguity.Reason reason, List<Integer> modes) {
        Map.Entry<Ambiguity.Reason, List<Integer>> key = Map.entry(reason, modes);
        Run run = open.get(key);
        if (run == null) {
            open.put(key, new Run(reason, modes, sample, time));
        } else {
            run.lastSample = sample;
            run.lastTime = time;
        }
    }

    /** Closes the runs that were not extended at this sample. */
    void endSample(int sample) {
        open.values().removeIf(run -> {
            if (run.lastSample < sample) {
                closed.add(run.toAmbiguity());
                return true;
            }
            return false;
        });
    }

    /** Every run so far, closed or still open, by first sample. */
    List<Ambiguity> snapshot() {
        List<Ambiguity> all = new ArrayList<>(closed);
        for (Run run : open.values()) {
            all.add(run.toAmbiguity());
        }
        all.sort(Comparator.comparingInt(Ambiguity::firstSample).thenComparing(Ambiguity::reason)
                .thenComparingInt(a -> a.modes().get(0)));
        return all;
    }
}
