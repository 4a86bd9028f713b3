package io.seqtune.core.checkpoint;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code progress.json} of a checkpoint: where in the data the run stood. Batches of an epoch are
 * drawn in an order derived from (seed, epoch) and dropout is seeded from (seed, optimizer step),
 * so with the spec beside it, {@code batchesDone} and the trainer's step are the whole data
 * position and random state.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckpointState(
    int epoch,
    int batchesDone,
    int batchesInEpoch,
    long globalStep,
    boolean epochComplete,
    double lossSum,
    long lossCount,
    Double valLoss) {
  public static final String FILE_NAME = "progress.json";

  /** The start of {@code epoch}, {@code globalStep} optimizer steps into the run. */
  public static CheckpointState beginning(int epoch, int batchesInEpoch, long globalStep) {
    return new CheckpointState(epoch, 0, batchesInEpoch, globalStep, false, 0, 0, null);
  }

  /** Where training continues after this checkpoint. */
  public CheckpointState next() {
    return epochComplete ? beginning(epoch + 1, batchesInEpoch, globalStep) : this;
  }
}
