package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The LoRA update of one linear layer: scale * B(A(dropout(x))), A [r, in], B [out, r]. A and B are
 * the trainable parameters, named by whoever attached them (PEFT's names for a LoRA adapter).
 */
public final class LoraDelta {
  private final Parameter a; // [r, in]
  private final Parameter b; // [out, r]
  private final double scale;
  private final double dropout;

  public LoraDelta(Parameter a, Parameter b, double scale, double dropout) {
    this.a = a;
    this.b = b;
    this.scale = scale;
    this.dropout = dropout;
  }

  /**
   * @param x [..., in]
   * @param training enables dropout on the adapter's input
   * @return [..., out]
   */
  public NDArray forward(NDArray x, boolean training) {
    NDArray h = Tensors.dropout(x, dropout, training);
    h = Tensors.linear(h, Tensors.like(a.value(), x), null);
    return Tensors.linear(h, Tensors.like(Tensors.times(b.value(), scale), x), null);
  }

  /** scale * B A, the [out, in] matrix that merging adds to the base weight. */
  public NDArray weightDelta() {
    return Tensors.times(b.value().matMul(a.value()), scale);
  }

  /** A then B. */
  public List<Parameter> parameters() {
    return List.of(a, b);
  }
}
