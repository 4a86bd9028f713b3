package io.seqtune.workers.schedule;

import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.workflows.Queues;
import io.seqtune.workflows.pipeline.FineTunePipeline;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Instant;

/**
 * Starts the pipeline for one fire of a schedule. The workflow id is derived from the schedule and
 * the fire's scheduled time and may never be reused, so Temporal itself refuses a second start of
 * the same fire (two scheduler processes, a recovered fire); the run id, and so the model version,
 * is that workflow id.
 */
public final class RetrainingLauncher {
  private final WorkflowClient client;

  public RetrainingLauncher(WorkflowClient client) {
    this.client = client;
  }

  public static String workflowId(String schedule, Instant scheduledFireTime) {
    return "sched-" + schedule + "-" + scheduledFireTime.toEpochMilli();
  }

  public Launch launch(
      String schedule, PipelineSpec spec, Instant scheduledFireTime, String previousWorkflowId) {
    String id = workflowId(schedule, scheduledFireTime);
    if (previousWorkflowId != null
        && !previousWorkflowId.equals(id)
        && isRunning(previousWorkflowId)) {
      return new Launch(
          id, Launch.Outcome.PREVIOUS_STILL_RUNNING, previousWorkflowId + " is still running");
    }
    FineTunePipeline pipeline =
        client.newWorkflowStub(
            FineTunePipeline.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(Queues.PIPELINE)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(pipeline::run, spec.withRunId(id));
      return new Launch(id, Launch.Outcome.STARTED, "started");
    } catch (WorkflowExecutionAlreadyStarted e) {
      return new Launch(
          id, Launch.Outcome.ALREADY_STARTED, "a run for this fire time already exists");
    }
  }

  private boolean isRunning(String workflowId) {
    try {
      return client.newUntypedWorkflowStub(workflowId).describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false; // the server forgot it (retention, a restarted dev server)
    }
  }
}
