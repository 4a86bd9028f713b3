package io.seqtune.activities.runs;

import io.seqtune.core.corpus.CorpusRef;
import io.seqtune.core.runs.RunOutcome;
import io.seqtune.core.runs.RunRecord;
import io.seqtune.core.runs.RunStart;
import io.seqtune.core.runs.RunStarted;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Writes a pipeline's run record ({@code runs/<runId>/run.json}) for the workflow, which only
 * orchestrates: at start, at every stage change and epoch end, and at the end.
 */
@ActivityInterface
public interface RunRecordActivities {
  @ActivityMethod(name = "RecordRunStarted")
  RunStart started(RunStarted run);

  @ActivityMethod(name = "RecordRunRejected")
  void rejected(String runId, String workflowId, String error);

  @ActivityMethod(name = "RecordStage")
  void stage(String runId, String stage);

  @ActivityMethod(name = "RecordDataset")
  void dataset(String runId, String datasetKey, int trainExamples, int testExamples);

  @ActivityMethod(name = "RecordEpochEnd")
  void epochEnded(String runId, RunRecord.EpochEnd end);

  /** The pretraining stage's corpus (texts kept and left out) and its number of epochs. */
  @ActivityMethod(name = "RecordCorpus")
  void corpus(String runId, CorpusRef corpus, int epochs);

  @ActivityMethod(name = "RecordPretrainingEpochEnd")
  void pretrainingEpochEnded(String runId, RunRecord.EpochEnd end);

  @ActivityMethod(name = "RecordRunEnded")
  void ended(String runId, RunOutcome outcome);
}
