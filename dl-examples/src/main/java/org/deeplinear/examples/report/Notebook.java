package org.deeplinear.examples.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.deeplinear.core.Arguments;
import org.deeplinear.examples.io.Csv;

/**
 * The verification report as a lab-notebook entry in Markdown: a heading with the date, then for each claim a
 * section with its statement and formula, the case it was run on, the worst residual against its tolerance, the
 * verdict and the run's statistics, then the plots, each with its CSV.
 *
 * <p>{@link #write(Path)} writes {@code report.md} and a timestamped copy {@code report-<UTC time>.md} beside it,
 * so earlier reports are kept.
 *
 * <pre>{@code
 * Notebook notebook = new Notebook("deeplinear verification report", Instant.now());
 * notebook.claim(entry);
 * notebook.plot("Aligned modes", "modes.png", "modes.csv", "what it shows");
 * List<Path> files = notebook.write(Path.of("outputs"));
 * }</pre>
 */
public final class Notebook {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final String title;
    private final Instant started;
    private final List<String> preamble = new ArrayList<>();
    private final List<ClaimEntry> claims = new ArrayList<>();
    private final TreeMap<String, String> plots = new TreeMap<>(); // by PNG file name, so plots keep their numbers
    private final List<String> closing = new ArrayList<>();

    /**
     * Starts a notebook entry.
     *
     * @param title the heading
     * @param started when the run started (UTC, also used for the timestamped copy)
     */
    public Notebook(String title, Instant started) {
        this.title = Arguments.notNull("title", title);
        this.started = Arguments.notNull("started", started);
    }

    /**
     * Adds a paragraph before the claims.
     *
     * @param markdown the paragraph, Markdown
     */
    public void paragraph(String markdown) {
        preamble.add(Arguments.notNull("markdown", markdown));
    }

    /**
     * Adds a claim's result.
     *
     * @param entry the claim, its case, residual and verdict
     */
    public void claim(ClaimEntry entry) {
        claims.add(Arguments.notNull("entry", entry));
    }

    /**
     * Adds a plot; plots are listed in the order of their PNG file names.
     *
     * @param heading the plot's heading
     * @param png the PNG file name, relative to the report
     * @param csv the CSV file name, relative to the report
     * @param caption what the plot shows, one or two sentences
     * @throws IllegalArgumentException if an argument is null
     */
    public void plot(String heading, String png, String csv, String caption) {
        Arguments.notNull("heading", heading);
        Arguments.notNull("png", png);
        Arguments.notNull("csv", csv);
        Arguments.notNull("caption", caption);
        plots.put(png, "### " + heading + "\n\n![" + heading + "](" + png + ")\n\n" + caption + " Data: [" + csv + "]("
                + csv + ").\n");
    }

    /**
     * Adds a paragraph after the plots.
     *
     * @param markdown the paragraph, Markdown
     */
    public void closing(String markdown) {
        closing.add(Arguments.notNull("markdown", markdown));
    }

    /**
     * The claims added so far.
     *
     * @return an unmodifiable copy
     */
    public List<ClaimEntry> claims() {
        return List.copyOf(claims);
    }

    /**
     * Whether every claim holds.
     *
     * @return true if no claim added is violated
     */
    public boolean allHold() {
        return claims.stream().allMatch(ClaimEntry::holds);
    }

    /**
     * The Markdown text.
     *
     * @return the whole report
     */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        long violated = claims.stream().filter(c -> !c.holds()).count();
        md.append("# ").append(title).append("\n\n");
        md.append("Run ").append(DateTimeFormatter.ISO_INSTANT.format(started)).append(" (UTC), Java ")
                .append(System.getProperty("java.version")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores. ");
        md.append(claims.size()).append(" claims checked: ").append(claims.size() - violated).append(" hold, ")
                .append(violated).append(" violated.\n\n");
        for (String p : preamble) {
            md.append(p).append("\n\n");
        }
        md.append("## Summary\n\n| # | claim | case | worst residual | tolerance | verdict |\n"
                + "|---|---|---|---|---|---|\n");
        for (int i = 0; i < claims.size(); i++) {
            ClaimEntry c = claims.get(i);
            md.append("| ").append(i + 1).append(" | ").append(c.name()).append(" | ").append(c.caseName())
                    .append(" | ").append(ClaimEntry.format(c.residual())).append(" | ")
                    .append(ClaimEntry.format(c.tolerance())).append(" | ")
                    .append(c.holds() ? "holds" : "**VIOLATED**").append(" |\n");
        }
        md.append("\n## Claims\n\n");
        for (int i = 0; i < claims.size(); i++) {
            md.append(claims.get(i).toMarkdown(i + 1)).append('\n');
        }
        if (!plots.isEmpty()) {
            md.append("## Plots\n\n");
            for (String p : plots.values()) {
                md.append(p).append('\n');
            }
        }
        for (String p : closing) {
            md.append(p).append("\n\n");
        }
        return md.toString();
    }

    /**
     * Writes {@code dir/report.md} and {@code dir/report-<yyyyMMdd-HHmmss>.md} (UTC start time).
     *
     * @param dir the output directory (created if needed)
     * @return the two files, {@code report.md} first
     * @throws IllegalArgumentException if {@code dir} is null
     * @throws UncheckedIOException if a file cannot be written
     */
    public List<Path> write(Path dir) {
        Arguments.notNull("dir", dir);
        String text = toMarkdown();
        Path report = dir.resolve("report.md");
        Path stamped = dir.resolve("report-" + STAMP.format(started) + ".md");
        Path writing = dir;
        try {
            Files.createDirectories(dir);
            writing = report;
            Files.writeString(report, text, StandardCharsets.UTF_8);
            writing = stamped;
            Files.writeString(stamped, text, StandardCharsets.UTF_8);
            return List.of(report, stamped);
        } catch (IOException e) {
            // (the file's name where a file failed; the directory alone where creating it failed)
            throw new UncheckedIOException("cannot write the report in " + dir
                    + (writing == dir ? "" : " (" + writing.getFileName() + ")") + ": " + Csv.reason(e), e);
        }
    }
}
