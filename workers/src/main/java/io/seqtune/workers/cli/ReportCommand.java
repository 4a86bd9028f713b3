package io.seqtune.workers.cli;

import io.seqtune.core.report.CellOutcome;
import io.seqtune.core.report.SweepPlots;
import io.seqtune.core.report.SweepReportWriter;
import io.seqtune.core.report.SweepTable;
import io.seqtune.core.store.ArtifactManifest;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Downloads a finished sweep's results table and plots from the object store, each file checked
 * against its manifest; {@code --metric} plots the stored table again for another metric.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Fetch a sweep's report (results.csv, results.md, PNG plots) from S3_ENDPOINT.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "Sweep id (printed by `seqtune sweep`).")
  String sweepId;

  @Option(names = "--out", required = true, description = "Directory to write the files into.")
  Path out;

  @Option(
      names = "--metric",
      description =
          "Also plot this metric of the table (e.g. verified_coverage, val_loss, exact_match) as"
              + " <metric>_vs_epochs.png, <metric>_vs_size.png and <metric>_by_format.png.")
  String metric;

  @Override
  public Integer call() throws IOException {
    try (ObjectStore store = Cli.store()) {
      String prefix = StoreLayout.sweep(sweepId);
      if (store.manifest(prefix).isEmpty()) {
        throw new IllegalArgumentException(
            "sweep "
                + sweepId
                + " has no report in "
                + store.uri(prefix)
                + " (still running, or a wrong id)");
      }
      ArtifactManifest manifest = store.downloadDirectory(prefix, out);
      manifest.files().keySet().forEach(f -> System.out.println(out.resolve(f)));
    }
    if (metric != null) {
      List<CellOutcome> cells =
          SweepTable.read(Files.readString(out.resolve(SweepReportWriter.CSV)));
      SweepPlots plots = new SweepPlots(metric, cells);
      if (!plots.hasData()) {
        throw new IllegalArgumentException(
            "no completed cell of sweep " + sweepId + " has the metric " + metric);
      }
      plots.write(out, metric).forEach(f -> System.out.println(out.resolve(f)));
    }
    return 0;
  }
}
