package io.seqtune.core.training;

/** What one epoch left behind: its end-of-epoch checkpoint and its losses. */
public record EpochResult(
    int epoch,
    long globalStep,
    int steps,
    String checkpointKey,
    double trainLoss,
    double valLoss,
    double tokensPerSecond,
    double seconds) {}
