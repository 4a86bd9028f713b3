package io.seqtune.core.training;

import io.seqtune.core.checkpoint.CheckpointState;
import io.seqtune.model.StepResult;

/**
 * The running state of one epoch within one attempt: where it started, the losses and tokens so
 * far, the optimizer step reached and the newest checkpoint written. It turns into the {@link
 * CheckpointState} a checkpoint stores and the {@link TrainingProgress} a heartbeat sends.
 */
final class EpochRun {
  private final CheckpointState start;
  private final long began = System.nanoTime();
  private double lossSum;
  private long lossCount;
  private long step;
  private long tokens;
  private double secondsAtStep;
  private String lastKey;
  private long savedAtStep = -1;

  /** Continues from {@code start}; {@code previousKey} is the newest checkpoint before it. */
  EpochRun(CheckpointState start, String previousKey) {
    this.start = start;
    this.lossSum = start.lossSum();
    this.lossCount = start.lossCount();
    this.step = start.globalStep();
    this.lastKey = previousKey;
  }

  int epoch() {
    return start.epoch();
  }

  int firstBatch() {
    return start.batchesDone();
  }

  int batchesInEpoch() {
    return start.batchesInEpoch();
  }

  long step() {
    return step;
  }

  /** The newest checkpoint written, for retention to spare and a retried attempt to resume from. */
  String lastKey() {
    return lastKey;
  }

  /** One training batch done; {@code globalStep} is the optimizer step count after it. */
  void recordBatch(StepResult result, long globalStep) {
    step = globalStep;
    lossSum += result.loss();
    lossCount++;
    tokens += result.tokens();
    secondsAtStep = (System.nanoTime() - began) / 1e9;
  }

  /** Training tokens per second since this attempt started the epoch. */
  double tokensPerSecond() {
    return tokens / Math.max(secondsAtStep, 1e-9);
  }

  /** A checkpoint at the current step was written under {@code key}. */
  void saved(String key) {
    lastKey = key;
    savedAtStep = step;
  }

  boolean savedAtCurrentStep() {
    return savedAtStep == step;
  }

  /** Where the run stands after {@code batchesDone} batches of this epoch. */
  CheckpointState state(int batchesDone) {
    return new CheckpointState(
        epoch(), batchesDone, batchesInEpoch(), step, false, lossSum, lossCount, null);
  }

  /** The end of the epoch, with its validation loss. */
  CheckpointState end(double valLoss) {
    return new CheckpointState(
        epoch(), batchesInEpoch(), batchesInEpoch(), step, true, lossSum, lossCount, valLoss);
  }

  /** What a heartbeat reports after {@code batchesDone} batches, the last one at {@code loss}. */
  TrainingProgress progress(int batchesDone, double loss) {
    long eta =
        (long) (secondsAtStep / (batchesDone - firstBatch()) * (batchesInEpoch() - batchesDone));
    return new TrainingProgress(
        epoch(), step, batchesDone, batchesInEpoch(), loss, tokensPerSecond(), eta, lastKey);
  }

  /** The epoch's result once its end-of-epoch checkpoint {@code key} is written. */
  EpochResult result(String key, CheckpointState end) {
    double seconds = (System.nanoTime() - began) / 1e9;
    return EpochResult.of(epoch(), key, end, tokens / Math.max(seconds, 1e-9), seconds);
  }
}
