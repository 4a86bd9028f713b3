package io.seqtune.activities.evaluation;

import io.seqtune.activities.ActivityFailures;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.evaluation.EvalResult;
import io.seqtune.core.evaluation.EvaluateInput;
import io.seqtune.core.evaluation.TestSetEvaluator;
import io.temporal.activity.Activity;
import java.nio.file.Path;
import java.util.UUID;

/** The {@code Evaluate} activity: a {@link TestSetEvaluator} heartbeating decoded counts. */
public final class EvaluationActivitiesImpl implements EvaluationActivities {
  private final WorkerContext context;

  public EvaluationActivitiesImpl(WorkerContext context) {
    this.context = context;
  }

  @Override
  public EvalResult evaluate(EvaluateInput in) {
    context.metrics().attempt("Evaluate");
    Path work = context.scratch("eval", in.runId() + "-" + UUID.randomUUID());
    try {
      return new TestSetEvaluator(context)
          .evaluate(in, work, done -> Activity.getExecutionContext().heartbeat(done));
    } catch (RuntimeException ex) {
      context.metrics().failure("Evaluate");
      throw ActivityFailures.translate(ex);
    } finally {
      WorkerContext.deleteScratch(work);
    }
  }
}
