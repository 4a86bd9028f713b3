package io.seqtune.workflows.pipeline;

import io.seqtune.core.spec.PipelineSpec;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A pipeline run continued as new after {@link FineTunePipeline#EPOCHS_PER_RUN} epochs, so that no
 * run's history grows with the number of epochs. Same workflow id, same {@code progress} query;
 * started only by a pipeline run itself.
 */
@WorkflowInterface
public interface FineTunePipelineContinued extends PipelineQueries {
  String TYPE = "FineTunePipelineContinued";

  @WorkflowMethod(name = TYPE)
  PipelineResult carryOn(PipelineSpec spec, PipelineCarry carried);
}
