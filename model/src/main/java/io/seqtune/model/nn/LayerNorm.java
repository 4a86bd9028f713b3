package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** torch.nn.LayerNorm over the last axis, computed in float32 whatever the activation type. */
public final class LayerNorm implements Norm {
  private final NDArray weight; // [C]
  private final NDArray bias; // [C]
  private final float eps;

  public LayerNorm(Parameters p, String name, int size, double eps) {
    this.weight = p.add(name + ".weight", new Shape(size), Init.ones());
    this.bias = p.add(name + ".bias", new Shape(size), Init.zeros());
    this.eps = (float) eps;
  }

  @Override
  public NDArray forward(NDArray x) {
    NDArray y =
        ai.djl.nn.norm.LayerNorm.layerNorm(Tensors.float32(x), weight.getShape(), weight, bias, eps)
            .singletonOrThrow();
    return Tensors.like(y, x);
  }
}
