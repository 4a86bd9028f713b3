package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * A named weight. {@code name} is the Hugging Face tensor name; {@code transposedInHf} marks
 * GPT-2's Conv1D weights, which HF stores as [in, out] while we keep every linear weight [out, in].
 */
public record Parameter(String name, NDArray value, boolean transposedInHf) {
  /**
   * The tensor laid out (and contiguous) the way Hugging Face stores it; a copy when transposed.
   */
  public NDArray hfValue() {
    if (!transposedInHf) {
      return value;
    }
    NDArray t = value.transpose();
    return t.flatten().reshape(t.getShape());
  }
}
