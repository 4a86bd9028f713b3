package io.seqtune.workflows.pipeline;

import io.seqtune.activities.spec.PipelineSpec;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * seqtune's main job: build the dataset, train epoch by epoch with a checkpoint after each,
 * evaluate, and promote the model if it beats the task's champion. Start it with
 * {@code temporal workflow start --type FineTunePipeline --task-queue seqtune-pipeline --input '<spec json>'}.
 */
@WorkflowInterface
public interface FineTunePipeline {
  String TYPE = "FineTunePipeline";
  String TASK_QUEUE = "seqtune-pipeline";

  @WorkflowMethod(name = TYPE)
  PipelineResult run(PipelineSpec spec);

  @QueryMethod(name = "progress")
  PipelineProgress progress();
}
