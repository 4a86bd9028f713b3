package io.seqtune.chem.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The largest live heap seen while it runs: every interval a full collection, then the heap in use.
 * Heap used without a collection counts garbage and says nothing about what a build holds; the
 * forced collections cost a few percent of the time measured beside them.
 */
public final class PeakHeap implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final ScheduledExecutorService sampler;

  public PeakHeap(long intervalMillis) {
    sample();
    sampler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "peak-heap");
              thread.setDaemon(true);
              return thread;
            });
    sampler.scheduleAtFixedRate(
        this::sample, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    memory.gc();
    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
  }

  /** Stops sampling (after one last sample) and returns the peak in bytes. */
  public long stop() {
    sampler.shutdownNow();
    try {
      sampler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
    return peak.get();
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
