package io.seqtune.workflows.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The worker's side of {@link FineTunePipeline}: the same workflow type, its argument taken as
 * whatever JSON a client sent. Binding it to {@code PipelineSpec} before the workflow runs would
 * turn a wrong type into a decoding error that Temporal retries for ever; as JSON it reaches the
 * workflow, which names every problem and fails the run. Clients use {@link FineTunePipeline}.
 */
@WorkflowInterface
public interface FineTunePipelineJson extends PipelineQueries {
  @WorkflowMethod(name = FineTunePipeline.TYPE)
  PipelineResult run(JsonNode spec);
}
