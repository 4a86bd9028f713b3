package io.seqtune.core.report;

import io.seqtune.text.Csv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/** The results table of a sweep, one row per cell, as CSV and as Markdown. */
public final class SweepTable {
  private static final List<String> GRID =
      List.of("cell", "model", "size", "epochs", "format", "tuning", "status");
  private static final List<String> TRAILER =
      List.of("final_train_loss", "model_version", "workflow_id", "failure");

  private final List<String> header = new ArrayList<>();
  private final List<List<String>> rows = new ArrayList<>();

  public SweepTable(List<CellOutcome> cells) {
    TreeSet<String> metricNames = new TreeSet<>();
    cells.forEach(c -> metricNames.addAll(c.metrics().keySet()));
    header.addAll(GRID);
    header.addAll(metricNames);
    header.addAll(TRAILER);
    for (CellOutcome c : cells) {
      GridCell g = c.cell();
      List<String> row =
          new ArrayList<>(
              List.of(
                  g.id(),
                  g.model(),
                  String.valueOf(g.size()),
                  String.valueOf(g.epochs()),
                  g.format(),
                  g.tuning(),
                  c.completed() ? "completed" : "failed"));
      metricNames.forEach(m -> row.add(number(c.metrics().get(m))));
      row.addAll(
          List.of(
              number(c.finalTrainLoss()),
              text(c.modelVersion()),
              g.workflowId(),
              text(c.failure())));
      rows.add(row);
    }
  }

  /**
   * The cells of a stored {@code results.csv}, as {@link #csv()} wrote them: what {@code seqtune
   * report --metric} plots again without the workers.
   *
   * @throws IllegalArgumentException when the text is not a sweep results table
   */
  public static List<CellOutcome> read(String csv) {
    List<List<String>> records = Csv.parse(csv);
    if (records.isEmpty()
        || records.get(0).size() < GRID.size() + TRAILER.size()
        || !records.get(0).subList(0, GRID.size()).equals(GRID)) {
      throw new IllegalArgumentException(
          "not a sweep results table: the header must start with " + String.join(",", GRID));
    }
    List<String> head = records.get(0);
    int metricsEnd = head.size() - TRAILER.size();
    List<CellOutcome> cells = new ArrayList<>();
    for (List<String> r : records.subList(1, records.size())) {
      if (r.size() != head.size()) {
        throw new IllegalArgumentException(
            "sweep results row "
                + (cells.size() + 1)
                + " has "
                + r.size()
                + " fields, not "
                + head.size());
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (int i = GRID.size(); i < metricsEnd; i++) {
        if (!r.get(i).isEmpty()) {
          metrics.put(head.get(i), Double.valueOf(r.get(i)));
        }
      }
      String tuning = r.get(5);
      int rank = tuning.startsWith("lora-r") ? Integer.parseInt(tuning.substring(6)) : 0;
      GridCell cell =
          new GridCell(
              r.get(0),
              r.get(metricsEnd + 2),
              r.get(1),
              Integer.parseInt(r.get(2)),
              Integer.parseInt(r.get(3)),
              r.get(4),
              rank);
      cells.add(
          new CellOutcome(
              cell,
              "completed".equals(r.get(6)),
              metrics,
              r.get(metricsEnd).isEmpty() ? null : Double.valueOf(r.get(metricsEnd)),
              r.get(metricsEnd + 1).isEmpty() ? null : r.get(metricsEnd + 1),
              r.get(metricsEnd + 3).isEmpty() ? null : r.get(metricsEnd + 3)));
    }
    return cells;
  }

  public String csv() {
    return render(SweepTable::csvField, ",", "", "", false);
  }

  public String markdown() {
    return render(SweepTable::markdownField, " | ", "| ", " |", true);
  }

  private String render(
      Function<String, String> field, String separator, String start, String end, boolean rule) {
    StringBuilder out = new StringBuilder();
    List<List<String>> lines = new ArrayList<>();
    lines.add(header);
    if (rule) {
      lines.add(header.stream().map(h -> "---").toList());
    }
    lines.addAll(rows);
    for (List<String> line : lines) {
      out.append(start)
          .append(String.join(separator, line.stream().map(field).toList()))
          .append(end)
          .append('\n');
    }
    return out.toString();
  }

  private static String number(Double value) {
    return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static String csvField(String value) {
    return value.contains(",") || value.contains("\"") || value.contains("\n")
        ? "\"" + value.replace("\"", "\"\"") + "\""
        : value;
  }

  private static String markdownField(String value) {
    return value.replace("|", "\\|").replace("\n", " ");
  }
}
