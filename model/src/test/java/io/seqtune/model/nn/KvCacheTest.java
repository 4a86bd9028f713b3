package io.seqtune.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class KvCacheTest {
  /**
   * Appends keys and values [B, Hkv, T, D] (laid out as the projection's [B, T, Hkv, D] when Hkv
   * and D are 1) through an attention call and returns everything cached.
   */
  private static NDArray[] append(KvCache cache, int layer, NDArray k, NDArray v) {
    Shape s = k.getShape();
    NDManager m = k.getManager();
    NDArray asProjected = k.reshape(s.get(0), s.get(2), s.get(1), s.get(3));
    cache
        .attend(
            layer,
            m.zeros(asProjected.getShape()),
            asProjected,
            v.reshape(asProjected.getShape()),
            m.zeros(new Shape(s.get(0), 1, s.get(2), 1)), // broadcast over the keys
            1)
        .close();
    return cache.cached(layer);
  }

  @Test
  void reorderRowsCopiesEachRowFromItsSourceInPlace() {
    try (NDManager m = NDManager.newBaseManager();
        KvCache cache = new KvCache(m, 1, 8)) {
      // Row r holds r * 100 + t at position t (one head, head size 1, 3 positions).
      float[] k = new float[3 * 3];
      for (int r = 0; r < 3; r++) {
        for (int t = 0; t < 3; t++) {
          k[r * 3 + t] = r * 100 + t;
        }
      }
      NDArray keys = m.create(k, new Shape(3, 1, 3, 1));
      append(cache, 0, keys, keys.add(1000));
      cache.reorderRows(new long[] {2, 0, 0}, 0);
      NDArray[] all =
          append(cache, 0, m.zeros(new Shape(3, 1, 1, 1)), m.zeros(new Shape(3, 1, 1, 1)));
      assertThat(all[0].toFloatArray()).containsExactly(200, 201, 202, 0, 0, 1, 2, 0, 0, 1, 2, 0);
      assertThat(all[1].toFloatArray())
          .containsExactly(1200, 1201, 1202, 0, 1000, 1001, 1002, 0, 1000, 1001, 1002, 0);
    }
  }

  @Test
  void reorderRowsCopiesFromTheGivenPositionOnAndLeavesTheEarlierOnes() {
    try (NDManager m = NDManager.newBaseManager();
        KvCache cache = new KvCache(m, 1, 8)) {
      // Positions 0-1 are the caller's to keep equal (a prompt's beams share them); they differ
      // here to show they are left alone. Each step appends r * 100 + t to row r.
      NDArray prompt = m.create(new float[] {7, 8, 5, 6}, new Shape(2, 1, 2, 1));
      append(cache, 0, prompt, prompt);
      for (int t = 2; t < 5; t++) {
        NDArray step = m.create(new float[] {t, 100 + t}, new Shape(2, 1, 1, 1));
        append(cache, 0, step, step);
        cache.reorderRows(new long[] {1, 0}, 2); // swap: each row takes the other's history
      }
      NDArray[] all = cache.cached(0);
      // Three swaps: row 0 ends with what row 1 was given at positions 2 and 4, row 0 at 3.
      assertThat(all[0].toFloatArray()).containsExactly(7, 8, 102, 3, 104, 5, 6, 2, 103, 4);
    }
  }

  @Test
  void reorderRowsWithEveryRowInPlaceChangesNothing() {
    try (NDManager m = NDManager.newBaseManager();
        KvCache cache = new KvCache(m, 2, 4)) {
      NDArray kv = m.arange(8f).reshape(2, 1, 4, 1);
      append(cache, 0, kv, kv);
      append(cache, 1, kv, kv);
      cache.reorderRows(new long[] {0, 1}, 0);
      NDArray[] all =
          append(cache, 1, m.zeros(new Shape(2, 1, 0, 1)), m.zeros(new Shape(2, 1, 0, 1)));
      assertThat(all[0].toFloatArray()).containsExactly(kv.toFloatArray());
    }
  }
}
