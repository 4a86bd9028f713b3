package io.seqtune.workers.cli;

import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.workers.TemporalConnection;
import io.seqtune.workflows.Queues;
import io.seqtune.workflows.pipeline.FineTunePipeline;
import io.seqtune.workflows.pipeline.PipelineResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts a pipeline on a running stack (TEMPORAL_ADDRESS) and prints its workflow id. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Start a FineTunePipeline from a spec file on a running stack; prints the workflow id.")
final class RunCommand implements Callable<Integer> {
  @Option(
      names = "--spec",
      required = true,
      description = "Pipeline spec JSON (see `seqtune spec`).")
  Path specFile;

  @Option(
      names = "--id",
      description =
          "Workflow id (default: a new unique one). Starting an id that is running is refused.")
  String workflowId;

  @Option(
      names = "--wait",
      description = "Wait for the run to finish and print its result as JSON.")
  boolean await;

  @Override
  public Integer call() throws Exception {
    PipelineSpec spec = Cli.readPipelineSpec(specFile);
    String id = workflowId != null ? workflowId : "seqtune-" + UUID.randomUUID();
    try (TemporalConnection temporal = Cli.temporal()) {
      FineTunePipeline pipeline =
          temporal
              .client()
              .newWorkflowStub(
                  FineTunePipeline.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(id)
                      .setTaskQueue(Queues.PIPELINE)
                      .build());
      WorkflowClient.start(pipeline::run, spec);
      System.out.println(id);
      if (await) {
        PipelineResult result =
            temporal.client().newUntypedWorkflowStub(id).getResult(PipelineResult.class);
        System.out.println(Cli.json(result));
      }
    }
    return 0;
  }
}
