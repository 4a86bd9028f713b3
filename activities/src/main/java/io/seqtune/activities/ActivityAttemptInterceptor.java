package io.seqtune.activities;

import io.seqtune.core.WorkerContext;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.nio.file.Path;

/**
 * What every activity attempt of a worker does around its work: counts the attempt (and, if it
 * throws, the failure) by activity type in {@code seqtune_activity_attempts_total} and {@code
 * seqtune_activity_failures_total}, and deletes its {@link AttemptScratch} directory at the end.
 * Register it with {@code WorkerFactoryOptions.setWorkerInterceptors}.
 */
public final class ActivityAttemptInterceptor extends WorkerInterceptorBase {
  private final WorkerContext context;

  public ActivityAttemptInterceptor(WorkerContext context) {
    this.context = context;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new Attempt(next);
  }

  private final class Attempt extends ActivityInboundCallsInterceptorBase {
    private ActivityExecutionContext activity;

    Attempt(ActivityInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(ActivityExecutionContext activity) {
      this.activity = activity;
      super.init(activity);
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      String type = activity.getInfo().getActivityType();
      Path scratch = AttemptScratch.of(context, activity.getInfo());
      context.metrics().attempt(type);
      try {
        return super.execute(input);
      } catch (RuntimeException | Error e) {
        context.metrics().failure(type);
        throw e;
      } finally {
        WorkerContext.deleteScratch(scratch);
      }
    }
  }
}
