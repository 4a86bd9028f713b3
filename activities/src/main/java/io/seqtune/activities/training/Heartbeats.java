package io.seqtune.activities.training;

import io.seqtune.activities.KeepAlive;
import io.seqtune.core.training.TrainingHeartbeat;
import io.seqtune.core.training.TrainingProgress;
import io.seqtune.core.training.TrainingStopped;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The Temporal heartbeats of one training attempt. {@link #during} keeps the latest progress going
 * out ({@link KeepAlive}), so a short timeout only catches dead workers. A cancellation (or loss of
 * the attempt) becomes {@link TrainingStopped} carrying Temporal's {@link
 * ActivityCompletionException}; one seen by the keep-alive thread is kept for {@link
 * #throwIfStopped()}.
 */
final class Heartbeats implements TrainingHeartbeat {
  private final ActivityExecutionContext activity;
  private final AtomicReference<ActivityCompletionException> stopped = new AtomicReference<>();
  private volatile TrainingProgress latest;

  Heartbeats(ActivityExecutionContext activity, TrainingProgress initial) {
    this.activity = activity;
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
    try (KeepAlive alive =
        KeepAlive.start(activity, () -> latest, e -> stopped.compareAndSet(null, e))) {
      return work.get();
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
