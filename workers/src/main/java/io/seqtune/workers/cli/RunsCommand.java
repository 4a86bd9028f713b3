package io.seqtune.workers.cli;

import io.seqtune.core.runs.RunRecord;
import io.seqtune.core.runs.RunRecords;
import io.seqtune.core.store.ObjectStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the runs the object store holds records of, newest first. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = {
      "List pipeline runs, newest first, from their records in the object store (S3_ENDPOINT):"
          + " on the embedded stack and on a cluster alike, and after a restart of either."
    })
final class RunsCommand implements Callable<Integer> {
  @Option(
      names = "--status",
      description = "Only runs with this status: RUNNING, COMPLETED, FAILED, CANCELED.")
  String status;

  @Option(names = "--task", description = "Only runs of this task.")
  String task;

  @Option(names = "--json", description = "One JSON record per line.")
  boolean json;

  @Override
  public Integer call() {
    try (ObjectStore store = Cli.store()) {
      List<RunRecord> runs =
          new RunRecords(store)
              .all().stream()
                  .filter(r -> status == null || status.equalsIgnoreCase(r.status()))
                  .filter(r -> task == null || task.equals(r.task()))
                  .toList();
      if (runs.isEmpty() && !json) {
        System.out.println("no runs" + (status != null || task != null ? " match" : " yet"));
      }
      for (RunRecord r : runs) {
        System.out.println(json ? Cli.json(r) : line(r));
      }
    }
    return 0;
  }

  private static String line(RunRecord r) {
    String metric =
        r.keyMetric() != null && r.metrics() != null && r.metrics().get(r.keyMetric()) != null
            ? String.format("%s=%.3f", r.keyMetric(), r.metrics().get(r.keyMetric()))
            : "";
    return String.format(
        "%-36s %-9s %-10s %-13s epoch %s/%s  loss %s  %s  %s",
        r.runId(),
        r.status(),
        r.stage(),
        r.task(),
        r.epoch() == null ? "-" : r.epoch(),
        r.epochs() == null ? "-" : r.epochs(),
        r.loss() == null ? "-" : String.format("%.4f", r.loss()),
        r.created() == null ? "" : r.created(),
        metric);
  }
}
