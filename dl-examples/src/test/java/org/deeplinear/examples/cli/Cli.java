package org.deeplinear.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Runs the {@code dl} program in process and captures what it prints. */
record Cli(int code, String out, String err) {

    static Cli run(String... args) {
        return run(CommandLine.defaultFactory(), args);
    }

    /** Runs the program with its commands made by {@code factory} (see {@link Dl#commandLine}). */
    static Cli run(CommandLine.IFactory factory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Dl.execute(Dl.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), factory), args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** The list printed for a key, e.g. {@code "s": [1.0, null]}, as doubles (NaN for null). */
    static double[] list(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \\[([^\\]]*)\\]").matcher(json);
        if (!m.find()) {
            throw new AssertionError(key + " not in " + json);
        }
        String body = m.group(1).trim();
        if (body.isEmpty()) {
            return new double[0];
        }
        String[] parts = body.split(", ");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = "null".equals(parts[i]) ? Double.NaN : Double.parseDouble(parts[i]);
        }
        return out;
    }

    /** The number printed for a key, e.g. {@code "wall_s": 0.5}; NaN for null. */
    static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ([^,}]*)").matcher(json);
        if (!m.find()) {
            throw new AssertionError(key + " not in " + json);
        }
        String v = m.group(1).trim();
        return "null".equals(v) ? Double.NaN : Double.parseDouble(v);
    }

    /** Standard error without progress-bar redraws: the lines a reader sees. */
    String[] errLines() {
        return err.strip().isEmpty() ? new String[0] : err.strip().split("\\R");
    }
}
