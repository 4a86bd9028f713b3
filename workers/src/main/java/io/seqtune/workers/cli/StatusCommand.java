package io.seqtune.workers.cli;

import io.seqtune.workers.RunStatus;
import io.seqtune.workers.RunWatcher;
import io.seqtune.workers.TemporalConnection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Prints a run's progress: stage, epoch, step, loss, metrics, and once finished its model version.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the progress of a pipeline run.")
final class StatusCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "Run id (the workflow id `seqtune run` printed).")
  String workflowId;

  @Option(names = "--json", description = "One JSON object.")
  boolean json;

  @Override
  public Integer call() {
    try (TemporalConnection temporal = Cli.temporal()) {
      RunStatus s =
          new RunWatcher(temporal, id -> Cli.findSettledRecord(temporal, id)).status(workflowId);
      if (json) {
        System.out.println(Cli.json(s));
        return 0;
      }
      System.out.printf(
          "%s  %s  stage=%s  epoch=%s/%s  step=%s  loss=%s%n",
          s.workflowId(),
          s.status(),
          s.stage(),
          s.epoch(),
          s.epochs(),
          s.step(),
          s.loss() == null || s.loss().isNaN() ? "-" : String.format("%.4f", s.loss()));
      if (s.batchesInEpoch() != null && s.batchesInEpoch() > 0) {
        System.out.printf(
            "  epoch progress %d/%d batches, %.0f tokens/s, %s, attempt %s%n",
            s.batchesDone(),
            s.batchesInEpoch(),
            s.tokensPerSecond(),
            s.etaSeconds() == null
                ? "ETA unknown"
                : "ETA " + duration(s.etaSeconds()) + " for the run's remaining training",
            s.attempt());
      }
      if (s.checkpoint() != null) {
        System.out.println("  checkpoint " + s.checkpoint());
      }
      if (s.metrics() != null) {
        System.out.println("  metrics " + s.metrics());
      }
      if (s.modelVersion() != null) {
        System.out.println(
            "  model "
                + s.modelVersion()
                + (Boolean.TRUE.equals(s.champion()) ? " (champion)" : "")
                + (s.weightsSha256() == null ? "" : " sha256 " + s.weightsSha256()));
      }
      if (s.failure() != null) {
        System.out.println("  failure: " + s.failure());
      }
    }
    return 0;
  }

  static String duration(long seconds) {
    return seconds >= 3600
        ? String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60)
        : seconds >= 60 ? String.format("%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
  }
}
