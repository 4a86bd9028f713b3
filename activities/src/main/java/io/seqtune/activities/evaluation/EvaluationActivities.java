package io.seqtune.activities.evaluation;

import io.seqtune.core.evaluation.EvalResult;
import io.seqtune.core.evaluation.EvaluateInput;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Judges a checkpoint on the held-out test split and stores the full report. */
@ActivityInterface
public interface EvaluationActivities {
  @ActivityMethod(name = "Evaluate")
  EvalResult evaluate(EvaluateInput input);
}
