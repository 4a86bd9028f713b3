package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for the tokens seen so far, [B, Hkv, Tpast, D] each. Each layer's
 * keys and values live in preallocated buffers [B, Hkv, capacity, D] that new tokens are written
 * into in place (a decoding step copies only its own token, not the whole past as concatenation
 * would); a buffer that fills up is replaced by one twice as long. Beam search reorders rows in
 * place. The buffers belong to the cache's own manager, outside any per-step NDScope, and are freed
 * as they are replaced.
 */
public final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private final NDArray[] keys; // [B, Hkv, capacity, D], or null before the first append
  private final NDArray[] values;
  private final long[] lengths; // tokens written per layer
  private final int initialCapacity;

  public KvCache(NDManager parent, int layers) {
    this(parent, layers, 0);
  }

  /**
   * @param capacity tokens to reserve room for (prompt plus new tokens); more still fit
   */
  public KvCache(NDManager parent, int layers, int capacity) {
    this.manager = parent.newSubManager();
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
    this.lengths = new long[layers];
    this.initialCapacity = capacity;
  }

  /** Tokens already cached. */
  public long length() {
    return lengths[0];
  }

  /**
   * Attention of new queries over this layer's cached keys and values and the new ones, which it
   * appends.
   *
   * @param q queries [B, T, H, D]
   * @param k new keys [B, T, Hkv, D]
   * @param v new values [B, T, Hkv, D]
   * @param bias added to the scores [B, 1, T, Tpast + T]
   * @param scale the factor on q.k
   * @return [B, T, H*D]
   */
  NDArray attend(int layer, NDArray q, NDArray k, NDArray v, NDArray bias, double scale) {
    long past = lengths[layer];
    long total = past + k.getShape().get(1);
    if (keys[layer] == null || total > keys[layer].getShape().get(2)) {
      long capacity =
          Math.max(
              total,
              Math.max(
                  initialCapacity, 2 * (keys[layer] == null ? 0 : keys[layer].getShape().get(2))));
      replace(
          layer, grown(keys[layer], k, past, capacity), grown(values[layer], v, past, capacity));
    }
    NDArray y =
        TorchScriptOp.CACHED_ATTENTION.apply(
            keys[layer],
            values[layer],
            q,
            k,
            v,
            bias,
            k.getManager().create(new double[] {past, scale}));
    lengths[layer] = total;
    return y;
  }

  /** This layer's cached keys and values [B, Hkv, Tpast, D] (views of the buffers). */
  NDArray[] cached(int layer) {
    NDIndex filled = new NDIndex(":, :, :{}", lengths[layer]);
    return new NDArray[] {keys[layer].get(filled), values[layer].get(filled)};
  }

  /**
   * Row r takes what row {@code sources[r]} holds at positions {@code from} and after, as beam
   * search reorders its beams after each step; positions before {@code from} must already be equal
   * in each row and its source (the prompt that a prompt's beams share, and the tokens that all its
   * reordered beams have in common). That span of each buffer goes through one copy and back.
   * Copying every filled position (even into a spare buffer, swapped in) took a quarter of a beam
   * step; beams of one prompt mostly differ in their last few tokens only.
   *
   * @param sources one source row per row of the batch
   * @param from the first position that may differ between a row and its source
   */
  public void reorderRows(long[] sources, long from) {
    boolean unchanged = true;
    for (int r = 0; r < sources.length; r++) {
      unchanged &= sources[r] == r;
    }
    if (unchanged || keys[0] == null || from >= lengths[0]) {
      return;
    }
    try (NDScope scope = new NDScope()) {
      NDArray rows = manager.create(sources);
      NDArray span = manager.create(new long[] {from, lengths[0]});
      for (int i = 0; i < keys.length; i++) {
        TorchScriptOp.REORDER_ROWS.apply(keys[i], rows, span);
        TorchScriptOp.REORDER_ROWS.apply(values[i], rows, span);
      }
    }
  }

  /**
   * A buffer [B, Hkv, capacity, D] in the type and on the device of {@code like} [B, T, Hkv, D],
   * holding the first {@code past} tokens of {@code old}.
   */
  private NDArray grown(NDArray old, NDArray like, long past, long capacity) {
    Shape s = like.getShape();
    NDArray zeros =
        keep(
            manager.zeros(
                new Shape(s.get(0), s.get(2), capacity, s.get(3)),
                DataType.FLOAT32,
                like.getDevice()));
    NDArray buffer =
        Tensors.like(zeros, like); // a bfloat16 buffer is made by casting: DJL cannot create one
    if (buffer != zeros) {
      zeros.close();
      buffer = keep(buffer);
    }
    if (old != null && past > 0) {
      try (NDArray filled = old.get(new NDIndex(":, :, :{}", past))) {
        buffer.set(new NDIndex(":, :, :{}", past), filled);
      }
    }
    return buffer;
  }

  private NDArray keep(NDArray a) {
    NDScope.unregister(a);
    a.attach(manager);
    return a;
  }

  private void replace(int layer, NDArray k, NDArray v) {
    if (keys[layer] != null && keys[layer] != k) {
      keys[layer].close();
      values[layer].close();
    }
    keys[layer] = k;
    values[layer] = v;
  }

  @Override
  public void close() {
    manager.close();
  }
}
