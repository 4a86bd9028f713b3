package io.seqtune.activities.evaluation;

import io.seqtune.activities.spec.PipelineSpec;

/** Evaluate the model in {@code checkpointKey} on the test split of {@code datasetKey}. */
public record EvaluateInput(
    PipelineSpec spec, String runId, String datasetKey, String checkpointKey) {}
