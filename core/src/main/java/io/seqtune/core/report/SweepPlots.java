package io.seqtune.core.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The sweep's PNG plots of one metric: against epochs and against training-set size (a line per
 * model and tuning mode), and by instruction format (bars). Where cells differ on other axes the
 * point is their mean. Only completed cells are plotted.
 */
public final class SweepPlots {
  public static final String BY_EPOCHS = "accuracy_vs_epochs.png";
  public static final String BY_SIZE = "accuracy_vs_size.png";
  public static final String BY_FORMAT = "accuracy_by_format.png";

  static {
    System.setProperty("java.awt.headless", "true"); // a worker has no display
  }

  private final String metric;
  private final List<CellOutcome> measured;

  public SweepPlots(String metric, List<CellOutcome> cells) {
    this.metric = metric;
    this.measured =
        cells.stream().filter(c -> c.completed() && c.metrics().get(metric) != null).toList();
  }

  /** Whether any cell has the metric; without one there is nothing to plot. */
  public boolean hasData() {
    return !measured.isEmpty();
  }

  /** Writes the three PNGs into {@code dir} and returns their file names. */
  public List<String> write(Path dir) {
    return write(dir, "accuracy");
  }

  /**
   * Writes the three PNGs into {@code dir} as {@code <stem>_vs_epochs.png}, {@code
   * <stem>_vs_size.png} and {@code <stem>_by_format.png}, and returns their file names.
   */
  public List<String> write(Path dir, String stem) {
    XYChart epochs = line("by epochs", "epochs");
    series(GridCell::epochs)
        .forEach(
            (name, points) ->
                epochs.addSeries(
                    name, new ArrayList<>(points.keySet()), new ArrayList<>(points.values())));
    XYChart sizes = line("by training-set size", "training examples");
    series(GridCell::size)
        .forEach(
            (name, points) ->
                sizes.addSeries(
                    name, new ArrayList<>(points.keySet()), new ArrayList<>(points.values())));
    CategoryChart formats =
        new CategoryChartBuilder()
            .width(800)
            .height(500)
            .title(metric + " by instruction format")
            .xAxisTitle("format")
            .yAxisTitle(metric)
            .build();
    List<String> allFormats =
        new ArrayList<>(new TreeSet<>(measured.stream().map(c -> c.cell().format()).toList()));
    series(GridCell::format)
        .forEach(
            (name, points) ->
                formats.addSeries(
                    name,
                    allFormats,
                    allFormats.stream().map(f -> (Number) points.get(f)).toList()));
    List<String> names =
        List.of(stem + "_vs_epochs.png", stem + "_vs_size.png", stem + "_by_format.png");
    save(epochs, dir.resolve(names.get(0)));
    save(sizes, dir.resolve(names.get(1)));
    save(formats, dir.resolve(names.get(2)));
    return names;
  }

  private XYChart line(String what, String xTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title(metric + " " + what)
            .xAxisTitle(xTitle)
            .yAxisTitle(metric)
            .build();
    chart.getStyler().setYAxisMin(0.0);
    return chart;
  }

  /** For each model and tuning mode, the mean metric at each value of {@code x}, in order of x. */
  private <X extends Comparable<X>> Map<String, TreeMap<X, Double>> series(
      Function<GridCell, X> x) {
    Map<String, Map<X, List<Double>>> values = new LinkedHashMap<>();
    for (CellOutcome c : measured) {
      values
          .computeIfAbsent(label(c.cell()), k -> new TreeMap<>())
          .computeIfAbsent(x.apply(c.cell()), k -> new ArrayList<>())
          .add(c.metrics().get(metric));
    }
    Map<String, TreeMap<X, Double>> means = new LinkedHashMap<>();
    values.forEach(
        (name, byX) -> {
          TreeMap<X, Double> points = new TreeMap<>();
          byX.forEach(
              (k, v) ->
                  points.put(
                      k, v.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
          means.put(name, points);
        });
    return means;
  }

  private static String label(GridCell c) {
    String model = Path.of(c.model()).getFileName().toString();
    return c.loraRank() == 0 ? model : model + " " + c.tuning();
  }

  private static void save(Chart<?, ?> chart, Path file) {
    try {
      Files.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render " + file.getFileName(), e);
    }
  }
}
