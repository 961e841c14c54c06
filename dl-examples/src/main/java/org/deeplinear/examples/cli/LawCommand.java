package org.deeplinear.examples.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.deeplinear.core.Arguments;
import org.deeplinear.examples.io.Json;
import org.deeplinear.theory.laws.DepthBalancedLaw;
import org.deeplinear.theory.laws.EulerGradientMap;
import org.deeplinear.theory.laws.GradientDescentMap;
import org.deeplinear.theory.laws.LambdaBalancedLaw;
import org.deeplinear.theory.laws.LogisticLaw;
import org.deeplinear.theory.laws.ModeLaw;
import org.deeplinear.theory.laws.OffTargetDecayLaw;
import org.deeplinear.theory.laws.WeightGradientMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dl law}: evaluates one law of dl-theory and prints one JSON object with its inputs and results in full
 * (round-trip) double precision. {@code --t} gives values at times ({@code "t"} in, {@code "s"} out), {@code --s}
 * the first time each value is reached ({@code "s"} in, {@code "t"} out, {@code null} where the law never gets
 * there), {@code --steps} the iterates of a descent map ({@code "step"} and {@code "s"}).
 */
@Command(name = "law", mixinStandardHelpOptions = true, versionProvider = Dl.Version.class,
        description = {"Evaluate a law of one aligned mode and print one JSON object.",
            "  balanced   ds/dt = 2 s (sigma - s)",
            "  decay      sigma = 0: ds/dt = -N s^(3 - 2/N)",
            "  lambda     ds/dt = sqrt(lambda^2 + 4 s^2) (sigma - s)",
            "  depth      ds/dt = N s^(2 - 2/N) (sigma - s)",
            "  gd-map     s' = s (1 + eta (sigma - s))^2",
            "  euler-map  s' = s + 2 eta s (sigma - s)",
            "Null in the output where a law never reaches a value."},
        sortOptions = false)
final class LawCommand implements Callable<Integer> {

    /**
     * The longest orbit {@code --steps} may ask for: its JSON is about 29 bytes a step, held with the orbit's boxed
     * values while it is written, about 160 MB at this length, within a small machine's default heap (ten million
     * steps took 1.65 GB and ran out of a 1 GiB heap after 11 s; review of 2026-12-08).
     */
    static final int MAX_STEPS = 1_000_000;

    /** The names accepted by {@code --law}. */
    static final List<String> LAWS = List.of("balanced", "decay", "lambda", "depth", "gd-map", "euler-map");

    @Spec
    private CommandSpec spec;

    @Option(names = "--law", required = true, paramLabel = "NAME",
            description = "balanced | decay | lambda | depth | gd-map | euler-map")
    private String law;

    @Option(names = "--sigma", paramLabel = "S", description = "target singular value (not for decay, where it is 0)")
    private Double sigma;

    @Option(names = "--s0", required = true, paramLabel = "X", description = "initial value of the mode")
    private double s0;

    @Option(names = "--lambda", paramLabel = "L", defaultValue = "0",
            description = "imbalance w^2 - u^2 (law lambda; default ${DEFAULT-VALUE})")
    private double lambda;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "2",
            description = "depth of the chain, at least 2 (at most " + DepthBalancedLaw.MAX_DEPTH
                    + " for the law depth; laws depth and decay; default ${DEFAULT-VALUE})")
    private int depth;

    @Option(names = "--eta", paramLabel = "E", description = "learning rate (gd-map, euler-map)")
    private Double eta;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Query query;

    /** Exactly one of the three questions. */
    static final class Query {
        @Option(names = "--t", split = ",", paramLabel = "T", description = "times: print s(t) at each")
        double[] times;

        @Option(names = "--s", split = ",", paramLabel = "S", description = "values: print the time to reach each")
        double[] values;

        @Option(names = "--steps", paramLabel = "K",
                description = "map iterates 0..K, K in [0, " + MAX_STEPS + "] (gd-map, euler-map)")
        Integer steps;
    }

    @Override
    public Integer call() {
        String name = law.toLowerCase(Locale.ROOT);
        Arguments.check(LAWS.contains(name), "--law", law, "one of " + LAWS);
        Arguments.finite("--s0", s0);
        Arguments.finite("--lambda", lambda);
        // flags of other laws, given here, would be ignored without a word (review of 2026-12-06)
        if (!name.equals("lambda")) {
            GivenFlags.refuseIfGiven(spec, "--lambda", "no --lambda for the law " + name
                    + " (only the law lambda has an imbalance)");
        }
        if (!name.equals("depth") && !name.equals("decay")) {
            GivenFlags.refuseIfGiven(spec, "--depth", "no --depth for the law " + name
                    + " (only the laws depth and decay take a depth)");
        }
        try {
            return answer(name);
        } catch (IllegalArgumentException e) {
            throw asFlag(e);
        }
    }

    /**
     * A law's or map's refusal of a parameter, as the flag that gave it ({@code sigma = -1.0: ...} from the law
     * becomes {@code --sigma = -1.0: ...}); other messages unchanged.
     */
    private static IllegalArgumentException asFlag(IllegalArgumentException e) {
        String message = e.getMessage();
        for (String parameter : List.of("sigma", "s0", "lambda", "depth", "eta")) {
            if (message != null && message.startsWith(parameter + " = ")) {
                return new IllegalArgumentException("--" + message, e);
            }
        }
        return e;
    }

    private Integer answer(String name) {
        Json out = Json.object().put("law", name);
        boolean map = name.endsWith("-map");
        if (map) {
            for (String flag : List.of("--t", "--s")) {   // one of them or --steps was given (an exclusive group)
                GivenFlags.refuseIfGiven(spec, flag, "--steps K for the map " + name + " (" + flag
                        + " is for the laws)");
            }
            out.put("sigma", requireSigma()).put("s0", s0).put("eta", requireEta());
            int k = query.steps;
            Arguments.check(k >= 0 && k <= MAX_STEPS, "--steps", k, "an integer in [0, " + MAX_STEPS + "]");
            GradientDescentMap descent = "gd-map".equals(name) ? new WeightGradientMap(eta, sigma, s0)
                    : new EulerGradientMap(eta, sigma, s0);
            GradientDescentMap.Orbit orbit = descent.iterate(k);
            int[] step = new int[k + 1];
            Arrays.setAll(step, i -> i);
            List<Double> s = new ArrayList<>(k + 1);
            for (int i = 0; i <= k; i++) {
                s.add(i < orbit.length() ? orbit.value(i) : null);
            }
            OptionalInt diverged = orbit.divergedAtStep();
            out.put("step", step).put("s", s)
                    .put("diverged_at_step", diverged.isPresent() ? diverged.getAsInt() : null)
                    .put("fixed_point_stable", descent.isFixedPointStable());
        } else {
            Arguments.check(query.steps == null, "--steps", query.steps,
                    "--t or --s for the law " + name + " (--steps is for gd-map and euler-map)");
            Arguments.check(eta == null, "--eta", eta, "no --eta for the law " + name + " (a flow law)");
            ModeLaw modeLaw = modeLaw(name, out);
            if (query.times != null) {
                double[] s = new double[query.times.length];
                for (int i = 0; i < s.length; i++) {
                    double t = query.times[i];
                    Arguments.check(Double.isFinite(t) && t >= 0, "--t[" + i + "]", t,
                            "a finite time >= 0 (the law's limit is printed as \"limit\")");
                    s[i] = modeLaw.value(t);
                }
                out.put("t", query.times).put("s", s);
            } else {
                Double[] t = new Double[query.values.length];
                for (int i = 0; i < t.length; i++) {
                    double v = Arguments.finite("--s[" + i + "]", query.values[i]);
                    OptionalDouble reached = modeLaw.timeToReach(v);
                    t[i] = reached.isPresent() ? reached.getAsDouble() : null;
                }
                out.put("t", Arrays.asList(t)).put("s", query.values);
            }
            OptionalDouble half = modeLaw.halfTime();
            out.put("limit", modeLaw.limit())
                    .put("t_half", half.isPresent() ? half.getAsDouble() : null)
                    .put("domain", modeLaw.domain());
        }
        spec.commandLine().getOut().println(out.toJson());
        return Dl.OK;
    }

    private ModeLaw modeLaw(String name, Json out) {
        switch (name) {
            case "balanced":
                out.put("sigma", requireSigma()).put("s0", s0);
                return new LogisticLaw(sigma, s0);
            case "decay":
                Arguments.check(sigma == null || sigma == 0, "--sigma", sigma,
                        "no --sigma (or 0) for the off-target decay law");
                out.put("sigma", 0.0).put("s0", s0).put("depth", depth);
                return new OffTargetDecayLaw(depth, s0);
            case "lambda":
                out.put("sigma", requireSigma()).put("s0", s0).put("lambda", lambda);
                return new LambdaBalancedLaw(sigma, lambda, s0);
            default:
                out.put("sigma", requireSigma()).put("s0", s0).put("depth", depth);
                return new DepthBalancedLaw(depth, sigma, s0);
        }
    }

    private double requireSigma() {
        Arguments.check(sigma != null, "--sigma", "(not given)", "a target singular value for the law " + law);
        return Arguments.finite("--sigma", sigma);
    }

    private double requireEta() {
        Arguments.check(eta != null, "--eta", "(not given)", "a learning rate for the map " + law);
        return Arguments.positive("--eta", eta);
    }
}
