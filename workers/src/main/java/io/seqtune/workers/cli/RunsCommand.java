package io.seqtune.workers.cli;

import io.seqtune.core.runs.RunRecord;
import io.seqtune.core.runs.RunRecords;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.workers.RunSettler;
import io.seqtune.workers.TemporalConnection;
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
          + " Runs recorded as RUNNING are checked with Temporal (TEMPORAL_ADDRESS): one it"
          + " terminated or timed out is recorded so."
    })
final class RunsCommand implements Callable<Integer> {
  @Option(
      names = "--status",
      description =
          "Only runs with this status: RUNNING, COMPLETED, FAILED, CANCELED, TERMINATED,"
              + " TIMED_OUT.")
  String status;

  @Option(names = "--task", description = "Only runs of this task.")
  String task;

  @Option(names = "--json", description = "One JSON record per line.")
  boolean json;

  @Override
  public Integer call() {
    try (ObjectStore store = Cli.store()) {
      RunRecords records = new RunRecords(store);
      List<RunRecord> runs =
          settled(records, records.all()).stream()
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

  /**
   * The records with those still RUNNING checked against the server (see {@link RunSettler}); when
   * it cannot be reached they are listed as recorded, with a note.
   */
  private static List<RunRecord> settled(RunRecords records, List<RunRecord> all) {
    if (all.stream().noneMatch(RunRecord::running)) {
      return all;
    }
    try (TemporalConnection temporal = Cli.temporal()) {
      RunSettler settler = new RunSettler(temporal, records);
      return all.stream().map(settler::settle).toList();
    } catch (TemporalConnection.UnreachableException e) {
      System.err.println("seqtune: RUNNING is what the records say; " + e.getMessage());
      return all;
    }
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
