package io.seqtune.activities;

import io.seqtune.core.WorkerContext;
import io.seqtune.core.store.Hashing;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import java.nio.file.Path;

/**
 * The local scratch directory of one activity attempt, {@code
 * <workDir>/attempts/<activityType>/<activityId>-a<attempt>-<task token hash>}: unique per attempt,
 * so a zombie attempt and its retry never share one. {@link ActivityAttemptInterceptor} deletes it
 * when the attempt ends, however it ends.
 */
public final class AttemptScratch {
  private AttemptScratch() {}

  static Path of(WorkerContext context, ActivityInfo info) {
    String token = Hashing.sha256(info.getTaskToken()).substring(0, 12);
    return context.scratch(
        "attempts",
        info.getActivityType(),
        info.getActivityId() + "-a" + info.getAttempt() + "-" + token);
  }

  /** The running attempt's directory; only inside a Temporal activity. */
  public static Path current(WorkerContext context) {
    return of(context, Activity.getExecutionContext().getInfo());
  }
}
