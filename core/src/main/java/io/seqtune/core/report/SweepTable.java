package io.seqtune.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/** The results table of a sweep, one row per cell, as CSV and as Markdown. */
public final class SweepTable {
  private final List<String> header = new ArrayList<>();
  private final List<List<String>> rows = new ArrayList<>();

  public SweepTable(List<CellOutcome> cells) {
    TreeSet<String> metricNames = new TreeSet<>();
    cells.forEach(c -> metricNames.addAll(c.metrics().keySet()));
    header.addAll(List.of("cell", "model", "size", "epochs", "format", "tuning", "status"));
    header.addAll(metricNames);
    header.addAll(List.of("final_train_loss", "model_version", "workflow_id", "failure"));
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
