package io.seqtune.workers;

import io.seqtune.core.runs.RunRecord;
import io.seqtune.core.runs.RunRecords;
import io.seqtune.workflows.Queues;
import io.seqtune.workflows.pipeline.FineTunePipeline;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts a pipeline run again under its own id and spec, from its run record: the workflow finds
 * the epochs the record lists as finished and the training activity the newest intact checkpoint,
 * so the run carries on where it stopped and ends with the weights an uninterrupted run would have.
 */
public final class RunResumer {
  private final TemporalConnection temporal;
  private final RunRecords records;

  public RunResumer(TemporalConnection temporal, RunRecords records) {
    this.temporal = temporal;
    this.records = records;
  }

  /** Resumes {@code runId}; the message says why not when it cannot be. */
  public RunRecord resume(String runId) {
    RunRecord r = records.find(runId).orElseThrow(() -> new NoSuchRunException(runId));
    if (RunRecord.COMPLETED.equals(r.status())) {
      throw new IllegalArgumentException("run " + runId + " completed: nothing to resume");
    }
    Optional<WorkflowExecutionStatus> state = workflowState(r.workflowId());
    if (state.equals(Optional.of(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING))) {
      throw new IllegalArgumentException("run " + runId + " is running");
    }
    start(r);
    return r;
  }

  /**
   * Runs whose record says RUNNING but which Temporal does not know (its in-memory server was
   * restarted, or the dev stack died): each is started again. Returns the resumed records.
   */
  public List<RunRecord> resumeInterrupted() {
    List<RunRecord> resumed = new ArrayList<>();
    for (RunRecord r : records.all()) {
      if (r.running() && r.spec() != null && workflowState(r.workflowId()).isEmpty()) {
        start(r);
        resumed.add(r);
      }
    }
    return resumed;
  }

  private void start(RunRecord r) {
    temporal
        .client()
        .newUntypedWorkflowStub(
            FineTunePipeline.TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId(r.workflowId())
                .setTaskQueue(Queues.PIPELINE)
                .build())
        .start(r.spec());
  }

  private Optional<WorkflowExecutionStatus> workflowState(String workflowId) {
    return temporal.describe(workflowId).map(d -> d.getWorkflowExecutionInfo().getStatus());
  }
}
