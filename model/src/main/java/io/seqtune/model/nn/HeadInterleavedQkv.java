package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** GPT-NeoX's query_key_value: one linear layer whose output is [q | k | v] per head. */
public record HeadInterleavedQkv(Linear qkv, int headDim) implements QkvProjection {
  @Override
  public Qkv project(NDArray x, boolean training) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    NDList parts =
        qkv.forward(x, training).reshape(b, t, -1, 3 * headDim).split(3, 3); // 3 x [B, T, H, D]
    return new Qkv(parts.get(0), parts.get(1), parts.get(2));
  }
}
