package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;

/** Three linear layers q_proj, k_proj, v_proj (GPT-Neo, OPT, Llama). */
public record SeparateQkv(Linear q, Linear k, Linear v, int headDim) implements QkvProjection {
  /** PREFIX + q_proj / k_proj / v_proj, queries of qSize features and keys/values of kvSize. */
  public static SeparateQkv create(
      Parameters p, String prefix, int hidden, int qSize, int kvSize, boolean bias, int headDim) {
    return new SeparateQkv(
        Linear.create(p, prefix + "q_proj", hidden, qSize, bias),
        Linear.create(p, prefix + "k_proj", hidden, kvSize, bias),
        Linear.create(p, prefix + "v_proj", hidden, kvSize, bias),
        headDim);
  }

  @Override
  public Qkv project(NDArray x, boolean training) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    return new Qkv(
        q.forward(x, training).reshape(b, t, -1, headDim),
        k.forward(x, training).reshape(b, t, -1, headDim),
        v.forward(x, training).reshape(b, t, -1, headDim));
  }
}
