package io.seqtune.workflows.pipeline;

import io.seqtune.core.runs.RunRecord;
import java.util.List;

/**
 * The pretraining stage as a run hands it on (continue-as-new) or restarts it from its record: the
 * corpus, and per finished pretraining epoch its checkpoint key and losses. Recorded in workflow
 * histories: the component names are its JSON shape, so keep them.
 */
public record PretrainingCarry(
    String corpusKey,
    long step,
    List<String> checkpoints,
    List<Double> trainLoss,
    List<Double> valLoss) {

  /**
   * The stage on corpus {@code corpusKey} after the epochs an earlier run of the same id and spec
   * finished (its record's): the contiguous ones from epoch 1; none for a new run.
   */
  public static PretrainingCarry resuming(String corpusKey, List<RunRecord.EpochEnd> finished) {
    FinishedEpochs done = FinishedEpochs.of(finished);
    return new PretrainingCarry(
        corpusKey, done.step(), done.checkpoints(), done.trainLoss(), done.valLoss());
  }

  /** The same corpus after the epochs listed, ending at optimizer step {@code step}. */
  public PretrainingCarry after(
      long step, List<String> checkpoints, List<Double> trainLoss, List<Double> valLoss) {
    return new PretrainingCarry(
        corpusKey, step, List.copyOf(checkpoints), List.copyOf(trainLoss), List.copyOf(valLoss));
  }

  public int epochsDone() {
    return checkpoints.size();
  }

  /** The newest pretraining checkpoint, which fine-tuning starts from; null before the first. */
  public String lastCheckpoint() {
    return checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
  }
}
