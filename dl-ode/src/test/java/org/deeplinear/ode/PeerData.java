package org.deeplinear.ode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplinear.core.Matrix;
import org.deeplinear.core.model.FactorChain;
import org.deeplinear.core.model.InputFactor;
import org.deeplinear.core.model.OutputFactor;
import org.deeplinear.core.target.Target;

/**
 * The peer's default case, read from the test resources under {@code peer/default/}, which were written by
 * {@code python3 shared/peer/peer_gradient_flow.py --save-init DIR > DIR/peer.json} (see the README there).
 */
final class PeerData {

    final double[] sigmas;
    final Target target;
    final FactorChain initial;
    final String json;
    final String descentJson;

    private PeerData(String directory) throws IOException {
        json = read(directory + "/peer.json");
        descentJson = read(directory + "/peer-gd.json");
        sigmas = numbers(json, "sigmas");
        Matrix u = csv(directory + "/u.csv", "u");
        Matrix v = csv(directory + "/v.csv", "v");
        target = Target.fromSpectrum(sigmas, u, v);
        initial = FactorChain.of(OutputFactor.of(csv(directory + "/W0.csv", "W0")),
                InputFactor.of(csv(directory + "/U0.csv", "U0")));
    }

    static PeerData defaultCase() throws IOException {
        return new PeerData("/peer/default");
    }

    /** A number or list of numbers (null entries as NaN) of a top-level key of the peer's JSON. */
    static double[] numbers(String json, String key) {
        Matcher list = Pattern.compile("\"" + Pattern.quote(key) + "\":\\s*\\[([^\\]]*)\\]").matcher(json);
        String body;
        if (list.find()) {
            body = list.group(1);
        } else {
            Matcher scalar = Pattern.compile("\"" + Pattern.quote(key) + "\":\\s*([^,}]+)").matcher(json);
            if (!scalar.find()) {
                throw new IllegalArgumentException("key " + key + " not in the peer's JSON");
            }
            body = scalar.group(1);
        }
        String[] parts = body.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            out[i] = "null".equals(p) ? Double.NaN : Double.parseDouble(p);
        }
        return out;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = PeerData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Matrix csv(String resource, String name) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : read(resource).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.trim().split(",");
            double[] row = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                row[j] = Double.parseDouble(cells[j]);
            }
            rows.add(row);
        }
        return Matrix.of(name, rows.toArray(new double[0][]));
    }
}
