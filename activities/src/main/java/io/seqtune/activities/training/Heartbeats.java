package io.seqtune.activities.training;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The heartbeats of one training attempt. Between steps the loop beats with fresh progress; around
 * long blocking work (downloads, loading the engine and model, uploading a checkpoint) {@link
 * #during} keeps re-sending the latest progress, so a short heartbeat timeout only catches dead
 * workers. A cancellation seen meanwhile is kept for {@link #stopped()}.
 */
final class Heartbeats {
  private final ActivityExecutionContext activity;
  private final Duration keepAliveEvery;
  private final AtomicReference<ActivityCompletionException> stopped = new AtomicReference<>();
  private volatile TrainingProgress latest;

  Heartbeats(ActivityExecutionContext activity, TrainingProgress initial) {
    this.activity = activity;
    Duration timeout = activity.getInfo().getHeartbeatTimeout();
    this.keepAliveEvery = timeout.isZero() ? Duration.ofSeconds(10) : timeout.dividedBy(4);
    this.latest = initial;
  }

  /**
   * Sends {@code progress}; throws when the attempt was cancelled or is no longer the current one.
   */
  void beat(TrainingProgress progress) {
    latest = progress;
    activity.heartbeat(progress);
  }

  /** Runs {@code work} while a daemon thread re-sends the latest progress. */
  <T> T during(Supplier<T> work) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "training-keepalive");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(
        () -> {
          try {
            activity.heartbeat(latest);
          } catch (ActivityCompletionException e) {
            stopped.compareAndSet(null, e);
          } catch (RuntimeException e) {
            // A failed send is retried at the next tick; the server's timeout decides.
          }
        },
        0,
        keepAliveEvery.toMillis(),
        TimeUnit.MILLISECONDS);
    try {
      return work.get();
    } finally {
      timer.shutdownNow();
    }
  }

  /** The cancellation (or loss of the attempt) a keep-alive heartbeat saw, if any. */
  Optional<ActivityCompletionException> stopped() {
    return Optional.ofNullable(stopped.get());
  }
}
