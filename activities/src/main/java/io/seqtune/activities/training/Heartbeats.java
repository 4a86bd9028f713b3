package io.seqtune.activities.training;

import io.seqtune.core.training.TrainingHeartbeat;
import io.seqtune.core.training.TrainingProgress;
import io.seqtune.core.training.TrainingStopped;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The Temporal heartbeats of one training attempt. {@link #during} re-sends the latest progress
 * from a daemon thread every quarter of the heartbeat timeout, so a short timeout only catches dead
 * workers. A cancellation (or loss of the attempt) becomes {@link TrainingStopped} carrying
 * Temporal's {@link ActivityCompletionException}; one seen by the keep-alive thread is kept for
 * {@link #throwIfStopped()}.
 */
final class Heartbeats implements TrainingHeartbeat {
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

  @Override
  public void beat(TrainingProgress progress) {
    latest = progress;
    try {
      activity.heartbeat(progress);
    } catch (ActivityCompletionException e) {
      throw new TrainingStopped(e);
    }
  }

  @Override
  public <T> T during(Supplier<T> work) {
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

  @Override
  public void throwIfStopped() {
    ActivityCompletionException e = stopped.get();
    if (e != null) {
      throw new TrainingStopped(e);
    }
  }
}
