package io.seqtune.workers;

import io.seqtune.core.training.TrainingProgress;
import io.seqtune.workflows.pipeline.PipelineProgress;
import io.seqtune.workflows.pipeline.PipelineResult;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Optional;

/**
 * Reads a pipeline run's state from the server: the workflow's status, its {@code progress} query,
 * and the running epoch's heartbeat details (step, loss, ETA), which only the server holds.
 */
public final class RunWatcher {
  private final TemporalConnection connection;

  public RunWatcher(TemporalConnection connection) {
    this.connection = connection;
  }

  public RunStatus status(String workflowId) {
    WorkflowClient client = connection.client();
    DescribeWorkflowExecutionResponse d =
        connection
            .service()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(connection.settings().namespace())
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .build());
    WorkflowExecutionStatus state = d.getWorkflowExecutionInfo().getStatus();
    String status = state.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    PipelineProgress p = query(stub);
    Optional<TrainingProgress> beat = heartbeat(d);
    PipelineResult result = null;
    String failure = null;
    if (state == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      result = stub.getResult(PipelineResult.class);
    } else if (state != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      try {
        stub.getResult(PipelineResult.class);
      } catch (RuntimeException e) {
        failure = TemporalConnection.rootMessage(e);
      }
    }
    int attempt =
        d.getPendingActivitiesList().stream()
            .mapToInt(PendingActivityInfo::getAttempt)
            .max()
            .orElse(0);
    return new RunStatus(
        workflowId,
        status,
        p == null ? null : p.stage(),
        beat.map(TrainingProgress::epoch).orElse(p == null ? null : p.epoch()),
        p == null ? null : p.epochs(),
        beat.map(TrainingProgress::step).orElse(p == null ? null : p.step()),
        beat.map(TrainingProgress::batchesDone).orElse(null),
        beat.map(TrainingProgress::batchesInEpoch).orElse(null),
        beat.map(TrainingProgress::loss).orElse(p == null ? null : p.loss()),
        beat.map(TrainingProgress::tokensPerSecond).orElse(null),
        beat.map(TrainingProgress::etaSeconds).orElse(null),
        attempt == 0 ? null : attempt,
        p == null ? null : p.datasetKey(),
        result != null ? result.metrics() : p == null || p.metrics().isEmpty() ? null : p.metrics(),
        result != null ? result.modelVersion() : p == null ? null : p.modelVersion(),
        result != null ? result.weightsSha256() : null,
        result != null ? Boolean.valueOf(result.champion()) : p == null ? null : p.champion(),
        failure);
  }

  private static PipelineProgress query(WorkflowStub stub) {
    try {
      return stub.query("progress", PipelineProgress.class);
    } catch (RuntimeException e) {
      return null; // not started yet, or failed before its first workflow task
    }
  }

  private static Optional<TrainingProgress> heartbeat(DescribeWorkflowExecutionResponse d) {
    return d.getPendingActivitiesList().stream()
        .filter(a -> a.getActivityType().getName().equals("TrainEpoch") && a.hasHeartbeatDetails())
        .findFirst()
        .map(
            a ->
                DefaultDataConverter.newDefaultInstance()
                    .fromPayloads(
                        0,
                        Optional.of(a.getHeartbeatDetails()),
                        TrainingProgress.class,
                        TrainingProgress.class));
  }
}
