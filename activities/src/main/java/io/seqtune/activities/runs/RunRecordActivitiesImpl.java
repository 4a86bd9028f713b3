package io.seqtune.activities.runs;

import io.seqtune.core.WorkerContext;
import io.seqtune.core.checkpoint.Phase;
import io.seqtune.core.corpus.CorpusRef;
import io.seqtune.core.runs.RunOutcome;
import io.seqtune.core.runs.RunRecord;
import io.seqtune.core.runs.RunRecords;
import io.seqtune.core.runs.RunStart;
import io.seqtune.core.runs.RunStarted;

/** {@link RunRecordActivities} on the worker's object store. */
public final class RunRecordActivitiesImpl implements RunRecordActivities {
  private final RunRecords records;

  public RunRecordActivitiesImpl(WorkerContext context) {
    this.records = new RunRecords(context.store());
  }

  @Override
  public RunStart started(RunStarted run) {
    return records.started(run);
  }

  @Override
  public void rejected(String runId, String workflowId, String error) {
    records.rejected(runId, workflowId, error);
  }

  @Override
  public void stage(String runId, String stage) {
    records.stage(runId, stage);
  }

  @Override
  public void dataset(String runId, String datasetKey, int trainExamples, int testExamples) {
    records.dataset(runId, datasetKey, trainExamples, testExamples);
  }

  @Override
  public void epochEnded(String runId, RunRecord.EpochEnd end) {
    records.epochEnded(runId, end);
  }

  @Override
  public void corpus(String runId, CorpusRef corpus, int epochs) {
    records.corpus(
        runId, corpus.key(), corpus.train() + corpus.validation(), corpus.excluded(), epochs);
  }

  @Override
  public void pretrainingEpochEnded(String runId, RunRecord.EpochEnd end) {
    records.epochEnded(runId, Phase.PRETRAINING, end);
  }

  @Override
  public void ended(String runId, RunOutcome outcome) {
    records.ended(runId, outcome);
  }
}
