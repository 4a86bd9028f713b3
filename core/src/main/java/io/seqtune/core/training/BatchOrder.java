package io.seqtune.core.training;

import java.util.Arrays;
import java.util.Random;

/**
 * The order an epoch reads its examples in, derived from (seed, epoch) alone so that a resumed run
 * reads exactly what an uninterrupted one would. Examples are shuffled, then sorted by length
 * within windows of {@value #WINDOW_BATCHES} batches so that each batch holds similar lengths (less
 * padding, fewer wasted tokens), then whole batches are shuffled again. It needs only the lengths:
 * 4 bytes a row, plus one window's sort keys.
 *
 * <p>The shuffles are those of {@link java.util.Collections#shuffle(java.util.List, Random)} and
 * the window sort is stable, so the order is the one that method and a stable list sort give.
 */
final class BatchOrder {
  static final int WINDOW_BATCHES = 16;

  private BatchOrder() {}

  /**
   * Example positions in reading order; {@code lengths[i]} is example {@code i}'s input plus output
   * length.
   */
  static int[] of(int[] lengths, int batchSize, long seed, int epoch) {
    Random random = new Random(seed * 1_000_003L + epoch);
    int n = lengths.length;
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    shuffle(order, random);
    int window = batchSize * WINDOW_BATCHES;
    for (int from = 0; from < n; from += window) {
      sortByLength(order, from, Math.min(n, from + window), lengths);
    }
    // The last, possibly short, batch stays last so that every other batch is full.
    int[] batches = new int[n / batchSize];
    Arrays.setAll(batches, b -> b);
    shuffle(batches, random);
    int[] out = new int[n];
    for (int b = 0; b < batches.length; b++) {
      System.arraycopy(order, batches[b] * batchSize, out, b * batchSize, batchSize);
    }
    int tail = batches.length * batchSize;
    System.arraycopy(order, tail, out, tail, n - tail);
    return out;
  }

  /** The swaps {@code Collections.shuffle} makes with the same {@code random}. */
  private static void shuffle(int[] values, Random random) {
    for (int i = values.length; i > 1; i--) {
      int j = random.nextInt(i);
      int swapped = values[i - 1];
      values[i - 1] = values[j];
      values[j] = swapped;
    }
  }

  /** Stable sort of {@code order[from, to)} by length: ties keep their order. */
  private static void sortByLength(int[] order, int from, int to, int[] lengths) {
    long[] keys = new long[to - from];
    for (int i = from; i < to; i++) {
      keys[i - from] = (long) lengths[order[i]] << 32 | (i - from);
    }
    Arrays.sort(keys);
    int[] sorted = new int[keys.length];
    for (int k = 0; k < keys.length; k++) {
      sorted[k] = order[from + (int) keys[k]];
    }
    System.arraycopy(sorted, 0, order, from, sorted.length);
  }
}
