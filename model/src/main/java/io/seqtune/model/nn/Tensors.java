package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.norm.Dropout;

/** Small tensor helpers shared by the blocks. */
public final class Tensors {
  private Tensors() {}

  /**
   * {@code a} in the data type of the activations {@code x}: float32, or else bfloat16, the only
   * other compute type (weights stay float32 and are cast at use, like autocast).
   */
  public static NDArray like(NDArray a, NDArray x) {
    if (a == null || a.getDataType() == x.getDataType()) {
      return a;
    }
    return x.getDataType() == DataType.FLOAT32 ? float32(a) : bfloat16(a);
  }

  /** {@code x} in the compute type. */
  public static NDArray to(NDArray x, DataType compute) {
    return compute == DataType.FLOAT32 ? float32(x) : bfloat16(x);
  }

  /**
   * DJL 0.36's PyTorch bridge aborts the JVM when asked for bfloat16 (toType, or any op given a
   * dtype) and its toType from bfloat16 is not differentiable, so both casts are TorchScript
   * modules; DJL reports bfloat16 arrays as UNKNOWN, and every op that takes a dtype runs in
   * float32.
   */
  public static NDArray bfloat16(NDArray x) {
    return TorchScriptOp.TO_BFLOAT16.apply(x);
  }

  public static NDArray float32(NDArray x) {
    return x.getDataType() == DataType.FLOAT32 ? x : TorchScriptOp.TO_FLOAT32.apply(x);
  }

  /**
   * {@code value} as a 0-d tensor in memory torch owns. Use it instead of DJL's mul, div, pow,
   * maximum or minimum with a Number wherever gradients flow: those put the number in a tensor over
   * a Java buffer and close it right after the op, yet autograd keeps that tensor for the backward
   * pass, which then reads whatever the buffer holds once the garbage collector has freed it.
   */
  public static NDArray scalar(NDManager manager, Number value) {
    try (NDArray javaBacked = manager.create(value)) {
      return javaBacked.duplicate();
    }
  }

  /** x * c, safe for autograd (see {@link #scalar}). */
  public static NDArray times(NDArray x, Number c) {
    return x.mul(scalar(x.getManager(), c));
  }

  public static NDArray dropout(NDArray x, double rate, boolean training) {
    return training && rate > 0 ? Dropout.dropout(x, (float) rate, true).singletonOrThrow() : x;
  }
}
