package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

/**
 * y = x W^T + b, with an optional low-rank (LoRA) update added to the output. Shapes: weight [out,
 * in], bias [out].
 */
public final class Linear {
  private final NDArray weight; // [out, in]
  private final NDArray bias; // [out] or null
  private LoraDelta lora;
  private volatile NDArray packed; // the weight in oneDNN's layout while a PackedWeights holds it

  public Linear(NDArray weight, NDArray bias) {
    this.weight = weight;
    this.bias = bias;
  }

  /** A torch.nn.Linear named {@code name} (HF stores [out, in]). */
  public static Linear create(Parameters p, String name, int in, int out, boolean bias) {
    return create(p, name, in, out, bias, Init.normal());
  }

  public static Linear create(Parameters p, String name, int in, int out, boolean bias, Init init) {
    NDArray w = p.add(name + ".weight", new Shape(out, in), init);
    NDArray b = bias ? p.add(name + ".bias", new Shape(out), Init.zeros()) : null;
    Linear linear = new Linear(w, b);
    p.addLinear(name, linear);
    return linear;
  }

  /** GPT-2's Conv1D: the same map, but HF stores the weight as [in, out]. */
  public static Linear conv1d(Parameters p, String name, int in, int out, Init init) {
    NDArray w = p.addTransposed(name + ".weight", new Shape(out, in), init);
    NDArray b = p.add(name + ".bias", new Shape(out), Init.zeros());
    Linear linear = new Linear(w, b);
    p.addLinear(name, linear);
    return linear;
  }

  /**
   * @param x [..., in]
   * @param training enables the LoRA adapter's dropout
   * @return [..., out]
   */
  public NDArray forward(NDArray x, boolean training) {
    NDArray p = packedFor(x);
    NDArray y =
        p != null
            ? Tensors.packedLinear(x, p, Tensors.like(bias, x))
            : Tensors.linear(x, Tensors.like(weight, x), Tensors.like(bias, x));
    return lora == null ? y : y.add(lora.forward(x, training));
  }

  /**
   * {@code activation} applied to {@link #forward}; with a packed weight and tanh-GELU, one oneDNN
   * call that applies the GELU to the product's output while it is still in registers.
   */
  public NDArray forward(NDArray x, Activation activation, boolean training) {
    NDArray p = packedFor(x);
    if (p != null && lora == null && bias != null && activation == Activation.GELU_TANH) {
      return TorchScriptOp.PACKED_LINEAR_GELU_TANH.apply(x, p, Tensors.like(bias, x));
    }
    return activation.apply(forward(x, training));
  }

  /** The packed weight if {@code x} may use it (its type, no gradients), else null. */
  private NDArray packedFor(NDArray x) {
    NDArray p = packed;
    return p != null && x.getDataType() == p.getDataType() && !JniUtils.isGradMode() ? p : null;
  }

  /**
   * Lays a CPU weight out for inference in the compute type (see {@link PackedWeights}); false when
   * it is on a GPU or packed already.
   */
  synchronized boolean pack(NDManager owner, DataType compute) {
    if (packed != null || weight.getDevice().isGpu()) {
      return false;
    }
    NDArray p;
    try (NDScope scope = new NDScope()) {
      p = Tensors.packWeight(Tensors.to(weight, compute));
      NDScope.unregister(p);
    }
    p.attach(owner);
    packed = p;
    return true;
  }

  /** Drops the packed copy (its owner frees it). */
  synchronized void unpack() {
    packed = null;
  }

  public NDArray weight() {
    return weight;
  }

  public int inFeatures() {
    return (int) weight.getShape().get(1);
  }

  public int outFeatures() {
    return (int) weight.getShape().get(0);
  }

  public LoraDelta lora() {
    return lora;
  }

  public void setLora(LoraDelta lora) {
    this.lora = lora;
  }
}
