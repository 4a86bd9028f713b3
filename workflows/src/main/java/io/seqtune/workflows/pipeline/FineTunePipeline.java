package io.seqtune.workflows.pipeline;

import io.seqtune.core.spec.PipelineSpec;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * seqtune's main job: build the dataset, train epoch by epoch with a checkpoint after each,
 * evaluate, and promote the model if it beats the task's champion. Start it with {@code temporal
 * workflow start --type FineTunePipeline --task-queue seqtune-pipeline --input '<spec json>'}.
 * Every {@link #EPOCHS_PER_RUN} epochs it continues as new as {@link FineTunePipelineContinued}.
 */
@WorkflowInterface
public interface FineTunePipeline extends PipelineQueries {
  String TYPE = "FineTunePipeline";
  String TASK_QUEUE = "seqtune-pipeline";
  int EPOCHS_PER_RUN = 10;

  @WorkflowMethod(name = TYPE)
  PipelineResult run(PipelineSpec spec);
}
