package io.seqtune.activities.evaluation;

import io.seqtune.activities.ActivityFailures;
import io.seqtune.activities.AttemptScratch;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.evaluation.EvalResult;
import io.seqtune.core.evaluation.EvaluateInput;
import io.seqtune.core.evaluation.TestSetEvaluator;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;

/** The {@code Evaluate} activity: a {@link TestSetEvaluator} heartbeating decoded counts. */
public final class EvaluationActivitiesImpl implements EvaluationActivities {
  private final WorkerContext context;

  public EvaluationActivitiesImpl(WorkerContext context) {
    this.context = context;
  }

  @Override
  public EvalResult evaluate(EvaluateInput in) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    return ActivityFailures.translated(
        () ->
            new TestSetEvaluator(context)
                .evaluate(in, AttemptScratch.current(context), activity::heartbeat));
  }
}
