package io.seqtune.core.report;

import io.seqtune.core.WorkerContext;
import io.seqtune.core.store.StoreLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code sweeps/<sweepId>/results.csv}, {@code results.md} and the plots as one stored
 * directory (manifest last), so {@code seqtune report} fetches all of it or nothing. Rewriting the
 * same sweep's report on a retry replaces it.
 */
public final class SweepReportWriter {
  public static final String CSV = "results.csv";
  public static final String MARKDOWN = "results.md";

  private final WorkerContext context;

  public SweepReportWriter(WorkerContext context) {
    this.context = context;
  }

  /** {@code work} is this attempt's scratch directory. */
  public SweepReport write(SweepReportInput in, Path work) {
    Path dir = work.resolve("report");
    try {
      Files.createDirectories(dir);
      SweepTable table = new SweepTable(in.cells());
      SweepPlots plots = new SweepPlots(in.metric(), in.cells());
      List<String> plotFiles = plots.hasData() ? plots.write(dir) : List.of();
      Files.writeString(dir.resolve(CSV), table.csv(), StandardCharsets.UTF_8);
      Files.writeString(
          dir.resolve(MARKDOWN), markdown(in, table, plotFiles), StandardCharsets.UTF_8);
      String prefix = StoreLayout.sweep(in.sweepId());
      context
          .store()
          .uploadDirectory(prefix, dir, Map.of("kind", "sweep-report", "sweepId", in.sweepId()));
      List<String> keys = new ArrayList<>(List.of(prefix + CSV, prefix + MARKDOWN));
      plotFiles.forEach(f -> keys.add(prefix + f));
      return new SweepReport(prefix, keys);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report of sweep " + in.sweepId(), e);
    }
  }

  private static String markdown(SweepReportInput in, SweepTable table, List<String> plotFiles) {
    long completed = in.cells().stream().filter(CellOutcome::completed).count();
    StringBuilder md =
        new StringBuilder("# Sweep " + in.sweepId() + "\n\n")
            .append("Task `")
            .append(in.task())
            .append("`, plotted metric `")
            .append(in.metric())
            .append("`: ")
            .append(completed)
            .append(" of ")
            .append(in.cells().size())
            .append(" cells completed.\n\n")
            .append(table.markdown())
            .append('\n');
    if (plotFiles.isEmpty()) {
      md.append("No plots: no completed cell measured ").append(in.metric()).append(".\n");
    }
    plotFiles.forEach(
        f ->
            md.append("![")
                .append(f.replace(".png", "").replace('_', ' '))
                .append("](")
                .append(f)
                .append(")\n\n"));
    return md.toString();
  }
}
