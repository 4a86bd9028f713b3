package io.seqtune.activities.training;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code progress.json} of a checkpoint: where in the data the run stood. Batches of an epoch are
 * drawn in an order derived from (seed, epoch), so {@code batchesDone} is the whole data position.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckpointState(
    int epoch, int batchesDone, int batchesInEpoch, long globalStep, boolean epochComplete,
    double lossSum, long lossCount, Double valLoss) {
  public static final String FILE_NAME = "progress.json";
}
