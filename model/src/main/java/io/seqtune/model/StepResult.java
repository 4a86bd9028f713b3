package io.seqtune.model;

/**
 * One call of {@link Trainer#step}: the micro-batch loss, the gradient norm before clipping (NaN
 * while gradients are still accumulating), the learning rate used, optimizer steps taken so far and
 * the tokens read.
 */
public record StepResult(double loss, double gradNorm, double lr, long step, int tokens) {}
