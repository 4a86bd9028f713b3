package io.seqtune.activities.evaluation;

import io.seqtune.activities.ActivityFailures;
import io.seqtune.activities.AttemptScratch;
import io.seqtune.activities.KeepAlive;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.evaluation.EvalResult;
import io.seqtune.core.evaluation.EvaluateInput;
import io.seqtune.core.evaluation.TestSetEvaluator;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.concurrent.atomic.AtomicInteger;

/** The {@code Evaluate} activity: a {@link TestSetEvaluator} heartbeating decoded counts. */
public final class EvaluationActivitiesImpl implements EvaluationActivities {
  private final WorkerContext context;

  public EvaluationActivitiesImpl(WorkerContext context) {
    this.context = context;
  }

  @Override
  public EvalResult evaluate(EvaluateInput in) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    AtomicInteger decoded = new AtomicInteger();
    // Loading the model and scoring run between the per-batch heartbeats: keep those alive too.
    try (KeepAlive alive = KeepAlive.start(activity, decoded::get, stop -> {})) {
      return ActivityFailures.translated(
          () ->
              new TestSetEvaluator(context)
                  .evaluate(
                      in,
                      AttemptScratch.current(context),
                      done -> {
                        decoded.set(done);
                        activity.heartbeat(done);
                      }));
    }
  }
}
