package io.seqtune.workers.cli;

import io.seqtune.workers.TemporalConnection;
import io.seqtune.workflows.Queues;
import io.seqtune.workflows.sweep.Sweep;
import io.seqtune.workflows.sweep.SweepResult;
import io.seqtune.workflows.sweep.SweepSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts a {@code Sweep} workflow from a sweep spec and prints its id (the sweep id). */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Start a sweep: a grid of pipelines over base models, sizes, epochs, formats and LoRA ranks.",
      "Prints the sweep id; `seqtune report <sweepId> --out DIR` fetches its table and plots once done."
    })
final class SweepCommand implements Callable<Integer> {
  @Option(
      names = "--spec",
      required = true,
      description =
          "Sweep spec JSON: {\"base\":{pipeline spec},\"models\":[...],"
              + "\"sizes\":[...],\"epochs\":[...],\"formats\":[...],\"loraRanks\":[0,8],\"concurrency\":2}.")
  Path specFile;

  @Option(
      names = "--wait",
      description = "Wait for the sweep and print one line per cell, then the report's location.")
  boolean await;

  @Override
  public Integer call() throws Exception {
    SweepSpec spec = Cli.readSpec(specFile, SweepSpec.class);
    String id =
        spec.sweepId() != null
            ? spec.sweepId()
            : "sweep-" + UUID.randomUUID().toString().substring(0, 8);
    int cells =
        spec.withSweepId(id)
            .withDefaults()
            .validate()
            .cells(id)
            .size(); // refuse a bad spec before starting
    try (TemporalConnection temporal = Cli.temporal()) {
      Sweep sweep =
          temporal
              .client()
              .newWorkflowStub(
                  Sweep.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(id)
                      .setTaskQueue(Queues.PIPELINE)
                      .build());
      WorkflowClient.start(sweep::run, spec.withSweepId(id));
      System.out.println(id);
      System.err.println(cells + " cells started as child workflows " + id + "-<cell>");
      if (await) {
        SweepResult result =
            temporal.client().newUntypedWorkflowStub(id).getResult(SweepResult.class);
        result
            .cells()
            .forEach(
                c ->
                    System.out.println(
                        c.cell().id()
                            + "  "
                            + (c.completed()
                                ? "completed " + c.metrics()
                                : "FAILED " + c.failure())));
        System.out.println(
            "report in " + result.report().prefix() + ": seqtune report " + id + " --out DIR");
      }
    }
    return 0;
  }
}
