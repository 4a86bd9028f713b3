package io.seqtune.workflows.pipeline;

import io.temporal.workflow.QueryMethod;

/** The queries every run of a pipeline answers, whether it started it or continued it. */
public interface PipelineQueries {
  @QueryMethod(name = "progress")
  PipelineProgress progress();
}
