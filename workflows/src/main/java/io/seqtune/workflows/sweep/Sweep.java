package io.seqtune.workflows.sweep;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A grid of fine-tuning runs (the paper's experiment): every cell of a {@link SweepSpec} as a child
 * {@code FineTunePipeline}, at most {@code concurrency} at a time, a failed cell recorded while the
 * others go on; then a results table and plots in {@code sweeps/<sweepId>/}.
 */
@WorkflowInterface
public interface Sweep {
  String TYPE = "Sweep";

  @WorkflowMethod(name = TYPE)
  SweepResult run(SweepSpec spec);

  @QueryMethod(name = "progress")
  SweepProgress progress();
}
