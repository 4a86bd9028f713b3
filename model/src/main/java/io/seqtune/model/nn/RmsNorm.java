package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Llama's RMSNorm: x / sqrt(mean(x^2) + eps) * weight, the statistics in float32. */
public final class RmsNorm implements Norm {
  private final NDArray weight; // [C]
  private final double eps;

  public RmsNorm(Parameters p, String name, int size, double eps) {
    this.weight = p.add(name + ".weight", new Shape(size), Init.ones());
    this.eps = eps;
  }

  @Override
  public NDArray forward(NDArray x) {
    NDArray x32 = Tensors.float32(x);
    NDArray variance = x32.square().mean(new int[] {-1}, true); // [..., 1]
    NDArray normed = x32.mul(Tensors.scalar(x32.getManager(), 1f).div(variance.add(eps).sqrt()));
    // HF casts back to the input type before multiplying by the weight.
    return Tensors.like(weight, x).mul(Tensors.like(normed, x));
  }
}
