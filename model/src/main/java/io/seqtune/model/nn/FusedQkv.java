package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** GPT-2's c_attn: one linear layer whose output is [all queries | all keys | all values]. */
public record FusedQkv(Linear qkv, int headDim) implements QkvProjection {
  @Override
  public Qkv project(NDArray x, boolean training) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    NDList parts = qkv.forward(x, training).split(3, 2); // 3 x [B, T, C]
    return new Qkv(
        parts.get(0).reshape(b, t, -1, headDim),
        parts.get(1).reshape(b, t, -1, headDim),
        parts.get(2).reshape(b, t, -1, headDim));
  }
}
