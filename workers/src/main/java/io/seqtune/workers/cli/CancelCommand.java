package io.seqtune.workers.cli;

import io.seqtune.core.checkpoint.Checkpoints;
import io.seqtune.core.checkpoint.StoredCheckpoint;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.workers.RunStatus;
import io.seqtune.workers.RunWatcher;
import io.seqtune.workers.TemporalConnection;
import io.seqtune.workflows.pipeline.PipelineResult;
import io.temporal.client.WorkflowStub;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Asks a running pipeline to stop, waits until its epoch has written its checkpoint, and names that
 * checkpoint: {@code seqtune resume} carries on from it.
 */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = {
      "Cancel a running pipeline; its training epoch stops at the next heartbeat and leaves a"
          + " checkpoint, which this prints.",
      "`seqtune resume <runId>` (or starting the same id again) carries on from it."
    })
final class CancelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "Run id (the workflow id `seqtune run` printed).")
  String runId;

  @Option(
      names = "--wait",
      defaultValue = "120",
      description = "Seconds to wait for the run to stop (default ${DEFAULT-VALUE}).")
  int waitSeconds;

  @Override
  public Integer call() {
    try (TemporalConnection temporal = Cli.temporal()) {
      RunStatus before = new RunWatcher(temporal, Cli::findRecord).status(runId);
      if (!"RUNNING".equals(before.status())) {
        spec.commandLine()
            .getErr()
            .println("seqtune: run " + runId + " is " + before.status() + ", not running");
        return 1;
      }
      WorkflowStub stub = temporal.client().newUntypedWorkflowStub(runId);
      stub.cancel();
      try {
        stub.getResult(waitSeconds, TimeUnit.SECONDS, PipelineResult.class);
      } catch (TimeoutException e) {
        spec.commandLine()
            .getErr()
            .println(
                "seqtune: cancel requested; run "
                    + runId
                    + " has not stopped within "
                    + waitSeconds
                    + " s (see `seqtune status "
                    + runId
                    + "`)");
        return 1;
      } catch (RuntimeException cancelled) {
        // The expected end: the run failed with a cancellation.
      }
    }
    try (ObjectStore store = Cli.store()) {
      Optional<StoredCheckpoint> newest =
          new Checkpoints(store)
              .complete(RunWatcher.sanitized(runId)).stream()
                  .max(Comparator.comparingLong(StoredCheckpoint::globalStep));
      System.out.println(
          newest
              .map(
                  c ->
                      "cancelled "
                          + runId
                          + "; newest checkpoint "
                          + c.key()
                          + " (epoch "
                          + c.epoch()
                          + ", step "
                          + c.globalStep()
                          + "): `seqtune resume "
                          + runId
                          + "` carries on from it")
              .orElse("cancelled " + runId + "; it had written no checkpoint yet"));
    }
    return 0;
  }
}
