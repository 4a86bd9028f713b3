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
    String checkpointKey) {}
