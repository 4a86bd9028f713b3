package io.seqtune.workers;

import io.seqtune.core.runs.RunOutcome;
import io.seqtune.core.runs.RunRecord;
import io.seqtune.core.runs.RunRecords;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.util.Optional;

/**
 * Ends the records of runs that the server closed without their workflow writing the end: a run
 * terminated in Temporal ({@code temporal workflow terminate}) or past its execution timeout runs
 * no more of its code, so its record would say RUNNING for ever. A run the server does not know (a
 * restarted dev server) keeps its RUNNING record: {@link RunResumer} starts those again.
 */
public final class RunSettler {
  private final TemporalConnection temporal;
  private final RunRecords records;

  public RunSettler(TemporalConnection temporal, RunRecords records) {
    this.temporal = temporal;
    this.records = records;
  }

  /**
   * The record as it should read: a RUNNING record whose workflow the server reports closed takes
   * the server's status (TERMINATED, TIMED_OUT, FAILED, CANCELED or COMPLETED) and failure, stored;
   * any other record as it is.
   */
  public RunRecord settle(RunRecord r) {
    if (!r.running()) {
      return r;
    }
    Optional<WorkflowExecutionStatus> state =
        temporal.describe(r.workflowId()).map(d -> d.getWorkflowExecutionInfo().getStatus());
    if (state.isEmpty()
        || state.get() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
        || state.get() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
      return r;
    }
    String failure =
        TemporalConnection.failure(temporal.client().newUntypedWorkflowStub(r.workflowId()));
    records.ended(
        r.runId(),
        new RunOutcome(
            TemporalConnection.statusName(state.get()),
            failure,
            null,
            null,
            null,
            null,
            null,
            null));
    return records.find(r.runId()).orElse(r);
  }
}
