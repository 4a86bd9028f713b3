package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * Causal multi-head self-attention with optional rotary embeddings, grouped key/value heads, local
 * (windowed) masking and a KV cache. Scores and softmax are float32.
 *
 * <p>Shapes: input and output [B, T, C]; queries [B, T, H, D] from the projection, [B, H, T, D] to
 * the products; keys and values likewise with Hkv heads, repeated to H; scores [B, H, T, Tk] (Tk =
 * cached + new tokens).
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

  private Attention(Builder b) {
    this.qkv = b.qkv;
    this.out = b.out;
    this.heads = b.heads;
    this.kvHeads = b.kvHeads == 0 ? b.heads : b.kvHeads;
    this.scale = b.scale;
    this.rotary = b.rotary;
    this.local = b.local;
    this.dropout = b.dropout;
  }

  /**
   * Settings by name; {@code qkv}, {@code out}, {@code heads} and {@code scale} are required, the
   * rest default to: as many key/value heads as query heads, no rotary, global attention, no
   * dropout.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Named settings for {@link Attention}. */
  public static final class Builder {
    private QkvProjection qkv;
    private Linear out;
    private int heads;
    private int kvHeads;
    private double scale = Double.NaN;
    private Rotary rotary;
    private boolean local;
    private double dropout;

    private Builder() {}

    /** [B, T, C] -> queries [B, T, H, D], keys and values [B, T, Hkv, D]. */
    public Builder qkv(QkvProjection qkv) {
      this.qkv = qkv;
      return this;
    }

    /** The output projection H*D -> C. */
    public Builder out(Linear out) {
      this.out = out;
      return this;
    }

    /** Query heads H. */
    public Builder heads(int heads) {
      this.heads = heads;
      return this;
    }

    /** Key/value heads Hkv (grouped-query attention); H divisible by it. Default H. */
    public Builder kvHeads(int kvHeads) {
      this.kvHeads = kvHeads;
      return this;
    }

    /** The factor on q.k: 1/sqrt(D) in most models, 1 in GPT-Neo. */
    public Builder scale(double scale) {
      this.scale = scale;
      return this;
    }

    public Builder rotary(Rotary rotary) {
      this.rotary = rotary;
      return this;
    }

    /** Attend only within the decoder's local window (GPT-Neo's "local" layers). */
    public Builder local(boolean local) {
      this.local = local;
      return this;
    }

    /** Dropout on the attention probabilities while training. */
    public Builder dropout(double dropout) {
      this.dropout = dropout;
      return this;
    }

    public Attention build() {
      if (qkv == null || out == null || heads < 1 || Double.isNaN(scale)) {
        throw new IllegalStateException("Attention needs qkv, out, heads and scale");
      }
      if (kvHeads != 0 && heads % kvHeads != 0) {
        throw new IllegalArgumentException(
            heads + " query heads are not a multiple of " + kvHeads + " key/value heads");
      }
      return new Attention(this);
    }
  }

  /**
   * @param cache this model's KV cache or null; {@code layer} is this block's index in it. With a
   *     cache (decoding, never training) attention runs as one call inside the cache.
   */
  public NDArray forward(NDArray x, ForwardContext ctx, KvCache cache, int layer) { // [B, T, C]
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    Qkv p = qkv.project(x, ctx.training());
    NDArray q = p.q(); // [B, T, H, D]
    NDArray k = p.k(); // [B, T, Hkv, D]
    NDArray v = p.v();
    if (rotary != null) {
      q = rotary.apply(q, ctx.angles());
      k = rotary.apply(k, ctx.angles());
    }
    NDArray bias = local ? ctx.localBias() : ctx.globalBias();
    if (cache != null) {
      return out.forward(cache.attend(layer, q, k, v, bias, scale), false);
    }
    q = q.transpose(0, 2, 1, 3); // [B, H, T, D]
    k = repeatKvHeads(k.transpose(0, 2, 1, 3)); // [B, H, T, D]
    v = repeatKvHeads(v.transpose(0, 2, 1, 3));
    NDArray scores = Tensors.float32(q.matMul(k.transpose(0, 1, 3, 2))); // [B, H, T, T]
    if (scale != 1) {
      scores = Tensors.times(scores, scale);
    }
    NDArray probs =
        Tensors.dropout(Tensors.like(scores.add(bias).softmax(3), v), dropout, ctx.training());
    NDArray y = probs.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, -1); // [B, T, H*D]
    return out.forward(y, ctx.training());
  }

  /** Grouped-query attention: key/value head j serves query heads j*r .. j*r + r-1. */
  private NDArray repeatKvHeads(NDArray kv) { // [B, Hkv, T, D] -> [B, H, T, D]
    if (kvHeads == heads) {
      return kv;
    }
    long[] s = kv.getShape().getShape();
    return kv.expandDims(2)
        .broadcast(s[0], kvHeads, heads / kvHeads, s[2], s[3])
        .reshape(s[0], heads, s[2], s[3]);
  }
}
