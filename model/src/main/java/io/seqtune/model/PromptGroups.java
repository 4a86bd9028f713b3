package io.seqtune.model;

import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Decodes a batch as independent groups of prompts, one per thread, each thread running torch ops
 * on a single intra-op thread. A decoding step is many small ops: libtorch's intra-op threads gain
 * little on them (the GEMMs are too small to split well, and every parallel op pays a fork and
 * join), while prompts decode independently, so giving each core its own prompts keeps both busy
 * with no synchronisation until the end. The calling thread decodes the first group itself.
 *
 * <p>libtorch keeps the intra-op thread count per thread, but a thread that starts using torch
 * copies a process-wide value, which {@code setNumThreads} also sets: the calling thread lowers it
 * to 1 for the duration (so the decoding threads it starts copy 1) and restores its own count, and
 * with it the process-wide value, when the groups are done.
 */
final class PromptGroups {
  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          new ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
              Thread t = new Thread(r, "seqtune-decode-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            }
          });

  private PromptGroups() {}

  /**
   * The groups to decode {@code prompts} in with up to {@code threads} threads: contiguous, sizes
   * differing by at most one.
   */
  static List<List<int[]>> split(List<int[]> prompts, int threads) {
    int groups = Math.max(1, Math.min(threads, prompts.size()));
    List<List<int[]>> out = new ArrayList<>();
    int from = 0;
    for (int g = 0; g < groups; g++) {
      int size = prompts.size() / groups + (g < prompts.size() % groups ? 1 : 0);
      out.add(prompts.subList(from, from + size));
      from += size;
    }
    return out;
  }

  /**
   * {@code decode} applied to each group of {@code prompts} (see {@link #split}) on its own thread,
   * results concatenated in prompt order; with one group, the calling thread decodes it with its
   * intra-op threads as they are.
   *
   * @param decode prompts to one result per prompt; must run on any thread (it sets up its own
   *     thread-local torch state, such as no-grad mode)
   */
  static <T> List<T> decode(
      List<int[]> prompts, int threads, Function<List<int[]>, List<T>> decode) {
    List<List<int[]>> groups = split(prompts, threads);
    if (groups.size() == 1) {
      return decode.apply(prompts);
    }
    int callerThreads = JniUtils.getNumThreads();
    JniUtils.setNumThreads(1);
    try {
      List<Future<List<T>>> others = new ArrayList<>();
      for (List<int[]> group : groups.subList(1, groups.size())) {
        others.add(POOL.submit(() -> onOneThread(() -> decode.apply(group))));
      }
      List<T> out = new ArrayList<>(decode.apply(groups.get(0)));
      for (Future<List<T>> other : others) {
        out.addAll(join(other));
      }
      return out;
    } finally {
      JniUtils.setNumThreads(callerThreads);
    }
  }

  private static <T> T onOneThread(java.util.function.Supplier<T> task) {
    if (JniUtils.getNumThreads() != 1) { // a pool thread that started outside a decode() call
      JniUtils.setNumThreads(1);
    }
    return task.get();
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new CompletionException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new CompletionException(e.getCause());
    }
  }
}
