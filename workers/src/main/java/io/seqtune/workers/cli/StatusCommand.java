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
  @Parameters(index = "0", description = "Workflow id (printed by `seqtune run`).")
  String workflowId;

  @Option(names = "--json", description = "One JSON object.")
  boolean json;

  @Override
  public Integer call() {
    try (TemporalConnection temporal = Cli.temporal()) {
      RunStatus s = new RunWatcher(temporal).status(workflowId);
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
          s.loss() == null ? "-" : String.format("%.4f", s.loss()));
      if (s.batchesInEpoch() != null) {
        System.out.printf(
            "  epoch progress %d/%d batches, %.0f tokens/s, ETA %ds, attempt %s%n",
            s.batchesDone(), s.batchesInEpoch(), s.tokensPerSecond(), s.etaSeconds(), s.attempt());
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
}
