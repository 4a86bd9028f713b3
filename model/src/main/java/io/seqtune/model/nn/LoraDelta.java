package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * The LoRA update of one linear layer: scale * B(A(dropout(x))), A [r, in], B [out, r]. Dropout
 * needs the training flag, so the owner sets it before a forward pass.
 */
public final class LoraDelta {
  private final NDArray a; // [r, in]
  private final NDArray b; // [out, r]
  private final double scale;
  private final double dropout;
  private boolean training;

  public LoraDelta(NDArray a, NDArray b, double scale, double dropout) {
    this.a = a;
    this.b = b;
    this.scale = scale;
    this.dropout = dropout;
  }

  public NDArray forward(NDArray x) { // [..., in] -> [..., out]
    NDArray h = Tensors.dropout(x, dropout, training);
    h = ai.djl.nn.core.Linear.linear(h, Tensors.like(a, x)).singletonOrThrow();
    return ai.djl.nn.core.Linear.linear(h, Tensors.like(Tensors.times(b, scale), x))
        .singletonOrThrow();
  }

  /** scale * B A, the [out, in] matrix that merging adds to the base weight. */
  public NDArray weightDelta() {
    return b.matMul(a).muli(scale);
  }

  public NDArray a() {
    return a;
  }

  public NDArray b() {
    return b;
  }

  public void setTraining(boolean training) {
    this.training = training;
  }
}
