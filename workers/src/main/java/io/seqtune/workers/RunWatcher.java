package io.seqtune.workers;

import io.seqtune.core.runs.RunRecord;
import io.seqtune.core.training.TrainingProgress;
import io.seqtune.workflows.pipeline.PipelineProgress;
import io.seqtune.workflows.pipeline.PipelineResult;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a pipeline run's state from the server: the workflow's status, its {@code progress} query,
 * and the running epoch's heartbeat details (step, loss, speed), which only the server holds.
 */
public final class RunWatcher {
  /**
   * The activities whose heartbeats carry training progress: fine-tuning and pretraining epochs.
   */
  private static final List<String> TRAINING_ACTIVITIES = List.of("TrainEpoch", "PretrainEpoch");

  private final TemporalConnection connection;
  private final Function<String, Optional<RunRecord>> records;

  /**
   * {@code records} looks up a run record by run id; it is asked only about runs that are not
   * running (a running one's freshest numbers are on the server).
   */
  public RunWatcher(TemporalConnection connection, Function<String, Optional<RunRecord>> records) {
    this.connection = connection;
    this.records = records;
  }

  /**
   * The run's state. A run the server does not know (a restarted dev server) is answered from its
   * record; throws {@link NoSuchRunException} when neither knows it.
   */
  public RunStatus status(String workflowId) {
    Optional<DescribeWorkflowExecutionResponse> described = connection.describe(workflowId);
    if (described.isEmpty()) {
      return records
          .apply(sanitized(workflowId))
          .map(r -> fromRecord(workflowId, r))
          .orElseThrow(() -> new NoSuchRunException(workflowId));
    }
    DescribeWorkflowExecutionResponse d = described.get();
    WorkflowExecutionStatus state = d.getWorkflowExecutionInfo().getStatus();
    String status = TemporalConnection.statusName(state);
    WorkflowStub stub = connection.client().newUntypedWorkflowStub(workflowId);
    boolean running = state == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    // A closed run's record says what its query would, without the worker replaying its history.
    Optional<RunRecord> record = running ? Optional.empty() : records.apply(sanitized(workflowId));
    PipelineProgress p = record.isPresent() ? null : query(stub);
    Optional<TrainingProgress> beat = running ? heartbeat(d) : Optional.empty();
    PipelineResult result = null;
    String failure = null;
    if (state == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      result = stub.getResult(PipelineResult.class);
    } else if (!running) {
      failure = TemporalConnection.failure(stub);
    }
    int attempt =
        d.getPendingActivitiesList().stream()
            .mapToInt(PendingActivityInfo::getAttempt)
            .max()
            .orElse(0);
    // The heartbeat is fresher than the query only once its attempt has taken a step.
    boolean fromBeat = beat.isPresent() && beat.get().step() > (p == null ? 0 : p.step());
    TrainingProgress b = fromBeat ? beat.get() : null;
    List<String> checkpoints = p == null ? List.of() : p.checkpoints();
    String checkpoint =
        b != null && b.checkpointKey() != null
            ? b.checkpointKey()
            : checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
    RunStatus live =
        new RunStatus(
            workflowId,
            status,
            p == null ? null : p.stage(),
            b != null ? Integer.valueOf(b.epoch()) : p == null ? null : p.epoch(),
            p == null ? null : p.epochs(),
            b != null ? Long.valueOf(b.step()) : p == null ? null : p.step(),
            b == null ? null : b.batchesDone(),
            b == null ? null : b.batchesInEpoch(),
            b != null ? Double.valueOf(b.loss()) : p == null ? null : p.loss(),
            b == null ? null : b.tokensPerSecond(),
            b == null || p == null ? null : runEtaSeconds(b, p.epochs()),
            b != null ? "heartbeat" : p != null ? "query" : null,
            attempt == 0 ? null : attempt,
            p == null ? null : p.datasetKey(),
            checkpoint,
            result != null
                ? result.metrics()
                : p == null || p.metrics().isEmpty() ? null : p.metrics(),
            result != null ? result.modelVersion() : p == null ? null : p.modelVersion(),
            result != null ? result.weightsSha256() : null,
            result != null ? Boolean.valueOf(result.champion()) : p == null ? null : p.champion(),
            failure);
    if (running) {
      return live;
    }
    return record.map(r -> withRecord(live, r)).orElse(live);
  }

  /**
   * A closed run's status: the server's status, result and failure, the rest from its record (which
   * alone knows the checkpoint a cancelled epoch left).
   */
  private static RunStatus withRecord(RunStatus s, RunRecord r) {
    RunStatus fromRecord = fromRecord(s.workflowId(), r);
    return new RunStatus(
        s.workflowId(),
        s.status(),
        fromRecord.stage(),
        fromRecord.epoch(),
        fromRecord.epochs(),
        fromRecord.step(),
        null,
        null,
        fromRecord.loss(),
        null,
        null,
        "record",
        s.attempt(),
        fromRecord.datasetKey(),
        fromRecord.checkpoint(),
        s.metrics() != null ? s.metrics() : fromRecord.metrics(),
        s.modelVersion() != null ? s.modelVersion() : fromRecord.modelVersion(),
        s.weightsSha256(),
        s.champion() != null ? s.champion() : fromRecord.champion(),
        s.failure() != null ? s.failure() : fromRecord.failure());
  }

  private static RunStatus fromRecord(String workflowId, RunRecord r) {
    return new RunStatus(
        workflowId,
        r.status(),
        r.stage(),
        r.epoch(),
        r.epochs(),
        r.step(),
        null,
        null,
        r.loss(),
        r.tokensPerSecond(),
        null,
        "record",
        null,
        r.datasetKey(),
        newest(r).orElse(null),
        r.metrics(),
        r.modelVersion(),
        null,
        r.champion(),
        r.error());
  }

  private static Optional<String> newest(RunRecord r) {
    return r.checkpoints() == null
        ? Optional.empty()
        : r.checkpoints().stream()
            .max(Comparator.comparingLong(RunRecord.Checkpoint::step))
            .map(RunRecord.Checkpoint::key);
  }

  /** The run id a workflow id stores its artifacts under when its spec names none. */
  public static String sanitized(String workflowId) {
    return workflowId.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /**
   * Training time left for the whole run: the epoch's remaining batches and every later epoch's, at
   * the attempt's measured pace ({@code etaSeconds} of the heartbeat covers the epoch only).
   */
  static Long runEtaSeconds(TrainingProgress b, int epochs) {
    int left = b.batchesInEpoch() - b.batchesDone();
    if (left <= 0 || b.etaSeconds() <= 0) {
      return null;
    }
    double perBatch = (double) b.etaSeconds() / left;
    long batches = left + (long) Math.max(0, epochs - b.epoch()) * b.batchesInEpoch();
    return Math.round(perBatch * batches);
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
        .filter(a -> TRAINING_ACTIVITIES.contains(a.getActivityType().getName()))
        .filter(PendingActivityInfo::hasHeartbeatDetails)
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
