package io.seqtune.workers.cli;

import io.seqtune.core.store.ArtifactManifest;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Downloads a finished sweep's results table and plots from the object store, each file checked
 * against its manifest.
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

  @Override
  public Integer call() {
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
    return 0;
  }
}
