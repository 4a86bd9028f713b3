package io.seqtune.workers.cli;

import io.seqtune.core.runs.RunRecord;
import io.seqtune.core.runs.RunRecords;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.workers.RunResumer;
import io.seqtune.workers.TemporalConnection;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Starts a cancelled, failed or interrupted run again; it carries on from its checkpoints. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = {
      "Carry on a cancelled, failed or interrupted run from its newest intact checkpoint, under"
          + " the same id and spec (from its run record).",
      "Starting the same id again with `seqtune run --id` does the same."
    })
final class ResumeCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "Run id.")
  String runId;

  @Override
  public Integer call() {
    try (ObjectStore store = Cli.store();
        TemporalConnection temporal = Cli.temporal()) {
      RunRecord r = new RunResumer(temporal, new RunRecords(store)).resume(runId);
      List<RunRecord.Checkpoint> checkpoints =
          r.checkpoints() == null ? List.of() : r.checkpoints();
      System.out.println(
          "resumed "
              + runId
              + (checkpoints.isEmpty()
                  ? " from the start (it had no checkpoint)"
                  : " from its newest intact checkpoint (newest recorded: "
                      + checkpoints.get(0).key()
                      + ", epoch "
                      + checkpoints.get(0).epoch()
                      + ", step "
                      + checkpoints.get(0).step()
                      + ")"));
    }
    return 0;
  }
}
