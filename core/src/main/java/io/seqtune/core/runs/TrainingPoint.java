package io.seqtune.core.runs;

/** Where training stands at a checkpoint: for the record's headline numbers. */
public record TrainingPoint(
    int epoch, long step, long totalSteps, double loss, double tokensPerSecond) {}
