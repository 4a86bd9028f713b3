package io.seqtune.core.evaluation;

import io.seqtune.core.spec.PipelineSpec;

/** Evaluate the model in {@code checkpointKey} on the test split of {@code datasetKey}. */
public record EvaluateInput(
    PipelineSpec spec, String runId, String datasetKey, String checkpointKey) {}
