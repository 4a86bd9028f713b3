package io.seqtune.core.training;

/**
 * Heartbeat details of a training epoch, shown in the Temporal web UI and read back by a retried
 * attempt: {@code checkpointKey} is the newest complete checkpoint it may resume from.
 */
public record TrainingProgress(
    int epoch,
    long step,
    int batchesDone,
    int batchesInEpoch,
    double loss,
    double tokensPerSecond,
    long etaSeconds,
    String checkpointKey) {

  /** Before the first step of {@code epoch}, with nothing to resume from. */
  public static TrainingProgress before(int epoch) {
    return new TrainingProgress(epoch, 0, 0, 0, Double.NaN, 0, 0, null);
  }
}
