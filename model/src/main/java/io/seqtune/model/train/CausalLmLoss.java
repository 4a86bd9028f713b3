package io.seqtune.model.train;

import ai.djl.ndarray.NDArray;
import io.seqtune.model.nn.Tensors;
import java.util.function.UnaryOperator;

/**
 * Hugging Face's causal-LM loss: token t predicts label t+1; labels of -100 are ignored; mean over
 * the rest.
 */
public final class CausalLmLoss {
  private CausalLmLoss() {}

  /**
   * @param logits [B, T, V] float32
   * @param labels [B, T] int64
   * @return the mean loss, a scalar (NaN when no label counts)
   */
  public static NDArray mean(NDArray logits, NDArray labels) {
    return meanOverTargets(logits, UnaryOperator.identity(), labels);
  }

  /**
   * The same loss from the final hidden states: the head runs only on the positions whose next
   * label counts, so prompt tokens (and the last position) cost no vocabulary-sized logits.
   *
   * @param hidden [B, T, E]
   * @param head [K, E] -> [K, V] float32 logits
   * @param labels [B, T] int64
   * @return the mean loss, a scalar (NaN when no label counts)
   */
  public static NDArray meanOverTargets(
      NDArray hidden, UnaryOperator<NDArray> head, NDArray labels) {
    long width = hidden.getShape().get(2);
    NDArray inputs = hidden.get(":, :-1, :").reshape(-1, width); // [B*(T-1), E]
    NDArray targets = labels.get(":, 1:").reshape(-1); // [B*(T-1)]
    NDArray rows = targets.neq(-100).nonzero().reshape(-1); // [K] int64
    NDArray logits = head.apply(inputs.get(rows)); // [K, V]
    return Tensors.tokenNll(logits, targets.get(rows)).mean();
  }
}
