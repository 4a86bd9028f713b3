package io.seqtune.workflows.pipeline;

import io.seqtune.core.dataset.DatasetRef;
import io.seqtune.core.runs.RunRecord;
import java.util.List;

/**
 * What a pipeline run hands to its continuation (continue-as-new) so the next run carries on
 * training where it stopped: the dataset, per finished epoch its checkpoint key and losses, and the
 * pretraining stage where the run has one ({@code pretraining}, null otherwise). Keys and numbers
 * only, a few KB even for hundreds of epochs. Recorded in workflow histories: the component names
 * are its JSON shape, so keep them.
 */
public record PipelineCarry(
    String datasetKey,
    int trainExamples,
    int testExamples,
    long step,
    List<String> checkpoints,
    List<Double> trainLoss,
    List<Double> valLoss,
    PretrainingCarry pretraining) {

  /**
   * A run's start on {@code dataset}, after the epochs an earlier run of the same id and spec
   * finished (its run record's): the contiguous ones from epoch 1; none for a new run.
   */
  public static PipelineCarry resuming(DatasetRef dataset, List<RunRecord.EpochEnd> finished) {
    FinishedEpochs done = FinishedEpochs.of(finished);
    return new PipelineCarry(
        dataset.key(),
        dataset.train(),
        dataset.test(),
        done.step(),
        done.checkpoints(),
        done.trainLoss(),
        done.valLoss(),
        null);
  }

  /**
   * The same dataset after the epochs listed (index {@code e - 1}: checkpoint key, mean train and
   * validation loss), ending at optimizer step {@code step}.
   */
  public PipelineCarry after(
      long step, List<String> checkpoints, List<Double> trainLoss, List<Double> valLoss) {
    return new PipelineCarry(
        datasetKey,
        trainExamples,
        testExamples,
        step,
        List.copyOf(checkpoints),
        List.copyOf(trainLoss),
        List.copyOf(valLoss),
        pretraining);
  }

  /** The same carry with the pretraining stage at {@code stage}. */
  public PipelineCarry with(PretrainingCarry stage) {
    return new PipelineCarry(
        datasetKey, trainExamples, testExamples, step, checkpoints, trainLoss, valLoss, stage);
  }

  public int epochsDone() {
    return checkpoints.size();
  }
}
