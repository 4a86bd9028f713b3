package io.seqtune.core.training;

import io.seqtune.core.checkpoint.CheckpointState;

/** What one epoch left behind: its end-of-epoch checkpoint and its losses. */
public record EpochResult(
    int epoch,
    long globalStep,
    int steps,
    String checkpointKey,
    double trainLoss,
    double valLoss,
    double tokensPerSecond,
    double seconds) {

  /** The result of {@code epoch}, which ended at checkpoint {@code key} with state {@code end}. */
  static EpochResult of(
      int epoch, String key, CheckpointState end, double tokensPerSecond, double seconds) {
    double trainLoss = end.lossCount() == 0 ? Double.NaN : end.lossSum() / end.lossCount();
    return new EpochResult(
        epoch,
        end.globalStep(),
        end.batchesInEpoch(),
        key,
        trainLoss,
        end.valLoss() == null ? Double.NaN : end.valLoss(),
        tokensPerSecond,
        seconds);
  }
}
