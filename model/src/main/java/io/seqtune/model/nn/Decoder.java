package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.List;

/**
 * The decoder every architecture shares: embeddings, a stack of blocks, an optional final norm and
 * projection, and the language-model head. Architectures differ only in how they build it.
 *
 * <p>Shapes: token ids [B, T] int64, attention mask [B, Tpast + T] int64, hidden states [B, T, C],
 * logits [B, T, V] float32.
 */
public final class Decoder {
  /** Added to attention scores that are masked out; exp() of it is 0 in float32 and bfloat16. */
  private static final float MASKED = -1e9f;

  private final Embeddings embeddings;
  private final List<Block> blocks;
  private final Norm finalNorm; // or null (OPT-350m)
  private final Linear projectOut; // or null; OPT-350m's project_out
  private final Linear lmHead; // C -> V
  private final Rotary rotary; // or null
  private final int localWindow; // 0 when no layer attends locally

  private Decoder(Builder b) {
    this.embeddings = b.embeddings;
    this.blocks = List.copyOf(b.blocks);
    this.finalNorm = b.finalNorm;
    this.projectOut = b.projectOut;
    this.lmHead = b.lmHead;
    this.rotary = b.rotary;
    this.localWindow = b.localWindow;
  }

  /**
   * Settings by name; {@code embeddings}, {@code blocks} and {@code lmHead} are required; no final
   * norm, projection, rotary or local window unless set.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Named parts of a {@link Decoder}. */
  public static final class Builder {
    private Embeddings embeddings;
    private List<Block> blocks;
    private Norm finalNorm;
    private Linear projectOut;
    private Linear lmHead;
    private Rotary rotary;
    private int localWindow;

    private Builder() {}

    /** ids [B, T] -> [B, T, C]. */
    public Builder embeddings(Embeddings embeddings) {
      this.embeddings = embeddings;
      return this;
    }

    public Builder blocks(List<Block> blocks) {
      this.blocks = blocks;
      return this;
    }

    /** The norm after the last block (absent in OPT-350m). */
    public Builder finalNorm(Norm finalNorm) {
      this.finalNorm = finalNorm;
      return this;
    }

    /** C -> E before the head (OPT-350m's project_out). */
    public Builder projectOut(Linear projectOut) {
      this.projectOut = projectOut;
      return this;
    }

    /** [B, T, C or E] -> [B, T, V]. */
    public Builder lmHead(Linear lmHead) {
      this.lmHead = lmHead;
      return this;
    }

    /** Rotary embeddings shared by every layer: the angles are computed once per forward pass. */
    public Builder rotary(Rotary rotary) {
      this.rotary = rotary;
      return this;
    }

    /** The window of layers built with {@code Attention.Builder.local(true)}. */
    public Builder localWindow(int localWindow) {
      this.localWindow = localWindow;
      return this;
    }

    public Decoder build() {
      if (embeddings == null || blocks == null || lmHead == null) {
        throw new IllegalStateException("Decoder needs embeddings, blocks and lmHead");
      }
      return new Decoder(this);
    }
  }

  /**
   * The language-model head on final hidden states.
   *
   * @param x [..., E] from {@link #hidden}
   * @return logits [..., V] float32
   */
  public NDArray head(NDArray x, boolean training) {
    return Tensors.float32(lmHead.forward(x, training));
  }

  /**
   * Everything before the head.
   *
   * @param ids new tokens [B, T] int64
   * @param mask attention mask of the cached and new tokens [B, Tpast + T] int64 (1 = real token)
   * @param cache KV cache (appended to), or null
   * @return final hidden states [B, T, E] in the compute type
   */
  public NDArray hidden(
      NDArray ids, NDArray mask, KvCache cache, DataType compute, boolean training) {
    long t = ids.getShape().get(1);
    long past = cache == null ? 0 : cache.length();
    embeddings.checkLength(mask.getShape().get(1));
    // Position of each token among the real tokens of its row, so left padding does not shift it.
    NDArray positions = // [B, T]
        mask.cumSum(1).mul(mask).sub(1).get(new NDIndex().addAllDim().addSliceDim(past, past + t));
    ForwardContext ctx =
        new ForwardContext(
            attentionBias(mask, past, t, 0),
            localWindow > 0 ? attentionBias(mask, past, t, localWindow) : null,
            rotary == null ? null : rotary.angles(positions),
            training);
    NDArray x = embeddings.forward(ids, positions, compute, training);
    for (int i = 0; i < blocks.size(); i++) {
      x = inOwnScope(blocks.get(i), x, ctx, cache, i);
    }
    if (finalNorm != null) {
      x = finalNorm.forward(x);
    }
    if (projectOut != null) {
      x = projectOut.forward(x, training);
    }
    return x;
  }

  /**
   * One block whose intermediate arrays are closed as soon as it returns, as Python frees them when
   * their last reference goes: closing drops only this handle, so what autograd saved for backward
   * stays alive until backward has used it, and the rest is freed now instead of at the end of the
   * step.
   */
  private static NDArray inOwnScope(
      Block block, NDArray x, ForwardContext ctx, KvCache cache, int layer) {
    NDArray out;
    try (NDScope scope = new NDScope()) {
      out = block.forward(x, ctx, cache, layer);
      NDScope.unregister(out);
    }
    NDScope.register(out);
    return out;
  }

  /**
   * [B, 1, T, Tk]: query i (at Tpast + i) sees key j if j <= Tpast + i, key j is real and, with a
   * window, Tpast + i - j < window.
   */
  private static NDArray attentionBias(NDArray mask, long past, long t, int window) {
    NDManager m = mask.getManager();
    long keys = mask.getShape().get(1);
    long batch = mask.getShape().get(0);
    if (t == 1 && window == 0 && past + 1 == keys) {
      // A decoding step: the one query comes after every key, so only padding is masked (4 ops
      // instead of 11).
      return Tensors.times(mask.neq(1).toType(DataType.FLOAT32, false), MASKED)
          .reshape(batch, 1, 1, keys);
    }
    NDArray queryIndex = m.arange((int) past, (int) (past + t)).reshape(t, 1);
    NDArray keyIndex = m.arange(0, (int) keys).reshape(1, keys);
    NDArray allowed = keyIndex.lte(queryIndex); // [T, Tk]
    if (window > 0) {
      allowed = allowed.logicalAnd(queryIndex.sub(keyIndex).lt(window));
    }
    allowed = allowed.logicalAnd(mask.eq(1).reshape(batch, 1, 1, keys)); // [B, 1, T, Tk]
    return Tensors.times(allowed.logicalNot().toType(DataType.FLOAT32, false), MASKED);
  }

  /** The language-model head (the token embedding itself when tied). */
  public Linear lmHead() {
    return lmHead;
  }

  public int layers() {
    return blocks.size();
  }
}
