package io.seqtune.workflows;

import io.seqtune.activities.runs.RunRecordActivities;
import io.seqtune.core.corpus.CorpusRef;
import io.seqtune.core.runs.RunOutcome;
import io.seqtune.core.runs.RunRecord;
import io.seqtune.core.runs.RunStart;
import io.seqtune.core.runs.RunStarted;

/** A run-record activity double for workflow tests: writes nothing, and every run is new. */
public final class NoRunRecords implements RunRecordActivities {
  @Override
  public RunStart started(RunStarted run) {
    return RunStart.fresh();
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
  public void corpus(String runId, CorpusRef corpus, int epochs) {}

  @Override
  public void pretrainingEpochEnded(String runId, RunRecord.EpochEnd end) {}

  @Override
  public void ended(String runId, RunOutcome outcome) {}
}
