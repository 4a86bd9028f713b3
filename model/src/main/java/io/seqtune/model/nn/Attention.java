package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * Causal multi-head self-attention with optional rotary embeddings, grouped key/value heads, local
 * (windowed) masking and a KV cache. Scores and softmax are float32.
 */
public final class Attention {
  private final QkvProjection qkv;
  private final Linear out; // H*D -> C
  private final int heads;
  private final int kvHeads;
  private final double scale; // multiplies q.k; 1 for GPT-Neo, 1/sqrt(D) elsewhere
  private final Rotary rotary; // null without rotary embeddings
  private final boolean local; // windowed attention (GPT-Neo's "local" layers)
  private final double dropout;

  public Attention(
      QkvProjection qkv,
      Linear out,
      int heads,
      int kvHeads,
      double scale,
      Rotary rotary,
      boolean local,
      double dropout) {
    this.qkv = qkv;
    this.out = out;
    this.heads = heads;
    this.kvHeads = kvHeads;
    this.scale = scale;
    this.rotary = rotary;
    this.local = local;
    this.dropout = dropout;
  }

  /**
   * @param cache this model's KV cache or null; {@code layer} is this block's index in it
   */
  public NDArray forward(NDArray x, ForwardContext ctx, KvCache cache, int layer) { // [B, T, C]
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    Qkv p = qkv.project(x);
    NDArray q = p.q().transpose(0, 2, 1, 3); // [B, H, T, D]
    NDArray k = p.k().transpose(0, 2, 1, 3); // [B, Hkv, T, D]
    NDArray v = p.v().transpose(0, 2, 1, 3); // [B, Hkv, T, D]
    if (rotary != null) {
      q = rotary.apply(q, ctx.angles());
      k = rotary.apply(k, ctx.angles());
    }
    if (cache != null) {
      NDArray[] kv = cache.append(layer, k, v); // [B, Hkv, Tk, D]
      k = kv[0];
      v = kv[1];
    }
    k = repeatKvHeads(k); // [B, H, Tk, D]
    v = repeatKvHeads(v);
    NDArray scores = Tensors.float32(q.matMul(k.transpose(0, 1, 3, 2))); // [B, H, T, Tk]
    if (scale != 1) {
      scores = Tensors.times(scores, scale);
    }
    scores = scores.add(local ? ctx.localBias() : ctx.globalBias());
    NDArray probs = Tensors.dropout(Tensors.like(scores.softmax(3), v), dropout, ctx.training());
    NDArray y = probs.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, -1); // [B, T, H*D]
    return out.forward(y);
  }

  /** Grouped-query attention: key/value head j serves query heads j*r .. j*r + r-1. */
  private NDArray repeatKvHeads(NDArray kv) { // [B, Hkv, Tk, D] -> [B, H, Tk, D]
    if (kvHeads == heads) {
      return kv;
    }
    long[] s = kv.getShape().getShape();
    return kv.expandDims(2)
        .broadcast(s[0], kvHeads, heads / kvHeads, s[2], s[3])
        .reshape(s[0], heads, s[2], s[3]);
  }
}
