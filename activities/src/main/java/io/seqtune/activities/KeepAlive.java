package io.seqtune.activities;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A daemon thread that re-sends an activity's latest heartbeat details every quarter of its
 * heartbeat timeout while blocking work runs (loading a model, a validation pass, uploading), so a
 * short timeout only catches dead workers. A cancellation it learns of goes to {@code onStop}.
 */
public final class KeepAlive implements AutoCloseable {
  private final ScheduledExecutorService timer;

  private KeepAlive(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  public static KeepAlive start(
      ActivityExecutionContext activity,
      Supplier<Object> latest,
      Consumer<ActivityCompletionException> onStop) {
    Duration timeout = activity.getInfo().getHeartbeatTimeout();
    Duration every = timeout.isZero() ? Duration.ofSeconds(10) : timeout.dividedBy(4);
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "activity-keepalive");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(
        () -> {
          try {
            activity.heartbeat(latest.get());
          } catch (ActivityCompletionException e) {
            onStop.accept(e);
          } catch (RuntimeException e) {
            // A failed send is retried at the next tick; the server's timeout decides.
          }
        },
        0,
        every.toMillis(),
        TimeUnit.MILLISECONDS);
    return new KeepAlive(timer);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
