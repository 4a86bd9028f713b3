package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;

/**
 * The decoder every architecture shares: embeddings, a stack of blocks, an optional final norm and
 * projection, and the language-model head. Architectures differ only in how they build it.
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

  public Decoder(
      Embeddings embeddings,
      List<Block> blocks,
      Norm finalNorm,
      Linear projectOut,
      Linear lmHead,
      Rotary rotary,
      int localWindow) {
    this.embeddings = embeddings;
    this.blocks = List.copyOf(blocks);
    this.finalNorm = finalNorm;
    this.projectOut = projectOut;
    this.lmHead = lmHead;
    this.rotary = rotary;
    this.localWindow = localWindow;
  }

  /**
   * @param ids new tokens [B, T] int64
   * @param mask attention mask of the cached and new tokens [B, Tpast + T] int64 (1 = real token)
   * @param cache KV cache (appended to), or null
   * @return logits [B, T, V] float32
   */
  public NDArray forward(
      NDArray ids, NDArray mask, KvCache cache, DataType compute, boolean training) {
    long t = ids.getShape().get(1);
    long past = cache == null ? 0 : cache.length();
    embeddings.checkLength(mask.getShape().get(1));
    // Position of each token among the real tokens of its row, so left padding does not shift it.
    NDArray positions = mask.cumSum(1).mul(mask).sub(1).get(":, " + past + ":"); // [B, T]
    ForwardContext ctx =
        new ForwardContext(
            attentionBias(mask, past, t, 0),
            localWindow > 0 ? attentionBias(mask, past, t, localWindow) : null,
            rotary == null ? null : rotary.angles(positions),
            training);
    NDArray x = embeddings.forward(ids, positions, compute, training);
    for (int i = 0; i < blocks.size(); i++) {
      x = blocks.get(i).forward(x, ctx, cache, i);
    }
    if (finalNorm != null) {
      x = finalNorm.forward(x);
    }
    if (projectOut != null) {
      x = projectOut.forward(x);
    }
    return Tensors.float32(lmHead.forward(x));
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
      return mask.neq(1).toType(DataType.FLOAT32, false).mul(MASKED).reshape(batch, 1, 1, keys);
    }
    NDArray queryIndex = m.arange((int) past, (int) (past + t)).reshape(t, 1);
    NDArray keyIndex = m.arange(0, (int) keys).reshape(1, keys);
    NDArray allowed = keyIndex.lte(queryIndex); // [T, Tk]
    if (window > 0) {
      allowed = allowed.logicalAnd(queryIndex.sub(keyIndex).lt(window));
    }
    allowed = allowed.logicalAnd(mask.eq(1).reshape(batch, 1, 1, keys)); // [B, 1, T, Tk]
    return allowed.logicalNot().toType(DataType.FLOAT32, false).mul(MASKED);
  }

  public int layers() {
    return blocks.size();
  }
}
