package io.seqtune.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class KvCacheTest {
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
      cache.append(0, keys, keys.add(1000));
      cache.reorderRows(new long[] {2, 0, 0});
      NDArray[] all =
          cache.append(0, m.zeros(new Shape(3, 1, 1, 1)), m.zeros(new Shape(3, 1, 1, 1)));
      assertThat(all[0].toFloatArray()).containsExactly(200, 201, 202, 0, 0, 1, 2, 0, 0, 1, 2, 0);
      assertThat(all[1].toFloatArray())
          .containsExactly(1200, 1201, 1202, 0, 1000, 1001, 1002, 0, 1000, 1001, 1002, 0);
    }
  }

  @Test
  void reorderRowsWithEveryRowInPlaceChangesNothing() {
    try (NDManager m = NDManager.newBaseManager();
        KvCache cache = new KvCache(m, 2, 4)) {
      NDArray kv = m.arange(8f).reshape(2, 1, 4, 1);
      cache.append(0, kv, kv);
      cache.append(1, kv, kv);
      cache.reorderRows(new long[] {0, 1});
      NDArray[] all =
          cache.append(1, m.zeros(new Shape(2, 1, 0, 1)), m.zeros(new Shape(2, 1, 0, 1)));
      assertThat(all[0].toFloatArray()).containsExactly(kv.toFloatArray());
    }
  }
}
