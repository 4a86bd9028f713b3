package io.seqtune.core.training;

import io.seqtune.core.dataset.Example;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The order an epoch reads its examples in, derived from (seed, epoch) alone so that a resumed run
 * reads exactly what an uninterrupted one would. Examples are shuffled, then sorted by length
 * within windows of {@value #WINDOW_BATCHES} batches so that each batch holds similar lengths (less
 * padding, fewer wasted tokens), then whole batches are shuffled again.
 */
final class BatchOrder {
  static final int WINDOW_BATCHES = 16;

  private BatchOrder() {}

  static List<Integer> of(List<Example> examples, int batchSize, long seed, int epoch) {
    Random random = new Random(seed * 1_000_003L + epoch);
    List<Integer> order = new ArrayList<>(IntStream.range(0, examples.size()).boxed().toList());
    Collections.shuffle(order, random);
    Comparator<Integer> byLength =
        Comparator.comparingInt(
            i -> examples.get(i).input().length() + examples.get(i).output().length());
    int window = batchSize * WINDOW_BATCHES;
    for (int from = 0; from < order.size(); from += window) {
      order.subList(from, Math.min(order.size(), from + window)).sort(byLength);
    }
    List<List<Integer>> batches = new ArrayList<>();
    for (int from = 0; from < order.size(); from += batchSize) {
      batches.add(order.subList(from, Math.min(order.size(), from + batchSize)));
    }
    // The last, possibly short, batch stays last so that every other batch is full.
    List<List<Integer>> full =
        batches.subList(0, batches.size() - (order.size() % batchSize == 0 ? 0 : 1));
    Collections.shuffle(full, random);
    return batches.stream().flatMap(List::stream).toList();
  }
}
