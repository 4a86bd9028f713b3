package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/**
 * Keeps every weight matrix (2 or more dimensions) of another source in bfloat16, half the memory
 * of float32; biases and norm weights stay float32. For a frozen base model: inference, or LoRA
 * adapters (float32) trained on top of it. Each tensor is converted as it is created, so only one
 * float32 tensor exists at a time.
 */
public final class Bfloat16Matrices implements WeightSource {
  private final WeightSource source;

  public Bfloat16Matrices(WeightSource source) {
    this.source = source;
  }

  @Override
  public NDArray create(String name, Shape shape, Init init, boolean transposedInHf) {
    NDArray value = source.create(name, shape, init, transposedInHf);
    if (shape.dimension() < 2) {
      return value;
    }
    NDArray half = Tensors.bfloat16(value);
    half.attach(value.getManager());
    NDScope.unregister(half);
    value.close();
    return half;
  }
}
