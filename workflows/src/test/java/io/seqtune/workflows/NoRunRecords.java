package io.seqtune.workflows;

import io.seqtune.activities.runs.RunRecordActivities;
import io.seqtune.core.runs.RunOutcome;
import io.seqtune.core.runs.RunRecord;
import io.seqtune.core.runs.RunStart;
import io.seqtune.core.runs.RunStarted;
import java.util.List;

/** A run-record activity double for workflow tests: writes nothing, and every run is new. */
public final class NoRunRecords implements RunRecordActivities {
  @Override
  public RunStart started(RunStarted run) {
    return new RunStart(List.of());
  }

  @Override
  public void rejected(String runId, String workflowId, String error) {}

  @Override
  public void stage(String runId, String stage) {}

  @Override
  public void dataset(String runId, String datasetKey, int trainExamples, int testExamples) {}

  @Override
  public void epochEnded(String runId, RunRecord.EpochEnd end) {}

  @Override
  public void ended(String runId, RunOutcome outcome) {}
}
