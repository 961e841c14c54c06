package org.deeplinear.examples.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplinear.core.Arguments;
import org.deeplinear.examples.io.Csv;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One line plot of the report, written as a PNG (XChart, headless) with the CSV of every point it draws beside it.
 *
 * <p>The CSV is in long form, one point per line: {@code series,x,y}, with the axis titles in a comment-free
 * header ({@code series,<x title>,<y title>}), numbers as {@link Csv#field(double)} writes them
 * ({@link Double#toString(double)}, or {@code nan}, {@code inf}, {@code -inf}). Points whose x or y is not finite,
 * or whose y is not positive on a logarithmic axis, are left out of the PNG but kept in the CSV.
 *
 * <pre>{@code
 * Plot.titled("Aligned modes", "t", "s_i(t)")   // series drawn in the order added, dashed ones in dark colours
 *         .line("s_1 simulated", t, s1)
 *         .dashed("s_1 logistic law", t, law1)      // added last: drawn over the solid line
 *         .write(outDir, "modes");            // modes.png and modes.csv
 * }</pre>
 *
 * <p>Series are drawn in the order they were added, each over those before it, whatever their style.
 */
public final class Plot {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 560;
    /** Dark colours for dashed lines (laws), so they stand out beside the solid simulated curves. */
    private static final Color[] LAW_COLORS = {Color.BLACK, new Color(90, 90, 90), new Color(140, 30, 30),
        new Color(20, 60, 140)};

    private final String title;
    private final String xTitle;
    private final String yTitle;
    private boolean logY;
    private boolean logX;
    private final List<Series> series = new ArrayList<>();

    private record Series(String name, double[] x, double[] y, Style style) {
    }

    private enum Style { LINE, DASHED, MARKERS }

    private Plot(String title, String xTitle, String yTitle) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    /**
     * Starts a plot.
     *
     * @param title the title drawn above the plot
     * @param xTitle the x axis title (also the CSV's x column name)
     * @param yTitle the y axis title (also the CSV's y column name)
     * @return an empty plot
     */
    public static Plot titled(String title, String xTitle, String yTitle) {
        return new Plot(Arguments.notNull("title", title), Arguments.notNull("xTitle", xTitle),
                Arguments.notNull("yTitle", yTitle));
    }

    /**
     * The title drawn above the plot.
     *
     * @return the title
     */
    public String title() {
        return title;
    }

    /**
     * Draws y on a logarithmic axis.
     *
     * @return this plot
     */
    public Plot logY() {
        this.logY = true;
        return this;
    }

    /**
     * Draws x on a logarithmic axis.
     *
     * @return this plot
     */
    public Plot logX() {
        this.logX = true;
        return this;
    }

    /**
     * Adds a solid line.
     *
     * @param name the legend entry (and the CSV's series column), not yet used in this plot
     * @param x abscissae
     * @param y ordinates, as many as {@code x}
     * @return this plot
     * @throws IllegalArgumentException if an argument is null, the lengths differ or the name is already used
     */
    public Plot line(String name, double[] x, double[] y) {
        return add(name, x, y, Style.LINE);
    }

    /**
     * Adds a dashed line, in a dark colour (the report's laws); drawn over the series added before it and under
     * those added after.
     *
     * @param name the legend entry, not yet used in this plot
     * @param x abscissae
     * @param y ordinates, as many as {@code x}
     * @return this plot
     * @throws IllegalArgumentException if an argument is null, the lengths differ or the name is already used
     */
    public Plot dashed(String name, double[] x, double[] y) {
        return add(name, x, y, Style.DASHED);
    }

    /**
     * Adds points without a line.
     *
     * @param name the legend entry, not yet used in this plot
     * @param x abscissae
     * @param y ordinates, as many as {@code x}
     * @return this plot
     * @throws IllegalArgumentException if an argument is null, the lengths differ or the name is already used
     */
    public Plot markers(String name, double[] x, double[] y) {
        return add(name, x, y, Style.MARKERS);
    }

    private Plot add(String name, double[] x, double[] y, Style style) {
        Arguments.notNull("name", name);
        Arguments.notNull("x", x);
        Arguments.notNull("y", y);
        Arguments.check(x.length == y.length, name + ".y.length", y.length, x.length + " (as many as x)");
        // the legend and the CSV tell series apart by name: XChart refuses a second series of a name at write
        Arguments.check(series.stream().noneMatch(s -> s.name.equals(name)), "name", name,
                "a series name not yet used in this plot");
        series.add(new Series(name, x.clone(), y.clone(), style));
        return this;
    }

    /**
     * Writes {@code dir/name.png} and {@code dir/name.csv}.
     *
     * @param dir the output directory (created if needed)
     * @param name the file name without extension
     * @return the two files written, PNG first
     * @throws IllegalArgumentException if an argument is null or the plot has no series
     * @throws UncheckedIOException if a file cannot be written
     */
    public List<Path> write(Path dir, String name) {
        Arguments.notNull("dir", dir);
        Arguments.notNull("name", name);
        Arguments.check(!series.isEmpty(), "series", 0, "at least one series to plot");
        try {
            Files.createDirectories(dir);
            Path csv = dir.resolve(name + ".csv");
            writeCsv(csv);
            Path png = dir.resolve(name + ".png");
            System.setProperty("java.awt.headless", "true");
            BitmapEncoder.saveBitmap(chart(), png.toString(), BitmapEncoder.BitmapFormat.PNG);
            return List.of(png, csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + name + " in " + dir + ": " + Csv.reason(e), e);
        }
    }

    private XYChart chart() {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setXAxisLogarithmic(logX);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLocale(Locale.ROOT);   // tick labels with a decimal point, whatever the default locale
        chart.getStyler().setXAxisDecimalPattern("0.###");
        if (!logY) {
            chart.getStyler().setYAxisDecimalPattern("0.###");
        }
        int dashedCount = 0;
        for (Series s : series) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < s.x.length; i++) {
                boolean ok = Double.isFinite(s.x[i]) && Double.isFinite(s.y[i]) && (!logY || s.y[i] > 0)
                        && (!logX || s.x[i] > 0);
                if (ok) {
                    xs.add(s.x[i]);
                    ys.add(s.y[i]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries drawn = chart.addSeries(s.name, xs, ys);
            switch (s.style) {
                case LINE:
                    drawn.setMarker(SeriesMarkers.NONE);
                    drawn.setLineStyle(new BasicStroke(2f));
                    break;
                case DASHED:
                    drawn.setMarker(SeriesMarkers.NONE);
                    drawn.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                            new float[] {6f, 4f}, 0f));
                    drawn.setLineColor(LAW_COLORS[dashedCount++ % LAW_COLORS.length]);
                    break;
                default:
                    drawn.setMarker(SeriesMarkers.CIRCLE);
                    drawn.setLineStyle(SeriesLines.NONE);
                    break;
            }
        }
        return chart;
    }

    private void writeCsv(Path csv) throws IOException {
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("series," + csvField(xTitle) + "," + csvField(yTitle) + "\n");
            for (Series s : series) {
                String name = csvField(s.name);
                for (int i = 0; i < s.x.length; i++) {
                    out.write(name + "," + Csv.field(s.x[i]) + "," + Csv.field(s.y[i]) + "\n");
                }
            }
        }
    }

    private static String csvField(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
