package io.seqtune.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Hugging Face's causal-LM loss: token t predicts label t+1; labels of -100 are ignored; mean over
 * the rest.
 */
public final class CausalLmLoss {
  private CausalLmLoss() {}

  /**
   * @param logits [B, T, V] float32; labels [B, T] int64 -> scalar
   */
  public static NDArray mean(NDArray logits, NDArray labels) {
    NDArray predictions = logits.get(":, :-1, :"); // [B, T-1, V]
    NDArray targets = labels.get(":, 1:"); // [B, T-1]
    NDArray valid = targets.neq(-100);
    NDArray safeTargets =
        targets.mul(valid.toType(DataType.INT64, false)); // -100 -> 0, masked out below
    NDArray logProbs =
        predictions.logSoftmax(2).gather(safeTargets.expandDims(2), 2).squeeze(2); // [B, T-1]
    NDArray weights = valid.toType(DataType.FLOAT32, false);
    return logProbs.mul(weights).sum().neg().div(weights.sum());
  }
}
