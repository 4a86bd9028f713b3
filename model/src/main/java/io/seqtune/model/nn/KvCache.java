package io.seqtune.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for the tokens seen so far, [B, Hkv, Tpast, D] each. Each layer's
 * keys and values live in preallocated buffers [B, Hkv, capacity, D] that new tokens are written
 * into in place (a decoding step copies only its own token, not the whole past as concatenation
 * would); a buffer that fills up is replaced by one twice as long. Beam search's reordering gathers
 * rows into a spare buffer of the same shape, kept for the next step. The buffers belong to the
 * cache's own manager, outside any per-step NDScope, and are freed as they are replaced.
 */
public final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private final NDArray[] keys; // [B, Hkv, capacity, D], or null before the first append
  private final NDArray[] values;
  private final NDArray[] spareKeys; // same shapes, for beam search's reordering; null until then
  private final NDArray[] spareValues;
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
    this.spareKeys = new NDArray[layers];
    this.spareValues = new NDArray[layers];
    this.lengths = new long[layers];
    this.initialCapacity = capacity;
  }

  /** Tokens already cached. */
  public long length() {
    return lengths[0];
  }

  /**
   * Appends new keys and values [B, Hkv, T, D] of one layer and returns all of them (views of the
   * buffers).
   */
  NDArray[] append(int layer, NDArray k, NDArray v) {
    long past = lengths[layer];
    long t = k.getShape().get(2);
    long total = past + t;
    if (keys[layer] == null || total > keys[layer].getShape().get(2)) {
      long capacity =
          Math.max(
              total,
              Math.max(
                  initialCapacity, 2 * (keys[layer] == null ? 0 : keys[layer].getShape().get(2))));
      replace(
          layer, grown(keys[layer], k, past, capacity), grown(values[layer], v, past, capacity));
    }
    NDList filled = // one call: four indexed reads and writes cost about 10 us each in DJL
        TorchScriptOp.CACHE_APPEND.applyAll(
            keys[layer], values[layer], k, v, k.getManager().create(past));
    lengths[layer] = total;
    return new NDArray[] {filled.get(0), filled.get(1)};
  }

  /**
   * Row r takes what row {@code sources[r]} holds, as beam search reorders its beams after each
   * step: each buffer's rows are gathered whole (a row-by-row memory copy) into a spare buffer of
   * the same shape, which then takes the buffer's place. Advanced indexing visited every element (a
   * third of a beam step), a fresh buffer per step is faulted into memory page by page, and copying
   * only the rows that change, in place, was slower still: most rows change every step, and a
   * gather of the filled positions only is strided, which takes torch's element-wise path.
   *
   * @param sources one source row per row of the batch
   */
  public void reorderRows(long[] sources) {
    boolean unchanged = true;
    for (int r = 0; r < sources.length; r++) {
      unchanged &= sources[r] == r;
    }
    if (unchanged || keys[0] == null) {
      return;
    }
    try (NDScope scope = new NDScope()) {
      NDArray rows = manager.create(sources);
      for (int i = 0; i < keys.length; i++) {
        NDArray k = gatherRows(keys[i], rows, spareKeys, i);
        NDArray v = gatherRows(values[i], rows, spareValues, i);
        spareKeys[i] = keys[i];
        spareValues[i] = values[i];
        keys[i] = k;
        values[i] = v;
      }
    }
  }

  /** Rows {@code rows} of {@code buffer} written into {@code spares[layer]} (made if missing). */
  private NDArray gatherRows(NDArray buffer, NDArray rows, NDArray[] spares, int layer) {
    NDArray spare = spares[layer];
    if (spare == null || !spare.getShape().equals(buffer.getShape())) {
      if (spare != null) {
        spare.close();
      }
      spare = keep(buffer.duplicate());
    }
    TorchScriptOp.GATHER_ROWS.apply(buffer, rows, spare).close(); // returns spare itself
    return spare;
  }

  /**
   * A buffer [B, Hkv, capacity, D] in the type and on the device of {@code like}, holding the first
   * {@code past} tokens of {@code old}.
   */
  private NDArray grown(NDArray old, NDArray like, long past, long capacity) {
    Shape s = like.getShape();
    NDArray zeros =
        keep(
            manager.zeros(
                new Shape(s.get(0), s.get(1), capacity, s.get(3)),
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
